/** Probes the tools a generated project needs, for `doctor` and before builds. */
import type { Runner } from '../proc/runner.js';
import type { ProjectInfo } from '../project/read-project.js';
import { STACK_TABLE, VERSIONS } from '../core/versions.js';
import { basePython, findVenv } from '../develop/venv.js';
import { parseVersion, satisfies } from './pep440.js';

export type ToolStatus = 'ok' | 'missing' | 'unsupported' | 'broken' | 'optional';

export interface ToolReport {
  readonly name: string;
  readonly required: boolean;
  readonly status: ToolStatus;
  readonly version: string | null;
  /** What was run to find it. */
  readonly command: string;
  readonly note: string | null;
  /** The exact command (or step) that fixes it, when it is not ok. */
  readonly fix: string | null;
}

export interface PythonInfo {
  readonly version: string;
  readonly implementation: string;
  readonly freeThreaded: boolean;
  readonly executable: string;
  readonly shared: boolean;
}

const PY_INFO =
  'import json, platform, sys, sysconfig; print(json.dumps({"version": platform.python_version(), ' +
  '"implementation": platform.python_implementation(), "freeThreaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")), ' +
  '"executable": sys.executable, "shared": bool(sysconfig.get_config_var("Py_ENABLE_SHARED"))}))';

interface ProbeContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly run: Runner;
  readonly signal?: AbortSignal | undefined;
  readonly project?: ProjectInfo | undefined;
}

async function versionOf(command: string, args: string[], ctx: ProbeContext) {
  const r = await ctx.run(command, args, { cwd: ctx.cwd, env: ctx.env, signal: ctx.signal });
  const text = `${r.stdout}\n${r.stderr}`.trim();
  return { missing: r.missing, ok: r.exitCode === 0, text, version: r.exitCode === 0 ? parseVersion(text)?.join('.') : undefined };
}

function report(
  name: string,
  command: string,
  required: boolean,
  found: { missing: boolean; ok: boolean; text: string; version: string | undefined },
  fix: string,
  range?: { spec: string; why: string; fix: string },
): ToolReport {
  const base = { name, required, command, version: found.version ?? null };
  if (found.missing) return { ...base, status: required ? 'missing' : 'optional', note: 'not found', fix };
  if (!found.ok || found.version === undefined) {
    return { ...base, status: 'broken', note: `unexpected output: ${found.text.split('\n')[0]?.slice(0, 80) ?? ''}`, fix };
  }
  if (range !== undefined && !satisfies(found.version, range.spec)) {
    return { ...base, status: 'unsupported', note: `${range.why} needs ${range.spec}`, fix: range.fix };
  }
  return { ...base, status: 'ok', note: null, fix: null };
}

async function probePython(python: string, ctx: ProbeContext): Promise<PythonInfo | undefined> {
  const r = await ctx.run(python, ['-c', PY_INFO], { cwd: ctx.cwd, env: ctx.env, signal: ctx.signal });
  if (r.exitCode !== 0) return undefined;
  try {
    return JSON.parse(r.stdout) as PythonInfo;
  } catch {
    return undefined;
  }
}

export async function probeTools(ctx: ProbeContext): Promise<ToolReport[]> {
  const project = ctx.project;
  const rustNeed = project?.rustVersion;
  const pythonNeed = project?.requiresPython ?? STACK_TABLE.current.pairs[0].requiresPython;
  const python = basePython(ctx.env);
  const venv = project === undefined ? undefined : findVenv(project.dir, ctx.env);
  const maturinPython = venv?.python;
  const maturinNeed = project?.maturinRequirement ?? VERSIONS.maturin;

  const [cargo, rustc, py, pyInfo, pip, uv, maturin] = await Promise.all([
    versionOf('cargo', ['--version'], ctx),
    versionOf('rustc', ['--version'], ctx),
    versionOf(python, ['--version'], ctx),
    probePython(python, ctx),
    versionOf(python, ['-m', 'pip', '--version'], ctx),
    versionOf('uv', ['--version'], ctx),
    maturinPython === undefined ? versionOf('maturin', ['--version'], ctx) : versionOf(maturinPython, ['-m', 'maturin', '--version'], ctx),
  ]);

  const rustup = 'install Rust with rustup: https://rustup.rs';
  const tools: ToolReport[] = [
    {
      name: 'node',
      required: true,
      status: satisfies(process.versions.node, '>=20.17') ? 'ok' : 'unsupported',
      version: process.versions.node,
      command: 'node --version',
      note: null,
      fix: satisfies(process.versions.node, '>=20.17') ? null : 'install Node.js 20.17 or newer',
    },
    report('cargo', 'cargo --version', true, cargo, rustup),
    report('rustc', 'rustc --version', true, rustc, rustup, rustNeed === undefined ? undefined : { spec: `>=${rustNeed}`, why: 'the project', fix: 'rustup update stable' }),
    report(`python (${python})`, `${python} --version`, true, py, 'install Python 3.10 or newer (python.org, pyenv or your package manager), or set PYO3_PYTHON', {
      spec: pythonNeed,
      why: project === undefined ? 'the current stack' : 'the project',
      fix: `install a Python that satisfies ${pythonNeed} and set PYO3_PYTHON to it`,
    }),
    report('pip', `${python} -m pip --version`, uv.missing, pip, `${python} -m ensurepip --upgrade`),
    report('uv', 'uv --version', false, uv, 'optional: pip install uv (dev then creates virtualenvs with it)'),
  ];
  if (project === undefined || project.kind === 'module') {
    const where = venv === undefined ? 'maturin --version' : `${venv.python} -m maturin --version`;
    const fixMaturin = `pip install 'maturin${maturinNeed}'`;
    tools.push({
      ...report('maturin', where, false, maturin, `${fixMaturin} (create-pyo3-async dev installs it into the project's venv)`, {
        spec: maturinNeed,
        why: project === undefined ? 'generated projects' : 'the project',
        fix: fixMaturin,
      }),
    });
  }
  // What the interpreter is matters as much as its version: uvloop and pyo3 builds differ.
  const pyReport = tools[3]!;
  if (pyInfo !== undefined && pyReport.status === 'ok') {
    const notes = [
      pyInfo.implementation !== 'CPython' ? `${pyInfo.implementation}: uvloop does not support it` : undefined,
      pyInfo.freeThreaded ? 'free-threaded build: uvloop does not support it' : undefined,
      !pyInfo.shared && project?.kind === 'app' ? 'no shared libpython: apps cannot embed it' : undefined,
    ].filter((n): n is string => n !== undefined);
    tools[3] = { ...pyReport, note: [pyInfo.executable, ...notes].join('; ') };
  }
  return tools;
}

/** Whether doctor should fail: a required tool missing, broken or unsupported. */
export function hasBlockingProblem(tools: readonly ToolReport[]): boolean {
  return tools.some((t) => t.required && t.status !== 'ok');
}
