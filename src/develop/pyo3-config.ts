/**
 * One pyo3 config file for all projects built with the same interpreter, ABI and maturin, kept
 * in the shared build cache. maturin writes this file into each project's own target/ and
 * passes its path in PYO3_CONFIG_FILE; pyo3-ffi's build script reruns whenever that path
 * changes, so with a shared build-dir every switch between projects would recompile pyo3-ffi,
 * pyo3 and the bridge. maturin keeps a PYO3_CONFIG_FILE it is given, so `dev` gives it this one.
 *
 * The file is maturin's own: made once per key by a `maturin develop` that stops at once
 * (`--config build.jobs=0`, which cargo refuses before compiling anything) into a scratch
 * target directory, after maturin has written the config. Without a file the build goes on as
 * maturin would have it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { throwIfCancelled } from '../errors.js';
import type { ProjectInfo } from '../project/read-project.js';
import type { BuildOptions } from './compile.js';
import { activate, type Venv } from './venv.js';

/** What the config depends on: the base interpreter, maturin's version and the project's abi3 features. */
function key(project: ProjectInfo, venv: Venv, maturinVersion: string): string {
  let python = venv.python;
  try {
    python = realpathSync(venv.python);
  } catch {
    // a venv being made: its own path is as good a key
  }
  let manifest = '';
  try {
    manifest = readFileSync(join(project.dir, 'Cargo.toml'), 'utf8');
  } catch {
    // read-project has read it already; an unreadable one fails the build with its own error
  }
  const abi3 = [...new Set(manifest.match(/"abi3(-py\d+)?"/g) ?? [])].sort();
  const parts = [python, maturinVersion, abi3.join(','), process.platform, process.arch];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

export async function sharedPyo3Config(cacheDir: string, project: ProjectInfo, venv: Venv, maturin: string, maturinVersion: string, o: BuildOptions): Promise<string | undefined> {
  if (o.env.PYO3_CONFIG_FILE) return undefined; // the user's
  const dir = join(cacheDir, 'pyo3-config');
  const file = join(dir, `${key(project, venv, maturinVersion)}.txt`);
  if (existsSync(file)) return file;
  await mkdir(dir, { recursive: true });
  const scratch = await mkdtemp(join(dir, 'probe-'));
  try {
    await o.run(maturin, ['develop', '--config', 'build.jobs=0'], {
      cwd: project.dir,
      env: { ...activate(o.env, venv), CARGO_TARGET_DIR: scratch },
      signal: o.signal,
    });
    throwIfCancelled(o.signal);
    const written = (await readdir(join(scratch, 'maturin')).catch(() => [])).filter((f) => /^pyo3-config-.*\.txt$/.test(f));
    if (written.length !== 1) return undefined;
    // Written beside and renamed: a build at the same time sees the whole file or none.
    const partial = join(scratch, 'config.txt');
    await writeFile(partial, await readFile(join(scratch, 'maturin', written[0]!)));
    await rename(partial, file);
    return file;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
