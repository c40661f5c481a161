// The uv route and the release artefacts of generated modules, as a user meets them: `uv sync`
// and `uv run pytest` as generated, `uv run` rebuilding after a Rust edit, `uv build`, the
// sdist's exact file list, the abi3 wheel installed on an old and a new CPython with no Rust
// toolchain, and `create-pyo3-async dev` in the .venv uv made. Two variants cover both runtimes
// and both event loops; the others share these templates (snapshots show the files).
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { planProject } from '../../src/core/plan.js';
import { loadTemplates } from '../../src/fs/templates.js';
import { BIN, runCli } from '../helpers/cli.js';
import { allVariants } from '../helpers/variants.js';
import { CACHE, PROJECTS, UV, UV_TARGET } from '../helpers/real-env.js';
import { baseEnv, run } from '../helpers/real-run.js';
import { findPython, pathWithout } from '../helpers/real-tools.js';

const CHECK_MODULE = fileURLToPath(new URL('./check_module.py', import.meta.url));
const ROOT = join(PROJECTS, 'uv');
const IDS = ['module-tokio-asyncio', 'module-async-std-uvloop'];
const variants = allVariants().filter((v) => IDS.includes(v.id));
const templates = await loadTemplates();

// The oldest Python the current stack supports and the newest this machine has.
const OLD = findPython('3.10');
const NEW = findPython('3.13');
/** The interpreter uv builds and syncs with. */
const UV_PYTHON = NEW ?? 'python3';

// uv on PATH as a user who works with uv has it, but not the rest of the real tier's venv:
// `uv run pytest` must find pytest in the project's own .venv, not fall back to another one on
// PATH. No Python downloads: uv must use the interpreter it is given.
const UV_BIN = join(CACHE, 'uv-bin');
const uvEnv = () => ({
  ...baseEnv(),
  PATH: [UV_BIN, process.env.PATH ?? ''].join(delimiter),
  CARGO_TARGET_DIR: UV_TARGET,
  UV_PYTHON_DOWNLOADS: 'never',
  NO_COLOR: '1',
});
const uv = (dir: string, args: string[]) => run(UV, args, { cwd: dir, env: uvEnv() });

// Reads a symbol the test appends to src/lib.rs from the built extension: proof of which build
// is installed that does not depend on what the generated Rust code does.
const MARKER = 'CPA_EDIT_MARKER';
const READ_MARKER = `
import ctypes, importlib, sys
native = importlib.import_module(sys.argv[1] + "._native")
try:
    print(bytes((ctypes.c_char * 16).in_dll(ctypes.CDLL(native.__file__), "${MARKER}")).decode())
except ValueError:
    print("no marker")
`;

beforeAll(async () => {
  // A plain fresh machine has one Python: the checks that need these say so and skip.
  if (OLD === undefined) console.warn('no CPython 3.10 here (pyenv install 3.10, or set CPA_PYTHON_3_10): its abi3 check is skipped');
  if (NEW === undefined) console.warn('no CPython 3.13 here (pyenv install 3.13, or set CPA_PYTHON_3_13): uv uses python3, its abi3 check is skipped');
  await rm(ROOT, { recursive: true, force: true });
  await mkdir(UV_BIN, { recursive: true });
  await rm(join(UV_BIN, 'uv'), { force: true });
  await symlink(UV, join(UV_BIN, 'uv'));
  const filters = IDS.flatMap((id) => ['--filter', `id=${id}`]);
  const generated = await runCli(['matrix', ROOT, ...filters], PROJECTS);
  expect(generated.stderr).toBe('');
  expect(generated.exitCode).toBe(0);
});

