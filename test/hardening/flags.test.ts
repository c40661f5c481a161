// Flags a person gets wrong: unknown, repeated, contradicting, wrong case. Each is a one-line
// usage error (exit 2, nothing written) or follows a rule the README states:
// - a flag given twice: the last one counts;
// - --dry-run wins over --force, --build and --smoke: it previews (marking what --force would
//   replace) and writes and builds nothing;
// - -h/--help and -V/--version print and exit 0 whatever else is given.
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedPaths, snapshotTree } from '../helpers/generated.js';
import { errorFormatProblem, runMain } from '../helpers/inproc.js';
import { readTree, tempDir } from '../helpers/tmp.js';

const ALL = ['--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current'];

async function usageError(argv: string[], why: RegExp) {
  const cwd = await tempDir();
  const r = await runMain(argv, cwd);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(errorFormatProblem(r.stderr)).toBeUndefined();
  expect(r.stderr).toMatch(why);
  expect(await readdir(cwd)).toEqual([]);
}

describe('unknown, misspelt and wrong-case flags are usage errors', () => {
  it.each([
    [['p', '--frobnicate', '-y'], /unknown option '--frobnicate'/],
    [['p', '--KIND', 'app', '-y'], /unknown option '--KIND'/],
    [['p', '-x', '-y'], /unknown option '-x'/],
    [['p', '--yes=false'], /unknown option|does not take/],
    [['p', '--git', '-y'], /unknown option '--git'/],
    [['p', '--no-kind', '-y'], /unknown option '--no-kind'/],
    [['p', '--runtime', 'Tokio', '-y'], /'Tokio' is invalid.*tokio, async-std/],
    [['p', '--kind', 'Module', '-y'], /'Module' is invalid.*module, app/],
    [['p', '--stack', 'CURRENT', '-y'], /'CURRENT' is invalid.*current, legacy/],
    [['p', '--ci', 'GitHub', '-y'], /'GitHub' is invalid.*github, none/],
    [['p', '--runtime', 'async_std', '-y'], /'async_std' is invalid/],
    [['p', '--name'], /argument missing/],
    [['a', 'b', '-y'], /too many arguments/],
    [['p', '-y', '--', '--force'], /only for `dev`/],
    [['doctor', '--kind', 'app'], /unknown option '--kind'/],
    [['p', '-y', '--uvloop', '--no-uvloop'], /contradict/],
    [['p', '-y', '--no-uvloop', '--uvloop'], /contradict/],
    [['p', '-y', '--pyo3-version', '0.30', '--stack', 'legacy'], /not supported by the legacy stack/],
  ])('%j', async (argv, why) => usageError(argv, why));

  // Commander appends "(Did you mean --force?)" on a line of its own, between the error and the hint.
  it.each([
    [['p', '--forse', '-y'], /--force/],
    [['p', '--dryrun', '-y'], /--dry-run/],
  ])('a near miss %j still gives one error line (+ hint) and names the flag meant', async (argv, why) => usageError(argv, why));
});

describe('repeated flags: the last one counts', () => {
  it.each([
    [['--kind', 'module', '--kind', 'app'], { kind: 'app' }],
    [['--kind', 'app', '--kind', 'module'], { kind: 'module' }],
    [['--runtime', 'tokio', '--runtime', 'async-std'], { runtime: 'async-std' }],
    [['--stack', 'legacy', '--stack', 'current'], { stack: 'current' }],
    [['--name', 'first', '--name', 'second'], { crateName: 'second' }],
    [['--description', 'one', '--description', 'two'], { description: 'two' }],
    [['--pyo3-version', '0.28', '--pyo3-version', '0.29'], { pyo3: '0.29' }],
    [['--uvloop', '--uvloop'], { uvloop: true }],
    [['--ci', 'none', '--ci', 'github'], { ci: 'github' }],
  ])('%j', async (args, expected) => {
    const cwd = await tempDir();
    const r = await runMain(['p', '-y', '-y', '--dry-run', '--json', ...args], cwd);
    expect(r.stderr.replace(/^warning: .*\n/gm, '')).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).options).toMatchObject(expected);
  });

  it('a value that looks like a flag is a value, not a contradiction', async () => {
    const cwd = await tempDir();
    const r = await runMain(['p', '--description', '--no-uvloop', '--uvloop', '-y', '--dry-run', '--json'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).options).toMatchObject({ description: '--no-uvloop', uvloop: true });
  });
});

describe('--dry-run wins over --force, --build and --smoke', () => {
  it('--dry-run --force previews what would be replaced and changes nothing', async () => {
    const cwd = await tempDir();
    const dir = join(cwd, 'proj');
    await mkdir(dir);
    await writeFile(join(dir, 'Cargo.toml'), 'mine');
    await writeFile(join(dir, 'notes.txt'), 'keep');
    const before = await snapshotTree(cwd);
    const text = await runMain(['proj', '--dry-run', '--force', ...ALL], cwd);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Cargo.toml (would replace)');
    expect(text.stdout).toContain('nothing was written');
    const json = await runMain(['proj', '--force', '--dry-run', '--json', ...ALL], cwd);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, dryRun: true, replaced: ['Cargo.toml'] });
    expect(changedPaths(before, await snapshotTree(cwd))).toEqual([]);
  });

  it('--dry-run --smoke neither writes nor runs any tool', async () => {
    const cwd = await tempDir();
    const bin = await tempDir();
    const marker = join(bin, 'ran');
    for (const tool of ['cargo', 'python3', 'maturin', 'uv', 'git']) {
      await writeFile(join(bin, tool), `#!/bin/sh\necho "${tool} $*" >> '${marker}'\nexit 1\n`);
      await chmod(join(bin, tool), 0o755);
    }
    const r = await runMain(['proj', '--dry-run', '--smoke', '--build', ...ALL], cwd, { env: { PATH: bin } });
    expect(r.code).toBe(0);
    expect(await readdir(cwd)).toEqual([]);
    expect(await readdir(bin)).not.toContain('ran');
  });
});

describe('help and version win', () => {
  it.each([[['--help', '--frobnicate']], [['--frobnicate', '-h']], [['-V', '--kind', 'nope']]])('%j exits 0 and writes nothing', async (argv) => {
    const cwd = await tempDir();
    const r = await runMain(argv, cwd);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(await readdir(cwd)).toEqual([]);
    expect(await readTree(cwd)).toEqual({});
  });
});
