/** `git init` plus a first commit of exactly the generated files, unless git says no. */
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

/** Decides, before anything is written, whether a repository should be created. */
export async function gitPlan(wanted: boolean, existingDir: string, { run, env, signal }: GitRun): Promise<GitOutcome | undefined> {
  if (!wanted) return { status: 'skipped', reason: '--no-git' };
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
  if (init.exitCode !== 0) return { status: 'skipped', reason: `git init failed: ${firstLine(init.stderr)}` };
  const add = await git('add', '--', ...paths);
  throwIfCancelled(signal);
  if (add.exitCode !== 0) return { status: 'initialized', reason: `git add failed: ${firstLine(add.stderr)}` };
  const commit = await git('commit', '--quiet', '--no-verify', '-m', COMMIT_MESSAGE);
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
