/** What the add command tells the user: the JSON document, or the human summary. */
import type { PatternPlan } from '../core/patterns/plan-patterns.js';
import type { Kind } from '../core/options.js';
import type { Ui } from './output.js';

export interface AddOutcome extends PatternPlan {
  readonly kind: Kind;
  readonly directory: string;
  readonly path: string;
  readonly dryRun: boolean;
}

export function addJson(o: AddOutcome): string {
  const doc = { ok: true, dryRun: o.dryRun, directory: o.directory, path: o.path, added: o.added, present: o.present, created: o.created, changed: o.changed };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function printAddReport(ui: Ui, o: AddOutcome): void {
  const { c } = ui;
  for (const name of o.present) ui.info(`${c.dim('•')} ${name} is already in ${o.directory}; nothing to do`);
  if (o.added.length === 0) return;
  const verb = o.dryRun ? 'Would add' : 'Added';
  ui.info(`${c.green(o.dryRun ? '•' : '✔')} ${verb} ${o.added.join(', ')} to ${o.directory}`);
  ui.info();
  for (const path of o.created) ui.info(`  ${path}${c.green(o.dryRun ? ' (would create)' : ' (new)')}`);
  for (const path of o.changed) ui.info(`  ${path}${c.yellow(o.dryRun ? ' (would change)' : ' (changed)')}`);
  ui.info();
  if (o.dryRun) ui.info(c.dim('Dry run: nothing was written.'));
  else {
    const test = o.kind === 'module' ? 'maturin develop --extras test && pytest' : 'cargo test';
    ui.info(`Rebuild and test: ${c.bold(test)} (or create-pyo3-async dev)`);
  }
}
