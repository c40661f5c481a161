// Kill the real CLI at random moments of a generation, over and over, with SIGINT, SIGTERM and
// SIGKILL. Afterwards the target is absent, exactly as it was, or a complete project (equal to a
// reference generation); at most one staging directory of ours is left, and the next run
// removes it (and rolls back a move SIGKILL interrupted).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { inspectTarget } from '../../../src/fs/target.js';
import { LOCK_NAME } from '../../../src/fs/lock.js';
import { writeProject } from '../../../src/fs/write-tree.js';
import { BIN } from '../../helpers/cli.js';
import { leftovers, pool, treeState as state } from '../../helpers/kill-loop.js';
import { tempDir } from '../../helpers/tmp.js';

const RUNS_PER_SCENARIO = 51; // 102 runs in all, 34 per signal
const CONCURRENCY = 4;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGKILL'] as const;
const ARGS = ['--kind', 'module', '--runtime', 'tokio', '--uvloop', '--stack', 'current', '--name', 'proj', '--description', 'killed "maybe"'];
const ENV = {
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_AUTHOR_DATE: '2000-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2000-01-01T00:00:00Z',
};

interface Scenario {
  readonly name: string;
  readonly args: readonly string[];
  /** Prepares `cwd/proj` the way the user had it (nothing, for a new directory). */
  readonly setup: (dir: string) => Promise<void>;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'a new directory (with git)', args: ['proj', ...ARGS], setup: async () => undefined },
  {
    name: 'an existing non-empty directory with --force',
    args: ['proj', '--force', '--no-git', ...ARGS],
    setup: async (dir) => {
      await mkdir(join(dir, 'src'), { recursive: true });
      await writeFile(join(dir, 'Cargo.toml'), 'mine');
      await writeFile(join(dir, 'src', 'notes.rs'), 'keep');
    },
  },
];

const run = (cwd: string, args: readonly string[]) => execa(process.execPath, [BIN, ...args], { cwd, env: ENV, reject: false, stdin: 'ignore' });

describe('kill loop', () => {
  it.each(SCENARIOS)('killing generation into $name leaves nothing half-done', async (scenario) => {
    const started = performance.now();
    const root = await tempDir('cpa-kill-');
    // The reference: the same generation, uninterrupted; and how long one takes.
    const refCwd = join(root, 'ref');
    await mkdir(refCwd);
    await scenario.setup(join(refCwd, 'proj'));
    const before = await state(join(refCwd, 'proj'));
    expect((await run(refCwd, scenario.args)).exitCode).toBe(0);
    const complete = await state(join(refCwd, 'proj'));
    // How long a run takes under the loop's own load: kills then land all along a generation.
    const timing = await Promise.all(Array.from({ length: CONCURRENCY }, async (_, i) => {
      const cwd = join(root, `timing${i}`);
      await mkdir(cwd);
      await scenario.setup(join(cwd, 'proj'));
      const t0 = performance.now();
      expect((await run(cwd, scenario.args)).exitCode).toBe(0);
      return performance.now() - t0;
    }));
    const fullRunMs = Math.max(...timing);
    expect(complete).not.toBe(before);

    const outcomes = { rolledBack: 0, absent: 0, unchanged: 0, complete: 0, leftovers: 0, exitCodes: new Map<string, number>() };
    await pool(Array.from({ length: RUNS_PER_SCENARIO }, (_, i) => i), CONCURRENCY, async (i) => {
      const cwd = join(root, `run${i}`);
      await mkdir(cwd);
      await scenario.setup(join(cwd, 'proj'));
      const signal = SIGNALS[i % SIGNALS.length]!;
      const delay = fullRunMs * (0.3 + Math.random() * 0.9);
      const child = run(cwd, scenario.args);
      const timer = setTimeout(() => child.kill(signal), delay);
      const r = await child;
      clearTimeout(timer);
      const key = `${signal}:${r.exitCode ?? r.signal}`;
      outcomes.exitCodes.set(key, (outcomes.exitCodes.get(key) ?? 0) + 1);
      // A handled SIGINT/SIGTERM exits 130 (or 0 when it came too late to matter).
      if (signal !== 'SIGKILL' && r.exitCode !== undefined) expect([0, 130], r.stderr).toContain(r.exitCode);
      if (r.exitCode === 130) expect(r.stderr).toMatch(/^error: cancelled/m);

      const left = [...(await leftovers(cwd)), ...(await leftovers(join(cwd, 'proj')))];
      expect(left.length, left.join(', ')).toBeLessThanOrEqual(1);
      if (left.length > 0) outcomes.leftovers += 1;
      let after = await state(join(cwd, 'proj'));
      const mixed = after !== undefined && after !== before && after !== complete;
      if (mixed) {
        // Only SIGKILL between two renames into an existing directory can do this: its journal
        // is in the lock, and the next run's first act is to roll it back. Do just that.
        expect(signal, `run ${i} (${signal} after ${delay.toFixed(0)} ms) left a mix:\n${after}`).toBe('SIGKILL');
        expect(existsSync(join(cwd, 'proj', LOCK_NAME, 'journal.json'))).toBe(true);
        await writeProject(await inspectTarget(join(cwd, 'proj'), 'proj'), [], { overwrite: false });
        after = await state(join(cwd, 'proj'));
        expect(after, 'rolled back to what the user had').toBe(before);
        outcomes.rolledBack += 1;
      }
      if (after === undefined) outcomes.absent += 1;
      else if (after === before) outcomes.unchanged += 1;
      else if (after === complete) outcomes.complete += 1;
      if (after === undefined) expect(before, 'an existing directory vanished').toBeUndefined();

      if (left.length > 0 && !mixed) {
        // The next, uninterrupted run cleans up (and rolls back first) and gives the full project.
        const next = await run(cwd, after === complete ? [...scenario.args, '--force'] : scenario.args);
        expect(next.exitCode, next.stderr).toBe(0);
        expect([...(await leftovers(cwd)), ...(await leftovers(join(cwd, 'proj')))]).toEqual([]);
        expect(await state(join(cwd, 'proj'))).toBe(complete);
      }
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `kill loop, ${scenario.name}: ${RUNS_PER_SCENARIO} runs (${CONCURRENCY} at a time, delays ${(fullRunMs * 0.3).toFixed(0)}-${(fullRunMs * 1.2).toFixed(0)} ms) in ${seconds} s: ` +
        `${outcomes.absent} absent, ${outcomes.unchanged} unchanged, ${outcomes.complete} complete (${outcomes.rolledBack} of the unchanged after the next run rolled a SIGKILLed move back), ${outcomes.leftovers} left staging (cleaned by the next run); ` +
        `exits ${JSON.stringify(Object.fromEntries([...outcomes.exitCodes].sort()))}`,
    );
  }, 120_000);
});
