/** create --build / --smoke: builds (and smoke-tests) the project just written, as `dev` would. */
import type { CliIO } from '../cli/io.js';
import type { CreateFlags } from '../cli/program.js';
import { EXIT } from '../errors.js';
import { readProject } from '../project/read-project.js';
import { createJson, type CreateOutcome } from '../ui/create-report.js';
import type { Ui } from '../ui/output.js';
import { createProgress, progressMode } from '../ui/progress.js';
import { printSmoke } from '../ui/project-report.js';
import { buildAndSmoke } from './project-commands.js';

export async function buildCreated(dir: string, outcome: CreateOutcome, flags: CreateFlags, io: CliIO, ui: Ui, env: NodeJS.ProcessEnv): Promise<number> {
  const project = await readProject(dir, io.cwd);
  const progress = createProgress(io.stderr, progressMode(flags.json, flags.verbose, io.stderrIsTTY), ui.c);
  const built = await buildAndSmoke(
    project,
    {
      release: false,
      extraArgs: [],
      env,
      signal: io.signal,
      stream: flags.verbose && !flags.json ? io.stderr : undefined,
      progress,
      createVenv: project.kind === 'module' || project.usesUvloop,
    },
    { build: 'always', smoke: flags.smoke },
  );
  const smokeOk = built.smoke?.ok ?? true;
  if (flags.json) {
    const doc = JSON.parse(createJson(outcome)) as Record<string, unknown>;
    io.stdout.write(`${JSON.stringify({ ...doc, ok: smokeOk, build: { venv: built.venv?.dir ?? null, steps: progress.timings }, smoke: built.smoke ?? null }, null, 2)}\n`);
  } else if (built.smoke !== undefined) {
    printSmoke(ui, built.smoke);
  }
  return smokeOk ? EXIT.ok : EXIT.failed;
}
