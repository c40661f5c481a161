/** Runs one in-process generation in a sandbox and checks the outcome the hardening suite promises. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ProjectOptions } from '../../src/core/options.js';
import { changedPaths, checkProject, isWithin, snapshotTree, type PythonSource } from './generated.js';
import { errorFormatProblem, runMain } from './inproc.js';
import { tempDir } from './tmp.js';

export type Outcome =
  | { readonly kind: 'rejected'; readonly code: number; readonly message: string }
  | { readonly kind: 'created'; readonly options: ProjectOptions; readonly target: string };

export interface CaseResult {
  readonly outcome: Outcome;
  /** Broken promises: empty when the run was either a clean rejection or a sound project. */
  readonly problems: string[];
  readonly python: PythonSource[];
}

/**
 * A sandbox root holding `work/` (the cwd) and `outside/` (a sentinel the run must never touch);
 * the CLI runs with --json --no-git, and every change to the sandbox is accounted for.
 */
export async function generateCase(args: readonly string[], setup?: (cwd: string, root: string) => Promise<void>): Promise<CaseResult> {
  const root = await tempDir('cpa-hard-');
  const cwd = join(root, 'work');
  await mkdir(cwd);
  await mkdir(join(root, 'outside'));
  await writeFile(join(root, 'outside', 'sentinel.txt'), 'do not touch');
  await setup?.(cwd, root);
  const before = await snapshotTree(root);
  const r = await runMain([...args, '--json', '--no-git'], cwd);
  const after = await snapshotTree(root);
  const changed = changedPaths(before, after);
  const problems: string[] = [];
  const leftovers = [...after.keys()].filter((p) => p.split('/').some((part) => part.startsWith('.create-pyo3-async-')));
  if (leftovers.length > 0) problems.push(`staging left behind: ${leftovers.join(', ')}`);

  if (r.code !== 0) {
    const message = r.stderr.split('\n').find((l) => l.startsWith('error: ')) ?? '';
    if (r.code !== 2) problems.push(`exit ${r.code}, not 0 or 2: ${r.stderr.trim()}`);
    const format = errorFormatProblem(r.stderr);
    if (format !== undefined) problems.push(`stderr: ${format}`);
    if (changed.length > 0) problems.push(`a rejected run changed ${changed.join(', ')}`);
    try {
      const doc = JSON.parse(r.stdout) as { ok: boolean; error: { exitCode: number } };
      if (doc.ok !== false || doc.error.exitCode !== r.code) problems.push('--json error document does not match');
    } catch {
      problems.push(`--json stdout is not one JSON document: ${JSON.stringify(r.stdout.slice(0, 200))}`);
    }
    return { outcome: { kind: 'rejected', code: r.code, message }, problems, python: [] };
  }
  const doc = JSON.parse(r.stdout) as { path: string; options: ProjectOptions };
  const target = relative(root, doc.path).split(sep).join('/');
  if (target.startsWith('..')) problems.push(`the target ${doc.path} is outside the sandbox`);
  // Missing parents of the target are created (mkdir -p): new, empty directories on its path are fine.
  const onPath = (p: string) => isWithin(target, p) && before.get(p) === undefined && after.get(p)?.startsWith('dir:') === true;
  const outside = changed.filter((p) => !isWithin(p, target) && !onPath(p));
  if (outside.length > 0) problems.push(`wrote outside the target ${target}: ${outside.join(', ')}`);
  const checked = await checkProject(doc.path, doc.options);
  problems.push(...checked.problems);
  return { outcome: { kind: 'created', options: doc.options, target }, problems, python: checked.python };
}
