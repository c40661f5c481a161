/**
 * Runs a GitHub Actions job of a generated workflow on this machine: its `run:` steps in order,
 * in bash as the runner does, with GITHUB_ENV / GITHUB_PATH / GITHUB_OUTPUT honoured, and each
 * `uses:` step replaced by a local stand-in (setup-python: a venv from pyenv's interpreter of
 * that version; setup-uv: the real tier's uv; maturin-action: maturin itself; checkout, the
 * toolchain and caches: nothing to do; upload-artifact: its path must hold files). An expression
 * or action this runner does not know fails the job rather than being skipped.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';

export interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}

export interface Job {
  readonly steps: readonly Step[];
  readonly env?: Record<string, unknown>;
  readonly defaults?: { run?: { shell?: string } };
}

export interface RunContext {
  readonly dir: string;
  readonly scratch: string;
  readonly matrix: Record<string, unknown>;
  readonly workflowEnv: Record<string, unknown>;
  /** The environment steps start from (PATH without any venv of ours). */
  readonly baseEnv: Record<string, string>;
  readonly uv: string;
  readonly maturin: string;
}

export interface StepLog {
  readonly step: string;
  readonly how: string;
}

const PYENV = join(process.env.PYENV_ROOT ?? join(process.env.HOME ?? '/root', '.pyenv'), 'versions');

/** An interpreter for "X.Y" on this machine: pyenv's newest X.Y.Z, else pythonX.Y on PATH. */
export function findPython(version: string): string | undefined {
  const found = existsSync(PYENV)
    ? readdirSync(PYENV)
        .filter((v) => v.startsWith(`${version}.`) && /^\d+\.\d+\.\d+$/.test(v))
        .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]))
        .pop()
    : undefined;
  if (found !== undefined) return join(PYENV, found, 'bin', 'python3');
  if (!/^\d+\.\d+$/.test(version)) return undefined; // 3.14t and the like: pyenv's or none
  return onPath(`python${version}`);
}

const onPath = (name: string) =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find((path) => existsSync(path));

type Scope = { matrix: Record<string, unknown>; steps: Record<string, Record<string, string>> };

function lookup(path: string, scope: Scope): unknown {
  const [head, ...rest] = path.split('.');
  let value: unknown;
  if (head === 'matrix') value = scope.matrix;
  else if (head === 'steps') value = scope.steps;
  else if (path === 'runner.os') return 'Linux';
  else throw new Error(`no value for \${{ ${path} }} in this runner`);
  for (const key of rest) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[key];
  return value;
}

function term(t: string, scope: Scope): unknown {
  const s = t.trim();
  const literal = /^'(.*)'$/.exec(s);
  if (literal) return literal[1];
  if (/^[a-z][\w.-]*$/i.test(s)) return lookup(s, scope);
  throw new Error(`unsupported expression ${JSON.stringify(s)}`);
}

/** The subset of the expression language the generated workflows use: paths, literals, ||, ==, !=. */
export function evaluate(expr: string, scope: Scope): unknown {
  const or = expr.split('||');
  if (or.length > 1) return or.map((t) => evaluate(t, scope)).find((v) => v !== undefined && v !== '' && v !== null) ?? '';
  const cmp = /^(.*?)(==|!=)(.*)$/.exec(expr);
  if (cmp) {
    const [a, b] = [term(cmp[1]!, scope), term(cmp[3]!, scope)];
    return cmp[2] === '==' ? a === b : a !== b;
  }
  return term(expr, scope);
}

const substitute = (text: string, scope: Scope) => text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => String(evaluate(e, scope) ?? ''));

function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

