/** A new project: staged next to the target, then moved into place with one rename. */
import { basename, dirname, join } from 'node:path';
import type { GeneratedFile } from '../core/plan.js';
import { CliError, throwIfCancelled } from '../errors.js';
import { errnoCode, type FsOps } from './fs-ops.js';
import * as nodeFs from './quick-fs.js';
import { removeStaleStaging, stage, STAGING_PREFIX } from './staging.js';
import type { TargetState } from './target.js';
import type { WriteOptions, WriteResult } from './write-tree.js';

export async function writeNew(target: TargetState, files: readonly GeneratedFile[], options: WriteOptions, fs: FsOps): Promise<WriteResult> {
  const stagingParent = dirname(target.dir);
  const createdParent = await fs.mkdir(stagingParent, { recursive: true });
  let staging: string | undefined;
  let committed = false;
  try {
    await removeStaleStaging(stagingParent);
    // Not mkdtemp: its 0700 would become the project's mode; mkdir's follows the umask.
    staging = await nodeFs.mkdirUnique(join(stagingParent, `${STAGING_PREFIX}${process.pid}-`));
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
