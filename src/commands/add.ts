/**
 * The add command: patterns into an existing project, at its marker lines. Everything is planned
 * in memory first; a marker that is gone refuses the whole run (exit 2, the lines to add by hand),
 * and the files are written with the staged writer, so a failure leaves the project as it was.
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Context } from '../cli/io.js';
import { resolvePatternNames } from '../cli/pattern-names.js';
import type { AddFlags } from '../cli/add-flags.js';
import { patternDef } from '../core/patterns/definitions.js';
import { MARKERS, MARKER_IDS } from '../core/patterns/markers.js';
import { patternFiles, planPatterns, type PatternProblem } from '../core/patterns/plan-patterns.js';
import { CliError, EXIT, usageError } from '../errors.js';
import { recoverInterrupted } from '../fs/lock.js';
import { inspectTarget } from '../fs/target.js';
import { loadTemplates } from '../fs/templates.js';
import { writeProject } from '../fs/write-tree.js';
import { readProjectOptions } from '../project/project-options.js';
import { addJson, printAddReport } from '../ui/add-report.js';
import { createUi } from '../ui/output.js';

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function problemDetails(problems: readonly PatternProblem[]): string[] {
  return problems.flatMap((p) => [
    `${p.file} (${p.pattern}): ${p.message}`,
    ...(p.lines.length === 0 ? [] : [`  add ${p.lines.length === 1 ? 'this line' : 'these lines'} ${p.where}:`, ...p.lines.map((line) => `    ${line}`)]),
  ]);
}

export async function runAdd(flags: AddFlags, io: Context): Promise<number> {
  await recoverInterrupted(resolve(io.cwd, flags.dir));
  const { dir, options } = await readProjectOptions(flags.dir, io.cwd);
  if (options.stack === 'legacy') {
    throw usageError(
      `add: ${flags.dir} is on the legacy stack (pyo3-asyncio 0.20), which is for existing codebases; patterns are written for the current stack`,
      'move the project to pyo3 0.30 + pyo3-async-runtimes first (create-pyo3-async --stack current shows the layout)',
    );
  }
  const names = resolvePatternNames(flags.patterns, options, 'add');
  if (names.length === 0) throw usageError('add: name at least one pattern', 'see `create-pyo3-async list` for the patterns');

  // The files the patterns touch: the marker files, Cargo.toml, and their own files if there.
  const paths = new Set(['Cargo.toml', ...MARKER_IDS.map((id) => MARKERS[id].file(options))]);
  for (const name of names) for (const f of patternFiles(patternDef(name, options.kind)!, options.moduleName)) paths.add(f.to);
  const project = new Map<string, string>();
  for (const path of paths) {
    const text = await readIfThere(join(dir, path));
    if (text !== undefined) project.set(path, text);
  }
  const plan = planPatterns(options, names, project, await loadTemplates());
  if (plan.problems.length > 0) {
    const files = [...new Set(plan.problems.map((p) => p.file))];
    const names = [...new Set(plan.problems.map((p) => p.pattern))].join(', ');
    throw new CliError(`cannot add ${names}: ${files.join(', ')} ${files.length === 1 ? 'is' : 'are'} not as add expects`, {
      exitCode: EXIT.usage,
      details: problemDetails(plan.problems),
      hint: 'nothing was written; put the marker lines back and run add again, or add the lines shown by hand and run add again for the rest',
    });
  }
  const shown = relative(io.cwd, dir) || '.';
  if (!flags.dryRun && plan.files.length > 0) {
    const target = await inspectTarget(dir, shown);
    await writeProject(target, plan.files, { overwrite: true, cwd: io.cwd, signal: io.signal });
  }
  const outcome = { kind: options.kind, directory: shown, path: dir, dryRun: flags.dryRun, ...plan };
  if (flags.json) io.stdout.write(addJson(outcome));
  else printAddReport(createUi(io.stdout, io.stderr, io.color, false), outcome);
  return EXIT.ok;
}
