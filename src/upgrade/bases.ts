/**
 * The base of each three-way merge: the text that was generated at a path. With a record, the
 * blob its id names (Cargo.toml's id is of its text without the record, so its commits are
 * searched); for a project made by 0.1.0, its first commit. After an upgrade the generated tree
 * is kept under refs/create-pyo3-async/generated (one ref per project directory), so the next upgrade finds its bases even for
 * files that were merged (whose generated text no commit holds).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from '../core/plan.js';
import { blobId, withoutRecord, type GenerationRecord } from '../core/record.js';
import { blobText, textAt, type GitContext, type WorkTree } from './git.js';

/** The ref keeping the generated tree of the project at `prefix` in its repository. */
export const generatedRef = (prefix: string) => `refs/create-pyo3-async/generated${prefix === '' ? '' : `-${blobId(prefix)}`}`;
/** Where the kept tree holds Cargo.toml's text without its record: the blob the record's id names. */
const CARGO_BODY = '.create-pyo3-async/Cargo.toml.without-record';
const SEARCHED_COMMITS = 200;

export interface Bases {
  readonly base: Map<string, string>;
  readonly generatedBefore: Set<string>;
  /** The commit the bases came from, for projects without a record. */
  readonly from: string | undefined;
}

const body = (path: string, text: string) => (path === 'Cargo.toml' ? withoutRecord(text) : text);

export async function findBases(
  g: GitContext,
  tree: WorkTree,
  record: GenerationRecord | undefined,
  generated: readonly GeneratedFile[],
  current: ReadonlyMap<string, string | undefined>,
): Promise<Bases> {
  const base = new Map<string, string>();
  if (record !== undefined) {
    for (const { path, contents } of generated) {
      const now = current.get(path);
      const id = record.files[path];
      // Only a changed file needs its base; an unchanged one is replaced.
      if (now === undefined || now === contents || id === undefined || blobId(body(path, now)) === id || !tree.installed) continue;
      const text = (await blobText(g, id)) ?? (path === 'Cargo.toml' && tree.inside ? await searchCargo(g, id) : undefined);
      if (text !== undefined) base.set(path, text);
    }
    return { base, generatedBefore: new Set(Object.keys(record.files)), from: undefined };
  }
  // A 0.1.0 project: its first commit holds exactly the generated files.
  const root = tree.firstCommit;
  const generatedBefore = new Set<string>();
  if (root !== undefined) {
    for (const { path } of generated) {
      const text = await textAt(g, root, path);
      if (text === undefined) continue;
      base.set(path, text);
      generatedBefore.add(path);
    }
  }
  return { base, generatedBefore, from: root };
}

/** The Cargo.toml of a commit whose text without the record has the record's id. */
async function searchCargo(g: GitContext, id: string): Promise<string | undefined> {
  const log = await g.run('git', ['log', '--format=%H', '-n', String(SEARCHED_COMMITS), '--', 'Cargo.toml'], { cwd: g.dir, env: g.env, signal: g.signal });
  if (log.exitCode !== 0) return undefined;
  for (const commit of log.stdout.split('\n').filter((l) => l !== '')) {
    const text = await textAt(g, commit, 'Cargo.toml');
    if (text !== undefined && blobId(withoutRecord(text)) === id) return withoutRecord(text);
  }
  return undefined;
}

/**
 * Writes the generated tree into the repository's object store and points the project's ref at it
 * (a tree, through a scratch index: no commit, no identity needed). Returns why not, if it failed.
 */
export async function keepGenerated(g: GitContext, prefix: string, scratchDir: string, generated: readonly GeneratedFile[]): Promise<string | undefined> {
  const files = [...generated, ...generated.filter((f) => f.path === 'Cargo.toml').map((f) => ({ path: CARGO_BODY, contents: withoutRecord(f.contents) }))];
  const root = join(scratchDir, 'kept');
  for (const f of files) {
    await mkdir(dirname(join(root, f.path)), { recursive: true });
    await writeFile(join(root, f.path), f.contents);
  }
  const run = (args: string[], env: NodeJS.ProcessEnv = g.env) => g.run('git', args, { cwd: g.dir, env, signal: g.signal });
  const hashed = await run(['hash-object', '-w', '--no-filters', '--', ...files.map((f) => join(root, f.path))]);
  if (hashed.exitCode !== 0) return `git hash-object failed: ${hashed.stderr.trim()}`;
  const ids = hashed.stdout.split('\n').filter((l) => l !== '');
  const indexEnv = { ...g.env, GIT_INDEX_FILE: join(scratchDir, 'kept-index') };
  const info = files.flatMap((f, i) => ['--cacheinfo', `100644,${ids[i]},${f.path}`]);
  const added = await run(['update-index', '--add', ...info], indexEnv);
  if (added.exitCode !== 0) return `git update-index failed: ${added.stderr.trim()}`;
  const tree = await run(['write-tree'], indexEnv);
  if (tree.exitCode !== 0) return `git write-tree failed: ${tree.stderr.trim()}`;
  const ref = await run(['update-ref', generatedRef(prefix), tree.stdout.trim()]);
  return ref.exitCode === 0 ? undefined : `git update-ref failed: ${ref.stderr.trim()}`;
}
