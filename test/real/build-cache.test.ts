// dev's shared build cache for real: a second project compiles only its own crate (pyo3
// included: dev gives maturin one shared PYO3_CONFIG_FILE, see src/develop/pyo3-config.ts);
// two builds at once both succeed; an edit after another project's build is compiled in (no
// stale result); a moved project builds without recompiling dependencies; a build interrupted
// by Ctrl-C leaves a cache the next build completes from.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { PROJECTS, SHARED_BUILD as SHARED, VENV, VENV_BIN, VENV_PYTHON } from '../helpers/real-env.js';
import { baseEnv } from '../helpers/real-run.js';

const ROOT = join(PROJECTS, 'build-cache');
const DOC = '/// Sleep on the Rust runtime without blocking the asyncio event loop.';

function env(): Record<string, string> {
  // No CARGO_TARGET_DIR (baseEnv drops it): the cache is on, in the real tier's own directory.
  const e = baseEnv() as Record<string, string>;
  return { ...e, VIRTUAL_ENV: VENV, PATH: `${VENV_BIN}:${e.PATH ?? ''}`, NO_COLOR: '1' };
}

const dev = (dir: string) => execa(process.execPath, [BIN, 'dev', dir, '--no-smoke', '--verbose'], { cwd: ROOT, env: env(), extendEnv: false, reject: false, all: true });

async function docOf(module: string): Promise<string> {
  const r = await execa(VENV_PYTHON, ['-c', `import ${module}._native as n; print(n.rust_sleep.__doc__)`], { cwd: ROOT, env: env(), extendEnv: false });
  return r.stdout;
}

async function editDoc(dir: string, marker: string): Promise<void> {
  const lib = join(dir, 'src', 'lib.rs');
  const text = await readFile(lib, 'utf8');
  const edited = text.replace(/^\/\/\/ Sleep on the Rust runtime without blocking the asyncio event loop\..*$/m, `${DOC} ${marker}`);
  expect(edited).not.toBe(text);
  await writeFile(lib, edited);
}

const compiled = (all: string) => (all.match(/^\s*Compiling (\S+) v/gm) ?? []).map((line) => line.trim().split(' ')[1]);

describe('the shared build cache', () => {
  const one = join(ROOT, 'cache-one');
  const two = join(ROOT, 'cache-two');

  beforeAll(async () => {
    await rm(ROOT, { recursive: true, force: true });
    await rm(SHARED, { recursive: true, force: true });
    for (const dir of [one, two]) {
      const r = await runCli([dir, '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '--no-git', '-y'], PROJECTS);
      expect(r.exitCode, r.stderr).toBe(0);
    }
  });

  it('a second project compiles only its own crate', async () => {
    const first = await dev(one);
    expect(first.exitCode, String(first.all).slice(-2000)).toBe(0);
    expect(String(first.all)).toContain('compiling (maturin develop --uv, shared build cache)');
    expect(compiled(String(first.all))).toContain('tokio');
    expect(compiled(String(first.all)).length).toBeGreaterThan(20);
    const second = await dev(two);
    expect(second.exitCode, String(second.all).slice(-2000)).toBe(0);
    expect(compiled(String(second.all))).toEqual(['cache-two']);
    expect(await docOf('cache_two')).toContain('Sleep on the Rust runtime');
  });

  it('two builds at once both succeed, each with its own edit compiled in', async () => {
    await editDoc(one, '(one, concurrent)');
    await editDoc(two, '(two, concurrent)');
    const [a, b] = await Promise.all([dev(one), dev(two)]);
    expect(a.exitCode, String(a.all).slice(-2000)).toBe(0);
    expect(b.exitCode, String(b.all).slice(-2000)).toBe(0);
    expect(await docOf('cache_one')).toContain('(one, concurrent)');
    expect(await docOf('cache_two')).toContain('(two, concurrent)');
  });

  it('an edit after the other project built is compiled in, not served stale', async () => {
    await editDoc(one, '(one, after two)');
    expect((await dev(one)).exitCode).toBe(0);
    expect(await docOf('cache_one')).toContain('(one, after two)');
    expect(await docOf('cache_two')).toContain('(two, concurrent)');
  });

  it('a moved project builds without compiling its dependencies again', async () => {
    const moved = join(ROOT, 'cache-one-moved');
    await rm(moved, { recursive: true, force: true });
    await rename(one, moved);
    try {
      await editDoc(moved, '(moved)');
      const r = await dev(moved);
      expect(r.exitCode, String(r.all).slice(-2000)).toBe(0);
      expect(compiled(String(r.all))).toEqual(['cache-one']);
      expect(await docOf('cache_one')).toContain('(moved)');
    } finally {
      await rename(moved, one);
    }
  });

  it('a build stopped by Ctrl-C mid-compile leaves a cache the next build completes from', async () => {
    await editDoc(two, '(after an interrupted build)');
    const child = dev(two);
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no compile started: ${seen.slice(-500)}`)), 120_000);
      child.all?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/Compiling cache-two v/.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGINT');
    expect((await child).exitCode).toBe(130);
    const again = await dev(two);
    expect(again.exitCode, String(again.all).slice(-2000)).toBe(0);
    expect(compiled(String(again.all))).toEqual(['cache-two']);
    expect(await docOf('cache_two')).toContain('(after an interrupted build)');
  });
});
