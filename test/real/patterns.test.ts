// The patterns, built for real: for each runtime, a module with every pattern made by
// `--with all`, and one made by `add all` into a project whose lib.rs (and stub) the test edited
// first. Each is formatted, linted, built, and runs its own Rust and pytest suites (both loops:
// the modules use uvloop) and stubtest; then the refusals of the built CLI.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { MATURIN_TARGET, PROJECTS, VENV, VENV_BIN, VENV_PYTHON } from '../helpers/real-env.js';
import { baseEnv, buildEnv, run } from '../helpers/real-run.js';

const ROOT = join(PROJECTS, 'patterns');
const PATTERN_TESTS = ['test_blocking.py', 'test_native_sleep.py', 'test_store.py', 'test_ticker.py', 'test_ticks.py'];
const create = (dir: string, runtime: string, extra: string[] = []) =>
  runCli([dir, '--kind', 'module', '--runtime', runtime, '--uvloop', '--stack', 'current', '--no-git', '--ci', 'none', ...extra], ROOT);

/** What a user might do to lib.rs before adding patterns: their own function, registered, and its stub and test. */
async function editProject(dir: string, moduleName: string): Promise<void> {
  const lib = join(dir, 'src/lib.rs');
  const text = await readFile(lib, 'utf8');
  const registered = text.replace(
    '    // create-pyo3-async: pattern registrations',
    '    m.add_function(wrap_pyfunction!(answer, m)?)?;\n    // create-pyo3-async: pattern registrations',
  );
  expect(registered).not.toBe(text);
  await writeFile(lib, `${registered}\n/// The user's own function, added before any pattern.\n#[pyfunction]\nfn answer() -> u32 {\n    42\n}\n`);
  const pyi = join(dir, `python/${moduleName}/_native.pyi`);
  const stub = (await readFile(pyi, 'utf8')).replace('    "await_callable",\n', '    "answer",\n    "await_callable",\n');
  await writeFile(pyi, `${stub}\ndef answer() -> int: ...\n`);
  await writeFile(join(dir, 'tests/test_user.py'), `from ${moduleName} import _native\n\n\ndef test_answer():\n    assert _native.answer() == 42\n`);
}

beforeAll(async () => {
  await rm(ROOT, { recursive: true, force: true });
  await run('mkdir', ['-p', ROOT], { cwd: PROJECTS, env: baseEnv() });
});

