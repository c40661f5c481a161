// When create asks git whether the target is inside a work tree (only when a .git above or the
// environment could make it so), and what it reports when git is not installed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitPlan, initRepository } from '../../src/git/git-init.js';
import { fakeRunner } from '../helpers/fake-runner.js';
import { tempDir } from '../helpers/tmp.js';

const insideAnswer = (tool: string, args: readonly string[]) => (tool === 'git' && args[0] === 'rev-parse' ? { stdout: 'true\n' } : {});

describe('gitPlan', () => {
  it('with no .git in any parent, goes ahead without running git', async () => {
    const dir = join(await tempDir(), 'a', 'b');
    await mkdir(dir, { recursive: true });
    const { run, calls } = fakeRunner(insideAnswer);
    expect(await gitPlan(true, dir, { run, env: {} })).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it.each([
    ['a .git directory above', async (root: string) => mkdir(join(root, '.git')), {}],
    ['a .git file above (a worktree or submodule)', async (root: string) => writeFile(join(root, '.git'), 'gitdir: elsewhere\n'), {}],
    ['GIT_DIR set', async () => undefined, { GIT_DIR: '/somewhere/.git' }],
    ['GIT_WORK_TREE set', async () => undefined, { GIT_WORK_TREE: '/somewhere' }],
  ])('with %s, lets git decide', async (_, prepare, env) => {
    const root = await tempDir();
    await prepare(root);
    const dir = join(root, 'sub');
    await mkdir(dir);
    const { run, calls } = fakeRunner(insideAnswer);
    expect(await gitPlan(true, dir, { run, env })).toEqual({ status: 'skipped', reason: 'already inside a git work tree' });
    expect(calls.map((c) => c.args.join(' '))).toEqual(['rev-parse --is-inside-work-tree']);
  });

  it('does nothing at all with --no-git', async () => {
    const { run, calls } = fakeRunner(insideAnswer);
    expect(await gitPlan(false, await tempDir(), { run, env: {} })).toEqual({ status: 'skipped', reason: '--no-git' });
    expect(calls).toEqual([]);
  });
});

describe('initRepository', () => {
  it('reports a missing git as skipped, running nothing more', async () => {
    const { run, calls } = fakeRunner(() => undefined);
    expect(await initRepository(await tempDir(), ['a.txt'], { run, env: {} })).toEqual({ status: 'skipped', reason: 'git is not installed' });
    expect(calls).toHaveLength(1);
  });

  it('commits without starting git maintenance', async () => {
    const { run, calls } = fakeRunner(() => ({}));
    expect(await initRepository(await tempDir(), ['a.txt'], { run, env: {} })).toEqual({ status: 'committed' });
    expect(calls.map((c) => c.args.slice(0, 3).join(' '))).toEqual(['init --quiet', 'add -- a.txt', '-c maintenance.auto=false commit']);
  });
});
