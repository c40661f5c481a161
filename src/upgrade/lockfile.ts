/**
 * Cargo.lock follows Cargo.toml: `cargo update --workspace` (which re-resolves only what the
 * changed requirements need) runs on a scratch copy of the upgraded files, so the new lock file
 * is written together with everything else, or not at all.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { throwIfCancelled } from '../errors.js';
import type { Runner } from '../proc/runner.js';

export interface LockOutcome {
  readonly status: 'updated' | 'unchanged' | 'absent' | 'not-updated';
  readonly contents?: string;
  /** Why it was not updated, and the command that does it. */
  readonly detail?: string;
}

export const LOCK_COMMAND = ['cargo', 'update', '--workspace'] as const;

export async function updateLock(
  lock: string | undefined,
  files: ReadonlyMap<string, string>,
  scratchDir: string,
  ctx: { readonly run: Runner; readonly env: NodeJS.ProcessEnv; readonly signal?: AbortSignal | undefined },
): Promise<LockOutcome> {
  if (lock === undefined) return { status: 'absent' };
  const root = join(scratchDir, 'lock');
  for (const [path, text] of [...files, ['Cargo.lock', lock] as const]) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  const [cmd, ...args] = LOCK_COMMAND;
  const r = await ctx.run(cmd, args, { cwd: root, env: ctx.env, signal: ctx.signal });
  throwIfCancelled(ctx.signal);
  if (r.exitCode !== 0) {
    const why = r.missing ? 'cargo is not installed' : (r.stderr.trim().split('\n').find((l) => /error/i.test(l)) ?? r.stderr.trim().split('\n')[0] ?? '');
    return { status: 'not-updated', detail: `${why}; run \`${LOCK_COMMAND.join(' ')}\` in the project` };
  }
  const contents = await readFile(join(root, 'Cargo.lock'), 'utf8');
  return contents === lock ? { status: 'unchanged' } : { status: 'updated', contents };
}
