/** Running build steps and programs for the real tier, in a clean, user-like environment. */
import { execa, type Options } from 'execa';
import { CARGO_TARGET, SHARED_BUILD, VENV_PYTHON } from './real-env.js';

// The environment a user's shell would give, minus anything that would pick a venv for us.
export function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['VIRTUAL_ENV', 'CONDA_PREFIX', 'PYO3_PYTHON', 'LD_LIBRARY_PATH', 'CARGO_TARGET_DIR', 'PYO3_CONFIG_FILE']) delete env[key];
  // dev's shared build cache, where a build runs without CARGO_TARGET_DIR: the tier's own, not the user's.
  env.CREATE_PYO3_ASYNC_BUILD_CACHE = SHARED_BUILD;
  return env;
}

export interface Ran {
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved, for failure messages and warning checks. */
  readonly all: string;
}

/** Runs a build or program step; a failure throws with the tail of its output. */
export async function run(cmd: string, args: string[], options: Pick<Options, 'env'> & { cwd: string }): Promise<Ran> {
  const r = await execa(cmd, args, { ...options, all: true, reject: false, extendEnv: false });
  const ran = { stdout: String(r.stdout), stderr: String(r.stderr), all: String(r.all) };
  if (r.exitCode !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.exitCode ?? r.signal}) in ${options.cwd}:\n${ran.all.slice(-4000)}`);
  }
  return ran;
}

// Built against the venv's interpreter so apps and modules agree on one libpython.
export const buildEnv = () => ({ ...baseEnv(), PYO3_PYTHON: VENV_PYTHON, CARGO_TARGET_DIR: CARGO_TARGET });

