/**
 * The pipeline `dev`, `smoke` and `create --build` share: find (or create) the venv, build when
 * asked or needed, smoke-test when asked. It returns a report; printing it is the caller's job.
 */
import { homedir } from 'node:os';
import type { ChalkInstance } from 'chalk';
import type { Context } from '../cli/io.js';
import { CliError, throwIfCancelled } from '../errors.js';
import type { ProjectInfo } from '../project/read-project.js';
import { createProgress, progressMode, type StepTiming } from '../ui/progress.js';
import { buildCache, withBuildCache, type BuildCache } from './build-cache.js';
import { buildApp, buildModule, ensureMaturin, maturinIn, resolveVenv, type BuildOptions } from './compile.js';
import { sharedPyo3Config } from './pyo3-config.js';
import { installedIsFresh } from './freshness.js';
import { smokeApp, smokeModule, type SmokeReport } from './smoke.js';
import type { Venv } from './venv.js';

export interface DevRequest {
  /** `if-needed`: a module that already imports in the venv is not rebuilt (smoke). */
  readonly build: 'always' | 'if-needed';
  readonly smoke: boolean;
  readonly release: boolean;
  readonly extraArgs: readonly string[];
  /** Create .venv when there is none (dev, create --build); smoke only uses an existing one. */
  readonly createVenv: boolean;
}

export interface DevReport {
  readonly project: ProjectInfo;
  readonly venv: Venv | undefined;
  /** The shared build cache compiles used (see build-cache.ts), if any compile ran. */
  readonly buildCache: BuildCache | undefined;
  readonly steps: readonly StepTiming[];
  /** undefined when the smoke test was not asked for. */
  readonly smoke: SmokeReport | undefined;
  /** The smoke test passed, or was not run. */
  readonly ok: boolean;
}

/** How the pipeline talks to the outside for a command run with these output flags. */
export function buildOptionsFor(
  ctx: Context,
  c: ChalkInstance,
  output: { readonly json: boolean; readonly verbose: boolean },
  request: Pick<DevRequest, 'release' | 'extraArgs' | 'createVenv'>,
): BuildOptions {
  return {
    ...request,
    env: ctx.env,
    run: ctx.run,
    signal: ctx.signal,
    // --json keeps stderr quiet too: streamed tool output is for people reading along.
    stream: output.verbose && !output.json ? ctx.stderr : undefined,
    progress: createProgress(ctx.stderr, progressMode(output.json, output.verbose, ctx.stderrIsTTY, ctx.env.TERM), c, ctx.stderrColumns),
  };
}

export async function buildAndSmoke(project: ProjectInfo, given: BuildOptions, what: Pick<DevRequest, 'build' | 'smoke'>): Promise<DevReport> {
  const cache = buildCache(project.dir, given.env, process.platform, given.env.HOME || homedir());
  const o: BuildOptions = { ...given, env: withBuildCache(given.env, cache), buildCache: cache };
  let compiled = false;
  const venv = await resolveVenv(project, o);
  throwIfCancelled(o.signal);
  let smoke: SmokeReport | undefined;
  if (project.kind === 'module') {
    if (venv === undefined) {
      throw new CliError(`no virtualenv found for ${project.dir}`, {
        hint: 'run `create-pyo3-async dev` first (it creates .venv), or activate one (VIRTUAL_ENV)',
      });
    }
    // smoke: build unless the installed module imports and is newer than every source.
    const fresh = what.build === 'if-needed' && (await installedIsFresh(project, venv, o));
    if (!fresh) {
      const maturinVersion = await ensureMaturin(project, venv, o);
      const config = cache.dir === undefined ? undefined : await sharedPyo3Config(cache.dir, project, venv, maturinIn(venv), maturinVersion, o);
      await buildModule(project, venv, config === undefined ? o : { ...o, env: { ...o.env, PYO3_CONFIG_FILE: config } });
      compiled = true;
    }
    if (what.smoke) smoke = await o.progress.step('smoke test', () => smokeModule(project, venv, o), (r) => !r.ok);
  } else {
    await buildApp(project, venv, o);
    compiled = true;
    if (what.smoke) smoke = await o.progress.step('smoke test', () => smokeApp(project, venv, o.release, o), (r) => !r.ok);
  }
  return { project, venv, buildCache: compiled ? cache : undefined, steps: o.progress.timings, smoke, ok: smoke?.ok ?? true };
}
