import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planMatrix } from '../../src/core/matrix.js';
import { VARIANTS } from '../../src/core/variants.js';
import { loadTemplates } from '../../src/fs/templates.js';
import { runCli } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/tmp.js';

interface Manifest {
  variants: { id: string; options: Record<string, unknown>; versions: unknown; files: { path: string; sha256: string }[] }[];
}

function oneLineError(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  expect(lines[0]).toMatch(pattern);
  expect(lines.length).toBeLessThanOrEqual(2);
}

describe('list and matrix', () => {
  it('matrix output is byte-identical across two runs and agrees with list --json', async () => {
    const cwd = await tempDir();
    const [a, b, list] = await Promise.all([
      runCli(['matrix', 'a'], cwd),
      runCli(['matrix', 'b', '--json'], cwd),
      runCli(['list', '--json'], cwd),
    ]);
    expect(a.exitCode).toBe(0);
    expect(b.exitCode).toBe(0);
    expect(a.stdout).toContain('24 variants'); // 16, and the 8 current-stack ones with every pattern
    const treeA = await readTree(join(cwd, 'a'));
    expect(await readTree(join(cwd, 'b'))).toEqual(treeA);
    expect(JSON.parse(b.stdout).files).toEqual(Object.keys(treeA).sort());

    // The built CLI renders precompiled templates; the source compiles them: same bytes.
    const planned = planMatrix(VARIANTS, await loadTemplates());
    expect(treeA).toEqual(Object.fromEntries(planned.files.map((f) => [f.path, f.contents])));

    const manifest = JSON.parse(treeA['manifest.json']!) as Manifest;
    const listed = JSON.parse(list.stdout) as { variants: { id: string; kind: string; runtime: string; uvloop: boolean; stack: string; versions: unknown }[] };
    expect(manifest.variants.map((v) => v.id)).toEqual(listed.variants.map((v) => v.id));
    for (const v of manifest.variants) {
      const l = listed.variants.find((x) => x.id === v.id)!;
      expect({ kind: v.options.kind, runtime: v.options.runtime, uvloop: v.options.uvloop, stack: v.options.stack }).toEqual({
        kind: l.kind,
        runtime: l.runtime,
        uvloop: l.uvloop,
        stack: l.stack,
      });
      expect(v.versions).toEqual(l.versions);
      const files = Object.keys(treeA).filter((p) => p.startsWith(`${v.id}/`)).map((p) => p.slice(v.id.length + 1)).sort();
      expect(v.files.map((f) => f.path).sort()).toEqual(files);
    }
  });

  it('--check passes on a fresh copy and catches a modified, a missing and an extra file', async () => {
    const cwd = await tempDir();
    const filter = ['--filter', 'kind=module,stack=current,patterns=false'];
    expect((await runCli(['matrix', 'out', ...filter], cwd)).exitCode).toBe(0);
    const clean = await runCli(['matrix', 'out', '--check', ...filter], cwd);
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toContain('matches the 4 generated variants');

    await writeFile(join(cwd, 'out/module-tokio-uvloop/src/lib.rs'), '// edited\n', { flag: 'a' });
    await rm(join(cwd, 'out/module-async-std-asyncio/pyproject.toml'));
    await writeFile(join(cwd, 'out/module-tokio-asyncio/notes.txt'), 'mine\n');
    const drift = await runCli(['matrix', 'out', '--check', '--json', ...filter], cwd);
    expect(drift.exitCode).toBe(1);
    expect(JSON.parse(drift.stdout)).toMatchObject({
      ok: false,
      modified: ['module-tokio-uvloop/src/lib.rs'],
      missing: ['module-async-std-asyncio/pyproject.toml'],
      extra: ['module-tokio-asyncio/notes.txt'],
    });
    const human = await runCli(['matrix', 'out', '--check', ...filter], cwd);
    expect(human.exitCode).toBe(1);
    expect(human.stdout).toContain('modified  module-tokio-uvloop/src/lib.rs');
    expect(human.stdout).toContain('missing   module-async-std-asyncio/pyproject.toml');

    // A different selection is drift too: the other variants' files are extra.
    const other = await runCli(['matrix', 'out', '--check', '--json', '--filter', 'id=module-tokio-asyncio'], cwd);
    expect(other.exitCode).toBe(1);
    expect((JSON.parse(other.stdout) as { extra: string[] }).extra).toContain('module-tokio-uvloop/Cargo.toml');
  });

  it('never writes into a non-empty out-dir without --force, and --force replaces only generated files', async () => {
    const cwd = await tempDir();
    expect((await runCli(['matrix', 'out', '--filter', 'id=app-tokio-asyncio'], cwd)).exitCode).toBe(0);
    await writeFile(join(cwd, 'out/app-tokio-asyncio/src/main.rs'), 'changed\n');
    await writeFile(join(cwd, 'out/keep.txt'), 'mine\n');
    const refused = await runCli(['matrix', 'out', '--filter', 'id=app-tokio-asyncio'], cwd);
    expect(refused.exitCode).toBe(2);
    oneLineError(refused.stderr, /^error: out already exists and is not empty$/);
    expect(await readFile(join(cwd, 'out/app-tokio-asyncio/src/main.rs'), 'utf8')).toBe('changed\n');

    const forced = await runCli(['matrix', 'out', '--force', '--filter', 'id=app-tokio-asyncio'], cwd);
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toContain('keep.txt');
    expect(await readFile(join(cwd, 'out/keep.txt'), 'utf8')).toBe('mine\n');
    expect((await runCli(['matrix', 'out', '--check', '--json', '--filter', 'id=app-tokio-asyncio'], cwd)).stdout).toContain('"extra": [\n    "keep.txt"\n  ]');
  });

  it('rejects an unknown filter key, --check with --force, and a missing out-dir argument with exit 2', async () => {
    const cwd = await tempDir();
    for (const args of [
      ['matrix', 'out', '--filter', 'flavour=module'],
      ['matrix', 'out', '--filter', 'kind=Module'],
      ['matrix', 'out', '--check', '--force'],
      ['matrix'],
      ['list', 'extra-arg'],
    ]) {
      const r = await runCli(args, cwd);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      oneLineError(r.stderr, /^error: /);
    }
    expect((await readTree(cwd))).toEqual({});
  });

  it('list prints the options, all 24 variants and the patterns', async () => {
    const r = await runCli(['list'], await tempDir());
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('--runtime');
    expect(r.stdout).toContain('tokio | async-std');
    expect(r.stdout).toContain('Variants (24)');
    expect(r.stdout).toMatch(/legacy-app-async-std-uvloop +pyo3 0\.20, pyo3-asyncio 0\.20, async-std 1\.13/);
    expect(r.stdout).toMatch(/^ {2}module-tokio-uvloop-patterns +pyo3 0\.30/m);
    expect(r.stdout).toContain('Patterns (5)');
    expect(r.stdout).toMatch(/^ {2}native +module · tokio, async-std · current stack: await native_sleep\(seconds\)$/m);
    const doc = JSON.parse((await runCli(['list', '--json'], await tempDir())).stdout);
    expect(doc.patterns.map((p: { name: string }) => p.name)).toEqual(['class', 'stream', 'blocking', 'callback', 'native']);
    expect(doc.patterns[0]).toMatchObject({ kinds: ['module'], runtimes: ['tokio', 'async-std'], stacks: ['current'] });
    expect(doc.patterns[1].kinds).toEqual(['module', 'app']);
    expect(doc.patterns[1].forms[1]).toMatchObject({ kind: 'app', runtimes: ['tokio', 'async-std'], stacks: ['current'], api: expect.stringContaining('into_stream') });
    expect(r.stdout).toMatch(/^ {12}app · tokio, async-std · current stack: let mut items = into_stream/m);
  });
});
