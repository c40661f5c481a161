/** Global setup of the real tier: the toolchain must be there (a missing tool fails, never skips). */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { execa } from 'execa';
import { PROJECTS, UV, VENV, VENV_PYTHON } from '../helpers/real-env.js';

const PIP_PACKAGES = ['maturin>=1.9.4,<2.0', 'uvloop', 'pytest', 'pytest-asyncio>=1.5', 'anyio>=4', 'mypy', 'ruff', 'uv'];

async function need(cmd: string, args: string[], what: string): Promise<void> {
  try {
    await execa(cmd, args);
  } catch (error) {
    throw new Error(`the real tier needs ${what} (\`${cmd} ${args.join(' ')}\` failed): ${(error as Error).message}`);
  }
}

export default async function setup(): Promise<void> {
  await mkdir(PROJECTS, { recursive: true });
  await need('cargo', ['--version'], 'cargo (https://rustup.rs)');
  await need('rustfmt', ['--version'], 'rustfmt (rustup component add rustfmt)');
  if (!existsSync(VENV_PYTHON)) {
    await need('python3', ['-m', 'venv', VENV], 'python3 with the venv module');
  }
  const probe = await execa(VENV_PYTHON, ['-c', 'import maturin, uvloop, pytest, pytest_asyncio, anyio, mypy, ruff, uv'], {
    reject: false,
  });
  if (probe.exitCode !== 0) {
    await execa(VENV_PYTHON, ['-m', 'pip', 'install', '--quiet', ...PIP_PACKAGES], { stdio: 'inherit' });
  }
  await need(VENV_PYTHON, ['-m', 'maturin', '--version'], `maturin in ${VENV}`);
  await need(UV, ['--version'], `uv in ${VENV}`);
}
