// Two generations into the same directory at the same time, as real processes (the lock is
// per process): one wins, a loser fails clearly, the result is one complete project, never a mix.
// In the real tier with the kill loop, to keep the fast tier fast.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN } from '../../helpers/cli.js';
import { errorFormatProblem } from '../../helpers/inproc.js';
import { readTree, tempDir } from '../../helpers/tmp.js';

const ALL = ['--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '--no-git'];
const ROUNDS = 5;
const ownLeftovers = async (dir: string) => (await readdir(dir)).filter((n) => n.startsWith('.create-pyo3-async-'));

describe('two generations at the same time (real processes)', () => {
  const spawn = (cwd: string, args: string[]) =>
    execa(process.execPath, [BIN, ...args, ...ALL, '--json'], { cwd, reject: false, env: { NO_COLOR: '1' } });

  it.each([
    ['a new directory', false],
    ['an existing directory with --force', true],
  ])('into %s: one wins, a loser fails clearly, the result is one complete project', async (_label, existing) => {
    const root = await tempDir('cpa-race-');
    const refs = await tempDir('cpa-ref-');
    const descriptions = ['from run A', 'from run B'];
    for (const [i, d] of descriptions.entries()) await spawn(refs, [`ref${i}`, '--name', 'proj', '--description', d]);
    const reference = await Promise.all(descriptions.map((_, i) => readTree(join(refs, `ref${i}`))));
    let failures = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const dir = join(root, `r${round}`, 'proj');
      await mkdir(join(root, `r${round}`));
      if (existing) {
        await mkdir(dir);
        await writeFile(join(dir, 'notes.txt'), 'mine');
      }
      const force = existing ? ['--force'] : [];
      const runs = await Promise.all(descriptions.map((d) => spawn(join(root, `r${round}`), ['proj', '--name', 'proj', '--description', d, ...force])));
      for (const r of runs) {
        expect([0, 1, 2]).toContain(r.exitCode);
        if (r.exitCode !== 0) {
          failures += 1;
          expect(errorFormatProblem(r.stderr)).toBeUndefined();
          expect(r.stderr).toMatch(/appeared while|another create-pyo3-async run|not empty/);
        }
      }
      expect(runs.some((r) => r.exitCode === 0)).toBe(true);
      const tree = await readTree(dir);
      if (existing) expect(tree['notes.txt']).toBe('mine');
      delete tree['notes.txt'];
      expect([JSON.stringify(reference[0]), JSON.stringify(reference[1])]).toContain(JSON.stringify(tree));
      expect(await ownLeftovers(join(root, `r${round}`))).toEqual([]);
      expect(await ownLeftovers(dir)).toEqual([]);
    }
    console.log(`concurrent generations into ${_label}: ${ROUNDS} rounds of 2 runs, ${failures} clear failures`);
  });
});
