/**
 * What upgrade asks git, always through the injected runner with argument arrays: is the project
 * in a work tree and is it clean, the generated text of a file (by the record's blob id, or from
 * the project's first commit), and three-way merges (`git merge-file --diff3` on temp files).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { blobId } from '../core/record.js';
import type { Merge3 } from '../core/upgrade-plan.js';
import { CliError, throwIfCancelled } from '../errors.js';
import { OWN_PREFIX } from '../fs/target.js';
import type { Runner } from '../proc/runner.js';

export interface GitContext {
  readonly dir: string;
  readonly run: Runner;
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal | undefined;
}

export interface WorkTree {
  /** git is installed and the project is inside a work tree. */
  readonly inside: boolean;
  readonly installed: boolean;
  /** `git status --porcelain` lines for the project's directory (ours left out). */
  readonly dirty: readonly string[];
  /**
   * The commit that added the project's Cargo.toml: a 0.1.0 project's first commit, which holds
   * exactly what it generated (in a larger repository, the commit that brought the project in).
   */
  readonly firstCommit: string | undefined;
  /** The project's directory relative to the work tree's top ("" at the top). */
  readonly prefix: string;
}

async function git({ dir, run, env, signal }: GitContext, ...args: string[]) {
  const r = await run('git', args, { cwd: dir, env, signal });
  throwIfCancelled(signal);
  return r;
}

export async function workTree(ctx: GitContext): Promise<WorkTree> {
  const probe = await git(ctx, 'rev-parse', '--is-inside-work-tree');
  const outside = { inside: false, installed: !probe.missing, dirty: [], firstCommit: undefined, prefix: '' };
  if (probe.exitCode !== 0 || probe.stdout.trim() !== 'true') return outside;
  const status = await git(ctx, 'status', '--porcelain', '--untracked-files=all', '--', '.');
  const dirty = status.stdout.split('\n').filter((l) => l.trim() !== '' && !l.includes(OWN_PREFIX));
  const added = await git(ctx, 'log', '--diff-filter=A', '--format=%H', '--', 'Cargo.toml');
  const firstCommit = added.exitCode === 0 ? added.stdout.split('\n').filter((l) => l !== '').at(-1) : undefined;
  const prefix = (await git(ctx, 'rev-parse', '--show-prefix')).stdout.trim();
  return { inside: true, installed: true, dirty, firstCommit, prefix };
}

/**
 * The text of the blob `id` (abbreviated or full), exactly: the runner may drop the output's
 * final newline, so the candidates are checked against the id itself.
 */
export async function blobText(ctx: GitContext, id: string): Promise<string | undefined> {
  if (!/^[0-9a-f]{4,64}$/.test(id)) return undefined;
  const r = await git(ctx, 'cat-file', 'blob', id);
  if (r.exitCode !== 0) return undefined;
  return [r.stdout, `${r.stdout}\n`, `${r.stdout}\r\n`].find((text) => id.startsWith(blobId(text)) || blobId(text).startsWith(id));
}

/** The text `path` (relative to the project) had in commit `rev`, if it had one. */
export async function textAt(ctx: GitContext, rev: string, path: string): Promise<string | undefined> {
  const id = await git(ctx, 'rev-parse', '--verify', '--quiet', `${rev}:./${path}`);
  if (id.exitCode !== 0 || id.stdout.trim() === '') return undefined;
  return blobText(ctx, id.stdout.trim());
}

/** A scratch directory outside the project, removed by `dispose`. */
export async function scratch(env: NodeJS.ProcessEnv): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const root = env.TMPDIR ?? env.TEMP ?? env.TMP ?? '/tmp';
  const dir = await mkdtemp(join(root, `${OWN_PREFIX}upgrade-`));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** A three-way merge by `git merge-file --diff3`, on files in `tmp`. */
export function gitMerge3(ctx: GitContext, tmp: string): Merge3 {
  let n = 0;
  return async ({ path, ours, base, theirs, labels }) => {
    const at = join(tmp, String(n++));
    await mkdir(at, { recursive: true });
    const files = ['ours', 'base', 'theirs'].map((name) => join(at, name));
    await Promise.all([ours, base, theirs].map((text, i) => writeFile(files[i]!, text)));
    const r = await ctx.run('git', ['merge-file', '--diff3', '-L', labels[0], '-L', labels[1], '-L', labels[2], ...files], {
      cwd: dirname(files[0]!),
      env: ctx.env,
      signal: ctx.signal,
    });
    throwIfCancelled(ctx.signal);
    if (r.missing) {
      throw new CliError(`git is needed to merge ${path}, which was changed since it was generated`, {
        hint: 'install git (https://git-scm.com) and run upgrade again',
      });
    }
    if (r.exitCode === undefined || r.exitCode > 127) {
      throw new CliError(`git merge-file failed on ${path}: ${r.stderr.trim().split('\n')[0] ?? ''}`, { hint: 'run again with --verbose' });
    }
    return { text: await readFile(files[0]!, 'utf8'), conflicts: r.exitCode };
  };
}
