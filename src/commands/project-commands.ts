/** dev, smoke and doctor: the commands a user keeps running on a generated project. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliIO } from '../cli/io.js';
import type { ProjectFlags } from '../cli/program.js';
import { buildApp, buildModule, ensureMaturin, resolveVenv, type BuildOptions } from '../build/develop.js';
import { smokeApp, smokeModule, type SmokeReport } from '../build/smoke.js';
import type { Venv } from '../build/venv.js';
import { CliError, EXIT, throwIfCancelled } from '../errors.js';
import { runTool } from '../proc/run-tool.js';
import { readProject, type ProjectInfo } from '../project/read-project.js';
import { hasBlockingProblem, probeTools } from '../toolchain/probe.js';
import { createUi, type Ui } from '../ui/output.js';
import { createProgress, progressMode } from '../ui/progress.js';
import { printDoctor, printSmoke } from '../ui/project-report.js';

interface Session {
  readonly ui: Ui;
  readonly options: BuildOptions;
}

function session(flags: ProjectFlags, io: CliIO, env: NodeJS.ProcessEnv, color: boolean, createVenv: boolean): Session {
  const ui = createUi(io.stdout, io.stderr, color, flags.json);
  return {
    ui,
    options: {
      release: flags.release,
      extraArgs: flags.extraArgs,
      env,
      signal: io.signal,
      stream: flags.verbose && !flags.json ? io.stderr : undefined,
      progress: createProgress(io.stderr, progressMode(flags.json, flags.verbose, io.stderrIsTTY), ui.c),
      createVenv,
    },
  };
}

/** Builds (when `build`) and smoke-tests a project; shared by dev, smoke and create --smoke. */
export async function buildAndSmoke(
  project: ProjectInfo,
  o: BuildOptions,
  what: { readonly build: 'always' | 'if-needed'; readonly smoke: boolean },
): Promise<{ venv: Venv | undefined; smoke: SmokeReport | undefined }> {
  const venv = await resolveVenv(project, o);
  throwIfCancelled(o.signal);
  if (project.kind === 'module') {
    if (venv === undefined) {
      throw new CliError(`no virtualenv found for ${project.dir}`, {
        hint: 'run `create-pyo3-async dev` first (it creates .venv), or activate one (VIRTUAL_ENV)',
      });
    }
    const built =
      what.build === 'if-needed' &&
      (await runTool(venv.python, ['-c', `import ${project.importName}`], { cwd: project.dir, env: o.env, signal: o.signal })).exitCode === 0;
    if (!built) {
      await ensureMaturin(project, venv, o);
      await buildModule(project, venv, o);
    }
    const smoke = what.smoke ? await o.progress.step('smoke test', () => smokeModule(project, venv, o)) : undefined;
    return { venv, smoke };
  }
  await buildApp(project, venv, o);
  const smoke = what.smoke ? await o.progress.step('smoke test', () => smokeApp(project, venv, o.release, o)) : undefined;
  return { venv, smoke };
}

function finish(ui: Ui, io: CliIO, flags: ProjectFlags, project: ProjectInfo, result: Awaited<ReturnType<typeof buildAndSmoke>>, timings: unknown): number {
  const ok = result.smoke?.ok ?? true;
  if (flags.json) {
    io.stdout.write(
      `${JSON.stringify({ ok, project: { dir: project.dir, kind: project.kind, name: project.crateName }, venv: result.venv?.dir ?? null, steps: timings, smoke: result.smoke ?? null }, null, 2)}\n`,
    );
  } else if (result.smoke !== undefined) {
    printSmoke(ui, result.smoke);
  } else {
    ui.info(`${ui.c.green('✔')} built ${project.crateName}${result.venv === undefined ? '' : ` into ${result.venv.dir}`} (smoke test skipped)`);
  }
  if (!ok) {
    const failed = result.smoke!.checks.find((c) => !c.ok)!;
    if (!flags.json) io.stderr.write(`${ui.c.red('error:')} smoke check failed: ${failed.name}${failed.detail === null ? '' : `: ${failed.detail}`}\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}

export async function runDev(flags: ProjectFlags, io: CliIO, env: NodeJS.ProcessEnv, color: boolean): Promise<number> {
  const project = await readProject(flags.dir, io.cwd);
  // Apps need a venv only to give the embedded Python uvloop.
  const s = session(flags, io, env, color, project.kind === 'module' || project.usesUvloop);
  const result = await buildAndSmoke(project, s.options, { build: 'always', smoke: flags.smoke });
  return finish(s.ui, io, flags, project, result, s.options.progress.timings);
}

export async function runSmoke(flags: ProjectFlags, io: CliIO, env: NodeJS.ProcessEnv, color: boolean): Promise<number> {
  const project = await readProject(flags.dir, io.cwd);
  const s = session(flags, io, env, color, false);
  const result = await buildAndSmoke(project, s.options, { build: 'if-needed', smoke: true });
  return finish(s.ui, io, flags, project, result, s.options.progress.timings);
}

export async function runDoctor(flags: ProjectFlags, io: CliIO, env: NodeJS.ProcessEnv, color: boolean): Promise<number> {
  const dir = resolve(io.cwd, flags.dir);
  const project = existsSync(join(dir, 'Cargo.toml')) ? await readProject(flags.dir, io.cwd) : undefined;
  const tools = await probeTools({ cwd: dir, env, signal: io.signal, project });
  throwIfCancelled(io.signal);
  const ok = !hasBlockingProblem(tools);
  if (flags.json) {
    const about = project === undefined ? null : { dir: project.dir, kind: project.kind, name: project.crateName };
    io.stdout.write(`${JSON.stringify({ ok, project: about, tools }, null, 2)}\n`);
  } else {
    printDoctor(createUi(io.stdout, io.stderr, color, false), tools, project);
  }
  return ok ? EXIT.ok : EXIT.failed;
}
