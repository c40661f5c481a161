// dev / smoke / doctor against a hostile machine, with fake tools: small scripts first (and
// alone) on PATH. Missing tools, garbage from --version, a Python too old or too new for the
// project, no HOME: each is exit 1 with a one-line cause and a hint, no stack trace, and the
// project's files unchanged. Plus names and paths that would bite a shell.
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { changedPaths, snapshotTree } from '../helpers/generated.js';
import { errorFormatProblem, runMain } from '../helpers/inproc.js';
import { readTree, tempDir } from '../helpers/tmp.js';

type Tools = Record<string, string>;

/** A PATH of exactly these tools (shell script bodies); every call is logged to calls.log. */
async function fakePath(tools: Tools): Promise<string> {
  const bin = await tempDir('cpa-bin-');
  for (const [name, body] of Object.entries(tools)) {
    const path = join(bin, name);
    await writeFile(path, `#!/bin/sh\necho "${name} $*" >> '${join(bin, 'calls.log')}'\n${body}\n`);
    await chmod(path, 0o755);
  }
  return bin;
}

/** A python3 that claims `version`; `-m venv` and `-m pip` fail unless told otherwise. */
const python = (version: string, extra = '') => `
case "$*" in
  --version) echo "Python ${version}" ;;
  *platform.python_version*) echo '{"version": "${version}", "implementation": "CPython", "freeThreaded": false, "executable": "/fake/python3", "shared": true}' ;;
  "-m pip --version") echo "pip 24.0 from /fake (python ${version})" ;;
  ${extra}
  *) echo "fake python: $*" >&2; exit 1 ;;
esac`;

const GOOD_RUST = {
  cargo: 'echo "cargo 1.90.0 (abc 2025-01-01)"',
  rustc: 'echo "rustc 1.90.0 (abc 2025-01-01)"',
};

async function project(args: string[]): Promise<string> {
  const cwd = await tempDir('cpa-proc-');
  const r = await runMain(['proj', '--no-git', '-y', ...args], cwd);
  expect(r.code, r.stderr).toBe(0);
  return join(cwd, 'proj');
}

/** Runs a project command in-process with only `bin` on PATH; checks exit 1, the error format, and that nothing changed. */
async function failsCleanly(argv: string[], dir: string, env: NodeJS.ProcessEnv, why: RegExp) {
  const before = await snapshotTree(dir);
  const r = await runMain(argv, dir, { env });
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const error = r.stderr.slice(r.stderr.indexOf('error: '));
  expect(r.stderr).toContain('error: ');
  expect(errorFormatProblem(error)).toBeUndefined();
  expect(error).toMatch(/\nhint: /);
  expect(error.split('\n')[0]).toMatch(why);
  expect(changedPaths(before, await snapshotTree(dir))).toEqual([]);
  return r;
}

