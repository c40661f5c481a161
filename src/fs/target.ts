/** Inspects the directory a project is about to be written to, before anything is written. */
import { constants } from 'node:fs';
import { access, lstat, readdir, realpath, stat } from './quick-fs.js';
import { dirname, resolve } from 'node:path';
import { CliError, usageError } from '../errors.js';

export interface TargetState {
  /** Absolute path of the project directory. */
  readonly dir: string;
  readonly exists: boolean;
  /** Names of the entries already in it (empty when it does not exist). */
  readonly entries: readonly string[];
  /** The target if it exists, else its nearest existing ancestor: where to ask about the surroundings. */
  readonly anchor: string;
}

/** Every hidden name this tool creates (staging, its lock) starts with this. */
export const OWN_PREFIX = '.create-pyo3-async-';

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

// ENOTDIR: a parent on the way is a file; reported below as "not a directory".
const isMissing = (error: unknown) => code(error) === 'ENOENT' || code(error) === 'ENOTDIR';

/** The nearest ancestor of `path` that exists (the directory a new project would be created under). */
async function nearestExisting(path: string): Promise<string> {
  let current = path;
  for (;;) {
    try {
      await stat(current);
      return current;
    } catch (error) {
      if (!isMissing(error)) throw error;
      const parent = dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

export async function inspectTarget(dir: string, shown: string): Promise<TargetState> {
  // Node refuses a path with NUL with a TypeError; only the API (not argv) can pass one.
  if (dir.includes('\0')) throw usageError(`the directory ${JSON.stringify(shown)} contains a NUL character`, 'choose another directory name');
  const abs = resolve(dir);
  let info;
  try {
    info = await lstat(abs);
  } catch (error) {
    if (code(error) === 'ENAMETOOLONG') {
      throw usageError(`cannot create ${shown}: the path or one of its names is longer than the file system allows`, 'choose a shorter directory name');
    }
    if (!isMissing(error)) throw error;
    const ancestor = await nearestExisting(dirname(abs));
    if (!(await stat(ancestor)).isDirectory()) {
      throw usageError(`cannot create ${shown}: ${ancestor} is not a directory`, 'choose another directory');
    }
    await assertWritable(ancestor, shown);
    return { dir: abs, exists: false, entries: [], anchor: ancestor };
  }
  if (info.isSymbolicLink()) {
    // Following it could write anywhere; make the user name the real directory.
    const real = await realpath(abs).catch(() => undefined);
    throw usageError(
      `${shown} is a symbolic link${real === undefined ? ' to nothing' : ` to ${real}`}`,
      real === undefined ? 'choose another directory' : `pass the real directory: ${real}`,
    );
  }
  if (!info.isDirectory()) {
    throw usageError(`${shown} exists and is not a directory`, 'choose another directory name');
  }
  // Staging happens inside an existing target, so only the target itself must be writable.
  await assertWritable(abs, shown);
  // Staging a killed run left is ours, not the user's: it does not make the directory "not empty".
  const entries = (await readdir(abs)).filter((name) => !name.startsWith(OWN_PREFIX)).sort();
  return { dir: abs, exists: true, entries, anchor: abs };
}

async function assertWritable(dir: string, shown: string): Promise<void> {
  try {
    await access(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw new CliError(`cannot write to ${dir} (needed for ${shown}): permission denied`, {
      hint: 'choose a directory you can write to, or fix its permissions',
    });
  }
}

const realOrSelf = async (path: string) => realpath(path).catch(() => resolve(path));

/**
 * The file system root and the user's home directory are never a project directory, --force or
 * not: only the generated files would be replaced, but `git init` would make the whole tree a repository.
 */
export async function refuseSpecialTarget(dir: string, shown: string, env: NodeJS.ProcessEnv): Promise<void> {
  const real = await realOrSelf(dir);
  if (dirname(real) === real) {
    throw usageError(`refusing to write a project into ${shown}: it is the root of the file system`, 'choose a new directory for the project');
  }
  const home = env.HOME || env.USERPROFILE;
  if (home !== undefined && home !== '' && real === (await realOrSelf(home))) {
    throw usageError(`refusing to write a project into ${shown}: it is your home directory`, 'choose a new directory for the project, such as ~/my-lib');
  }
}
