import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/tmp.js';

const ALL = ['--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current'];

function oneLineError(stderr: string) {
  const lines = stderr.trim().split('\n');
  expect(lines[0]).toMatch(/^error: /);
  expect(lines.length).toBeLessThanOrEqual(2);
  if (lines[1] !== undefined) expect(lines[1]).toMatch(/^hint: /);
}

describe('the built CLI', () => {
  it('prints help and version and exits 0', async () => {
    const cwd = await tempDir();
    const help = await runCli(['--help'], cwd);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Usage: create-pyo3-async [options] [command] [directory]');
    for (const command of ['dev [options] [dir]', 'smoke [options] [dir]', 'doctor [options] [dir]']) expect(help.stdout).toContain(command);
    const version = await runCli(['-V'], cwd);
    expect(version.exitCode).toBe(0);
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version.stdout).toBe(pkg.version);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('without a terminal and without flags, fails with exit 2 naming the flags, and writes nothing', async () => {
    const cwd = await tempDir();
    const r = await runCli([], cwd);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    oneLineError(r.stderr);
    expect(r.stderr).toContain('--kind, --runtime, --uvloop/--no-uvloop, --stack');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('--yes writes the default project and prints next steps', async () => {
    const cwd = await tempDir();
    const r = await runCli(['my-lib', '--yes'], cwd);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Created my-lib in my-lib');
    expect(r.stdout).toContain('maturin develop');
    expect(Object.keys(await readTree(join(cwd, 'my-lib'))).sort()).toEqual([
      '.github/workflows/CI.yml',
      '.gitignore',
      'Cargo.toml',
      'README.md',
      'build.rs',
      'pyproject.toml',
      'python/my_lib/__init__.py',
      'python/my_lib/_native.pyi',
      'python/my_lib/py.typed',
      'src/bridge.rs',
      'src/lib.rs',
      'src/patterns.rs',
      'src/runtime.rs',
      'tests/exit_scenarios.py',
      'tests/rust_bridge.rs',
      'tests/test_bridge.py',
      'tests/test_exit.py',
      'tests/test_my_lib.py',
    ]);
    expect(await readdir(cwd)).toEqual(['my-lib']);
  });

  it('--json prints exactly one JSON document on stdout; warnings go to stderr', async () => {
    const cwd = await tempDir();
    const r = await runCli(['my-app', '--json', '--kind', 'app', '--runtime', 'async-std', '--uvloop', '--stack', 'current'], cwd);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      ok: true,
      dryRun: false,
      directory: 'my-app',
      options: { crateName: 'my-app', kind: 'app', runtime: 'async-std', uvloop: true, stack: 'current' },
      replaced: [],
    });
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual([
      '.github/workflows/CI.yml',
      '.gitignore',
      'Cargo.toml',
      'README.md',
      'build.rs',
      'examples/exit_in_flight.rs',
      'src/bridge.rs',
      'src/lib.rs',
      'src/main.rs',
      'src/patterns.rs',
      'src/runtime.rs',
      'tests/rust_bridge.rs',
    ]);
    expect(doc.nextSteps).toEqual(['cd my-app', 'python3 -m venv .venv', '. .venv/bin/activate', 'pip install uvloop', 'cargo run']);
    expect(r.stderr).toMatch(/^warning: async-std is discontinued upstream/);
  });

  it('--json errors are JSON on stdout too, with the exit code', async () => {
    const cwd = await tempDir();
    const r = await runCli(['--json', '--pyo3-version', '0.27', '--yes'], cwd);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      error: { message: 'pyo3 0.27 is not supported by the current stack', hint: expect.any(String), exitCode: 2, details: [], causes: [] },
    });
  });

  it('--dry-run lists the files and writes nothing', async () => {
    const cwd = await tempDir();
    const r = await runCli(['p', '--dry-run', ...ALL], cwd);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Would create p');
    expect(r.stdout).toContain('src/lib.rs');
    expect(r.stdout).toContain('nothing was written');
    expect(await readdir(cwd)).toEqual([]);
    const j = await runCli(['p', '--dry-run', '--json', ...ALL], cwd);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: true, dryRun: true });
    expect(await readdir(cwd)).toEqual([]);
  });

  it('refuses a non-empty directory without --force, and with it replaces only generated files', async () => {
    const cwd = await tempDir();
    const dir = join(cwd, 'proj');
    await mkdir(dir);
    await writeFile(join(dir, 'Cargo.toml'), 'mine');
    await writeFile(join(dir, 'keep.txt'), 'keep');
    const refused = await runCli(['proj', ...ALL], cwd);
    expect(refused.exitCode).toBe(2);
    oneLineError(refused.stderr);
    expect(refused.stderr).toContain('--force');
    expect(await readTree(dir)).toEqual({ 'Cargo.toml': 'mine', 'keep.txt': 'keep' });

    const dry = await runCli(['proj', '--force', '--dry-run', ...ALL], cwd);
    expect(dry.stdout).toContain('Cargo.toml (would replace)');
    expect(await readTree(dir)).toEqual({ 'Cargo.toml': 'mine', 'keep.txt': 'keep' });

    const forced = await runCli(['proj', '--force', '--json', ...ALL], cwd);
    expect(forced.exitCode).toBe(0);
    expect(JSON.parse(forced.stdout).replaced).toEqual(['Cargo.toml']);
    const tree = await readTree(dir);
    expect(tree['keep.txt']).toBe('keep');
    expect(tree['Cargo.toml']).toContain('name = "proj"');
    expect((await readdir(dir)).filter((n) => n.startsWith('.create'))).toEqual([]);
  });

  it.each([
    [['--kind', 'Tokio'], /argument 'Tokio' is invalid/],
    [['--name', 'x;touch pwned', '--yes'], /invalid project name/],
    [['--name', '../escape', '--yes'], /invalid project name/],
    [['--name', '..', '--yes'], /invalid project name/],
    [['--yes', '--uvloop', '--no-uvloop'], /contradict/],
    [['--pyo3-version', '0.21', '--yes'], /pyo3 0.21 is not supported by the current stack/],
    [['--stack', 'legacy', '--pyo3-version', '0.30', '--yes'], /pyo3 0.30 is not supported by the legacy stack/],
    [['--name', 'asyncio', '--yes'], /shadow/],
    [['--frobnicate'], /unknown option/],
  ])('%j is a usage error (exit 2) that writes nothing', async (args, why) => {
    const cwd = await tempDir();
    const r = await runCli(args, cwd);
    expect(r.exitCode).toBe(2);
    oneLineError(r.stderr);
    expect(r.stderr).toMatch(why);
    expect(await readdir(cwd)).toEqual([]);
    expect(existsSync(join(cwd, 'pwned'))).toBe(false);
  });

  it('refuses a target that is a file', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'taken'), 'x');
    const r = await runCli(['taken', ...ALL], cwd);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/taken exists and is not a directory/);
    expect(await readFile(join(cwd, 'taken'), 'utf8')).toBe('x');
  });

  it.skipIf(process.getuid?.() === 0)('fails with exit 1 when the directory cannot be written', async () => {
    const cwd = await tempDir();
    await chmod(cwd, 0o555);
    const r = await runCli(['p', ...ALL], cwd);
    await chmod(cwd, 0o755);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/permission denied/);
  });

  it('works with spaces and quotes in the directory path', async () => {
    const cwd = await tempDir();
    const r = await runCli([`it's a "dir"/my proj`, '--name', 'my-proj', ...ALL], cwd);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`cd 'it'\\''s a "dir"/my proj'`);
    expect(Object.keys(await readTree(join(cwd, `it's a "dir"`, 'my proj')))).toContain('src/lib.rs');
  });

  it('gives byte-identical trees for the same answers', async () => {
    const cwd = await tempDir();
    await runCli(['one', '--name', 'same', '--description', 'd "q" ü', ...ALL], cwd);
    await runCli(['two', '--name', 'same', '--description', 'd "q" ü', ...ALL], cwd);
    expect(await readTree(join(cwd, 'one'))).toEqual(await readTree(join(cwd, 'two')));
  });

  it('--verbose on a usage error adds no stack frame (it has no cause); colour only when asked for', async () => {
    const cwd = await tempDir();
    const quiet = await runCli(['--name', 'fn', '--yes'], cwd);
    const verbose = await runCli(['--name', 'fn', '--yes', '--verbose'], cwd);
    expect(verbose.stderr).toBe(quiet.stderr);
    expect(verbose.exitCode).toBe(2);
    expect(quiet.stderr).not.toMatch(/\x1b\[/);
  });
});