describe.each(['tokio', 'async-std'])('%s module', (runtime) => {
  describe.each(['with', 'add'])('made by %s', (how) => {
    const name = `pat-${runtime}-${how}`;
    const moduleName = name.replaceAll('-', '_');
    const dir = join(ROOT, name);

    it('is generated with every pattern', async () => {
      if (how === 'with') {
        const r = await create(name, runtime, ['--with', 'all']);
        expect(r.exitCode, r.stderr).toBe(0);
      } else {
        expect((await create(name, runtime)).exitCode).toBe(0);
        await editProject(dir, moduleName);
        const r = await runCli(['add', 'all', name], ROOT);
        expect(r.exitCode, r.stderr).toBe(0);
        expect(r.stdout).toContain(`Added class, stream, blocking, callback, native to ${name}`);
        const again = await runCli(['add', 'all', name], ROOT);
        expect(again.stdout).toMatch(/native is already in .*; nothing to do/);
      }
    });

    it('is rustfmt- and clippy-clean and passes its Rust tests', async () => {
      await run('cargo', ['fmt', '--check'], { cwd: dir, env: baseEnv() });
      await run('cargo', ['clippy', '--all-targets', '--color', 'never', '--', '-D', 'warnings'], { cwd: dir, env: buildEnv() });
      const test = await run('cargo', ['test', '--color', 'never'], { cwd: dir, env: buildEnv() });
      expect(test.all).toMatch(/^test patterns::blocking::tests::adler32_matches_known_values \.\.\. ok$/m);
      expect(test.all).toMatch(/^test patterns::store::tests::a_closed_store_refuses_every_use \.\.\. ok$/m);
      expect(test.all.match(/^test rust_bridge::\w+ \.\.\. ok$/gm)).toHaveLength(5);
    });

    it('builds, and passes its own pytest suite on both loops, stubtest and ruff', async () => {
      await run(VENV_PYTHON, ['-m', 'maturin', 'develop', '--quiet', '--extras', 'test'], {
        cwd: dir,
        env: { ...baseEnv(), VIRTUAL_ENV: VENV, PATH: `${VENV_BIN}${delimiter}${process.env.PATH ?? ''}`, CARGO_TARGET_DIR: MATURIN_TARGET },
      });
      const env = baseEnv();
      const pytest = await run(VENV_PYTHON, ['-m', 'pytest', '-p', 'no:cacheprovider', '-v'], { cwd: dir, env });
      expect(pytest.stdout).toMatch(/\b\d+ passed in/);
      expect(pytest.stdout).not.toMatch(/failed|error|skipped|warning/i);
      for (const file of PATTERN_TESTS) {
        for (const loop of ['asyncio', 'uvloop']) expect(pytest.stdout, `${file} on ${loop}`).toMatch(new RegExp(`^tests/${file}::\\w+\\[${loop}\\] PASSED`, 'm'));
      }
      if (how === 'add') expect(pytest.stdout).toMatch(/^tests\/test_user\.py::test_answer PASSED/m);
      await run(VENV_PYTHON, ['-m', 'mypy.stubtest', moduleName], { cwd: dir, env });
      // What the patterns write or change. (ruff >= 0.17 also flags base files of every module;
      // that is the base templates' business, not the patterns'.)
      const mine = ['python', 'README.md', ...PATTERN_TESTS.map((f) => `tests/${f}`)];
      await run(VENV_PYTHON, ['-m', 'ruff', 'check', '--no-cache', ...mine], { cwd: dir, env });
      await run(VENV_PYTHON, ['-m', 'ruff', 'format', '--no-cache', '--check', ...mine], { cwd: dir, env });
    });
  });
});

/** What a user might do to an app's lib.rs before adding patterns: a function of their own, and its test. */
async function editApp(dir: string, moduleName: string): Promise<void> {
  const lib = join(dir, 'src/lib.rs');
  await writeFile(lib, `${await readFile(lib, 'utf8')}\n/// The user's own function, added before any pattern.\npub fn answer() -> u32 {\n    42\n}\n`);
  await writeFile(join(dir, 'tests/user.rs'), `#[test]\nfn answer() {\n    assert_eq!(${moduleName}::answer(), 42);\n}\n`);
}

describe.each(['tokio', 'async-std'])('%s app', (runtime) => {
  describe.each(['with', 'add'])('made by %s', (how) => {
    const name = `pat-app-${runtime}-${how}`;
    const moduleName = name.replaceAll('-', '_');
    const dir = join(ROOT, name);

    it('is generated with every pattern that applies to apps (stream)', async () => {
      const flags = [name, '--kind', 'app', '--runtime', runtime, '--uvloop', '--stack', 'current', '--no-git', '--ci', 'none'];
      if (how === 'with') {
        const r = await runCli([...flags, '--with', 'all'], ROOT);
        expect(r.exitCode, r.stderr).toBe(0);
      } else {
        expect((await runCli(flags, ROOT)).exitCode).toBe(0);
        await editApp(dir, moduleName);
        const r = await runCli(['add', 'all', name], ROOT);
        expect(r.exitCode, r.stderr).toBe(0);
        expect(r.stdout).toContain(`Added stream to ${name}`);
        expect(r.stdout).toContain('Rebuild and test: cargo test');
        expect((await runCli(['add', 'stream', name], ROOT)).stdout).toMatch(/stream is already in .*; nothing to do/);
      }
    });

    it('is rustfmt- and clippy-clean, and passes its Rust tests, the pattern\'s among them', async () => {
      await run('cargo', ['fmt', '--check'], { cwd: dir, env: baseEnv() });
      await run('cargo', ['clippy', '--all-targets', '--color', 'never', '--', '-D', 'warnings'], { cwd: dir, env: buildEnv() });
      const test = await run('cargo', ['test', '--color', 'never'], { cwd: dir, env: buildEnv() });
      expect(test.all.match(/^test py_stream::\w+ \.\.\. ok$/gm)).toHaveLength(7);
      expect(test.all).toMatch(/^test py_stream::an_item_waited_for_is_cancelled \.\.\. ok$/m);
      expect(test.all.match(/^test rust_bridge::\w+ \.\.\. ok$/gm)).toHaveLength(4);
      if (how === 'add') expect(test.all).toMatch(/^test answer \.\.\. ok$/m);
      const run2 = await run('cargo', ['run', '--color', 'never'], { cwd: dir, env: { ...buildEnv(), VIRTUAL_ENV: VENV } });
      expect(run2.stdout).toContain('awaited a Python coroutine');
    });
  });
});

