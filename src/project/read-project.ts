/** Reads what dev / smoke / doctor need to know about a project from its Cargo.toml and pyproject.toml. */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'smol-toml';
import { CliError, usageError } from '../errors.js';

export interface ProjectInfo {
  readonly dir: string;
  readonly kind: 'module' | 'app';
  readonly crateName: string;
  /** What Python imports (module projects): the package of maturin's module-name. */
  readonly importName: string | undefined;
  /** maturin's module-name, the compiled extension (e.g. `my_lib._native`), for module projects. */
  readonly nativeModule: string | undefined;
  readonly usesUvloop: boolean;
  /** pyproject's build requirement on maturin, e.g. ">=1.9.4,<2.0". */
  readonly maturinRequirement: string | undefined;
  readonly requiresPython: string | undefined;
  readonly rustVersion: string | undefined;
  /** The binary cargo builds (apps): its [[bin]] name, else the package name. */
  readonly binName: string;
}

/** The project directory a command was pointed at, refused at once when it is none (exit 2). */
export function projectDir(dirArg: string, cwd: string): string {
  const dir = resolve(cwd, dirArg);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw usageError(`${dirArg} does not exist`, 'pass the directory of a project (the default is the current directory)');
  }
  if (!isDir) throw usageError(`${dirArg} is not a directory`, 'pass the directory of a project, not a file in it');
  return dir;
}

type Table = Record<string, unknown>;
const table = (value: unknown): Table => (value !== null && typeof value === 'object' ? (value as Table) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

async function readToml(path: string): Promise<Table | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return parse(text) as Table;
  } catch (error) {
    throw new CliError(`${path} is not valid TOML: ${(error as Error).message.split('\n')[0]}`, {
      hint: 'fix the file, then run again',
    });
  }
}

export async function readProject(dirArg: string, cwd: string): Promise<ProjectInfo> {
  const dir = projectDir(dirArg, cwd);
  const cargo = await readToml(join(dir, 'Cargo.toml'));
  if (cargo === undefined) {
    throw new CliError(`${dirArg} has no Cargo.toml`, {
      exitCode: 2,
      hint: 'run this in a project made by create-pyo3-async, or pass its directory',
    });
  }
  if (cargo.package === undefined && cargo.workspace !== undefined) {
    throw usageError(`${dirArg} is a Cargo workspace root, not a module or app project`, 'pass the directory of the member package to build');
  }
  const pkg = table(cargo.package);
  const crateName = str(pkg.name);
  if (crateName === undefined) throw usageError(`${dirArg}/Cargo.toml has no [package] name`, 'run this in a module or app project');
  const pyproject = await readToml(join(dir, 'pyproject.toml'));
  const buildBackend = str(table(pyproject?.['build-system'])['build-backend']);
  const isModule = buildBackend === 'maturin';
  const maturinConfig = table(table(pyproject?.tool).maturin);
  const moduleName = str(maturinConfig['module-name']) ?? str(table(cargo.lib).name) ?? crateName.replaceAll('-', '_');
  const requires = table(pyproject?.['build-system']).requires;
  const maturinRequirement = Array.isArray(requires)
    ? requires.map(String).find((r) => /^maturin\b/.test(r))?.slice('maturin'.length).trim() || undefined
    : undefined;
  const bins = Array.isArray(cargo.bin) ? cargo.bin.map((b) => str(table(b).name)).filter((n) => n !== undefined) : [];
  if (!isModule && bins.length === 0 && !(await exists(join(dir, 'src', 'main.rs')))) {
    throw usageError(
      `${dirArg} is not a module or app project: no pyproject.toml with build-backend "maturin", and no binary (src/main.rs or [[bin]])`,
      'dev and smoke build a maturin module or a Rust binary; a plain library has nothing for them to run',
    );
  }
  const project = table(pyproject?.project);
  const deps = Array.isArray(project.dependencies) ? project.dependencies.map(String) : [];
  return {
    dir,
    kind: isModule ? 'module' : 'app',
    crateName,
    importName: isModule ? moduleName.split('.')[0] : undefined,
    nativeModule: isModule ? moduleName : undefined,
    // Apps state uvloop in code, not in a manifest: main.rs imports it.
    usesUvloop: isModule ? deps.some((d) => /^uvloop\b/.test(d)) : await mentionsUvloop(dir),
    maturinRequirement,
    requiresPython: str(project['requires-python']),
    rustVersion: str(pkg['rust-version']),
    binName: bins[0] ?? crateName,
  };
}

const exists = async (path: string) => (await readFile(path).then(() => true, () => false));

async function mentionsUvloop(dir: string): Promise<boolean> {
  for (const file of ['src/main.rs', 'src/lib.rs']) {
    const text = await readFile(join(dir, file), 'utf8').catch(() => '');
    if (text.includes('py.import("uvloop")')) return true;
  }
  return false;
}