describe('doctor on a hostile machine', () => {
  it('with no tools at all: exit 1, each missing tool named with the command that fixes it', async () => {
    const dir = await project(['--kind', 'module']);
    const bin = await fakePath({});
    const before = await snapshotTree(dir);
    const r = await runMain(['doctor'], dir, { env: { PATH: bin } });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toMatch(/cargo\s+MISSING/);
    expect(r.stdout).toMatch(/python \(python3\)\s+MISSING/);
    expect(r.stdout).toContain('→ install Rust with rustup: https://rustup.rs');
    expect(changedPaths(before, await snapshotTree(dir))).toEqual([]);
  });

  it('with tools that print garbage for --version: BROKEN, never "ok", exit 1', async () => {
    const dir = await project(['--kind', 'module']);
    const bin = await fakePath({ cargo: 'echo "garbage \\x1b[31m"', rustc: 'echo ""; exit 0', python3: 'echo "Segmentation fault" >&2; exit 139', uv: 'echo "uv ???"', maturin: 'echo "💥"' });
    const r = await runMain(['doctor', '--json'], dir, { env: { PATH: bin } });
    expect(r.code).toBe(1);
    const tools = (JSON.parse(r.stdout) as { tools: Array<{ name: string; status: string }> }).tools;
    const status = Object.fromEntries(tools.map((t) => [t.name, t.status]));
    expect(status).toMatchObject({ cargo: 'broken', rustc: 'broken', 'python (python3)': 'broken', uv: 'broken', maturin: 'broken' });
  });

  it.each([
    ['legacy', '3.13.1', /TOO OLD\/NEW \(3\.13\.1\).*needs >=3\.10,<3\.13/],
    ['current', '3.8.18', /TOO OLD\/NEW \(3\.8\.18\).*needs >=3\.10/],
  ])('a %s project with Python %s: the mismatch and its fix, exit 1', async (stack, version, why) => {
    const dir = await project(['--kind', 'module', '--stack', stack]);
    const bin = await fakePath({ ...GOOD_RUST, python3: python(version) });
    const r = await runMain(['doctor'], dir, { env: { PATH: bin } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(why);
    expect(r.stdout).toMatch(/→ install a Python that satisfies .* and set PYO3_PYTHON to it/);
  });

  it('without HOME, or with a HOME that does not exist: the same report, no crash', async () => {
    const dir = await project(['--kind', 'app']);
    const bin = await fakePath({ ...GOOD_RUST, python3: python('3.12.1') });
    const plain = await runMain(['doctor', '--json'], dir, { env: { PATH: bin, HOME: dir } });
    for (const env of [{ PATH: bin }, { PATH: bin, HOME: '/nonexistent/home' }, { PATH: bin, HOME: '' }]) {
      const r = await runMain(['doctor', '--json'], dir, { env });
      expect(r.code).toBe(plain.code);
      expect(r.stdout).toBe(plain.stdout);
      expect(r.stderr).toBe('');
    }
  });
});

describe('dev and smoke on a hostile machine leave the project as it was', () => {
  it('no python at all: cannot create the virtualenv', async () => {
    const dir = await project(['--kind', 'module']);
    const bin = await fakePath(GOOD_RUST);
    await failsCleanly(['dev'], dir, { PATH: bin }, /cannot create a virtualenv: python3 was not found/);
  });

  it('a python whose --version is garbage', async () => {
    const dir = await project(['--kind', 'module']);
    const bin = await fakePath({ ...GOOD_RUST, python3: 'echo "hello from a wrapper script"' });
    await failsCleanly(['dev'], dir, { PATH: bin }, /python3 --version printed "hello from a wrapper script", not a Python version/);
  });

  it.each([
    ['legacy', '3.13.0', />=3\.10,<3\.13/],
    ['current', '3.9.19', />=3\.10/],
  ])('a %s project and Python %s: refused before any virtualenv is made', async (stack, version, need) => {
    const dir = await project(['--kind', 'module', '--stack', stack]);
    const bin = await fakePath({ ...GOOD_RUST, python3: python(version, '"-m venv .venv") mkdir -p .venv/bin ;;') });
    const r = await failsCleanly(['dev'], dir, { PATH: bin }, new RegExp(`python3 is Python ${version.replaceAll('.', '\\.')}, but proj needs ${need.source}`));
    expect(r.stderr).toMatch(/hint: install a Python that satisfies/);
  });

  it('an activated virtualenv with the wrong Python: named, with how to fix it', async () => {
    const dir = await project(['--kind', 'module', '--stack', 'legacy']);
    const venv = await tempDir('cpa-venv-');
    await mkdir(join(venv, 'bin'));
    await writeFile(join(venv, 'bin', 'python'), `#!/bin/sh\n${python('3.13.2')}\n`);
    await chmod(join(venv, 'bin', 'python'), 0o755);
    const bin = await fakePath(GOOD_RUST);
    const r = await failsCleanly(['dev'], dir, { PATH: bin, VIRTUAL_ENV: venv }, /python is Python 3\.13\.2, but proj needs >=3\.10,<3\.13/);
    expect(r.stderr).toContain(`hint: recreate ${venv} with a Python that satisfies >=3.10,<3.13`);
  });

  it('pip cannot install maturin (offline): the step, the last lines, and a hint', async () => {
    const dir = await project(['--kind', 'module']);
    const venv = await tempDir('cpa-venv-');
    await mkdir(join(venv, 'bin'));
    await writeFile(join(venv, 'bin', 'python'), `#!/bin/sh\n${python('3.12.3', '"-m pip install"*) echo "ERROR: Could not find a version that satisfies the requirement maturin" >&2; exit 1 ;;')}\n`);
    await chmod(join(venv, 'bin', 'python'), 0o755);
    const bin = await fakePath(GOOD_RUST);
    await failsCleanly(['dev'], dir, { PATH: bin, VIRTUAL_ENV: venv }, /installing maturin.* failed/);
  });

  it('smoke without any virtualenv', async () => {
    const dir = await project(['--kind', 'module']);
    const bin = await fakePath({});
    await failsCleanly(['smoke'], dir, { PATH: bin }, /no virtualenv found/);
  });

  it('an app without cargo', async () => {
    const dir = await project(['--kind', 'app', '--no-uvloop']);
    const bin = await fakePath({ python3: python('3.12.3') });
    await failsCleanly(['dev'], dir, { PATH: bin }, /cargo was not found/);
  });

  it('a cargo that crashes with garbage: the exit status and its last lines', async () => {
    const dir = await project(['--kind', 'app', '--no-uvloop']);
    const bin = await fakePath({ cargo: 'printf "\\001\\002 garbage\\nmore garbage\\n" >&2; exit 101', python3: python('3.12.3') });
    const r = await failsCleanly(['dev'], dir, { PATH: bin }, /cargo build failed \(exit 101\)/);
    expect(r.stderr).toContain('  | more garbage');
  });
});

describe('shell metacharacters never reach a shell', () => {
  it('--name "x;touch pwned" is refused, and no pwned file appears anywhere', async () => {
    const cwd = await tempDir();
    const bin = await fakePath({ git: 'exit 0' });
    for (const argv of [['--name', 'x;touch pwned', '-y'], ['x;touch pwned', '-y'], ['--name', '$(touch pwned)', '-y'], ['--name', '`touch pwned`', '-y']]) {
      const r = await runMain(argv, cwd, { env: { PATH: bin } });
      expect(r.code).toBe(2);
      expect(errorFormatProblem(r.stderr)).toBeUndefined();
    }
    const r = await execa(process.execPath, [BIN, '--name', 'x;touch pwned', '-y'], { cwd, reject: false, env: { NO_COLOR: '1' } });
    expect(r.exitCode).toBe(2);
    expect(await readdir(cwd)).toEqual([]);
    expect(await readdir(bin)).toEqual(['git']); // not even called
  });

  it('a project in a directory named like a command runs tools with it as one argument', async () => {
    const cwd = await tempDir();
    const dirName = `x;touch pwned $(touch pwned2) 'q' "dq"`;
    const r = await runMain([dirName, '--name', 'safe', '--kind', 'app', '--no-uvloop', '-y', '--no-git'], cwd);
    expect(r.code).toBe(0);
    const bin = await fakePath({ cargo: 'echo "cargo 1.90.0"; exit 0', rustc: 'echo "rustc 1.90.0"', python3: python('3.12.3') });
    await runMain(['doctor', dirName], cwd, { env: { PATH: bin } });
    await runMain(['dev', dirName], cwd, { env: { PATH: bin } });
    expect((await readdir(cwd)).sort()).toEqual([dirName]);
    expect(Object.keys(await readTree(join(cwd, dirName))).some((p) => p.includes('pwned'))).toBe(false);
  });
});

describe('a directory path with spaces and quotes (the built CLI)', () => {
  const dir = `it's a "dir" with $HOME/my proj`;
  const ALL = ['--name', 'my-proj', '--kind', 'module', '--runtime', 'tokio', '--uvloop', '--stack', 'current', '--json', '--no-git'];

  it('--dry-run --json names it exactly and writes nothing; a real run writes it there', async () => {
    const cwd = await tempDir();
    const dry = await execa(process.execPath, [BIN, dir, '--dry-run', ...ALL], { cwd, reject: false });
    expect(dry.exitCode).toBe(0);
    const plan = JSON.parse(dry.stdout) as { path: string; directory: string; nextSteps: string[]; files: Array<{ path: string }> };
    expect(plan).toMatchObject({ directory: dir, path: join(cwd, dir), dryRun: true });
    expect(plan.nextSteps[0]).toBe(`cd 'it'\\''s a "dir" with $HOME/my proj'`);
    expect(await readdir(cwd)).toEqual([]);
    const real = await execa(process.execPath, [BIN, dir, ...ALL], { cwd, reject: false });
    expect(real.exitCode).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({ path: join(cwd, dir), files: plan.files });
    expect(Object.keys(await readTree(join(cwd, dir))).sort()).toEqual(plan.files.map((f) => f.path).sort());
    // The quoted cd really goes there, in a real shell.
    const sh = await execa('sh', ['-c', `${plan.nextSteps[0]} && pwd`], { cwd });
    expect(sh.stdout).toBe(join(cwd, dir));
  });
});