describe('refusals of the built CLI', () => {
  it('a marker removed: exit 2 with the lines to add by hand, nothing written', async () => {
    const name = 'pat-refuse';
    expect((await create(name, 'tokio')).exitCode).toBe(0);
    const init = join(ROOT, name, 'python/pat_refuse/__init__.py');
    const text = (await readFile(init, 'utf8')).replace(/^.*pattern exports.*\n/m, '');
    await writeFile(init, text);
    const r = await runCli(['add', 'blocking', name], ROOT);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('python/pat_refuse/__init__.py (blocking): the marker line is missing: # create-pyo3-async: pattern exports (do not remove this line)');
    expect(r.stderr).toContain('  |   add this line inside `__all__ = [...]`, in sorted order:\n  |         "checksum",\n');
    expect(r.stderr).toContain('  |         "sleep_blocking",\n');
    expect(await readFile(init, 'utf8')).toBe(text);
    expect((await runCli(['add', 'blocking', name, '--dry-run'], ROOT)).exitCode).toBe(2);
  });

  it("an app's Cargo.toml marker removed: exit 2 with the [[test]] table to add, nothing written", async () => {
    const name = 'pat-app-refuse';
    expect((await runCli([name, '--kind', 'app', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '--no-git', '-y'], ROOT)).exitCode).toBe(0);
    const cargo = join(ROOT, name, 'Cargo.toml');
    const text = (await readFile(cargo, 'utf8')).replace(/^.*pattern tests.*\n/m, '');
    await writeFile(cargo, text);
    const before = await readFile(join(ROOT, name, 'src/patterns.rs'), 'utf8');
    const r = await runCli(['add', 'stream', name], ROOT);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Cargo.toml (stream): the marker line is missing: # create-pyo3-async: pattern tests (do not remove this line)');
    expect(r.stderr).toContain('  |   add these lines after the `[[test]]` tables:\n  |     [[test]]\n  |     name = "py_stream"\n  |     harness = false\n');
    expect(await readFile(cargo, 'utf8')).toBe(text);
    expect(await readFile(join(ROOT, name, 'src/patterns.rs'), 'utf8')).toBe(before);
    await expect(readFile(join(ROOT, name, 'src/patterns/py_stream.rs'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('the legacy stack and the app kind: exit 2 with the reason', async () => {
    expect((await runCli(['pat-legacy', '--kind', 'module', '--runtime', 'async-std', '--no-uvloop', '--stack', 'legacy', '--no-git', '-y'], ROOT)).exitCode).toBe(0);
    expect((await runCli(['pat-app', '--kind', 'app', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '--no-git', '-y'], ROOT)).exitCode).toBe(0);
    const legacy = await runCli(['add', 'all', 'pat-legacy'], ROOT);
    expect(legacy.exitCode).toBe(2);
    expect(legacy.stderr).toMatch(/legacy stack/);
    const app = await runCli(['add', 'class', 'pat-app'], ROOT);
    expect(app.exitCode).toBe(2);
    expect(app.stderr).toMatch(/an app has no Python API/);
    const withLegacy = await runCli(['pat-legacy-2', '--kind', 'module', '--stack', 'legacy', '--with', 'class', '--no-git', '-y'], ROOT);
    expect(withLegacy.exitCode).toBe(2);
    expect(withLegacy.stderr).toMatch(/--with class: the legacy stack/);
  });
});
