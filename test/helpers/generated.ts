/**
 * Checks for hardening tests: what a generation left on disk, parsed back with real parsers,
 * and whether anything outside the target changed. Python sources are collected and compiled
 * in one python3 process per batch (see compilePython).
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { execa } from 'execa';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { ProjectOptions } from '../../src/core/options.js';
import { planProject } from '../../src/core/plan.js';
import { loadTemplates } from '../../src/fs/templates.js';

const templates = await loadTemplates();

/** Every entry below `root` (files hashed, symlinks by target, directories marked), keyed by relative path. */
export async function snapshotTree(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      const info = await lstat(full);
      if (info.isSymbolicLink()) out.set(rel, `link:${await readlink(full)}`);
      else if (info.isDirectory()) {
        out.set(rel, `dir:${(info.mode & 0o777).toString(8)}`);
        await walk(full);
      } else out.set(rel, `file:${(info.mode & 0o777).toString(8)}:${createHash('sha256').update(await readFile(full)).digest('hex')}`);
    }
  };
  await walk(root);
  return out;
}

/** Paths added, removed or changed between two snapshots. */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}

/** Whether `path` (relative, POSIX) is `dir` or below it. */
export const isWithin = (path: string, dir: string) => dir === '' || path === dir || path.startsWith(`${dir}/`);

export interface PythonSource {
  readonly name: string;
  readonly source: string;
  /** The module docstring the file must have, exactly (the description), or null. */
  readonly docstring: string | null;
}

const COMPILE = `
import ast, json, sys
errors = []
for name, src, doc in json.load(sys.stdin):
    try:
        tree = ast.parse(src, name)
        compile(tree, name, "exec")
    except SyntaxError as e:
        errors.append(f"{name}: {e}")
        continue
    if doc is not None and ast.get_docstring(tree, clean=False) != doc:
        errors.append(f"{name}: docstring {ast.get_docstring(tree, clean=False)!r} != {doc!r}")
json.dump({"count": len(errors), "errors": errors}, sys.stdout)
`;

/** Compiles every source in ONE python3 process; returns the errors (empty when all compile). */
export async function compilePython(sources: readonly PythonSource[]): Promise<string[]> {
  const input = JSON.stringify(sources.map((s) => [s.name, s.source, s.docstring]));
  const { stdout } = await execa(process.env.PYTHON ?? 'python3', ['-c', COMPILE], { input });
  return (JSON.parse(stdout) as { errors: string[] }).errors;
}

// The plan with a harmless description, per options: properties vary the description only.
const plainPlans = new Map<string, Map<string, string>>();
function plainPlan(options: ProjectOptions): Map<string, string> {
  const plainOptions = { ...options, description: 'plain' };
  const key = JSON.stringify(plainOptions);
  let plan = plainPlans.get(key);
  if (plan === undefined) {
    plan = new Map(planProject(plainOptions, templates).map((f) => [f.path, f.contents]));
    plainPlans.set(key, plan);
  }
  return plan;
}

/**
 * Checks a generated project against the options it was made from: the files on disk are exactly
 * the plan's; Cargo.toml, pyproject.toml and the workflow parse, and give back the name and the
 * description; and every file has as many lines as with a plain description (no value broke out
 * of its literal or comment). Python sources are returned for one batched compile.
 */
export async function checkProject(dir: string, options: ProjectOptions): Promise<{ problems: string[]; python: PythonSource[] }> {
  const problems: string[] = [];
  const python: PythonSource[] = [];
  const onDisk = new Map<string, string>();
  const planned = planProject(options, templates);
  const plain = plainPlan(options);
  for (const file of planned) {
    let text: string;
    try {
      text = await readFile(join(dir, ...file.path.split('/')), 'utf8');
    } catch (error) {
      problems.push(`${file.path}: ${(error as Error).message}`);
      continue;
    }
    onDisk.set(file.path, text);
    if (text !== file.contents) problems.push(`${file.path}: on disk differs from the plan`);
    const lines = (s: string) => s.split('\n').length;
    if (lines(text) !== lines(plain.get(file.path) ?? '')) problems.push(`${file.path}: the value changed the line count`);
    if (file.path.endsWith('.py')) {
      python.push({ name: `${dir}/${file.path}`, source: text, docstring: file.path.endsWith('__init__.py') ? options.description : null });
    }
  }
  const parsed = (path: string, parse: (t: string) => unknown) => {
    const text = onDisk.get(path);
    if (text === undefined) return undefined;
    try {
      return parse(text) as Record<string, Record<string, unknown>>;
    } catch (error) {
      problems.push(`${path} does not parse: ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
  };
  const cargo = parsed('Cargo.toml', parseToml);
  if (cargo !== undefined) {
    if (cargo.package?.name !== options.crateName) problems.push(`Cargo.toml name ${JSON.stringify(cargo.package?.name)}`);
    if (cargo.package?.description !== options.description) problems.push(`Cargo.toml description ${JSON.stringify(cargo.package?.description)}`);
  }
  const pyproject = parsed('pyproject.toml', parseToml);
  if (options.kind === 'module') {
    if (pyproject?.project?.name !== options.crateName) problems.push('pyproject.toml name does not round-trip');
    if (pyproject?.project?.description !== options.description) problems.push('pyproject.toml description does not round-trip');
  }
  if (options.ci === 'github' && parsed('.github/workflows/CI.yml', parseYaml) === undefined) problems.push('no CI.yml');
  return { problems, python };
}
