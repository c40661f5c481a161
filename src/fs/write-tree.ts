/**
 * Writes a planned project so that a failure or Ctrl-C never leaves half of one behind: every
 * file is staged on the same file system first, then moved into place with rename(2). A new
 * project appears in one rename (write-new.ts); into an existing directory the files move one
 * by one under a lock, with backups and a journal (write-existing.ts).
 */
import type { GeneratedFile } from '../core/plan.js';
import { throwIfCancelled } from '../errors.js';
import { REAL_FS, type FsOps } from './fs-ops.js';
import type { TargetState } from './target.js';
import { writeExisting } from './write-existing.js';
import { writeNew } from './write-new.js';

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
