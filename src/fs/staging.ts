/**
 * Staging: every file is first written to a hidden directory on the target's file system, so
 * the move into place can be rename(2) alone. Names carry the pid, so a killed run's leftovers
 * can be told from a live run's.
 */
import { dirname, join } from 'node:path';
import type { GeneratedFile } from '../core/plan.js';
import { throwIfCancelled } from '../errors.js';
import { errnoCode, pathOf, type FsOps } from './fs-ops.js';
import * as nodeFs from './quick-fs.js';
import { OWN_PREFIX } from './target.js';

export const STAGING_PREFIX = `${OWN_PREFIX}staging-`;

/** Whether a process exists (EPERM: it does, as another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

/** Removes per-run staging directories left by runs that were killed (their process no longer exists). */
export async function removeStaleStaging(dir: string): Promise<void> {
  const names = await nodeFs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(name.slice(STAGING_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    if (isAlive(pid)) continue;
    await nodeFs.rm(join(dir, name), { recursive: true, force: true });
  }
}

/** Writes `files` below `root`, never over an existing file. */
export async function stage(root: string, files: readonly GeneratedFile[], options: { readonly signal?: AbortSignal | undefined }, fs: FsOps): Promise<void> {
  for (const file of files) {
    throwIfCancelled(options.signal);
    const path = pathOf(root, file.path);
    await fs.mkdir(dirname(path), { recursive: true });
    await fs.writeFile(path, file.contents, { flag: 'wx' });
  }
  throwIfCancelled(options.signal);
}

