/** `git init` plus a first commit of exactly the generated files, unless git says no. */
import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { throwIfCancelled } from '../errors.js';
import type { Runner } from '../proc/runner.js';

/** How git is run: the injected runner, in the environment the CLI was given. */
export interface GitRun {
  readonly run: Runner;
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal | undefined;
}

export interface GitOutcome {
  readonly status: 'committed' | 'initialized' | 'skipped';
  /** Why git was skipped or no commit was made. */
  readonly reason?: string;
}

const COMMIT_MESSAGE = 'Initial commit from create-pyo3-async';

/**
 * Whether git could see a work tree around `dir` at all: some ancestor has a `.git`, or the
 * environment points git elsewhere. When not, asking git is a process for a known answer.
 */
function mayBeInsideWorkTree(dir: string, env: NodeJS.ProcessEnv): boolean {
  if (env.GIT_DIR !== undefined || env.GIT_WORK_TREE !== undefined) return true;
  for (let at = resolve(dir); ; at = dirname(at)) {
    try {
      lstatSync(join(at, '.git'));
      return true;
    } catch {
      // not here; its parent, then
    }
    if (dirname(at) === at) return false;
  }
}

/** Decides, before anything is written, whether a repository should be created. */
export async function gitPlan(wanted: boolean, existingDir: string, { run, env, signal }: GitRun): Promise<GitOutcome | undefined> {
  if (!wanted) return { status: 'skipped', reason: '--no-git' };
  // git itself decides when there is a .git above (file-system boundaries, safe.directory, a
  // broken repository); with none, initRepository finds out whether git is installed.
  if (!mayBeInsideWorkTree(existingDir, env)) return undefined;
  const probe = await run('git', ['rev-parse', '--is-inside-work-tree'], { cwd: existingDir, env, signal });
  throwIfCancelled(signal);
  if (probe.missing) return { status: 'skipped', reason: 'git is not installed' };
  if (probe.exitCode === 0 && probe.stdout.trim() === 'true') {
    return { status: 'skipped', reason: 'already inside a git work tree' };
  }
  return undefined; // go ahead
}

export async function initRepository(dir: string, paths: readonly string[], { run, env, signal }: GitRun): Promise<GitOutcome> {
  const git = (...args: string[]) => run('git', args, { cwd: dir, env, signal });
  const init = await git('init', '--quiet');
  throwIfCancelled(signal);
  if (init.missing) return { status: 'skipped', reason: 'git is not installed' };
  if (init.exitCode !== 0) return { status: 'skipped', reason: `git init failed: ${firstLine(init.stderr)}` };
  const add = await git('add', '--', ...paths);
  throwIfCancelled(signal);
  if (add.exitCode !== 0) return { status: 'initialized', reason: `git add failed: ${firstLine(add.stderr)}` };
  // A first commit of a few dozen files never needs maintenance: no `git maintenance` process.
  const commit = await git('-c', 'maintenance.auto=false', 'commit', '--quiet', '--no-verify', '-m', COMMIT_MESSAGE);
  throwIfCancelled(signal);
  if (commit.exitCode !== 0) {
    const why = /user\.(name|email)|identity/i.test(commit.stderr)
      ? 'git has no user.name / user.email; commit skipped'
      : `git commit failed: ${firstLine(commit.stderr)}`;
    return { status: 'initialized', reason: why };
  }
  return { status: 'committed' };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
