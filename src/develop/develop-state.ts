/**
 * What the quick rebuild (quick-rebuild.ts) knows of the last `maturin develop` of a project into
 * a venv: its inputs as they were, and the editable install it made. Kept as one JSON file per
 * project and venv in the shared build cache, written by rename.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProjectInfo } from '../project/read-project.js';
import { maturinIn, type BuildOptions } from './compile.js';
import type { Venv } from './venv.js';

/** Bumped when the recorded shape or the cargo command changes: old state is then ignored. */
const FORMAT = 1;

/** The inputs of a `maturin develop` that a plain cargo build does not see. */
export interface DevelopInputs {
  readonly projectDir: string;
  /** sha256 of each file, null when it does not exist. */
  readonly files: Readonly<Record<string, string | null>>;
  readonly release: boolean;
  readonly extraArgs: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The venv's interpreter, symlinks resolved. */
  readonly python: string;
  /** maturin's executable in the venv: size and modification time (an upgrade changes them). */
  readonly maturin: string;
}

export interface Recorded {
  readonly format: number;
  readonly inputs: DevelopInputs;
  /** The PYO3_CONFIG_FILE maturin was given. */
  readonly config: string;
  /** The installed extension maturin copied into the python source tree. */
  readonly extension: string;
  /** The venv's .pth that puts the python source tree on sys.path, and its text. */
  readonly pth: string;
  readonly pthText: string;
}

export type QuickPlan = { readonly quick: true; readonly recorded: Recorded } | { readonly quick: false; readonly why: string };

const INPUT_FILES = ['pyproject.toml', 'Cargo.toml', 'Cargo.lock'] as const;

// What maturin, pyo3's build scripts and cargo's target selection read from the environment.
// PYO3_CONFIG_FILE is left out: `dev` sets it itself (the recorded one is checked on its own).
const RELEVANT_ENV = /^(MATURIN_|PYO3_|CARGO|RUSTC|RUSTFLAGS$|RUSTDOCFLAGS$|_PYTHON_|ARCHFLAGS$|MACOSX_DEPLOYMENT_TARGET$|CONDA_PREFIX$)/;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function fileHash(path: string): string | null {
  try {
    return sha256(readFileSync(path));
  } catch {
    return null;
  }
}

function statKey(path: string): string {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The inputs as they are now; `env` is the build's environment before PYO3_CONFIG_FILE is added. */
export function developInputs(project: ProjectInfo, venv: Venv, o: Pick<BuildOptions, 'env' | 'release' | 'extraArgs'>): DevelopInputs {
  const files: Record<string, string | null> = {};
  for (const name of INPUT_FILES) files[name] = fileHash(join(project.dir, name));
  const env: Record<string, string> = {};
  for (const name of Object.keys(o.env).sort()) {
    const value = o.env[name];
    if (value !== undefined && RELEVANT_ENV.test(name) && name !== 'PYO3_CONFIG_FILE') env[name] = value;
  }
  return {
    projectDir: project.dir,
    files,
    release: o.release,
    extraArgs: [...o.extraArgs],
    env,
    python: realpathOr(venv.python),
    maturin: statKey(maturinIn(venv)),
  };
}

/**
 * The inputs a build started from, with Cargo.lock as the build left it: cargo writes (or
 * updates) the lock file during the build, and what it wrote is what was built. The rest are
 * taken before, so an edit made while maturin ran is not taken for built.
 */
export function withLockAfterBuild(inputs: DevelopInputs): DevelopInputs {
  return { ...inputs, files: { ...inputs.files, 'Cargo.lock': fileHash(join(inputs.projectDir, 'Cargo.lock')) } };
}

/** Where the state of this project's install into this venv is kept, inside the shared build cache. */
export function stateFile(cacheDir: string, projectDir: string, venvDir: string): string {
  return join(cacheDir, 'develop', `${sha256(`${projectDir}\0${venvDir}`).slice(0, 16)}.json`);
}

function readRecorded(file: string): Recorded | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Recorded;
    return value.format === FORMAT && typeof value.extension === 'string' && typeof value.pth === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Why the last `maturin develop`'s install cannot simply get a new library; undefined when it can. */
export function whatChanged(was: DevelopInputs, now: DevelopInputs): string | undefined {
  if (was.projectDir !== now.projectDir) return 'the project moved';
  for (const name of INPUT_FILES) {
    if ((was.files[name] ?? null) !== (now.files[name] ?? null)) return `${name} changed`;
  }
  if (was.release !== now.release) return now.release ? 'the last build was not --release' : 'the last build was --release';
  if (JSON.stringify(was.extraArgs) !== JSON.stringify(now.extraArgs)) return 'the arguments after -- changed';
  const names = [...new Set([...Object.keys(was.env), ...Object.keys(now.env)])].sort();
  const variable = names.find((n) => was.env[n] !== now.env[n]);
  if (variable !== undefined) return `${variable} changed`;
  if (was.python !== now.python) return 'the venv has another interpreter';
  if (was.maturin !== now.maturin) return 'maturin changed';
  return undefined;
}

export const exists = (path: string) => statKey(path) !== 'missing';

export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether this build may be a quick one, and if not, why not (shown with --verbose and in --json). */
export function planQuickRebuild(file: string | undefined, inputs: DevelopInputs, platform: NodeJS.Platform): QuickPlan {
  if (platform !== 'linux') return { quick: false, why: 'quick rebuilds are checked on Linux only' };
  if (file === undefined) return { quick: false, why: 'the shared build cache is off' };
  if (inputs.extraArgs.length > 0) return { quick: false, why: 'arguments after -- go to maturin develop' };
  const recorded = readRecorded(file);
  if (recorded === undefined) return { quick: false, why: 'no earlier maturin develop of this project into this venv' };
  const changed = whatChanged(recorded.inputs, inputs);
  if (changed !== undefined) return { quick: false, why: changed };
  if (readText(recorded.pth) !== recorded.pthText) return { quick: false, why: `the editable install changed (${recorded.pth})` };
  if (!exists(recorded.extension)) return { quick: false, why: `the installed extension is gone (${recorded.extension})` };
  if (!exists(recorded.config)) return { quick: false, why: 'the shared pyo3 config is gone' };
  return { quick: true, recorded };
}


export function writeRecorded(file: string, recorded: Omit<Recorded, 'format'>): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify({ format: FORMAT, ...recorded }, null, 2)}\n`);
  renameSync(partial, file);
}
