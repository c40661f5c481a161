// Kill the real CLI at random moments of an `upgrade` (pyo3 0.28 to 0.30, with an edit of the
// user's to merge), over and over, with SIGINT, SIGTERM and SIGKILL. Afterwards the project is
// exactly as before or exactly as an uninterrupted upgrade leaves it; at most one staging
// directory of ours is left, and the next run removes it (rolling a SIGKILLed move back first)
// and completes the upgrade.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../../helpers/cli.js';
import { leftovers, pool, treeState } from '../../helpers/kill-loop.js';
import { tempDir } from '../../helpers/tmp.js';

const RUNS = 51; // 17 per signal
const CONCURRENCY = 4;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGKILL'] as const;
const UPGRADE = ['upgrade', '--pyo3-version', '0.30'];
const ENV = {
  NO_COLOR: '1',
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_AUTHOR_DATE: '2000-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2000-01-01T00:00:00Z',
};

const cli = (cwd: string, args: readonly string[]) => execa(process.execPath, [BIN, ...args], { cwd, env: ENV, extendEnv: false, reject: false, stdin: 'ignore' });
const state = async (dir: string) => (await treeState(dir))!;

describe('upgrade kill loop', () => {
  let root: string;
  let template: string;
  let before: string;
  let complete: string;
  let fullRunMs: number;

  beforeAll(async () => {
    root = await tempDir('cpa-upkill-');
    expect((await cli(root, ['template', '--kind', 'module', '--runtime', 'tokio', '--uvloop', '--stack', 'current', '--pyo3-version', '0.28', '-y'])).exitCode).toBe(0);
    template = join(root, 'template');
    const lib = join(template, 'src', 'lib.rs');
    await writeFile(lib, `${await readFile(lib, 'utf8')}\n/// The user's own function.\n#[pyfunction]\nfn answer() -> u32 {\n    42\n}\n`);
    await execa('git', ['commit', '-qam', 'an edit of mine'], { cwd: template, env: ENV, extendEnv: false });
    before = await state(template);
    const ref = join(root, 'ref');
    await cp(template, ref, { recursive: true });
    const r = await cli(ref, UPGRADE);
    expect(r.exitCode, r.stderr).toBe(0);
    complete = await state(ref);
    expect(complete).not.toBe(before);
    expect(await readFile(join(ref, 'src', 'lib.rs'), 'utf8')).toContain('fn answer() -> u32');
    // How long one takes under the loop's own load: kills then land all along an upgrade.
    const timing = await Promise.all(Array.from({ length: CONCURRENCY }, async (_, i) => {
      const dir = join(root, `timing${i}`);
      await cp(template, dir, { recursive: true });
      const t0 = performance.now();
      expect((await cli(dir, UPGRADE)).exitCode).toBe(0);
      return performance.now() - t0;
    }));
    fullRunMs = Math.max(...timing);
  });

  it('leaves the project as before or fully upgraded, and the next run completes it', async () => {
    const started = performance.now();
    const outcomes = { unchanged: 0, complete: 0, rolledBack: 0, leftovers: 0, exitCodes: new Map<string, number>() };
    await pool(Array.from({ length: RUNS }, (_, i) => i), CONCURRENCY, async (i) => {
      const dir = join(root, `run${i}`);
      await mkdir(join(dir, '..'), { recursive: true });
      await cp(template, dir, { recursive: true });
      const signal = SIGNALS[i % SIGNALS.length]!;
      const delay = fullRunMs * (0.2 + Math.random() * 0.9);
      const child = cli(dir, UPGRADE);
      const timer = setTimeout(() => child.kill(signal), delay);
      const r = await child;
      clearTimeout(timer);
      const key = `${signal}:${r.exitCode ?? r.signal}`;
      outcomes.exitCodes.set(key, (outcomes.exitCodes.get(key) ?? 0) + 1);
      if (signal !== 'SIGKILL' && r.exitCode !== undefined) expect([0, 130], r.stderr).toContain(r.exitCode);
      if (r.exitCode === 130) expect(r.stderr).toMatch(/^error: cancelled/m);

      const left = await leftovers(dir);
      expect(left.length, left.join(', ')).toBeLessThanOrEqual(1);
      if (left.length > 0) outcomes.leftovers += 1;
      const after = await state(dir);
      const was = after === before ? 'unchanged' : after === complete ? 'complete' : 'mixed';
      if (after === before) outcomes.unchanged += 1;
      else if (after === complete) outcomes.complete += 1;
      else {
        // Only SIGKILL between two renames can leave a mix; its journal lets the next run roll it back.
        expect(signal, `run ${i} (${signal} after ${delay.toFixed(0)} ms) left a mix`).toBe('SIGKILL');
        outcomes.rolledBack += 1;
      }
      // The next, uninterrupted run (forced: the work tree may be dirty now) finishes the job.
      const next = await cli(dir, [...UPGRADE, '--force']);
      expect([0], `run ${i} (${signal} after ${delay.toFixed(0)} ms, exit ${r.exitCode ?? r.signal}, left ${was}${left.length > 0 ? ' and staging' : ''}): ${next.stderr}`).toContain(next.exitCode);
      expect(await leftovers(dir)).toEqual([]);
      expect(await state(dir)).toBe(complete);
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `upgrade kill loop: ${RUNS} runs (${CONCURRENCY} at a time, delays ${(fullRunMs * 0.2).toFixed(0)}-${(fullRunMs * 1.1).toFixed(0)} ms) in ${seconds} s: ` +
        `${outcomes.unchanged} unchanged, ${outcomes.complete} complete, ${outcomes.rolledBack} mixed by SIGKILL and rolled back by the next run, ${outcomes.leftovers} left staging; ` +
        `exits ${JSON.stringify(Object.fromEntries([...outcomes.exitCodes].sort()))}`,
    );
  }, 180_000);
});
