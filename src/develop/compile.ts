/**
 * The build half of `dev`, `smoke` and `create --build`: a virtualenv (found or created), maturin in it (pinned
 * to the project's range), then `maturin develop` for modules or `cargo build` for apps.
 * Returns what it used; every failure is a CliError with the tool's last lines.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, throwIfCancelled } from '../errors.js';
import type { RunOptions, Runner, ToolResult } from '../proc/runner.js';
import { summarize } from './diagnostics.js';
import type { ProjectInfo } from '../project/read-project.js';
import { parseVersion, satisfies } from '../toolchain/pep440.js';
import type { Progress } from '../ui/progress.js';
import { VERSIONS } from '../core/versions.js';
import type { BuildCache } from './build-cache.js';
import { activate, basePython, createVenv, findVenv, type Venv } from './venv.js';

export interface BuildOptions {
  readonly release: boolean;
  /** Passed to maturin develop (or cargo build) after `--`. */
  readonly extraArgs: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly run: Runner;
  readonly signal: AbortSignal;
  readonly stream: RunOptions['stream'];
  readonly progress: Progress;
  /** Create .venv when there is none (dev); smoke only uses an existing one. */
  readonly createVenv: boolean;
  /** Always `maturin develop`, never the quick rebuild (quick-rebuild.ts). */
  readonly full?: boolean;
  /** On: compiles share it (its CARGO_BUILD_BUILD_DIR is in `env` already); named in the step. */
  readonly buildCache?: BuildCache;
}

export const cacheNote = (o: BuildOptions) => (o.buildCache?.dir === undefined ? '' : ', shared build cache');

// cargo's wording when crates.io (or a mirror) cannot be reached.
const NETWORK = /failed to (download|get|load source)|Couldn't resolve host|network failure|timed out|failed to query replaced source/i;

export function buildFailure(step: string, r: ToolResult, hint: string): CliError {
  const output = `${r.stdout}\n${r.stderr}`;
  const { first, details } = summarize(output);
  if (NETWORK.test(output)) {
    hint = 'cargo could not download dependencies: check the network, proxy or registry settings (CARGO_HOME/config.toml), then run again';
  }
  return new CliError(`${step} failed${first === undefined ? ` (exit ${r.exitCode ?? 'by signal'})` : `: ${first}`}`, { details, hint });
}

const hasUv = async (o: BuildOptions, cwd: string) => !(await o.run('uv', ['--version'], { cwd, env: o.env })).missing;

const uvIn = (venv: Venv) => join(venv.bin, process.platform === 'win32' ? 'uv.exe' : 'uv');

/**
 * The uv that installs into `venv`: the venv's own, else the one on PATH (maturin's `--uv`
 * finds either); the venv's is a file check, PATH's costs a process. uv installs a fresh build
 * in about a third of pip's time, most of a warm rebuild; a venv made by uv has no pip at all.
 */
async function uvFor(venv: Venv, project: ProjectInfo, o: BuildOptions): Promise<string | undefined> {
  if (existsSync(uvIn(venv))) return uvIn(venv);
  return (await hasUv(o, project.dir)) ? 'uv' : undefined;
}

/**
 * The Python version a virtualenv records in its pyvenv.cfg (`version` from venv,
 * `version_info` from uv and virtualenv): read, it saves starting an interpreter on every build.
 */
function recordedVersion(venv: Venv): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(venv.dir, 'pyvenv.cfg'), 'utf8');
  } catch {
    return undefined;
  }
  const m = /^version(?:_info)?\s*=\s*(\d+\.\d+\.\d+)/m.exec(text);
  return m?.[1];
}

/**
 * Refuses an interpreter outside the project's requires-python before anything is built or
 * created: otherwise the failure comes minutes later, from deep inside pyo3's build script.
 */
async function checkPythonVersion(python: string, project: ProjectInfo, o: BuildOptions, fix: string, venv?: Venv): Promise<void> {
  const need = project.requiresPython;
  if (need === undefined) return;
  const version = (venv === undefined ? undefined : recordedVersion(venv)) ?? (await askVersion(python, need, project, o));
  if (version !== undefined && !satisfies(version, need)) {
    throw new CliError(`${python} is Python ${version}, but ${project.crateName} needs ${need}`, { hint: fix });
  }
}

/** `python --version`, or undefined when there is no such program (the step needing it says so). */
async function askVersion(python: string, need: string, project: ProjectInfo, o: BuildOptions): Promise<string | undefined> {
  const r = await o.run(python, ['--version'], { cwd: project.dir, env: o.env, signal: o.signal });
  throwIfCancelled(o.signal);
  if (r.missing) return undefined;
  const text = `${r.stdout}\n${r.stderr}`.trim();
  const version = r.exitCode === 0 && /^Python \d/m.test(text) ? parseVersion(text)?.join('.') : undefined;
  if (version === undefined) {
    throw new CliError(`${python} --version printed ${JSON.stringify(text.split('\n')[0]?.slice(0, 80) ?? '')}, not a Python version`, {
      hint: `point PYO3_PYTHON at a working Python that satisfies ${need}; \`create-pyo3-async doctor\` checks every tool`,
    });
  }
  return version;
}

