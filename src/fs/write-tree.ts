/**
 * Writes a planned project so that a failure or Ctrl-C never leaves half of one behind: every
 * file is first written to a hidden staging directory on the same file system, then moved into
 * place with rename(2). A new project appears in one rename. Into an existing directory the files
 * move one by one, under a lock (the staging directory itself), with the files they replace kept
 * in staging and a journal, so a failure rolls back and a run killed mid-move is rolled back by
 * the next run.
 */
import * as nodeFs from './quick-fs.js';
import { basename, dirname, join, relative } from 'node:path';
import type { GeneratedFile } from '../core/plan.js';
import { CliError, throwIfCancelled } from '../errors.js';
import { OWN_PREFIX, type TargetState } from './target.js';

/** The file operations that write; a seam so tests can inject ENOSPC, EIO or a racing process. */
export interface FsOps {
  readonly writeFile: (path: string, data: string, options: { flag: string }) => Promise<void>;
  readonly rename: (from: string, to: string) => Promise<void>;
  readonly mkdir: (path: string, options: { recursive: true }) => Promise<string | undefined>;
}

const REAL_FS: FsOps = { writeFile: nodeFs.writeFile, rename: nodeFs.rename, mkdir: nodeFs.mkdir };

export interface WriteOptions {
  /** Replace files that already exist at a generated path (the user consented). */
  readonly overwrite: boolean;
  /** Where messages name the target from; without it they give its absolute path. */
  readonly cwd?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Runs on the complete staged tree of a new project, before it is moved into place. */
  readonly prepareNew?: ((stagedDir: string) => Promise<void>) | undefined;
  /** Tests only: replaces some of the writing file operations. */
  readonly fs?: Partial<FsOps> | undefined;
}

export interface WriteResult {
  readonly written: readonly string[];
  /** Generated paths that replaced a file the directory already had. */
  readonly replaced: readonly string[];
}

const STAGING_PREFIX = `${OWN_PREFIX}staging-`;
/** Staging inside an existing target has one fixed name: creating it is taking the lock. */
export const LOCK_NAME = `${OWN_PREFIX}staging`;

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

const lstatOrUndefined = (path: string) =>
  nodeFs.lstat(path).catch((e: unknown) => {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw e;
  });

/** Refuses a path whose parents inside the target are not all real directories (a symlink there leads outside). */
async function checkParents(dir: string, path: string, exitCode: 1 | 2): Promise<void> {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    const info = await lstatOrUndefined(join(dir, prefix));
    if (info === undefined) return;
    if (!info.isDirectory()) {
      throw new CliError(`cannot write ${path}: ${prefix} exists and is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}`, {
        exitCode,
        hint: `move ${prefix} out of the way and run again`,
      });
    }
  }
}

