/** doctor: check the tools a project (or any generated project) needs, and how to get what is missing. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../cli/io.js';
import type { ProjectFlags } from '../cli/program.js';
import { EXIT, throwIfCancelled } from '../errors.js';
import { projectDir, readProject } from '../project/read-project.js';
import { hasBlockingProblem, probeTools } from '../toolchain/probe.js';
import { createUi } from '../ui/output.js';
import { doctorJson, printDoctor } from '../ui/project-report.js';

export async function runDoctor(flags: ProjectFlags, ctx: Context): Promise<number> {
  const dir = projectDir(flags.dir, ctx.cwd);
  const project = existsSync(join(dir, 'Cargo.toml')) ? await readProject(flags.dir, ctx.cwd) : undefined;
  const tools = await probeTools({ cwd: dir, env: ctx.env, run: ctx.run, signal: ctx.signal, project });
  throwIfCancelled(ctx.signal);
  const ok = !hasBlockingProblem(tools);
  if (flags.json) ctx.stdout.write(doctorJson(ok, tools, project));
  else printDoctor(createUi(ctx.stdout, ctx.stderr, ctx.color, false), tools, project);
  return ok ? EXIT.ok : EXIT.failed;
}
