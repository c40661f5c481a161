// The bridge's exit guarantees on every Python the stacks support, not only the one the rest of
// the real tier uses: a tokio module per stack is built for each interpreter found here and runs
// its own pytest suite with 200 fresh-interpreter exit runs. An interpreter that is not on this
// machine is skipped and said so (a plain fresh machine has one Python; CI's kind has them all).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CACHE, PROJECTS } from '../helpers/real-env.js';
import { baseEnv, run } from '../helpers/real-run.js';
import { findPython } from '../helpers/real-tools.js';

const PACKAGES = ['maturin>=1.9.4,<2.0', 'uvloop', 'pytest', 'pytest-asyncio>=1.5', 'anyio>=4'];

const CASES = [
  { stack: 'current', pythons: ['3.10', '3.12', '3.13'] },
  { stack: 'legacy', pythons: ['3.10', '3.12'] },
] as const;

describe.each(CASES)('tokio module, $stack stack', ({ stack, pythons }) => {
  const dir = join(PROJECTS, `pythons-${stack}`);

  it.each(pythons.map((minor) => [minor]))('Python %s: tests and 200 exit runs pass', async (minor) => {
    const python = findPython(minor);
    if (python === undefined) {
      console.warn(`skipped: no Python ${minor} on this machine (PATH or pyenv)`);
      return;
    }
    if (!existsSync(join(dir, 'Cargo.toml'))) {
      await rm(dir, { recursive: true, force: true });
      const r = await runCli([dir, '--kind', 'module', '--runtime', 'tokio', '--uvloop', '--stack', stack, '--no-git', '--ci', 'none'], PROJECTS);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    const venv = join(CACHE, `venv-${minor}`);
    const venvPython = join(venv, 'bin', 'python');
    if (!existsSync(venvPython)) await run(python, ['-m', 'venv', venv], { cwd: CACHE, env: baseEnv() });
    const probe = await execa(venvPython, ['-c', 'import maturin, uvloop, pytest, pytest_asyncio, anyio'], { reject: false });
    if (probe.exitCode !== 0) {
      await run(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...PACKAGES], { cwd: CACHE, env: baseEnv() });
    }
    const env = { ...baseEnv(), VIRTUAL_ENV: venv, PATH: `${join(venv, 'bin')}:${process.env.PATH ?? ''}` };
    // One target directory per interpreter: pyo3 is rebuilt for each Python it targets.
    await run(venvPython, ['-m', 'maturin', 'develop', '--quiet'], { cwd: dir, env: { ...env, CARGO_TARGET_DIR: join(CACHE, `target-py${minor}`) } });
    // 6 scenarios (4 on legacy) x 2 loops x runs each = 204 exits (200 on legacy).
    const runs = stack === 'legacy' ? 25 : 17;
    const pytest = await run(venvPython, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], { cwd: dir, env: { ...env, EXIT_STRESS_RUNS: String(runs) } });
    expect(pytest.stdout).toMatch(/\d+ passed(, \d+ skipped)? in/);
    // Skips are version gates in the suite (asyncio.Runner needs 3.11); failures are not.
    expect(pytest.stdout).not.toMatch(/failed|error/i);
  });
});