/** Finds generated paths that collide with what is there, refusing any that cannot be replaced safely. */
export async function findCollisions(target: TargetState, files: readonly GeneratedFile[]): Promise<string[]> {
  if (!target.exists) return [];
  const collisions: string[] = [];
  for (const file of files) {
    await checkParents(target.dir, file.path, 2);
    const info = await lstatOrUndefined(join(target.dir, file.path));
    if (info === undefined) continue;
    if (info.isDirectory()) {
      throw new CliError(`cannot write ${file.path}: a directory of that name exists`, {
        exitCode: 2,
        hint: `move ${file.path} out of the way and run again`,
      });
    }
    collisions.push(file.path);
  }
  return collisions;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

/** Removes per-run staging directories left by runs that were killed (their process no longer exists). */
async function removeStaleStaging(dir: string): Promise<void> {
  const names = await nodeFs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(name.slice(STAGING_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    if (isAlive(pid)) continue;
    await nodeFs.rm(join(dir, name), { recursive: true, force: true });
  }
}

const pathOf = (root: string, path: string) => join(root, ...path.split('/'));

// ---- new project: stage next to the target, then one rename --------------------------------

async function writeNew(target: TargetState, files: readonly GeneratedFile[], options: WriteOptions, fs: FsOps): Promise<WriteResult> {
  const stagingParent = dirname(target.dir);
  const createdParent = await fs.mkdir(stagingParent, { recursive: true });
  let staging: string | undefined;
  let committed = false;
  try {
    await removeStaleStaging(stagingParent);
    staging = await nodeFs.mkdtemp(join(stagingParent, `${STAGING_PREFIX}${process.pid}-`));
    await stage(staging, files, options, fs);
    if (options.prepareNew !== undefined) {
      await options.prepareNew(staging);
      throwIfCancelled(options.signal);
    }
    try {
      await fs.rename(staging, target.dir);
    } catch (error) {
      if (['EEXIST', 'ENOTEMPTY', 'ENOTDIR', 'EISDIR'].includes(errnoCode(error) ?? '')) {
        throw new CliError(`${basename(target.dir)} appeared while the project was being generated`, {
          hint: 'another process created it; look at it, then run again with a new name or --force',
          cause: error,
        });
      }
      throw error;
    }
    committed = true;
    return { written: files.map((f) => f.path), replaced: [] };
  } catch (error) {
    if (createdParent !== undefined) await nodeFs.rm(createdParent, { recursive: true, force: true });
    throw error;
  } finally {
    if (staging !== undefined && !committed) await nodeFs.rm(staging, { recursive: true, force: true });
  }
}

async function stage(root: string, files: readonly GeneratedFile[], options: WriteOptions, fs: FsOps): Promise<void> {
  for (const file of files) {
    throwIfCancelled(options.signal);
    const path = pathOf(root, file.path);
    await fs.mkdir(dirname(path), { recursive: true });
    await fs.writeFile(path, file.contents, { flag: 'wx' });
  }
  throwIfCancelled(options.signal);
}

// ---- existing directory: lock, stage inside, journal, move with backups -------------------

interface Journal {
  /** Generated paths, in the order they are moved. */
  readonly files: readonly string[];
  /** Directories the move creates in the target (relative), parents before children. */
  readonly createdDirs: readonly string[];
}

const TREE = 'tree';
const BACKUP = 'backup';
const JOURNAL = 'journal.json';
const OWNER = 'owner';

/**
 * Takes the lock of an existing target by creating its staging directory, owner file included:
 * it is made under a unique name and renamed to the fixed one, so no lock is ever ownerless.
 * A lock whose owner is dead is recovered (rolled back) and taken.
 */
async function acquireStaging(dir: string, fs: FsOps): Promise<string> {
  const staging = join(dir, LOCK_NAME);
  const fresh = await nodeFs.mkdtemp(join(dir, `${STAGING_PREFIX}${process.pid}-`));
  try {
    await fs.writeFile(join(fresh, OWNER), String(process.pid), { flag: 'wx' });
    for (let attempt = 0; ; attempt++) {
      try {
        await fs.rename(fresh, staging);
        return staging;
      } catch (error) {
        if (!['EEXIST', 'ENOTEMPTY'].includes(errnoCode(error) ?? '')) throw error;
        const owner = Number(await nodeFs.readFile(join(staging, OWNER), 'utf8').catch(() => ''));
        if (attempt > 0 || (owner > 0 && owner !== process.pid && isAlive(owner))) throw busyError(dir, owner);
        await recoverStale(dir, staging);
      }
    }
  } catch (error) {
    await nodeFs.rm(fresh, { recursive: true, force: true });
    throw error;
  }
}

function busyError(dir: string, pid: number): CliError {
  return new CliError(`another create-pyo3-async run${pid > 0 ? ` (pid ${pid})` : ''} is writing into ${dir}`, {
    hint: 'wait for it to finish, then run again (--force replaces what it generated)',
  });
}

/** Undoes the moves of a killed run (its journal says which), then removes its staging. */
async function recoverStale(dir: string, staging: string): Promise<void> {
  const text = await nodeFs.readFile(join(staging, JOURNAL), 'utf8').catch(() => undefined);
  if (text !== undefined) await rollback(dir, staging, JSON.parse(text) as Journal, REAL_FS);
  await nodeFs.rm(staging, { recursive: true, force: true });
}

const exists = async (path: string) => (await lstatOrUndefined(path)) !== undefined;

/**
 * Puts the target back as it was: a moved file is removed (or its backup restored), a backed-up
 * file that was not yet replaced is restored, and directories the move created are removed.
 */
async function rollback(dir: string, staging: string, journal: Journal, fs: FsOps): Promise<void> {
  for (const path of [...journal.files].reverse()) {
    const dest = pathOf(dir, path);
    const backup = pathOf(join(staging, BACKUP), path);
    const staged = pathOf(join(staging, TREE), path);
    const moved = !(await exists(staged));
    if (await exists(backup)) {
      // Mark it "not moved" first, so a rollback killed right after the restore and run again
      // restores nothing twice and never removes the restored file.
      if (moved) {
        await nodeFs.mkdir(dirname(staged), { recursive: true });
        await nodeFs.writeFile(staged, '');
      }
      await fs.rename(backup, dest);
    } else if (moved) {
      await nodeFs.rm(dest, { force: true });
    }
  }
  for (const created of [...journal.createdDirs].reverse()) {
    await nodeFs.rmdir(pathOf(dir, created)).catch(() => undefined); // not empty: someone else's files
  }
}

/** The directories moving `files` into `dir` will create, parents first. */
async function missingDirs(dir: string, files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of files) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (!out.includes(prefix) && !(await exists(join(dir, prefix)))) out.push(prefix);
    }
  }
  return out;
}

