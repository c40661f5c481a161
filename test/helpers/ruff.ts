/**
 * A ruff to lint the CLI's own Python with: on PATH, in the real tier's venv (CI installs ruff
 * there), or installed into .cache/ruff on first use. Undefined only when there is no Python.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { CACHE, REPO } from './real-env.js';

const BIN = process.platform === 'win32' ? 'Scripts' : 'bin';
const EXE = process.platform === 'win32' ? 'ruff.exe' : 'ruff';
const OWN_VENV = join(REPO, '.cache', 'ruff');

const works = async (ruff: string) => (await execa(ruff, ['--version'], { reject: false })).exitCode === 0;

export async function findRuff(): Promise<string | undefined> {
  const venvs = [process.env.CPA_TEST_VENV, join(CACHE, 'venv'), OWN_VENV].filter((v): v is string => v !== undefined);
  for (const candidate of ['ruff', ...venvs.map((v) => join(v, BIN, EXE))]) {
    if ((candidate === 'ruff' || existsSync(candidate)) && (await works(candidate))) return candidate;
  }
  const python = process.env.PYTHON ?? 'python3';
  if ((await execa(python, ['--version'], { reject: false })).exitCode !== 0) return undefined;
  await execa(python, ['-m', 'venv', OWN_VENV]);
  await execa(join(OWN_VENV, BIN, 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'ruff']);
  return join(OWN_VENV, BIN, EXE);
}
