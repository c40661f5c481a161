/** dev: build the project in its virtualenv (creating .venv when needed), then smoke-test it. */
import type { Context } from '../cli/io.js';
import type { ProjectFlags } from '../cli/program.js';
import { buildAndSmoke, buildOptionsFor } from '../develop/pipeline.js';
import { EXIT } from '../errors.js';
import { readProject } from '../project/read-project.js';
import { createUi } from '../ui/output.js';
import { printDevReport } from '../ui/project-report.js';

export async function runDev(flags: ProjectFlags, ctx: Context): Promise<number> {
  const project = await readProject(flags.dir, ctx.cwd);
  const ui = createUi(ctx.stdout, ctx.stderr, ctx.color, flags.json);
  // Apps need a venv only to give the embedded Python uvloop.
  const createVenv = project.kind === 'module' || project.usesUvloop;
  const options = buildOptionsFor(ctx, ui.c, flags, { release: flags.release, extraArgs: flags.extraArgs, createVenv, full: flags.full });
  const report = await buildAndSmoke(project, options, { build: 'always', smoke: flags.smoke });
  printDevReport(ui, ctx, flags.json, report);
  return report.ok ? EXIT.ok : EXIT.failed;
}
