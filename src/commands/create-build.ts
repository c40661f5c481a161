/** create --build / --smoke: builds (and smoke-tests) the project just written, as `dev` would. */
import type { Context } from '../cli/io.js';
import type { CreateFlags } from '../cli/create-flags.js';
import { buildAndSmoke, buildOptionsFor } from '../develop/pipeline.js';
import { EXIT } from '../errors.js';
import { readProject } from '../project/read-project.js';
import { createDocument, printNextSteps, type CreateOutcome } from '../ui/create-report.js';
import type { Ui } from '../ui/output.js';
import { printSmoke } from '../ui/project-report.js';

export async function buildCreated(dir: string, outcome: CreateOutcome, flags: CreateFlags, ctx: Context, ui: Ui): Promise<number> {
  const project = await readProject(dir, ctx.cwd);
  const createVenv = project.kind === 'module' || project.usesUvloop;
  const options = buildOptionsFor(ctx, ui.c, flags, { release: false, extraArgs: [], createVenv, full: false });
  const report = await buildAndSmoke(project, options, { build: 'always', smoke: flags.smoke });
  if (flags.json) {
    const build = { venv: report.venv?.dir ?? null, steps: report.steps };
    ctx.stdout.write(`${JSON.stringify({ ...createDocument(outcome), ok: report.ok, build, smoke: report.smoke ?? null }, null, 2)}\n`);
  } else {
    if (report.smoke !== undefined) printSmoke(ui, report.smoke);
    if (report.ok) printNextSteps(ui, outcome);
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}
