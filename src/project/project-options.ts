/** The options a generated project was made with, read back from its Cargo.toml and pyproject.toml (for `add`). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import type { ProjectOptions } from '../core/options.js';
import { CliError } from '../errors.js';
import { readProject } from './read-project.js';

type Table = Record<string, unknown>;
const table = (value: unknown): Table => (value !== null && typeof value === 'object' ? (value as Table) : {});

/** A dependency's version requirement, from `name = "x"` or `name = { version = "x" }`. */
function versionOf(dep: unknown): string | undefined {
  if (typeof dep === 'string') return dep;
  const version = table(dep).version;
  return typeof version === 'string' ? version : undefined;
}

/** The features a dependency entry turns on (none for a plain version string). */
function pyo3Features(dep: unknown): string[] {
  const features = table(dep).features;
  return Array.isArray(features) ? features.filter((f): f is string => typeof f === 'string') : [];
}

export async function readProjectOptions(dirArg: string, cwd: string): Promise<{ dir: string; options: ProjectOptions }> {
  const info = await readProject(dirArg, cwd);
  const cargo = parse(await readFile(join(info.dir, 'Cargo.toml'), 'utf8')) as Table;
  const deps = table(cargo.dependencies);
  const legacy = 'pyo3-asyncio' in deps;
  if (!legacy && !('pyo3-async-runtimes' in deps)) {
    throw new CliError(`${dirArg} does not depend on pyo3-async-runtimes or pyo3-asyncio`, {
      exitCode: 2,
      hint: 'run this in a project made by create-pyo3-async, or pass its directory',
    });
  }
  const pyo3 = versionOf(deps.pyo3)?.replace(/^[\^=~]/, '').split('.').slice(0, 2).join('.') ?? '';
  const moduleName = info.importName ?? info.crateName.replaceAll('-', '_');
  const description = table(cargo.package).description;
  return {
    dir: info.dir,
    options: {
      crateName: info.crateName,
      moduleName,
      description: typeof description === 'string' ? description : '',
      kind: info.kind,
      runtime: 'async-std' in deps ? 'async-std' : 'tokio',
      uvloop: info.usesUvloop,
      stack: legacy ? 'legacy' : 'current',
      pyo3,
      ci: 'none',
      abi3: pyo3Features(deps.pyo3).some((f) => f.startsWith('abi3')),
      patterns: [],
    },
  };
}
