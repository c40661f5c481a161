/**
 * The CLI as an earlier commit of this repository built it, for fixtures made by that release:
 * checked out in a temporary `git worktree`, `npm ci` + `npm run build` there, and its runnable
 * part (bin/, dist/, templates/, package.json) cached under .cache/old-release/<commit>/.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO } from './real-env.js';

/** 0.1.0: the release before projects carried a record of their generation. */
export const RELEASE_0_1_0 = '0076171';

export async function oldReleaseBin(commit: string): Promise<string> {
  const cached = join(REPO, '.cache', 'old-release', commit);
  const bin = join(cached, 'bin', 'create-pyo3-async.js');
  if (existsSync(join(cached, 'dist', 'index.js'))) return bin;
  const work = await mkdtemp(join(tmpdir(), `cpa-release-${commit}-`));
  const tree = join(work, 'tree');
  await execa('git', ['worktree', 'add', '--detach', tree, commit], { cwd: REPO });
  try {
    await execa('npm', ['ci', '--no-audit', '--no-fund'], { cwd: tree });
    await execa('npm', ['run', 'build'], { cwd: tree });
    const staged = join(work, 'out');
    await mkdir(staged, { recursive: true });
    for (const part of ['bin', 'dist', 'templates', 'package.json']) await cp(join(tree, part), join(staged, part), { recursive: true });
    await mkdir(join(REPO, '.cache', 'old-release'), { recursive: true });
    await rm(cached, { recursive: true, force: true });
    await rename(staged, cached);
  } finally {
    await execa('git', ['worktree', 'remove', '--force', tree], { cwd: REPO, reject: false });
    await rm(work, { recursive: true, force: true });
  }
  return bin;
}
