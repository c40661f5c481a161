/** upgrade --build / --smoke: proves the upgraded project builds (and passes the smoke test), as `dev` does. */
import type { Context } from '../cli/io.js';
import type { UpgradeFlags } from '../cli/upgrade-flags.js';
import { buildAndSmoke, buildOptionsFor } from '../develop/pipeline.js';
import { EXIT } from '../errors.js';
import { readProject } from '../project/read-project.js';
import type { Ui } from '../ui/output.js';
import { printSmoke } from '../ui/project-report.js';
import { upgradeDocument, type UpgradeOutcome } from '../ui/upgrade-report.js';

export async function buildUpgraded(outcome: UpgradeOutcome, flags: UpgradeFlags, ctx: Context, ui: Ui): Promise<number> {
  const project = await readProject(outcome.dir, ctx.cwd);
  const createVenv = project.kind === 'module' || project.usesUvloop;
  if (!flags.json) ui.info();
  const options = buildOptionsFor(ctx, ui.c, flags, { release: false, extraArgs: [], createVenv, full: false });
  const report = await buildAndSmoke(project, options, { build: 'always', smoke: flags.smoke });
  if (flags.json) {
    const build = { venv: report.venv?.dir ?? null, steps: report.steps };
    ctx.stdout.write(`${JSON.stringify({ ...upgradeDocument(outcome), ok: report.ok, build, smoke: report.smoke ?? null }, null, 2)}\n`);
  } else if (report.smoke !== undefined) {
    printSmoke(ui, report.smoke);
  } else {
    ui.info(`${ui.c.green('✔')} built ${project.crateName}`);
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}
