/**
 * The quick rebuild of `dev` and `smoke`: when the editable install `maturin develop` made (a
 * .pth in the venv naming the python source tree, and the compiled extension inside that tree)
 * is still in place, and nothing maturin reads has changed since, a rebuild is cargo's compile
 * plus a copy of the new library over the installed extension. That copy is all the install
 * half of an editable `maturin develop` changes; the rest of maturin develop (cargo metadata,
 * two interpreter probes, a dependency check through uv, a wheel and its install) takes 0.6 to
 * 0.75 s on a 2-core machine with nothing to compile, two to three times cargo's own incremental
 * compile of a one-line edit.
 *
 * What maturin reads is recorded after each successful `maturin develop` that used the shared
 * pyo3 config (pyo3-config.ts), in a state file in the shared build cache, one per project and
 * venv: pyproject.toml, Cargo.toml and Cargo.lock, the flags, the environment maturin and pyo3
 * look at, the interpreter and maturin's own executable. Any difference, a moved project, or a
 * missing .pth, extension or config file, and the rebuild is `maturin develop` again.
 *
 * The cargo command is the one maturin runs for a develop build on Linux when it is given a pyo3
 * config file. That is checked, not assumed: after each `maturin develop` the command runs once
 * and cargo must report the library fresh. If it is not (another maturin, another platform),
 * maturin builds the library differently, so no state is recorded and every build stays
 * `maturin develop`.
 */
import { copyFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { CliError, throwIfCancelled } from '../errors.js';
import type { ProjectInfo } from '../project/read-project.js';
import type { ToolResult } from '../proc/runner.js';
import { buildFailure, type BuildOptions } from './compile.js';
import { readText, writeRecorded, type DevelopInputs, type Recorded } from './develop-state.js';
import { activate, type Venv } from './venv.js';

/** maturin's cargo command for a develop build (maturin 1.x, Linux, PYO3_CONFIG_FILE given). */
function cargoArgs(project: ProjectInfo, release: boolean): string[] {
  const args = ['rustc', '--message-format', 'json-render-diagnostics', '--manifest-path', join(project.dir, 'Cargo.toml'), '--lib', '--crate-type', 'cdylib'];
  return release ? [...args, '--release'] : args;
}

/** maturin's environment for that command: the activated venv's, with the extension-module switch. */
function cargoEnv(venv: Venv, env: NodeJS.ProcessEnv, config: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...activate(env, venv), PYO3_CONFIG_FILE: config, PYO3_BUILD_EXTENSION_MODULE: '1' };
  delete out.CARGO;
  return out;
}

interface Artifact {
  readonly file: string;
  readonly fresh: boolean;
}

/** The cdylib in cargo's JSON messages (stdout), and whether cargo found it up to date. */
export function cdylibArtifact(stdout: string): Artifact | undefined {
  let found: Artifact | undefined;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    let message: { reason?: string; target?: { crate_types?: string[] }; filenames?: string[]; fresh?: boolean };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      continue;
    }
    if (message.reason !== 'compiler-artifact' || !message.target?.crate_types?.includes('cdylib')) continue;
    const file = message.filenames?.find((f) => /\.(so|dylib|dll)$/.test(f));
    if (file !== undefined) found = { file, fresh: message.fresh === true };
  }
  return found;
}

async function runCargo(project: ProjectInfo, venv: Venv, o: BuildOptions, config: string, stream: boolean): Promise<ToolResult> {
  const r = await o.run('cargo', cargoArgs(project, o.release), {
    cwd: project.dir,
    env: cargoEnv(venv, o.env, config),
    signal: o.signal,
    // stdout is cargo's JSON messages, read here; its progress and diagnostics are on stderr.
    stream: stream ? o.stream : undefined,
    streamStdout: false,
  });
  throwIfCancelled(o.signal);
  return r;
}

/**
 * Puts `from` in place of `to` by copy and rename: a Python process that has the old extension
 * loaded keeps its mapping of the old file, and a reader never sees half a library.
 */
