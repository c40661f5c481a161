/** What upgrade tells the user: the plan (or what was done) as text, or one JSON document. */
import type { RecordAnswers } from '../core/record.js';
import type { PlannedFile } from '../core/upgrade-plan.js';
import { stackVersions } from '../core/versions.js';
import type { Ui } from './output.js';

export interface UpgradeOutcome {
  readonly dir: string;
  readonly shown: string;
  readonly crateName: string;
  readonly dryRun: boolean;
  readonly from: { readonly version: string | null; readonly answers: RecordAnswers; readonly inferred: readonly string[] | null };
  readonly to: { readonly version: string; readonly answers: RecordAnswers };
  readonly files: readonly PlannedFile[];
  readonly obsolete: readonly string[];
  readonly lock: { readonly status: string; readonly detail?: string | undefined };
  /** Where the bases came from: the record, the first commit, or nowhere. */
  readonly bases: string;
  readonly warnings: readonly string[];
}

export const conflictsOf = (o: Pick<UpgradeOutcome, 'files'>) => o.files.filter((f) => f.action === 'conflict').map((f) => f.path);

const label = (a: RecordAnswers) => stackVersions(a.stack, a.pyo3).label;

export function upgradeDocument(o: UpgradeOutcome) {
  return {
    ok: conflictsOf(o).length === 0,
    dryRun: o.dryRun,
    path: o.dir,
    from: { ...o.from, label: label(o.from.answers) },
    to: { ...o.to, label: label(o.to.answers) },
    bases: o.bases,
    files: o.files.map((f) => ({ path: f.path, action: f.action, ...(f.conflicts > 0 ? { conflicts: f.conflicts } : {}), ...(f.note === undefined ? {} : { note: f.note }) })),
    conflicts: conflictsOf(o),
    obsolete: o.obsolete,
    lock: o.lock,
    warnings: o.warnings,
  };
}

const MARK: Record<PlannedFile['action'], string> = {
  add: 'add',
  replace: 'replace',
  merge: 'merge',
  conflict: 'conflict',
  untouched: 'untouched',
  deleted: 'deleted',
  pins: 'pins',
};

const LOCK_SAID: Record<string, string> = {
  updated: 'Cargo.lock updated (cargo update --workspace)',
  unchanged: 'Cargo.lock already agrees',
  absent: 'no Cargo.lock (cargo writes one on the first build)',
  'not-updated': 'Cargo.lock not updated',
  skipped: 'Cargo.lock not updated',
};

export function printUpgrade(ui: Ui, o: UpgradeOutcome): void {
  const { c } = ui;
  const conflicts = conflictsOf(o);
  const head = o.dryRun ? `${c.cyan('•')} Upgrade plan for` : conflicts.length > 0 ? `${c.yellow('!')} Upgraded, with conflicts,` : `${c.green('✔')} Upgraded`;
  ui.info(`${head} ${c.bold(o.crateName)} in ${o.shown}`);
  ui.info(`  ${label(o.from.answers)} -> ${label(o.to.answers)}  (create-pyo3-async ${o.from.version ?? '0.1.0 (no record)'} -> ${o.to.version})`);
  if (o.from.inferred !== null) {
    ui.info(`  no record in Cargo.toml; inferred from the project's files:`);
    for (const note of o.from.inferred) ui.info(`    ${c.dim('-')} ${note}`);
  }
  ui.info(`  bases for merging: ${o.bases}`);
  ui.info();
  const width = Math.max(...Object.values(MARK).map((m) => m.length));
  for (const f of o.files) {
    const mark = f.action === 'conflict' ? c.red(MARK[f.action].padEnd(width)) : f.action === 'untouched' ? c.dim(MARK[f.action].padEnd(width)) : MARK[f.action].padEnd(width);
    const extra = f.conflicts > 0 ? ` (${f.conflicts} conflict${f.conflicts === 1 ? '' : 's'})` : '';
    ui.info(`  ${mark}  ${f.path}${extra}${f.note === undefined ? '' : c.dim(` - ${f.note}`)}`);
  }
  for (const path of o.obsolete) ui.info(`  ${'obsolete'.padEnd(width)}  ${path}${c.dim(' - no longer generated; left in place')}`);
  ui.info();
  ui.info(`  ${LOCK_SAID[o.lock.status] ?? o.lock.status}${o.lock.detail === undefined ? '' : c.dim(`: ${o.lock.detail}`)}`);
  for (const w of o.warnings) ui.warn(w);
  if (o.dryRun) ui.info(c.dim('Dry run: nothing was written.'));
}
