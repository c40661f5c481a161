/**
 * Finds the virtualenv a project uses the way maturin does (VIRTUAL_ENV, then CONDA_PREFIX,
 * then `.venv` in the project) and creates `.venv` when there is none.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CliError, throwIfCancelled } from '../errors.js';
import { tail, type RunOptions, type Runner } from '../proc/runner.js';

export interface Venv {
  readonly dir: string;
  readonly python: string;
  readonly bin: string;
  readonly source: 'VIRTUAL_ENV' | 'CONDA_PREFIX' | '.venv' | 'created';
}

const WINDOWS = process.platform === 'win32';

function venvAt(dir: string, source: Venv['source']): Venv {
  const bin = join(dir, WINDOWS ? 'Scripts' : 'bin');
  return { dir, bin, python: join(bin, WINDOWS ? 'python.exe' : 'python'), source };
}

export function findVenv(projectDir: string, env: NodeJS.ProcessEnv): Venv | undefined {
  if (env.VIRTUAL_ENV) return venvAt(env.VIRTUAL_ENV, 'VIRTUAL_ENV');
  if (env.CONDA_PREFIX) {
    const conda = env.CONDA_PREFIX;
    // Conda keeps python at the prefix root on Windows and in bin/ elsewhere.
    return WINDOWS ? { dir: conda, bin: conda, python: join(conda, 'python.exe'), source: 'CONDA_PREFIX' } : venvAt(conda, 'CONDA_PREFIX');
  }
  const local = join(projectDir, '.venv');
  return existsSync(local) ? venvAt(local, '.venv') : undefined;
}

/** The base interpreter new virtualenvs are made from: PYO3_PYTHON if set, else python3. */
export function basePython(env: NodeJS.ProcessEnv): string {
  return env.PYO3_PYTHON || (WINDOWS ? 'python' : 'python3');
}

export async function createVenv(projectDir: string, useUv: boolean, runTool: Runner, run: Omit<RunOptions, 'cwd'>): Promise<Venv> {
  const python = basePython(run.env);
  const args = useUv ? ['venv', '--quiet', '--python', python, '.venv'] : ['-m', 'venv', '.venv'];
  const result = await runTool(useUv ? 'uv' : python, args, { ...run, cwd: projectDir });
  throwIfCancelled(run.signal);
  if (result.missing) {
    throw new CliError(`cannot create a virtualenv: ${python} was not found`, {
      hint: 'install Python 3.10 or newer, or set PYO3_PYTHON to an interpreter; `create-pyo3-async doctor` lists what is missing',
    });
  }
  if (result.exitCode !== 0) {
    throw new CliError(`creating .venv with ${useUv ? 'uv' : python} failed`, {
      details: tail(result.stderr || result.stdout),
      hint: 'on Debian and Ubuntu, `python3 -m venv` needs the python3-venv package',
    });
  }
  return venvAt(join(projectDir, '.venv'), 'created');
}

/** The environment of an activated venv: its bin first on PATH, VIRTUAL_ENV set, no PYTHONHOME. */
export function activate(env: NodeJS.ProcessEnv, venv: Venv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, VIRTUAL_ENV: venv.dir, PATH: `${venv.bin}${delimiter}${env.PATH ?? ''}` };
  delete out.PYTHONHOME;
  return out;
}