function replaceFile(from: string, to: string): void {
  const partial = join(dirname(to), `.${basename(to)}.${process.pid}.partial`);
  try {
    copyFileSync(from, partial);
    renameSync(partial, to);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** The quick rebuild itself; a compile error is the same CliError `maturin develop` would give. */
export async function quickRebuild(project: ProjectInfo, venv: Venv, o: BuildOptions, recorded: Recorded, label: string): Promise<void> {
  await o.progress.step(label, async () => {
    const r = await runCargo(project, venv, o, recorded.config, true);
    if (r.missing) throw new CliError('cargo was not found', { hint: 'install Rust with rustup (https://rustup.rs); `create-pyo3-async doctor` checks everything' });
    if (r.exitCode !== 0) throw buildFailure('cargo rustc', { ...r, stdout: '' }, 'fix the error above; --verbose shows the full output');
    const artifact = cdylibArtifact(r.stdout);
    if (artifact === undefined) {
      throw new CliError('cargo built no cdylib for the project', { hint: 'check [lib] crate-type in Cargo.toml (it needs "cdylib"), or run with --full' });
    }
    try {
      replaceFile(artifact.file, recorded.extension);
    } catch (error) {
      throw new CliError(`cannot replace ${recorded.extension}: ${(error as Error).message}`, {
        hint: 'check that the python/ directory is writable, or run with --full',
      });
    }
  });
}

/** The site-packages directories of a venv (Linux and macOS layout). */
function sitePackages(venv: Venv): string[] {
  const lib = join(venv.dir, 'lib');
  try {
    return readdirSync(lib)
      .filter((d) => d.startsWith('python'))
      .map((d) => join(lib, d, 'site-packages'));
  } catch {
    return [];
  }
}

const inside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * The editable install maturin just made: the .pth naming a directory inside the project, and
 * the extension it copied there (the newest file named for the native module). undefined when
 * the install is not editable (no python source tree), so there is nothing to replace in place.
 */
export function findEditableInstall(project: ProjectInfo, venv: Venv, since: number): { pth: string; pthText: string; extension: string } | undefined {
  const parts = (project.nativeModule ?? '').split('.');
  const leaf = parts.pop();
  if (!leaf) return undefined;
  for (const site of sitePackages(venv)) {
    let names: string[];
    try {
      names = readdirSync(site).filter((n) => n.endsWith('.pth'));
    } catch {
      continue;
    }
    for (const name of names) {
      const pth = join(site, name);
      const pthText = readText(pth) ?? '';
      const source = pthText.split('\n')[0]?.trim() ?? '';
      if (!isAbsolute(source) || !(inside(project.dir, source) || source === project.dir)) continue;
      const dir = join(source, ...parts);
      let candidates: string[];
      try {
        candidates = readdirSync(dir).filter((n) => n.startsWith(`${leaf}.`) && /\.(so|pyd|dylib)$/.test(n));
      } catch {
        continue;
      }
      const newest = candidates
        .map((n) => ({ file: join(dir, n), mtime: statSync(join(dir, n)).mtimeMs }))
        .filter((c) => c.mtime >= since - 2000)
        .sort((a, b) => b.mtime - a.mtime)[0];
      if (newest !== undefined) return { pth, pthText, extension: newest.file };
    }
  }
  return undefined;
}

/**
 * After a `maturin develop`: records its install for quick rebuilds when it is an editable one
 * and cargo agrees the command above builds what maturin built. Returns why not, or undefined.
 */
export async function recordInstall(
  project: ProjectInfo,
  venv: Venv,
  o: BuildOptions,
  file: string,
  inputs: DevelopInputs,
  config: string,
  since: number,
): Promise<string | undefined> {
  rmSync(file, { force: true });
  if (inputs.extraArgs.length > 0 || process.platform !== 'linux') return 'not recorded';
  const install = findEditableInstall(project, venv, since);
  if (install === undefined) return 'the install is not editable';
  const r = await runCargo(project, venv, o, config, false);
  const artifact = r.exitCode === 0 ? cdylibArtifact(r.stdout) : undefined;
  if (artifact === undefined || !artifact.fresh) return "cargo does not build the library as maturin does here";
  writeRecorded(file, { inputs, config, ...install });
  return undefined;
}