async function writeExisting(target: TargetState, files: readonly GeneratedFile[], options: WriteOptions, fs: FsOps): Promise<WriteResult> {
  const staging = await acquireStaging(target.dir, fs);
  let journal: Journal | undefined;
  let done = false;
  try {
    // Checked again under the lock: another run may have finished in the meantime.
    const collisions = await findCollisions(target, files);
    if (collisions.length > 0 && !options.overwrite) {
      throw new CliError(`${(options.cwd === undefined ? target.dir : relative(options.cwd, target.dir)) || '.'} already has ${collisions.join(', ')}`, {
        exitCode: 2,
        hint: 'pass --force to replace these files (nothing else is touched)',
      });
    }
    await removeStaleStaging(target.dir);
    await stage(join(staging, TREE), files, options, fs);

    // From here on the work is renames only; a late Ctrl-C waits for it to finish.
    const paths = files.map((f) => f.path);
    journal = { files: paths, createdDirs: await missingDirs(target.dir, paths) };
    await fs.writeFile(join(staging, JOURNAL), JSON.stringify(journal), { flag: 'wx' });
    for (const path of paths) {
      // Again just before the move: a directory swapped for a symlink since would lead outside.
      await checkParents(target.dir, path, 1);
      const dest = pathOf(target.dir, path);
      await fs.mkdir(dirname(dest), { recursive: true });
      const info = await lstatOrUndefined(dest);
      if (info !== undefined) {
        // Only what was there when the user consented may be replaced; not what appeared since.
        if (info.isDirectory() || !collisions.includes(path)) {
          throw new CliError(`${path} appeared in ${target.dir} while the project was being written`, {
            hint: 'another program is writing there; nothing was changed, run again when it is done',
          });
        }
        const backup = pathOf(join(staging, BACKUP), path);
        await fs.mkdir(dirname(backup), { recursive: true });
        await fs.rename(dest, backup);
      }
      await fs.rename(pathOf(join(staging, TREE), path), dest);
    }
    // Committed: without the journal a later run only removes the staging, never rolls back.
    await nodeFs.rm(join(staging, JOURNAL));
    done = true;
    return { written: paths, replaced: collisions };
  } catch (error) {
    if (journal !== undefined && !done) await rollback(target.dir, staging, journal, fs);
    throw error;
  } finally {
    await nodeFs.rm(staging, { recursive: true, force: true });
  }
}

export async function writeProject(
  target: TargetState,
  files: readonly GeneratedFile[],
  options: WriteOptions,
): Promise<WriteResult> {
  throwIfCancelled(options.signal);
  const fs: FsOps = { ...REAL_FS, ...options.fs };
  if (target.exists) return writeExisting(target, files, options, fs);
  return writeNew(target, files, options, fs);
}
