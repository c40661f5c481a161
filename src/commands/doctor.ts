/** doctor: check the tools a project (or any generated project) needs, and how to get what is missing. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from '../cli/io.js';
import type { ProjectFlags } from '../cli/program.js';
import { checkPairing } from '../core/pairing.js';
import { CliError, EXIT, throwIfCancelled } from '../errors.js';
import { projectDir, readProject } from '../project/read-project.js';
import { hasBlockingProblem, probeTools } from '../toolchain/probe.js';
import { createUi } from '../ui/output.js';
import { printPairing } from '../ui/pairing-report.js';
import { doctorJson, printDoctor } from '../ui/project-report.js';

export async function runDoctor(flags: ProjectFlags, ctx: Context): Promise<number> {
  const dir = projectDir(flags.dir, ctx.cwd);
  // A crate that is neither a module nor an app (dev refuses it) still gets its tools and pairing checked.
  const project = existsSync(join(dir, 'Cargo.toml'))
    ? await readProject(flags.dir, ctx.cwd).catch((error: unknown) => {
        if (error instanceof CliError && error.exitCode === EXIT.usage) return undefined;
        throw error;
      })
    : undefined;
  const tools = await probeTools({ cwd: dir, env: ctx.env, run: ctx.run, signal: ctx.signal, project });
  throwIfCancelled(ctx.signal);
  // Any PyO3 project, generated or not: the pyo3 / bridge pairing from Cargo.toml and Cargo.lock.
  const text = (name: string) => readFile(join(dir, name), 'utf8').catch(() => undefined);
  const cargoToml = await text('Cargo.toml');
  const pairing = cargoToml === undefined ? undefined : checkPairing(cargoToml, await text('Cargo.lock'));
  const ok = !hasBlockingProblem(tools) && !(pairing ?? []).some((f) => f.status === 'mismatch');
  if (flags.json) ctx.stdout.write(doctorJson(ok, tools, project, { pyo3: pairing ?? null }));
  else {
    const ui = createUi(ctx.stdout, ctx.stderr, ctx.color, false);
    printDoctor(ui, tools, project);
    if (pairing !== undefined) printPairing(ui, pairing);
  }
  return ok ? EXIT.ok : EXIT.failed;
}
