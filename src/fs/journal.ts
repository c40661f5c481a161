/**
 * The journal of a write into an existing directory: which files move and which directories the
 * move creates, so a failure, or the next run after a kill, can put the directory back as it was.
 * Replaced files wait in the staging's backup/ until the write is committed.
 */
import { dirname, join } from 'node:path';
import { exists, pathOf, type FsOps } from './fs-ops.js';
import * as nodeFs from './quick-fs.js';

export interface Journal {
  /** Generated paths, in the order they are moved. */
  readonly files: readonly string[];
  /** Directories the move creates in the target (relative), parents before children. */
  readonly createdDirs: readonly string[];
}

/** Inside the staging: the new files, the replaced ones, the journal, and the lock's owner pid. */
export const TREE = 'tree';
export const BACKUP = 'backup';
export const JOURNAL = 'journal.json';
export const OWNER = 'owner';

/**
 * Puts the target back as it was: a moved file is removed (or its backup restored), a backed-up
 * file that was not yet replaced is restored, and directories the move created are removed.
 */
export async function rollback(dir: string, staging: string, journal: Journal, fs: FsOps): Promise<void> {
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
export async function missingDirs(dir: string, files: readonly string[]): Promise<string[]> {
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
