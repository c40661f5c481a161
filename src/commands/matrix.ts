/**
 * The matrix command: every (or every filtered) variant under <out-dir>/<id>/ with a manifest,
 * written the way create writes a project; --check compares instead of writing (drift detection).
 */
import { resolve } from 'node:path';
import type { Context } from '../cli/io.js';
import type { MatrixFlags } from '../cli/program.js';
import { selectVariants } from '../cli/variant-filter.js';
import { planMatrix } from '../core/matrix.js';
import { EXIT, usageError } from '../errors.js';
import { shellQuote } from '../core/escape.js';
import { compareTree, extraFiles, isClean } from '../fs/compare-tree.js';
import { lstatOrUndefined } from '../fs/fs-ops.js';
import { inspectTarget, refuseSpecialTarget } from '../fs/target.js';
import { loadTemplates } from '../fs/templates.js';
import { writeProject } from '../fs/write-tree.js';
import { printMatrixCheck, printMatrixWritten } from '../ui/matrix-report.js';
import { createUi } from '../ui/output.js';

export async function runMatrix(flags: MatrixFlags, io: Context): Promise<number> {
  if (flags.check && flags.force) throw usageError('--check compares and never writes; it cannot be combined with --force');
  const variants = selectVariants(flags.filters);
  const matrix = planMatrix(variants, await loadTemplates());
  const ui = createUi(io.stdout, io.stderr, io.color, flags.json);
  const dir = resolve(io.cwd, flags.outDir);
  const ids = variants.map((v) => v.id);

  if (flags.check) {
    const info = await lstatOrUndefined(dir);
    if (info === undefined || !info.isDirectory()) {
      throw usageError(
        `${flags.outDir} ${info === undefined ? 'does not exist' : 'is not a directory'}: nothing to compare`,
        `generate it first: create-pyo3-async matrix ${shellQuote(flags.outDir)} (same --filter flags)`,
      );
    }
    const diff = await compareTree(dir, matrix.files);
    const ok = isClean(diff);
    if (flags.json) io.stdout.write(`${JSON.stringify({ ok, outDir: flags.outDir, path: dir, variants: ids, ...diff }, null, 2)}\n`);
    else printMatrixCheck(ui, flags.outDir, ids.length, diff);
    return ok ? EXIT.ok : EXIT.failed;
  }

  await refuseSpecialTarget(dir, flags.outDir, io.env);
  const target = await inspectTarget(dir, flags.outDir);
  if (target.entries.length > 0 && !flags.force) {
    throw usageError(
      `${flags.outDir} already exists and is not empty`,
      'pass --force to regenerate into it (only generated files are replaced), or --check to compare with it',
    );
  }
  const result = await writeProject(target, matrix.files, { overwrite: flags.force, cwd: io.cwd, signal: io.signal });
  // Files an older run generated that this one does not: left alone, but named.
  const extra = target.exists ? await extraFiles(dir, matrix.files) : [];
  if (flags.json) {
    const doc = { ok: true, outDir: flags.outDir, path: dir, variants: ids, files: result.written, replaced: result.replaced, extra };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    printMatrixWritten(ui, flags.outDir, ids, result.written.length, result.replaced.length, extra);
  }
  return EXIT.ok;
}
