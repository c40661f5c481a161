/** smoke: build the project only if it is not built yet, then run the smoke test. */
import type { Context } from '../cli/io.js';
import type { ProjectFlags } from '../cli/program.js';
import { buildAndSmoke, buildOptionsFor } from '../develop/pipeline.js';
import { EXIT } from '../errors.js';
import { readProject } from '../project/read-project.js';
import { createUi } from '../ui/output.js';
import { printDevReport } from '../ui/project-report.js';

export async function runSmoke(flags: ProjectFlags, ctx: Context): Promise<number> {
  const project = await readProject(flags.dir, ctx.cwd);
  const ui = createUi(ctx.stdout, ctx.stderr, ctx.color, flags.json);
  const options = buildOptionsFor(ctx, ui.c, flags, { release: flags.release, extraArgs: flags.extraArgs, createVenv: false, full: flags.full });
  const report = await buildAndSmoke(project, options, { build: 'if-needed', smoke: true });
  printDevReport(ui, ctx, flags.json, report);
  return report.ok ? EXIT.ok : EXIT.failed;
}
