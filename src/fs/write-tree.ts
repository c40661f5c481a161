/**
 * Writes a planned project so that a failure or Ctrl-C never leaves half of one behind: every
 * file is first written to a hidden staging directory on the same file system, then moved into
 * place with rename(2). A new project appears in one rename; into an existing directory the
 * files move one by one only after all of them were written.
 */
import { lstat, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { GeneratedFile } from '../core/plan.js';
import { CliError, throwIfCancelled } from '../errors.js';
import type { TargetState } from './target.js';

export interface WriteOptions {
  /** Replace files that already exist at a generated path (the user consented). */
  readonly overwrite: boolean;
  readonly signal?: AbortSignal | undefined;
  /** Runs on the complete staged tree of a new project, before it is moved into place. */
  readonly prepareNew?: ((stagedDir: string) => Promise<void>) | undefined;
}

export interface WriteResult {
  readonly written: readonly string[];
  /** Generated paths that replaced a file the directory already had. */
  readonly replaced: readonly string[];
}

const STAGING_PREFIX = '.create-pyo3-async-staging-';

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Finds generated paths that collide with what is there, refusing any that cannot be replaced safely. */
export async function findCollisions(target: TargetState, files: readonly GeneratedFile[]): Promise<string[]> {
  if (!target.exists) return [];
  const collisions: string[] = [];
  for (const file of files) {
    const parts = file.path.split('/');
    // Every parent inside the target must be a real directory: a symlink there would send the
    // write outside the project.
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const info = await lstat(join(target.dir, prefix)).catch((e: unknown) => {
        if (errnoCode(e) === 'ENOENT') return undefined;
        throw e;
      });
      if (info === undefined) break;
      if (!info.isDirectory()) {
        throw new CliError(`cannot write ${file.path}: ${prefix} exists and is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}`, {
          exitCode: 2,
          hint: `move ${prefix} out of the way and run again`,
        });
      }
    }
    const info = await lstat(join(target.dir, file.path)).catch((e: unknown) => {
      if (errnoCode(e) === 'ENOENT') return undefined;
      throw e;
    });
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

/** Removes staging directories left by runs that were killed (their process no longer exists). */
async function removeStaleStaging(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(name.slice(STAGING_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    if (isAlive(pid)) continue;
    await rm(join(dir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

export async function writeProject(
  target: TargetState,
  files: readonly GeneratedFile[],
  options: WriteOptions,
): Promise<WriteResult> {
  throwIfCancelled(options.signal);
  const collisions = await findCollisions(target, files);
  if (collisions.length > 0 && !options.overwrite) {
    throw new CliError(`${relative(process.cwd(), target.dir) || '.'} already has ${collisions.join(', ')}`, {
      exitCode: 2,
      hint: 'pass --force to replace these files (nothing else is touched)',
    });
  }

  // Stage inside an existing target (the user may not own its parent), else next to it.
  const stagingParent = target.exists ? target.dir : dirname(target.dir);
  const createdParent = target.exists ? undefined : await mkdir(stagingParent, { recursive: true });
  let staging: string | undefined;
  let committed = false;
  try {
    await removeStaleStaging(stagingParent);
    staging = await mkdtemp(join(stagingParent, `${STAGING_PREFIX}${process.pid}-`));
    for (const file of files) {
      throwIfCancelled(options.signal);
      const path = join(staging, ...file.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.contents, { flag: 'wx' });
    }
    throwIfCancelled(options.signal);
    if (!target.exists && options.prepareNew !== undefined) {
      await options.prepareNew(staging);
      throwIfCancelled(options.signal);
    }

    // From here on the work is renames only; a late Ctrl-C waits for it to finish.
    if (!target.exists) {
      try {
        await rename(staging, target.dir);
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
    }
    committed = true;
    for (const file of files) {
      const dest = join(target.dir, ...file.path.split('/'));
      await mkdir(dirname(dest), { recursive: true });
      await rename(join(staging, ...file.path.split('/')), dest);
    }
    return { written: files.map((f) => f.path), replaced: collisions };
  } catch (error) {
    if (!committed && createdParent !== undefined) {
      await rm(createdParent, { recursive: true, force: true });
    }
    throw error;
  } finally {
    if (staging !== undefined && !(committed && !target.exists)) {
      await rm(staging, { recursive: true, force: true });
    }
  }
}
