/**
 * Into an existing directory: under its lock, staged inside it, then the files move one by one
 * with the ones they replace kept as backups and a journal written first, so a failure rolls
 * back and a run killed mid-move is rolled back by the next run.
 */
import { dirname, join, relative } from 'node:path';
import type { GeneratedFile } from '../core/plan.js';
import { CliError } from '../errors.js';
import { checkParents, findCollisions } from './collisions.js';
import { lstatOrUndefined, pathOf, type FsOps } from './fs-ops.js';
import { BACKUP, JOURNAL, missingDirs, rollback, TREE, type Journal } from './journal.js';
import { acquireStaging } from './lock.js';
import * as nodeFs from './quick-fs.js';
import { removeStaleStaging, stage } from './staging.js';
import type { TargetState } from './target.js';
import type { WriteOptions, WriteResult } from './write-tree.js';

export async function writeExisting(target: TargetState, files: readonly GeneratedFile[], options: WriteOptions, fs: FsOps): Promise<WriteResult> {
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
