// dev, smoke and doctor with a fake runner handed in through main's context: the pipeline's
// decisions (what runs, where, in which environment) without a toolchain or scripts on PATH.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeRunner } from '../helpers/fake-runner.js';
import { runMain } from '../helpers/inproc.js';
import { tempDir } from '../helpers/tmp.js';

async function project(args: string[]): Promise<string> {
  const cwd = await tempDir('cpa-dev-');
  const r = await runMain(['proj', '--no-git', '-y', ...args], cwd);
  expect(r.code, r.stderr).toBe(0);
  return join(cwd, 'proj');
}

const APP_OUTPUT = ['embedded Python 3.12.1, event loop asyncio.unix_events._UnixSelectorEventLoop', 'awaited asyncio.sleep(0.1) on tokio', 'awaited a Python coroutine: it works'].join('\n');

describe('the build-and-smoke pipeline with a fake runner', () => {
  it('dev on an app: cargo build in the project, then the binary, checked line by line', async () => {
    const dir = await project(['--kind', 'app', '--runtime', 'tokio', '--no-uvloop']);
    const { run, calls } = fakeRunner((tool) => (tool === 'cargo' ? {} : tool === 'proj' ? { stdout: APP_OUTPUT } : undefined));
    const r = await runMain(['dev', '--json'], dir, { env: { PATH: '/nowhere', CARGO_TARGET_DIR: 'out' }, run });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { ok: boolean; venv: string | null; smoke: { checks: Array<{ name: string; ok: boolean }> } };
    expect(doc).toMatchObject({ ok: true, venv: null });
    expect(doc.smoke.checks.map((c) => c.ok)).toEqual([true, true, true, true]);
    expect(calls.map((c) => [c.tool, ...c.args])).toEqual([['cargo', 'build'], ['proj']]);
    expect(calls[0]!.options).toMatchObject({ cwd: dir, env: { PATH: '/nowhere', CARGO_TARGET_DIR: 'out' } });
    expect(calls.every((c) => c.options.stream === undefined)).toBe(true);
  });

  it('smoke on a built module: no rebuild, the smoke script in the activated venv, a failed check is exit 1', async () => {
    const dir = await project(['--kind', 'module', '--runtime', 'tokio', '--no-uvloop']);
    const venv = '/fake/venv';
    const checks = [
      { name: 'import proj', ok: true, seconds: 0.1, detail: null },
      { name: 'asyncio: event loop', ok: false, seconds: 0, detail: 'SmokeError: wrong loop' },
    ];
    const { run, calls } = fakeRunner((tool, args) => {
      if (tool !== 'python') return undefined;
      if (args[0] === '--version') return { stdout: 'Python 3.12.1' };
      // The freshness probe: the installed extension is newer than the sources.
      if (args[1]?.includes('find_spec')) return { stdout: String(Date.now() / 1000 + 3600) };
      return { stdout: `noise\n${JSON.stringify(checks)}` };
    });
    const r = await runMain(['smoke'], dir, { env: { VIRTUAL_ENV: venv, PATH: '/usr/bin' }, run });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Smoke test: FAILED');
    expect(r.stderr).toContain('error: smoke check failed: asyncio: event loop: SmokeError: wrong loop');
    expect(calls.some((c) => c.tool === 'maturin')).toBe(false);
    const smoke = calls.at(-1)!;
    expect(smoke.args.slice(0, 1)).toEqual(['-c']);
    expect(smoke.args.slice(2)).toEqual(['proj', '0']);
    expect(smoke.args[1]).toContain('def check_loop(loop_name, factory):');
    expect(smoke.options.env).toMatchObject({ VIRTUAL_ENV: venv, PATH: `${venv}/bin:/usr/bin` });
  });

  it('doctor: the versions the runner reports, the environment it was given', async () => {
    const dir = await project(['--kind', 'app', '--no-uvloop']);
    const versions: Record<string, string> = { cargo: 'cargo 1.90.0', rustc: 'rustc 1.90.0', python3: 'Python 3.12.1', uv: 'uv 0.9.1' };
    const { run, calls } = fakeRunner((tool, args) => {
      if (tool === 'python3' && args[0] === '-m') return { stdout: 'pip 24.0' };
      if (tool === 'python3' && args[0] === '-c') return { exitCode: 1 };
      return versions[tool] === undefined ? undefined : { stdout: versions[tool] };
    });
    const r = await runMain(['doctor', '--json'], dir, { env: { HOME: '/home/x' }, run });
    expect(r.code, r.stdout).toBe(0);
    const tools = (JSON.parse(r.stdout) as { tools: Array<{ name: string; status: string; version: string | null }> }).tools;
    expect(tools.find((t) => t.name === 'rustc')).toMatchObject({ status: 'ok', version: '1.90.0' });
    expect(tools.find((t) => t.name === 'uv')).toMatchObject({ status: 'ok', version: '0.9.1' });
    expect(calls.every((c) => c.options.env.HOME === '/home/x')).toBe(true);
  });
});
