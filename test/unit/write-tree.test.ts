import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../src/core/plan.js';
import { CancelledError, CliError } from '../../src/errors.js';
import { inspectTarget } from '../../src/fs/target.js';
import { findCollisions } from '../../src/fs/collisions.js';
import { writeProject } from '../../src/fs/write-tree.js';
import { readTree, tempDir } from '../helpers/tmp.js';

const FILES: GeneratedFile[] = [
  { path: 'Cargo.toml', contents: 'cargo\n' },
  { path: 'src/lib.rs', contents: 'lib\n' },
  { path: 'python/pkg/__init__.py', contents: 'init\n' },
];

const expected = Object.fromEntries(FILES.map((f) => [f.path, f.contents]));

describe('writeProject', () => {
  it('creates a new directory (and missing parents) with exactly the planned files', async () => {
    const root = await tempDir();
    const dir = join(root, 'a', 'b', 'proj');
    const result = await writeProject(await inspectTarget(dir, 'proj'), FILES, { overwrite: false });
    expect(result).toEqual({ written: FILES.map((f) => f.path), replaced: [] });
    expect(await readTree(dir)).toEqual(expected);
    expect(await readdir(join(root, 'a', 'b'))).toEqual(['proj']); // no staging left behind
  });

  it('adds to an existing directory, keeping files it does not generate', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'NOTES.md'), 'mine');
    const result = await writeProject(await inspectTarget(dir, '.'), FILES, { overwrite: false });
    expect(result.replaced).toEqual([]);
    expect(await readTree(dir)).toEqual({ ...expected, 'NOTES.md': 'mine' });
  });

  it('never replaces a file without consent, and reports what it replaced with it', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src', 'lib.rs'), 'precious');
    const target = await inspectTarget(dir, '.');
    await expect(writeProject(target, FILES, { overwrite: false })).rejects.toThrow(/already has src\/lib.rs/);
    expect(await readTree(dir)).toEqual({ 'src/lib.rs': 'precious' });
    const result = await writeProject(target, FILES, { overwrite: true });
    expect(result.replaced).toEqual(['src/lib.rs']);
    expect(await readTree(dir)).toEqual(expected);
  });

  it('refuses to write through a symlinked directory inside the target', async () => {
    const outside = await tempDir();
    const dir = await tempDir();
    await symlink(outside, join(dir, 'src'));
    const target = await inspectTarget(dir, '.');
    const error = await findCollisions(target, FILES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(/src exists and is a symbolic link/);
    await expect(writeProject(target, FILES, { overwrite: true })).rejects.toThrow(/symbolic link/);
    expect(await readdir(outside)).toEqual([]);
  });

  it('refuses a target that is a symlink, a file, or a directory where a file goes', async () => {
    const root = await tempDir();
    await symlink(root, join(root, 'link'));
    await expect(inspectTarget(join(root, 'link'), 'link')).rejects.toThrow(/is a symbolic link/);
    await writeFile(join(root, 'file'), 'x');
    await expect(inspectTarget(join(root, 'file'), 'file')).rejects.toThrow(/exists and is not a directory/);
    await expect(inspectTarget(join(root, 'file', 'sub'), 'file/sub')).rejects.toThrow(/is not a directory/);
    const dir = join(root, 'proj');
    await mkdir(join(dir, 'Cargo.toml'), { recursive: true });
    await expect(writeProject(await inspectTarget(dir, 'proj'), FILES, { overwrite: true })).rejects.toThrow(
      /a directory of that name exists/,
    );
  });

  it('leaves nothing behind when cancelled before the move', async () => {
    const root = await tempDir();
    const controller = new AbortController();
    controller.abort();
    const target = await inspectTarget(join(root, 'new', 'proj'), 'proj');
    await expect(writeProject(target, FILES, { overwrite: false, signal: controller.signal })).rejects.toBeInstanceOf(
      CancelledError,
    );
    expect(await readdir(root)).toEqual([]);
  });

  it('cleans the staging directory when a write fails midway', async () => {
    const root = await tempDir();
    const bad: GeneratedFile[] = [...FILES, { path: 'src/lib.rs', contents: 'twice' }];
    await expect(writeProject(await inspectTarget(join(root, 'proj'), 'proj'), bad, { overwrite: false })).rejects.toThrow();
    expect(await readdir(root)).toEqual([]);
  });

  it('removes staging directories of killed runs, but not of live ones', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '.create-pyo3-async-staging-999999999-abc'));
    const live = `.create-pyo3-async-staging-${process.ppid}-abc`;
    await mkdir(join(dir, live));
    await writeProject(await inspectTarget(dir, '.'), FILES, { overwrite: false });
    expect((await readdir(dir)).filter((n) => n.startsWith('.create'))).toEqual([live]);
  });
});
