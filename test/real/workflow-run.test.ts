// The generated workflow's Linux jobs, executed: lint, test (on the newest Python of the matrix
// this machine has), the x86_64 manylinux wheel and the sdist, each `run:` step in order in a
// fresh generated project, with local stand-ins for the `uses:` steps
// (test/helpers/workflow-runner.ts). The release job needs PyPI and GitHub and is not run;
// macOS and Windows jobs cannot run here. actionlint checks all of them (workflows.test.ts).
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { CACHE, PROJECTS, UV, VENV_BIN } from '../helpers/real-env.js';
import { baseEnv } from '../helpers/real-run.js';
import { findPython, runJob, type Job } from '../helpers/workflow-runner.js';

const DIR = join(PROJECTS, 'workflow-run', 'wf-run');
type Workflow = { env?: Record<string, unknown>; jobs: Record<string, Job & { strategy?: { matrix?: { include?: Record<string, unknown>[]; platform?: Record<string, unknown>[] } } }> };
let workflow: Workflow;
let newest: Record<string, unknown> | undefined;

function context(job: string, matrix: Record<string, unknown>) {
  const env = baseEnv() as Record<string, string>;
  // The steps get what a fresh runner has: no venv of ours on PATH.
  env.PATH = (env.PATH ?? '').split(':').filter((p) => !p.startsWith(VENV_BIN)).join(':');
  return { dir: DIR, scratch: join(CACHE, 'workflow-run', job), matrix, workflowEnv: workflow.env ?? {}, baseEnv: env, uv: UV, maturin: join(VENV_BIN, 'maturin') };
}

describe('the generated workflow, its Linux jobs run for real', () => {
  beforeAll(async () => {
    await rm(join(PROJECTS, 'workflow-run'), { recursive: true, force: true });
    await rm(join(CACHE, 'workflow-run'), { recursive: true, force: true });
    const r = await runCli([DIR, '--kind', 'module', '--runtime', 'tokio', '--uvloop', '--stack', 'current', '--no-git', '-y'], PROJECTS);
    expect(r.exitCode, r.stderr).toBe(0);
    workflow = parseYaml(await readFile(join(DIR, '.github', 'workflows', 'CI.yml'), 'utf8')) as Workflow;
    // The newest Linux entry of the test matrix whose Python this machine has (pyenv or PATH).
    const minor = (m: Record<string, unknown>) => Number(String(m['python-version']).split('.')[1]);
    newest = workflow.jobs
      .test!.strategy!.matrix!.include!.filter((m) => m.os === 'ubuntu-latest' && findPython(String(m['python-version'])) !== undefined)
      .sort((a, b) => minor(b) - minor(a))[0];
    expect(newest, 'no Python of the test matrix on this machine').toBeDefined();
  });

  it('lint: fmt, clippy, ruff, stubtest', async () => {
    // The job asks for 3.14, which this machine does not have: the newest it has stands in.
    const version = String(newest!['python-version']);
    const job = { ...workflow.jobs.lint!, steps: workflow.jobs.lint!.steps.map((s) => (s.uses?.startsWith('actions/setup-python') ? { ...s, with: { ...s.with, 'python-version': version } } : s)) };
    const log = await runJob(job, context('lint', {}));
    expect(log.filter((l) => l.how === 'ran').length).toBeGreaterThanOrEqual(7);
  });

  it('test: uv sync, uvloop, pytest, cargo test, on the newest matrix Python this machine has', async () => {
    const log = await runJob(workflow.jobs.test!, context('test', newest!));
    expect(log.map((l) => [l.step, l.how === 'ran'])).toEqual(expect.arrayContaining([['uv sync', true], ['uvloop is installed', true], ['pytest', true], ['cargo test', true]]));
  });

  it('wheels: the x86_64 manylinux wheel, built and found by upload-artifact', async () => {
    const platform = workflow.jobs.wheels!.strategy!.matrix!.platform!.find((p) => p.os === 'linux' && p.target === 'x86_64')!;
    const log = await runJob(workflow.jobs.wheels!, context('wheels', { platform }));
    expect(log.at(-1)!.how).toMatch(/^1 file\(s\) in dist$/);
  });

  it('sdist: built, and its file list holds sources only (the job checks it)', async () => {
    await rm(join(DIR, 'dist'), { recursive: true, force: true });
    const log = await runJob(workflow.jobs.sdist!, context('sdist', {}));
    expect(log.map((l) => l.how)).toContain('ran');
  });
});
