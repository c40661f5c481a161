// How `dev` installs: uv where there is one (on PATH or in the venv), else pip, bringing uv in
// with maturin; a venv without pip and no uv anywhere gets one line with the way out. And the
// venv's Python version comes from its pyvenv.cfg when it records one.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeRunner } from '../helpers/fake-runner.js';
import { runMain } from '../helpers/inproc.js';
import { tempDir } from '../helpers/tmp.js';

type Answer = { exitCode?: number; stdout?: string; stderr?: string } | undefined;

/** A generated module and a venv for it (VIRTUAL_ENV), with uv inside the venv or not. */
async function project(uvInVenv: boolean) {
  const cwd = await tempDir();
  expect((await runMain(['proj', '--no-git', '-y', '--kind', 'module'], cwd)).code).toBe(0);
  const venv = join(cwd, 'venv');
  await mkdir(join(venv, 'bin'), { recursive: true });
  if (uvInVenv) await writeFile(join(venv, 'bin', 'uv'), '');
  return { dir: join(cwd, 'proj'), venv };
}

async function dev(uvInVenv: boolean, answer: (tool: string, args: readonly string[]) => Answer) {
  const { dir, venv } = await project(uvInVenv);
  const fake = fakeRunner((tool, args) => {
    if (tool === 'python' && args[0] === '--version') return { stdout: 'Python 3.11.9' };
    return answer(tool, args);
  });
  const r = await runMain(['dev', '--no-smoke'], dir, { env: { PATH: '/usr/bin', VIRTUAL_ENV: venv }, run: fake.run });
  const develop = fake.calls.find((c) => c.tool === 'maturin' && c.args[0] === 'develop' && !c.args.includes('--config'));
  return { r, calls: fake.calls, develop, venv };
}

const maturinOk = (tool: string, args: readonly string[]): Answer =>
  tool === 'maturin' ? (args[0] === '--version' ? { stdout: 'maturin 1.9.6' } : {}) : undefined;

describe('dev and uv', () => {
  it('uv on PATH: maturin develop --uv', async () => {
    const { r, develop } = await dev(false, (tool, args) => (tool === 'uv' ? { stdout: 'uv 0.9.0' } : maturinOk(tool, args)));
    expect(r.code, r.stderr).toBe(0);
    expect(develop?.args).toEqual(['develop', '--uv']);
    expect(r.stderr).toContain('compiling (maturin develop --uv');
  });

  it("uv only in the venv: maturin develop --uv (maturin finds the venv's uv)", async () => {
    const { r, develop } = await dev(true, maturinOk);
    expect(r.code, r.stderr).toBe(0);
    expect(develop?.args).toEqual(['develop', '--uv']);
  });

  it('no uv anywhere and no maturin: pip installs maturin and uv together, said in the step', async () => {
    const { r, calls, venv } = await dev(false, (tool, args) =>
      tool === 'maturin' ? (args[0] === '--version' ? undefined : {}) : tool === 'python' ? {} : undefined,
    );
    expect(r.code, r.stderr).toBe(0);
    const pip = calls.find((c) => c.tool === 'python' && c.args.includes('pip'));
    expect(pip?.args.slice(-2)).toEqual(['maturin>=1.9.4,<2.0', 'uv']);
    expect(r.stderr).toContain(`installing maturin>=1.9.4,<2.0 and uv (for faster rebuilds) into ${venv}`);
  });

  it('uv there and no maturin: uv installs maturin alone, into the venv', async () => {
    // Not on PATH (`uv --version` finds none); the venv's runs.
    const { r, calls, venv } = await dev(true, (tool, args) => (args[0] === '--version' ? undefined : tool === 'maturin' || tool === 'uv' ? {} : undefined));
    expect(r.code, r.stderr).toBe(0);
    const install = calls.find((c) => c.tool === 'uv' && c.args[0] === 'pip');
    expect(install?.args).toEqual(['pip', 'install', '--quiet', '--python', join(venv, 'bin', 'python'), 'maturin>=1.9.4,<2.0']);
  });

  it('a venv without pip and no uv: exit 1, one error line and a hint naming both ways out', async () => {
    const { r } = await dev(false, (tool, args) =>
      tool === 'maturin' && args[0] === '--version'
        ? undefined
        : tool === 'python'
          ? { exitCode: 1, stderr: '/venv/bin/python: No module named pip' }
          : undefined,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: installing maturin>=1\.9\.4,<2\.0 uv failed/m);
    expect(r.stderr).toMatch(/^hint: .*venv has no pip \(uv makes venvs without it\): put uv on PATH, or run `.*python -m ensurepip`$/m);
    expect(r.stderr).not.toMatch(/at .*\.[jt]s:\d+/);
  });
});

describe("the venv's Python version", () => {
  it('is read from pyvenv.cfg (no interpreter started) and refused outside requires-python', async () => {
    const cwd = await tempDir();
    expect((await runMain(['proj', '--no-git', '-y', '--kind', 'module', '--stack', 'legacy'], cwd)).code).toBe(0);
    const venv = join(cwd, 'venv');
    await mkdir(join(venv, 'bin'), { recursive: true });
    await writeFile(join(venv, 'pyvenv.cfg'), 'home = /usr/bin\nversion_info = 3.13.2\n');
    const fake = fakeRunner(() => ({}));
    const r = await runMain(['dev', '--no-smoke'], join(cwd, 'proj'), { env: { PATH: '/usr/bin', VIRTUAL_ENV: venv }, run: fake.run });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*python is Python 3\.13\.2, but proj needs >=3\.10,<3\.13$/m);
    expect(fake.calls.filter((c) => c.tool === 'python')).toEqual([]);
  });
});
