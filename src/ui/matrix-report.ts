/** Human reports of `matrix`: what was written, or how a directory drifted from what would be. */
import type { TreeDiff } from '../fs/compare-tree.js';
import { shellQuote } from '../core/escape.js';
import type { Ui } from './output.js';

export function printMatrixWritten(ui: Ui, outDir: string, ids: readonly string[], files: number, replaced: number, extra: readonly string[]): void {
  const { c } = ui;
  ui.info(`${c.green('✔')} ${ids.length} variant${ids.length === 1 ? '' : 's'}, ${files} files in ${outDir}${replaced > 0 ? ` (${replaced} replaced)` : ''}`);
  for (const id of ids) ui.info(`  ${id}/`);
  ui.info('  manifest.json');
  if (extra.length > 0) {
    ui.warn(`${extra.length} file${extra.length === 1 ? '' : 's'} in ${outDir} ${extra.length === 1 ? 'is' : 'are'} not generated any more and ${extra.length === 1 ? 'was' : 'were'} left alone: ${extra.join(', ')}`);
  }
}

export function printMatrixCheck(ui: Ui, outDir: string, variants: number, diff: TreeDiff): void {
  const { c } = ui;
  const total = diff.missing.length + diff.modified.length + diff.extra.length;
  if (total === 0) {
    ui.info(`${c.green('✔')} ${outDir} matches the ${variants} generated variant${variants === 1 ? '' : 's'}`);
    return;
  }
  ui.info(`${c.red('✘')} ${outDir} differs from what would be generated (${total} file${total === 1 ? '' : 's'}):`);
  for (const [label, paths] of [['missing ', diff.missing], ['modified', diff.modified], ['extra   ', diff.extra]] as const) {
    for (const path of paths) ui.info(`  ${label}  ${path}`);
  }
  // --force replaces generated files and leaves others alone: it cannot remove an extra file.
  const regenerate = `create-pyo3-async matrix ${shellQuote(outDir)} --force (same --filter flags)`;
  const remove = `rm -- ${diff.extra.map((p) => shellQuote(`${outDir.replace(/\/+$/, '')}/${p}`)).join(' ')}`;
  if (diff.missing.length + diff.modified.length > 0) ui.info(c.dim(`regenerate with: ${regenerate}`));
  if (diff.extra.length > 0) ui.info(c.dim(`delete what is not generated any more (--force leaves it alone): ${remove}`));
}