describe.each(variants)('$id', ({ id, options }) => {
  const dir = join(ROOT, id);
  const m = options.moduleName;

  it('passes `uv sync` and `uv run pytest` as generated, with the tools from its own .venv', async () => {
    await uv(dir, ['sync', '--python', UV_PYTHON]);
    const which = await uv(dir, ['run', 'python', '-c', 'import shutil, sys; print(shutil.which("pytest")); print(sys.version_info[:2])']);
    expect(which.stdout.split('\n')).toEqual([join(dir, '.venv', 'bin', 'pytest'), '(3, 13)']);
    const pytest = await run(UV, ['run', 'pytest', '-p', 'no:cacheprovider', '-rs'], { cwd: dir, env: { ...uvEnv(), EXIT_STRESS_RUNS: '1' } });
    // variants.test.ts counts the suite's tests; here it must pass as a whole, from uv's .venv.
    expect(pytest.stdout).toMatch(/\b\d{2,} passed in/);
    expect(pytest.stdout).not.toMatch(/failed|error|warning/i);
  });

  it('`uv run` rebuilds the extension after an edit to src/lib.rs', async () => {
    const before = await uv(dir, ['run', 'python', '-c', READ_MARKER, m]);
    expect(before.stdout).toBe('no marker');
    await appendFile(join(dir, 'src', 'lib.rs'), `\n#[unsafe(no_mangle)]\npub static ${MARKER}: [u8; 16] = *b"edited-by-a-test";\n`);
    const after = await uv(dir, ['run', 'python', '-c', READ_MARKER, m]);
    expect(after.stdout).toBe('edited-by-a-test');
  });

  it('`uv build` makes an abi3 wheel and a sources-only sdist, without cargo warnings', async () => {
    // A wheel left in dist/ by an earlier build must not end up in the next sdist.
    const built = await uv(dir, ['build', '--python', UV_PYTHON]);
    expect(built.all).not.toMatch(/^warning/m);
    const again = await uv(dir, ['build', '--sdist', '--python', UV_PYTHON]);
    expect(again.all).not.toMatch(/^warning/m);
    const dist = (await readdir(join(dir, 'dist'))).filter((f) => !f.startsWith('.')).sort();
    const base = `${m}-0.1.0`;
    expect(dist).toEqual([expect.stringMatching(new RegExp(`^${base}-cp310-abi3-[\\w.]+\\.whl$`)), `${base}.tar.gz`]);
    const tar = await execa('tar', ['tzf', join(dir, 'dist', `${base}.tar.gz`)]);
    const packed = tar.stdout.split('\n').map((p) => p.replace(`${base}/`, '')).sort();
    // Every generated file except git and CI configuration, plus the lock file and the metadata.
    const sources = planProject(options, templates)
      .map((f) => f.path)
      .filter((p) => p !== '.gitignore' && !p.startsWith('.github/'));
    expect(packed).toEqual([...sources, 'Cargo.lock', 'PKG-INFO'].sort());
    const pkgInfo = await execa('tar', ['xzf', join(dir, 'dist', `${base}.tar.gz`), '-O', `${base}/PKG-INFO`]);
    expect(pkgInfo.stdout).toMatch(/^License-Expression: MIT OR Apache-2\.0$/m);
    expect(pkgInfo.stdout).toMatch(/^Requires-Python: >=3\.10$/m);
  });

  it.each([
    ['3.10', OLD],
    ['3.13', NEW],
  ])('its one abi3 wheel installs and runs on CPython %s, with no Rust toolchain on PATH', async (minor, python) => {
    if (python === undefined) return; // said in beforeAll
    const wheel = (await readdir(join(dir, 'dist'))).find((f) => f.endsWith('.whl'))!;
    const venv = join(ROOT, `${id}-py${minor}`);
    await rm(venv, { recursive: true, force: true });
    await run(python, ['-m', 'venv', venv], { cwd: ROOT, env: baseEnv() });
    const py = join(venv, 'bin', 'python');
    const noRust = { ...baseEnv(), PATH: [join(venv, 'bin'), pathWithout(['cargo', 'rustc'])].join(delimiter) };
    // Dependencies (uvloop) come from the index; the module itself only from this wheel.
    await run(py, ['-m', 'pip', 'install', '--quiet', join(dir, 'dist', wheel)], { cwd: ROOT, env: noRust });
    const probe = await run(py, ['-c', `import shutil, sys, ${m}._native as n; print(sys.version_info[:2], n.__file__.endswith(".abi3.so"), shutil.which("cargo"), shutil.which("rustc"))`], { cwd: ROOT, env: noRust });
    expect(probe.stdout).toBe(`(${minor.replace('.', ', ')}) True None None`);
    // check_module.py's uvloop mode needs asyncio.Runner (3.11+); uvloop.run is checked below.
    const check = await run(py, [CHECK_MODULE, m, 'asyncio'], { cwd: ROOT, env: noRust });
    expect(check.stderr).toBe('');
    const report = JSON.parse(check.stdout);
    expect(report.asyncio.await_coro).toBe(42);
    expect(report.asyncio.gather_50_seconds).toBeLessThan(1);
    expect(report.run_coro).toBe(7);
    if (options.uvloop) {
      const code = `import asyncio, uvloop, ${m} as m\nasync def main():\n    await m.rust_sleep(0.01)\n    return type(asyncio.get_running_loop()).__module__, await m.await_coro(asyncio.sleep(0, result=42))\nprint(uvloop.run(main()))`;
      const onUvloop = await run(py, ['-c', code], { cwd: ROOT, env: noRust });
      expect(onUvloop.stdout).toBe("('uvloop', 42)");
    }
  });

  it('`create-pyo3-async dev` builds into the .venv uv made and passes its smoke test', async () => {
    expect(existsSync(join(dir, '.venv', 'pyvenv.cfg'))).toBe(true);
    const r = await execa(process.execPath, [BIN, 'dev', dir, '--json'], { cwd: ROOT, env: uvEnv(), extendEnv: false, reject: false });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const doc = JSON.parse(String(r.stdout));
    expect(doc.smoke.ok).toBe(true);
    expect(JSON.stringify(doc)).toContain(join(dir, '.venv'));
    // And the uv route still works on top of what `dev` installed.
    const pytest = await uv(dir, ['run', 'pytest', '-p', 'no:cacheprovider']);
    expect(pytest.stdout).toMatch(/\bpassed in/);
  });
});

// The pip route for the same projects is variants.test.ts (`maturin develop --extras test`, pytest).
