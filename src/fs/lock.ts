/**
 * The lock of an existing target: its staging directory under one fixed name, holding the
 * owner's pid. A lock whose owner died is rolled back (its journal says how) and taken over.
 */
import { join } from 'node:path';
import { CliError } from '../errors.js';
import { errnoCode, lstatOrUndefined, REAL_FS, type FsOps } from './fs-ops.js';
import { JOURNAL, OWNER, rollback, type Journal } from './journal.js';
import * as nodeFs from './quick-fs.js';
import { isAlive, STAGING_PREFIX } from './staging.js';
import { OWN_PREFIX } from './target.js';

/** Staging inside an existing target has one fixed name: creating it is taking the lock. */
export const LOCK_NAME = `${OWN_PREFIX}staging`;

/**
 * Takes the lock of an existing target by creating its staging directory, owner file included:
 * it is made under a unique name and renamed to the fixed one, so no lock is ever ownerless.
 * A lock whose owner is dead is recovered (rolled back) and taken.
 */
export async function acquireStaging(dir: string, fs: FsOps): Promise<string> {
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

/**
 * Before a command reads an existing project to plan its changes: a run killed mid-write left
 * its lock, maybe with half its moves done, or all of them with only the lock's removal left.
 * Planning from that tree would miss the rollback (or, with nothing to write, never take the
 * lock and leave it), so it is rolled back and removed first. A live owner is an error.
 */
export async function recoverInterrupted(dir: string): Promise<void> {
  const staging = join(dir, LOCK_NAME);
  if ((await lstatOrUndefined(staging)) === undefined) return;
  const owner = Number(await nodeFs.readFile(join(staging, OWNER), 'utf8').catch(() => ''));
  if (owner > 0 && owner !== process.pid && isAlive(owner)) throw busyError(dir, owner);
  await recoverStale(dir, staging);
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
