/** What the create command tells the user: the JSON document, or the human summary. */
import type { GitOutcome } from '../git/git-init.js';
import { describeVariant, type ProjectOptions } from '../core/options.js';
import type { GeneratedFile } from '../core/plan.js';
import { stackVersions, VERSIONS } from '../core/versions.js';
import type { Ui } from './output.js';

export interface CreateOutcome {
  readonly options: ProjectOptions;
  readonly directory: string;
  readonly path: string;
  readonly files: readonly GeneratedFile[];
  readonly replaced: readonly string[];
  readonly dryRun: boolean;
  /** create --build / --smoke: the next steps are printed after the build, not with the report. */
  readonly built: boolean;
  readonly git: GitOutcome | undefined;
  readonly nextSteps: readonly string[];
  /** What `create-pyo3-async dev` does for the project, shown under the steps. */
  readonly tip: string;
}

/** The --json document of create; create --build adds what it built. */
export function createDocument(o: CreateOutcome) {
  return {
    ok: true,
    dryRun: o.dryRun,
    directory: o.directory,
    path: o.path,
    options: o.options,
    versions: { ...stackVersions(o.options.stack, o.options.pyo3), ...VERSIONS },
    files: o.files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.contents) })),
    replaced: o.replaced,
    git: o.git ?? null,
    nextSteps: o.nextSteps,
  };
}

export const createJson = (o: CreateOutcome): string => `${JSON.stringify(createDocument(o), null, 2)}\n`;

const GIT_SAID: Record<GitOutcome['status'], string> = {
  committed: 'initialized a git repository with a first commit',
  initialized: 'initialized a git repository',
  skipped: 'no git repository',
};

export function printCreateReport(ui: Ui, o: CreateOutcome): void {
  const { c } = ui;
  const verb = o.dryRun ? 'Would create' : 'Created';
  ui.info(`${c.green(o.dryRun ? '•' : '✔')} ${verb} ${c.bold(o.options.crateName)} in ${o.directory}`);
  ui.info(`  ${describeVariant(o.options)} (${stackVersions(o.options.stack, o.options.pyo3).label})`);
  ui.info();
  for (const file of o.files) {
    const mark = o.replaced.includes(file.path) ? c.yellow(o.dryRun ? ' (would replace)' : ' (replaced)') : '';
    ui.info(`  ${file.path}${mark}`);
  }
  if (o.dryRun) {
    ui.info();
    ui.info(c.dim('Dry run: nothing was written.'));
    return;
  }
  if (o.git !== undefined) {
    ui.info();
    ui.info(`  ${GIT_SAID[o.git.status]}${o.git.reason === undefined ? '' : c.dim(` (${o.git.reason})`)}`);
  }
  if (!o.built) printNextSteps(ui, o);
}

/** After the report, or (create --build) after a successful build. */
export function printNextSteps(ui: Ui, o: CreateOutcome): void {
  ui.info();
  ui.info(ui.c.bold('Next steps:'));
  for (const step of o.nextSteps) ui.info(`  ${step}`);
  ui.info(ui.c.dim(`  (${o.tip})`));
}
