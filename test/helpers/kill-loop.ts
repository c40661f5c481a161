/** What the kill loops (generation and upgrade, test/hardening/real) share. */
import { readdir } from 'node:fs/promises';
import { snapshotTree } from './generated.js';

const isOwn = (path: string) => path.split('/').some((p) => p.startsWith('.create-pyo3-async-'));

/** The tree without our staging and without .git (git's own files vary with timing); undefined when absent. */
export async function treeState(dir: string): Promise<string | undefined> {
  const snap = await snapshotTree(dir).catch(() => undefined);
  if (snap === undefined) return undefined;
  return JSON.stringify([...snap].filter(([p]) => !isOwn(p) && p !== '.git' && !p.startsWith('.git/')).sort());
}

/** Our staging directories left in `dir`. */
export const leftovers = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith('.create-pyo3-async-'));

/** Runs `work` on every item, `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}
