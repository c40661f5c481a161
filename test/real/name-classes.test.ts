// Every class of name the CLI accepts passes the generated project's own checks: a name shows up
// as a crate, a Rust library, a Python package, test file names and identifiers, so one that the
// CLI lets through but rustc's lints or pytest's imports trip on would fail the user's CI. The
// longest name has its own test (long-names.test.ts); refused classes (MyLib, my--lib, my-lib-,
// conftest for modules, the alias the Rust code imports the library as) are pinned in the fast
// tier (test/unit/names.test.ts, test/hardening/corpus.test.ts).
import { rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CARGO_TARGET, MATURIN_TARGET, PROJECTS, VENV, VENV_BIN, VENV_PYTHON } from '../helpers/real-env.js';
import { baseEnv, buildEnv, run } from '../helpers/real-run.js';

const FLAGS = ['--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '--no-git'];

async function generate(kind: 'module' | 'app', name: string): Promise<string> {
  const dir = join(PROJECTS, 'names', `${kind}-${name}`);
  await rm(dir, { recursive: true, force: true });
  const r = await runCli([dir, '--name', name, '--kind', kind, ...FLAGS], PROJECTS);
  expect(r.exitCode, r.stderr).toBe(0);
  return dir;
}

async function rustChecks(dir: string): Promise<void> {
  await run('cargo', ['fmt', '--check'], { cwd: dir, env: baseEnv() });
  await run('cargo', ['clippy', '--all-targets', '--color', 'never', '--', '-D', 'warnings'], { cwd: dir, env: buildEnv() });
  await run('cargo', ['test', '--color', 'never'], { cwd: dir, env: buildEnv() });
}

/**
 * `ruff check` findings, with the package name replaced by a placeholder. Compared with a project
 * of the default name, so this test proves what depends on the name; whether the templates are
 * clean under the installed ruff is the variant test's business.
 */
async function ruffFindings(dir: string, moduleName: string): Promise<string[]> {
  const r = await execa(VENV_PYTHON, ['-m', 'ruff', 'check', '--no-cache', '--output-format', 'concise', '.'], { cwd: dir, env: baseEnv(), reject: false });
  // `path:line: CODE`: columns and messages may hold the name; the test file is named after it.
  return r.stdout
    .split('\n')
    .map((l) => /^(\S+):(\d+):\d+: (\S+)/.exec(l))
    .filter((m) => m !== null)
    .map(([, path, line, code]) => `${path!.replace(`test_${moduleName}.py`, 'test_<pkg>.py')}:${line}: ${code}`)
    .sort();
}

describe('accepted name classes pass the generated project’s own checks', () => {
  // One letter; digits and both separators; the alias the other kind imports its library as.
  it.each(['a', 'x2_y-z9', 'app'])('module %j: fmt, clippy -D warnings, cargo test, maturin develop, pytest, stubtest, ruff', async (name) => {
    const dir = await generate('module', name);
    await rustChecks(dir);
    const env = { ...baseEnv(), VIRTUAL_ENV: VENV, PATH: `${VENV_BIN}${delimiter}${process.env.PATH ?? ''}` };
    await run(VENV_PYTHON, ['-m', 'maturin', 'develop', '--quiet'], { cwd: dir, env: { ...env, CARGO_TARGET_DIR: MATURIN_TARGET } });
    const pytest = await run(VENV_PYTHON, ['-m', 'pytest', '-p', 'no:cacheprovider', '-q'], { cwd: dir, env: { ...baseEnv(), EXIT_STRESS_RUNS: '1' } });
    expect(pytest.stdout).toMatch(/\d+ passed in/);
    expect(pytest.stdout).not.toMatch(/failed|error/i);
    const moduleName = name.replaceAll('-', '_');
    await run(VENV_PYTHON, ['-m', 'mypy.stubtest', moduleName], { cwd: dir, env: baseEnv() });
    await run(VENV_PYTHON, ['-m', 'ruff', 'format', '--no-cache', '--check', '.'], { cwd: dir, env: baseEnv() });
    const reference = await generate('module', 'ruff-reference');
    expect(await ruffFindings(dir, moduleName)).toEqual(await ruffFindings(reference, 'ruff_reference'));
  });

  // Apps have no Python package, so Python's rules do not apply (`conftest` is fine); `native` is
  // the alias module projects import their library as.
  it.each(['b', 'native', 'conftest'])('app %j: fmt, clippy -D warnings, cargo test, and the binary runs', async (name) => {
    const dir = await generate('app', name);
    await rustChecks(dir);
    await run('cargo', ['build', '--color', 'never'], { cwd: dir, env: buildEnv() });
    const ran = await run(join(CARGO_TARGET, 'debug', name), [], { cwd: dir, env: baseEnv() });
    expect(ran.stdout).toMatch(/awaited a Python coroutine/);
  });
});
