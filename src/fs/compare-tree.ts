/** Compares a directory on disk with a planned file tree: drift detection for `matrix --check`. */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GeneratedFile } from '../core/plan.js';

export interface TreeDiff {
  /** Planned but absent. */
  readonly missing: string[];
  /** Present with other contents, or not a regular file (a symlink is never followed). */
  readonly modified: string[];
  /** Present but not planned. */
  readonly extra: string[];
}

export const isClean = (d: TreeDiff): boolean => d.missing.length + d.modified.length + d.extra.length === 0;

/** Every entry below `dir` that is not a directory, by POSIX relative path; symlinks are not followed. */
async function listEntries(dir: string, prefix = '', out = new Map<string, boolean>()): Promise<Map<string, boolean>> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) await listEntries(join(dir, entry.name), rel, out);
    else out.set(rel, entry.isFile());
  }
  return out;
}

/** Files below `dir` that are not among `files`: a listing only, no contents read. */
export async function extraFiles(dir: string, files: readonly GeneratedFile[]): Promise<string[]> {
  const present = await listEntries(dir);
  for (const file of files) present.delete(file.path);
  return [...present.keys()].sort();
}

export async function compareTree(dir: string, files: readonly GeneratedFile[]): Promise<TreeDiff> {
  const info = await lstat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) return { missing: files.map((f) => f.path), modified: [], extra: [] };
  const present = await listEntries(dir);
  const diff: TreeDiff = { missing: [], modified: [], extra: [] };
  for (const file of files) {
    const regular = present.get(file.path);
    present.delete(file.path);
    if (regular === undefined) diff.missing.push(file.path);
    else if (!regular || (await readFile(join(dir, file.path), 'utf8')) !== file.contents) diff.modified.push(file.path);
  }
  diff.extra.push(...[...present.keys()].sort());
  return diff;
}