export async function resolveVenv(project: ProjectInfo, o: BuildOptions): Promise<Venv | undefined> {
  const found = findVenv(project.dir, o.env);
  const need = project.requiresPython ?? '';
  if (found !== undefined) {
    await checkPythonVersion(found.python, project, o, `recreate ${found.dir} with a Python that satisfies ${need}`, found);
    return found;
  }
  if (!o.createVenv) return found;
  const base = basePython(o.env);
  await checkPythonVersion(base, project, o, `install a Python that satisfies ${need} and set PYO3_PYTHON to it`);
  const useUv = await hasUv(o, project.dir);
  return o.progress.step(`creating .venv (${useUv ? 'uv' : 'python -m venv'})`, () =>
    createVenv(project.dir, useUv, o.run, { env: o.env, signal: o.signal, stream: o.stream }),
  );
}

async function pipInstall(venv: Venv, requirements: readonly string[], project: ProjectInfo, o: BuildOptions, uv: string | undefined): Promise<void> {
  const run = { cwd: project.dir, env: activate(o.env, venv), signal: o.signal, stream: o.stream };
  const r =
    uv !== undefined
      ? await o.run(uv, ['pip', 'install', '--quiet', '--python', venv.python, ...requirements], run)
      : await o.run(venv.python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...requirements], run);
  throwIfCancelled(o.signal);
  if (r.exitCode !== 0) {
    const noPip = uv === undefined && /No module named pip/.test(`${r.stdout}\n${r.stderr}`);
    throw buildFailure(
      `installing ${requirements.join(' ')}`,
      r,
      noPip
        ? `${venv.dir} has no pip (uv makes venvs without it): put uv on PATH, or run \`${venv.python} -m ensurepip\``
        : 'check the network connection to PyPI (or your index), then run again',
    );
  }
}

// maturin's own executable, not `python -m maturin`: that would start an interpreter only to
// exec the same binary, and cost more than everything else `dev` adds to a warm build.
export const maturinIn = (venv: Venv) => join(venv.bin, process.platform === 'win32' ? 'maturin.exe' : 'maturin');

export async function ensureMaturin(project: ProjectInfo, venv: Venv, o: BuildOptions): Promise<string> {
  const requirement = project.maturinRequirement ?? VERSIONS.maturin;
  const probe = await o.run(maturinIn(venv), ['--version'], { cwd: project.dir, env: o.env, signal: o.signal });
  throwIfCancelled(o.signal);
  const have = probe.exitCode === 0 ? parseVersion(probe.stdout)?.join('.') : undefined;
  if (have !== undefined && satisfies(have, requirement)) return have;
  const uv = await uvFor(venv, project, o);
  // Without uv, it comes along with maturin, in the same install: every rebuild is faster then.
  const requirements = uv === undefined ? [`maturin${requirement}`, 'uv'] : [`maturin${requirement}`];
  const what = uv === undefined ? `maturin${requirement} and uv (for faster rebuilds)` : `maturin${requirement}`;
  await o.progress.step(`installing ${what} into ${venv.dir}`, () => pipInstall(venv, requirements, project, o, uv));
  return requirement;
}

export async function buildModule(project: ProjectInfo, venv: Venv, o: BuildOptions): Promise<void> {
  const uv = (await uvFor(venv, project, o)) !== undefined;
  const args = ['develop', ...(o.release ? ['--release'] : []), ...(uv ? ['--uv'] : []), ...o.extraArgs];
  const shown = `maturin develop${o.release ? ' --release' : ''}${uv ? ' --uv' : ''}${cacheNote(o)}`;
  // The checks run inside the step, so a failed or cancelled compile is shown as failed.
  await o.progress.step(`compiling (${shown})`, async () => {
    const r = await o.run(maturinIn(venv), args, { cwd: project.dir, env: activate(o.env, venv), signal: o.signal, stream: o.stream });
    throwIfCancelled(o.signal);
    if (r.exitCode !== 0) throw buildFailure('maturin develop', r, 'fix the error above; --verbose shows the full output');
  });
}

export async function buildApp(project: ProjectInfo, venv: Venv | undefined, o: BuildOptions): Promise<void> {
  if (venv !== undefined && project.usesUvloop) {
    const probe = await o.run(venv.python, ['-c', 'import uvloop'], { cwd: project.dir, env: o.env, signal: o.signal });
    if (probe.exitCode !== 0) {
      const uv = await uvFor(venv, project, o);
      await o.progress.step('installing uvloop into the venv', () => pipInstall(venv, ['uvloop'], project, o, uv));
    }
  }
  // Build against the venv's interpreter (one libpython for build and run) unless the user chose.
  const env = venv !== undefined && !o.env.PYO3_PYTHON ? { ...o.env, PYO3_PYTHON: venv.python } : o.env;
  const args = ['build', ...(o.release ? ['--release'] : []), ...o.extraArgs];
  await o.progress.step(`compiling (cargo build${o.release ? ' --release' : ''}${cacheNote(o)})`, async () => {
    const r = await o.run('cargo', args, { cwd: project.dir, env, signal: o.signal, stream: o.stream });
    throwIfCancelled(o.signal);
    if (r.missing) {
      throw new CliError('cargo was not found', { hint: 'install Rust with rustup (https://rustup.rs); `create-pyo3-async doctor` checks everything' });
    }
    if (r.exitCode !== 0) throw buildFailure('cargo build', r, 'fix the error above; --verbose shows the full output');
  });
}
