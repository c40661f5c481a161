/** Runs the smoke test of a built project and returns a report; printing is the caller's job. */
import { join, resolve } from 'node:path';
import { CliError, throwIfCancelled } from '../errors.js';
import { tail } from '../proc/runner.js';
import type { ProjectInfo } from '../project/read-project.js';
import type { BuildOptions } from './compile.js';
import { SMOKE_SCRIPT } from './smoke-script.js';
import { activate, type Venv } from './venv.js';

export interface SmokeCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly detail: string | null;
  /** Not run: the project lacks what the check needs (a project create-pyo3-async did not generate). */
  readonly skipped?: boolean;
}

export interface SmokeReport {
  readonly ok: boolean;
  readonly checks: readonly SmokeCheck[];
}

type Run = Pick<BuildOptions, 'env' | 'run' | 'signal' | 'stream'>;

export async function smokeModule(project: ProjectInfo, venv: Venv, run: Run): Promise<SmokeReport> {
  const r = await run.run(venv.python, ['-c', SMOKE_SCRIPT, project.importName!, project.usesUvloop ? '1' : '0'], {
    cwd: project.dir,
    env: activate(run.env, venv),
    signal: run.signal,
    stream: run.stream,
  });
  throwIfCancelled(run.signal);
  let checks: SmokeCheck[];
  try {
    checks = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as SmokeCheck[];
  } catch {
    // The interpreter died before printing: a crash is the most important finding.
    throw new CliError(`the smoke test crashed (exit ${r.exitCode ?? 'by signal'})`, {
      details: tail(r.stderr || r.stdout),
      hint: 'run `python -c "import ' + project.importName + '"` in the venv to see the failure',
    });
  }
  if (r.exitCode !== 0) {
    checks.push({ name: 'interpreter exits cleanly', ok: false, seconds: 0, detail: `exit ${r.exitCode}: ${tail(r.stderr, 3).join(' | ')}` });
  }
  return { ok: checks.every((c) => c.ok), checks };
}

/** Where cargo puts the debug binary, honouring CARGO_TARGET_DIR like cargo does. */
function appBinary(project: ProjectInfo, env: NodeJS.ProcessEnv, release: boolean): string {
  const target = env.CARGO_TARGET_DIR ? resolve(project.dir, env.CARGO_TARGET_DIR) : join(project.dir, 'target');
  return join(target, release ? 'release' : 'debug', project.binName + (process.platform === 'win32' ? '.exe' : ''));
}

const APP_LINES = [
  ['embedded Python', /^embedded Python \d+\.\d+\.\d+, event loop \S+$/],
  ['awaited asyncio.sleep from Rust', /^awaited asyncio\.sleep\(0\.1\) on (tokio|async-std)$/],
  ['awaited a Python coroutine from Rust', /^awaited a Python coroutine: .+$/],
] as const;

export async function smokeApp(project: ProjectInfo, venv: Venv | undefined, release: boolean, run: Run): Promise<SmokeReport> {
  const binary = appBinary(project, run.env, release);
  const env = venv === undefined ? run.env : activate(run.env, venv);
  const r = await run.run(binary, [], { cwd: project.dir, env, signal: run.signal, stream: run.stream });
  throwIfCancelled(run.signal);
  const checks: SmokeCheck[] = [];
  checks.push({
    name: 'program exits 0',
    ok: r.exitCode === 0,
    seconds: Math.round(r.seconds * 1000) / 1000,
    detail: r.missing ? `${binary} not found` : r.exitCode === 0 ? null : tail(r.stderr, 4).join(' | '),
  });
  const lines = r.stdout.split('\n');
  const found = APP_LINES.map(([name, pattern]) => [name, lines.find((l) => pattern.test(l))] as const);
  // A program that prints none of a generated app's lines is someone else's: its exit status is all we know to check.
  if (r.exitCode === 0 && found.every(([, line]) => line === undefined)) {
    const detail = 'skipped: the program prints none of the lines a generated app prints, so only its exit status was checked';
    checks.push({ name: 'output of a generated app', ok: true, seconds: 0, detail, skipped: true });
    return { ok: checks.every((c) => c.ok), checks };
  }
  for (const [name, line] of found) checks.push({ name: `prints: ${name}`, ok: line !== undefined, seconds: 0, detail: line ?? null });
  if (project.usesUvloop) {
    const ok = lines.some((l) => l.endsWith('event loop uvloop.Loop'));
    checks.push({ name: 'runs on uvloop.Loop', ok, seconds: 0, detail: ok ? null : 'the event loop is not uvloop' });
  }
  return { ok: checks.every((c) => c.ok), checks };
}