export async function runJob(job: Job, ctx: RunContext): Promise<StepLog[]> {
  const scope: Scope = { matrix: ctx.matrix, steps: {} };
  const log: StepLog[] = [];
  const extraPath: string[] = [];
  const addedEnv: Record<string, string> = {};
  const files = { env: join(ctx.scratch, 'github_env'), path: join(ctx.scratch, 'github_path'), output: join(ctx.scratch, 'github_output') };
  await mkdir(ctx.scratch, { recursive: true });
  const stringEnv = (e: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(e ?? {}).map(([k, v]) => [k, substitute(String(v), scope)]));
  const bins = join(ctx.scratch, 'bin');
  await mkdir(bins, { recursive: true });

  for (const [index, step] of job.steps.entries()) {
    const label = step.name ?? step.uses ?? step.run?.split('\n')[0] ?? `step ${index}`;
    if (step.if !== undefined && !evaluate(step.if, scope)) {
      log.push({ step: label, how: `skipped (if: ${step.if})` });
      continue;
    }
    const env: Record<string, string> = {
      ...ctx.baseEnv,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      RUNNER_OS: 'Linux',
      ...stringEnv(ctx.workflowEnv),
      ...stringEnv(job.env),
      ...addedEnv,
      ...stringEnv(step.env),
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      GITHUB_OUTPUT: files.output,
    };
    env.PATH = [...extraPath, bins, ctx.baseEnv.PATH ?? ''].join(delimiter);
    // Evaluated when read: stand-ins ignore some inputs (sccache) whose expressions need GitHub.
    const input = (name: string) => (step.with?.[name] === undefined ? undefined : substitute(String(step.with[name]), scope));
    if (step.run !== undefined) {
      for (const f of Object.values(files)) await writeFile(f, '');
      const shell = job.defaults?.run?.shell === 'bash' ? ['--noprofile', '--norc', '-eo', 'pipefail', '-c'] : ['-e', '-c'];
      const r = await execa('bash', [...shell, substitute(step.run, scope)], { cwd: ctx.dir, env, extendEnv: false, reject: false, all: true });
      if (r.exitCode !== 0) throw new Error(`step "${label}" failed (exit ${r.exitCode}):\n${String(r.all).slice(-3000)}`);
      Object.assign(addedEnv, parseKeyValues(await readFile(files.env, 'utf8')));
      extraPath.unshift(...(await readFile(files.path, 'utf8')).split('\n').filter(Boolean).reverse());
      if (step.id !== undefined) scope.steps[step.id] = { outputs: parseKeyValues(await readFile(files.output, 'utf8')) } as never;
      log.push({ step: label, how: 'ran' });
      continue;
    }
    const action = (step.uses ?? '').replace(/@.*$/, '');
    if (['actions/checkout', 'dtolnay/rust-toolchain', 'Swatinem/rust-cache'].includes(action)) {
      log.push({ step: label, how: 'nothing to do here' });
    } else if (action === 'actions/setup-python') {
      const version = input('python-version')!;
      const base = findPython(version);
      if (base === undefined) throw new Error(`setup-python: no Python ${version} on this machine`);
      const venv = join(ctx.scratch, `python-${version}`);
      if (!existsSync(venv)) await execa(base, ['-m', 'venv', venv]);
      extraPath.unshift(join(venv, 'bin'));
      if (step.id !== undefined) scope.steps[step.id] = { outputs: { 'python-path': join(venv, 'bin', 'python') } } as never;
      log.push({ step: label, how: `a venv of ${base}` });
    } else if (action === 'astral-sh/setup-uv') {
      if (!existsSync(join(bins, 'uv'))) await symlink(ctx.uv, join(bins, 'uv'));
      log.push({ step: label, how: 'the real tier’s uv' });
    } else if (action === 'PyO3/maturin-action') {
      const args = [input('command') || 'build', ...(input('args') ?? '').split(/\s+/).filter(Boolean)];
      // maturin-action's containers have every pythonX.Y on PATH; here, pyenv's.
      const interpreter = /^python(\d+\.\d+)$/.exec(args[args.indexOf('--interpreter') + 1] ?? '');
      if (interpreter && !existsSync(join(bins, interpreter[0]))) {
        // An abi3 wheel needs only some CPython >= its floor: python3 stands in where X.Y is missing.
        const found = findPython(interpreter[1]!) ?? onPath('python3');
        if (found === undefined) throw new Error(`maturin-action: no ${interpreter[0]} on this machine`);
        await symlink(found, join(bins, interpreter[0]));
      }
      const r = await execa(ctx.maturin, args, { cwd: ctx.dir, env, extendEnv: false, reject: false, all: true });
      if (r.exitCode !== 0) throw new Error(`step "${label}" (maturin ${args.join(' ')}) failed:\n${String(r.all).slice(-3000)}`);
      log.push({ step: label, how: `maturin ${args.join(' ')}` });
    } else if (action === 'actions/upload-artifact') {
      const path = join(ctx.dir, input('path')!);
      const held = existsSync(path) ? readdirSync(path) : [];
      if (input('if-no-files-found') === 'error' && held.length === 0) throw new Error(`upload-artifact: nothing in ${input('path')}`);
      log.push({ step: label, how: `${held.length} file(s) in ${input('path')}` });
    } else {
      throw new Error(`no local stand-in for ${step.uses}`);
    }
  }
  return log;
}
