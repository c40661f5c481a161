// The quick rebuild for real (src/develop/quick-rebuild.ts): after a `maturin develop`, an edit
// to the Rust sources is compiled by cargo and copied over the installed extension. Each test
// checks what Python then imports, and that maturin develop afterwards finds nothing to compile
// (the command is maturin's own); a changed pyproject.toml, a lost editable install, a damaged
// state file and a moved project go back to maturin develop; two builds at once, a build stopped
// mid-compile and a compile error leave an extension that imports; a Python process that has
// the old extension loaded keeps working while it is replaced.
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { PROJECTS, SHARED_BUILD, VENV, VENV_BIN, VENV_PYTHON } from '../helpers/real-env.js';
import { baseEnv } from '../helpers/real-run.js';

const ROOT = join(PROJECTS, 'quick-rebuild');
const DIR = join(ROOT, 'quick');
const PACKAGE = join(DIR, 'python', 'quick');
const DOC = '/// Sleep on the Rust runtime without blocking the asyncio event loop.';
const QUICK_STEP = 'compiling (cargo rustc, then the installed extension replaced, shared build cache)';

function env(): Record<string, string> {
  // No CARGO_TARGET_DIR (baseEnv drops it): the shared build cache is on, as the quick rebuild needs.
  const e = baseEnv() as Record<string, string>;
  return { ...e, VIRTUAL_ENV: VENV, PATH: `${VENV_BIN}:${e.PATH ?? ''}`, NO_COLOR: '1' };
}

interface DevRun {
  readonly exitCode: number | undefined;
  readonly all: string;
  readonly doc: { rebuild: { via: string; why: string | null }; steps: { name: string }[] } | undefined;
}

async function dev(dir = DIR, ...flags: string[]): Promise<DevRun> {
  const r = await execa(process.execPath, [BIN, 'dev', dir, '--no-smoke', '--json', ...flags], { cwd: ROOT, env: env(), extendEnv: false, reject: false, all: true });
  let doc: DevRun['doc'];
  try {
    doc = JSON.parse(String(r.stdout));
  } catch {
    doc = undefined;
  }
  return { exitCode: r.exitCode, all: String(r.all), doc };
}

const devVerbose = (...flags: string[]) =>
  execa(process.execPath, [BIN, 'dev', DIR, '--no-smoke', '--verbose', ...flags], { cwd: ROOT, env: env(), extendEnv: false, reject: false, all: true });

const compiled = (all: string) => (all.match(/^\s*Compiling (\S+) v/gm) ?? []).map((line) => line.trim().split(' ')[1]);

async function docOf(): Promise<string> {
  const r = await execa(VENV_PYTHON, ['-c', 'import quick._native as n; print(n.rust_sleep.__doc__)'], { cwd: ROOT, env: env(), extendEnv: false });
  return r.stdout;
}

async function editDoc(marker: string): Promise<void> {
  const lib = join(DIR, 'src', 'lib.rs');
  const text = await readFile(lib, 'utf8');
  const edited = text.replace(/^\/\/\/ Sleep on the Rust runtime without blocking the asyncio event loop\..*$/m, `${DOC} ${marker}`);
  expect(edited).not.toBe(text);
  await writeFile(lib, edited);
}

function expectOk(r: DevRun): void {
  expect(r.exitCode, r.all.slice(-2000)).toBe(0);
}

async function expectQuick(marker: string): Promise<void> {
  await editDoc(marker);
  const r = await dev();
  expectOk(r);
  expect(r.doc?.rebuild).toEqual({ via: 'cargo', why: null });
  expect(r.doc?.steps.map((s) => s.name)).toEqual([QUICK_STEP]);
  expect(await docOf()).toContain(marker);
}

async function expectMaturin(why: RegExp): Promise<void> {
  const r = await dev();
  expectOk(r);
  expect(r.doc?.rebuild.via).toBe('maturin develop');
  expect(r.doc?.rebuild.why).toMatch(why);
}

