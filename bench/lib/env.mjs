/**
 * Where things are, and the shared set-up the figures need: a scratch directory for the run,
 * the bench's own npm dependencies, a Python venv with maturin, and what the CLI supports.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mustRun, timed } from './measure.mjs';

export const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(BENCH);
export const CLI = join(ROOT, 'bin', 'create-pyo3-async.js');
export const NODE = process.execPath;
/** Kept between runs (ignored by the root .gitignore's `.cache/`): the venv and a warm target dir. */
export const CACHE = join(BENCH, '.cache');

const MATURIN = 'maturin>=1.9.4,<2.0';

/** One scratch directory per bench run; everything temporary goes under it and is removed at the end. */
export async function makeScratch() {
  const dir = await mkdtemp(join(tmpdir(), 'cpa-bench-'));
  let n = 0;
  return {
    dir,
    /** A fresh empty directory under the scratch root. */
    fresh: async (prefix) => {
      const d = join(dir, `${prefix}-${++n}`);
      await mkdir(d, { recursive: true });
      return d;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** create-vite lives in bench/node_modules only; install it from the lockfile when missing. */
export async function ensureBenchDeps(log) {
  if (existsSync(join(BENCH, 'node_modules', 'create-vite', 'index.js'))) return;
  log('bench/node_modules missing: npm ci --prefix bench');
  await mustRun('npm ci --prefix bench', 'npm', ['ci', '--prefix', BENCH, '--no-audit', '--no-fund'], { cwd: ROOT });
}

export const CREATE_VITE = join(BENCH, 'node_modules', 'create-vite', 'index.js');

/**
 * The venv both sides of the build figures use (BENCH_VENV to reuse one, e.g. the real tier's).
 * uvloop is installed up front so `maturin develop` of a uvloop module finds its dependency
 * satisfied instead of downloading it inside a timed build.
 */
export async function ensureVenv(log) {
  const dir = process.env.BENCH_VENV || join(CACHE, 'venv');
  const python = join(dir, 'bin', 'python');
  if (!existsSync(python)) {
    log(`creating venv ${dir}`);
    await mkdir(dirname(dir), { recursive: true });
    await mustRun('python3 -m venv', process.env.PYO3_PYTHON || 'python3', ['-m', 'venv', dir], { cwd: ROOT });
  }
  // uv as `dev` leaves it in a venv it installed maturin into.
  const probe = await timed(python, ['-c', 'import maturin, uvloop, uv'], { cwd: ROOT });
  if (probe.code !== 0) {
    log(`installing ${MATURIN}, uvloop and uv into ${dir}`);
    await mustRun('pip install', python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', MATURIN, 'uvloop', 'uv'], { cwd: ROOT });
  }
  return { dir, bin: join(dir, 'bin'), python };
}

/** The environment of an activated venv, as maturin and our `dev` both expect it. */
export function venvEnv(venv, extra = {}) {
  const env = { ...process.env, VIRTUAL_ENV: venv.dir, PATH: `${venv.bin}${delimiter}${process.env.PATH ?? ''}`, ...extra };
  delete env.PYTHONHOME;
  delete env.CONDA_PREFIX;
  return env;
}

/** Commands and flags the lead is adding while this bench is written: detect, do not assume. */
export async function cliSupports() {
  const help = await timed(NODE, [CLI, '--help'], { cwd: ROOT });
  const devHelp = await timed(NODE, [CLI, 'dev', '--help'], { cwd: ROOT });
  return {
    matrix: help.code === 0 && /^\s+matrix\b/m.test(help.stdout),
    devNoSmoke: devHelp.code === 0 && devHelp.stdout.includes('--no-smoke'),
  };
}

/** The Python source `dev` runs as its smoke test: a plain file in the source tree. */
export const loadSmokeScript = () => readFile(join(ROOT, 'src', 'develop', 'smoke_script.py'), 'utf8');

/** Number of crates cargo compiled, from its `Compiling foo v1.2.3` progress lines. */
export const countCompiling = (output) => (output.match(/^\s*Compiling \S+ v/gm) ?? []).length;
