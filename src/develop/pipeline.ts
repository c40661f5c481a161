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
import { buildApp, buildModule, cacheNote, ensureMaturin, maturinIn, resolveVenv, type BuildOptions } from './compile.js';
import { sharedPyo3Config } from './pyo3-config.js';
import { installedIsFresh } from './freshness.js';
import { developInputs, planQuickRebuild, stateFile, withLockAfterBuild } from './develop-state.js';
import { quickRebuild, recordInstall } from './quick-rebuild.js';
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
  /** Always `maturin develop` (--full), never the quick rebuild. */
  readonly full: boolean;
}

/** How a module was rebuilt: by `maturin develop`, or quickly (cargo, then the extension replaced in place). */
export interface Rebuild {
  readonly via: 'maturin develop' | 'cargo';
  /** Why the quick rebuild did not apply (via maturin develop), or will not next time. */
  readonly why: string | null;
}

export interface DevReport {
  readonly project: ProjectInfo;
  readonly venv: Venv | undefined;
  /** The shared build cache compiles used (see build-cache.ts), if any compile ran. */
  readonly buildCache: BuildCache | undefined;
  /** Module builds only. */
  readonly rebuild: Rebuild | undefined;
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
  request: Pick<DevRequest, 'release' | 'extraArgs' | 'createVenv' | 'full'>,
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
  let rebuild: Rebuild | undefined;
  if (project.kind === 'module') {
    if (venv === undefined) {
      throw new CliError(`no virtualenv found for ${project.dir}`, {
        hint: 'run `create-pyo3-async dev` first (it creates .venv), or activate one (VIRTUAL_ENV)',
      });
    }
    // smoke: build unless the installed module imports and is newer than every source.
    const fresh = what.build === 'if-needed' && (await installedIsFresh(project, venv, o));
    if (!fresh) {
      rebuild = await rebuildModule(project, venv, o, cache);
      compiled = true;
    }
    if (what.smoke) smoke = await o.progress.step('smoke test', () => smokeModule(project, venv, o), (r) => !r.ok);
  } else {
    await buildApp(project, venv, o);
    compiled = true;
    if (what.smoke) smoke = await o.progress.step('smoke test', () => smokeApp(project, venv, o.release, o), (r) => !r.ok);
  }
  return { project, venv, buildCache: compiled ? cache : undefined, rebuild, steps: o.progress.timings, smoke, ok: smoke?.ok ?? true };
}

/**
 * A module's build: the quick rebuild when the last `maturin develop`'s install allows it
 * (quick-rebuild.ts), else `maturin develop` with the shared pyo3 config, recorded for next time.
 */
async function rebuildModule(project: ProjectInfo, venv: Venv, o: BuildOptions, cache: BuildCache): Promise<Rebuild> {
  const file = cache.dir === undefined || o.env.PYO3_CONFIG_FILE ? undefined : stateFile(cache.dir, project.dir, venv.dir);
  const before = developInputs(project, venv, o);
  const plan =
    o.full === true
      ? { quick: false as const, why: '--full' }
      : o.env.PYO3_CONFIG_FILE
        ? { quick: false as const, why: 'PYO3_CONFIG_FILE is set (quick rebuilds use the shared pyo3 config)' }
        : planQuickRebuild(file, before, process.platform);
  if (plan.quick) {
    const label = `compiling (cargo rustc${o.release ? ' --release' : ''}, then the installed extension replaced${cacheNote(o)})`;
    await quickRebuild(project, venv, o, plan.recorded, label);
    return { via: 'cargo', why: null };
  }
  // --verbose readers see why the build is not a quick one.
  o.stream?.write(`maturin develop, not a quick rebuild: ${plan.why}\n`);
  const maturinVersion = await ensureMaturin(project, venv, o);
  const config = cache.dir === undefined ? undefined : await sharedPyo3Config(cache.dir, project, venv, maturinIn(venv), maturinVersion, o);
  // What maturin is about to read (after ensureMaturin, which may have installed it).
  const inputs = developInputs(project, venv, o);
  const started = Date.now();
  await buildModule(project, venv, config === undefined ? o : { ...o, env: { ...o.env, PYO3_CONFIG_FILE: config } });
  if (file === undefined || config === undefined) return { via: 'maturin develop', why: plan.why };
  const notRecorded = await recordInstall(project, venv, o, file, withLockAfterBuild(inputs), config, started);
  return { via: 'maturin develop', why: notRecorded ?? plan.why };
}