describe('the quick rebuild', () => {
  beforeAll(async () => {
    await rm(ROOT, { recursive: true, force: true });
    // State left by an earlier run of this file names the same project directory.
    await rm(join(SHARED_BUILD, 'develop'), { recursive: true, force: true });
    const r = await runCli([DIR, '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '--no-git', '-y'], PROJECTS);
    expect(r.exitCode, r.stderr).toBe(0);
    await expectMaturin(/no earlier maturin develop/);
  });

  it('an edit to src/lib.rs is compiled by cargo and imported; maturin develop then finds nothing to compile', async () => {
    await expectQuick('(quick 1)');
    await expectQuick('(quick 2)');
    const full = await devVerbose('--full');
    expect(full.exitCode, String(full.all).slice(-2000)).toBe(0);
    expect(String(full.all)).toContain('compiling (maturin develop --uv, shared build cache)');
    expect(compiled(String(full.all))).toEqual([]);
    expect(await docOf()).toContain('(quick 2)');
    // --full recorded the install again: the next edit is quick.
    await expectQuick('(after --full)');
  });

  it('a change to pyproject.toml goes through maturin develop, then edits are quick again', async () => {
    const file = join(DIR, 'pyproject.toml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"Typing :: Typed",', '"Typing :: Typed",\n    "Operating System :: POSIX :: Linux",'));
    await expectMaturin(/^pyproject\.toml changed$/);
    const metadata = await execa(VENV_PYTHON, ['-c', 'import importlib.metadata as m; print(m.metadata("quick").get_all("Classifier"))'], { env: env(), extendEnv: false });
    expect(metadata.stdout).toContain('Operating System :: POSIX :: Linux');
    await expectQuick('(after pyproject)');
  });

  it('a lost editable install or extension, or a damaged state file, goes through maturin develop', async () => {
    const site = (await readdir(join(VENV, 'lib'))).map((d) => join(VENV, 'lib', d, 'site-packages')).find((d) => existsSync(join(d, 'quick.pth')));
    expect(site).toBeDefined();
    await rm(join(site!, 'quick.pth'));
    await editDoc('(no pth)');
    await expectMaturin(/editable install changed/);
    expect(await docOf()).toContain('(no pth)');

    const extension = (await readdir(PACKAGE)).find((n) => n.startsWith('_native.') && n.endsWith('.so'));
    await rm(join(PACKAGE, extension!));
    await expectMaturin(/installed extension is gone/);
    expect(await docOf()).toContain('(no pth)');

    const states = join(SHARED_BUILD, 'develop');
    for (const f of await readdir(states)) await writeFile(join(states, f), '{"format": 1, "inputs": ');
    await expectMaturin(/no earlier maturin develop/);
    await expectQuick('(after damage)');
  });

  it('three quick rebuilds at once, five rounds, all succeed and leave one whole extension', async () => {
    for (let round = 1; round <= 5; round++) {
      await editDoc(`(concurrent ${round})`);
      const runs = await Promise.all([dev(), dev(), dev()]);
      for (const r of runs) expectOk(r);
      expect(runs.map((r) => r.doc?.rebuild.via)).toEqual(['cargo', 'cargo', 'cargo']);
      expect(await docOf()).toContain(`(concurrent ${round})`);
      expect((await readdir(PACKAGE)).filter((n) => n.includes('partial'))).toEqual([]);
    }
  });

  it('a running Python keeps the extension it loaded while a quick rebuild replaces it', async () => {
    const script = 'import sys, quick._native as n\nprint(n.rust_sleep.__doc__, flush=True)\nsys.stdin.readline()\nimport asyncio\nasync def main():\n    await n.rust_sleep(0.01)\nasyncio.run(main())\nprint(n.rust_sleep.__doc__)';
    const python = execa(VENV_PYTHON, ['-c', script], { env: env(), extendEnv: false, reject: false });
    await new Promise<void>((resolve) => python.stdout?.once('data', () => resolve()));
    await expectQuick('(while loaded)');
    python.stdin?.end('\n');
    const r = await python;
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toContain('(concurrent 5)');
  });

  it('a compile error fails with its location and keeps the installed extension; a build stopped mid-compile too', async () => {
    const lib = join(DIR, 'src', 'lib.rs');
    const good = await readFile(lib, 'utf8');
    await writeFile(lib, `${good}\nfn broken() -> u32 { not_defined }\n`);
    const bad = await dev(DIR);
    expect(bad.exitCode).toBe(1);
    expect(bad.all).toMatch(/cargo rustc failed: error\[E0425\]: cannot find value `not_defined`/);
    expect(bad.all).toContain('src/lib.rs:');
    expect(await docOf()).toContain('(while loaded)');
    await writeFile(lib, good);

    await editDoc('(after an interrupted build)');
    const child = devVerbose();
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no compile started: ${seen.slice(-500)}`)), 120_000);
      child.all?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/Compiling quick v/.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGINT');
    expect((await child).exitCode).toBe(130);
    expect(await docOf()).toContain('(while loaded)');
    const again = await dev();
    expectOk(again);
    expect(again.doc?.rebuild.via).toBe('cargo');
    expect(await docOf()).toContain('(after an interrupted build)');
  });

  it('a moved project goes through maturin develop (its install names the old path)', async () => {
    const moved = join(ROOT, 'quick-moved');
    await rm(moved, { recursive: true, force: true });
    await rename(DIR, moved);
    try {
      const r = await dev(moved);
      expectOk(r);
      expect(r.doc?.rebuild).toMatchObject({ via: 'maturin develop', why: expect.stringMatching(/no earlier maturin develop/) });
      const origin = await execa(VENV_PYTHON, ['-c', 'import quick._native as n; print(n.__file__)'], { env: env(), extendEnv: false });
      expect(origin.stdout).toContain(moved);
    } finally {
      await rename(moved, DIR);
    }
    await expectMaturin(/editable install changed/);
  });
});
