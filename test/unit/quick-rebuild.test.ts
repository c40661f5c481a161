// The quick rebuild's decisions without a build: what counts as a change maturin must see, the
// state file's checks, cargo's JSON, and finding the editable install maturin made. The real
// tier (test/real/quick-rebuild.test.ts) builds and imports.
import { mkdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { developInputs, planQuickRebuild, stateFile, whatChanged, withLockAfterBuild, writeRecorded, type DevelopInputs } from '../../src/develop/develop-state.js';
import { cdylibArtifact, findEditableInstall } from '../../src/develop/quick-rebuild.js';
import type { ProjectInfo } from '../../src/project/read-project.js';
import type { Venv } from '../../src/develop/venv.js';
import { tempDir } from '../helpers/tmp.js';

async function fixture() {
  const root = await tempDir('cpa-quick-');
  const dir = join(root, 'proj');
  const venvDir = join(root, 'venv');
  await mkdir(join(dir, 'python', 'proj'), { recursive: true });
  await mkdir(join(venvDir, 'bin'), { recursive: true });
  await mkdir(join(venvDir, 'lib', 'python3.11', 'site-packages'), { recursive: true });
  await writeFile(join(dir, 'pyproject.toml'), '[project]\nname = "proj"\n');
  await writeFile(join(dir, 'Cargo.toml'), '[package]\nname = "proj"\n');
  await writeFile(join(venvDir, 'bin', 'python3.11'), '');
  await symlink('python3.11', join(venvDir, 'bin', 'python'));
  await writeFile(join(venvDir, 'bin', 'maturin'), 'maturin 1');
  const pth = join(venvDir, 'lib', 'python3.11', 'site-packages', 'proj.pth');
  await writeFile(pth, join(dir, 'python'));
  const extension = join(dir, 'python', 'proj', '_native.abi3.so');
  await writeFile(extension, 'ELF');
  const config = join(root, 'cache', 'pyo3-config', 'x.txt');
  await mkdir(join(root, 'cache', 'pyo3-config'), { recursive: true });
  await writeFile(config, 'implementation=CPython');
  const project = { dir, nativeModule: 'proj._native' } as ProjectInfo;
  const venv: Venv = { dir: venvDir, bin: join(venvDir, 'bin'), python: join(venvDir, 'bin', 'python'), source: '.venv' };
  const o = { env: { PATH: '/usr/bin', CARGO_BUILD_BUILD_DIR: '/c' } as NodeJS.ProcessEnv, release: false, extraArgs: [] as string[] };
  const file = stateFile(join(root, 'cache'), dir, venvDir);
  return { root, dir, venvDir, project, venv, o, pth, extension, config, file };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

function record(f: Fixture, inputs: DevelopInputs = developInputs(f.project, f.venv, f.o)): void {
  writeRecorded(f.file, { inputs, config: f.config, extension: f.extension, pth: f.pth, pthText: join(f.dir, 'python') });
}

const plan = (f: Fixture, o: Partial<Fixture['o']> = {}) => planQuickRebuild(f.file, developInputs(f.project, f.venv, { ...f.o, ...o }), 'linux');

describe('whatChanged', () => {
  const base: DevelopInputs = {
    projectDir: '/p',
    files: { 'pyproject.toml': 'a', 'Cargo.toml': 'b', 'Cargo.lock': null },
    release: false,
    extraArgs: [],
    env: { CARGO_BUILD_BUILD_DIR: '/c' },
    python: '/usr/bin/python3.11',
    maturin: '1:2',
  };

  it.each([
    [{ projectDir: '/q' }, 'the project moved'],
    [{ files: { ...base.files, 'pyproject.toml': 'z' } }, 'pyproject.toml changed'],
    [{ files: { ...base.files, 'Cargo.toml': 'z' } }, 'Cargo.toml changed'],
    [{ files: { ...base.files, 'Cargo.lock': 'new' } }, 'Cargo.lock changed'],
    [{ release: true }, 'the last build was not --release'],
    [{ extraArgs: ['--features', 'x'] }, 'the arguments after -- changed'],
    [{ env: { ...base.env, MATURIN_PEP517_ARGS: '--features x' } }, 'MATURIN_PEP517_ARGS changed'],
    [{ env: {} }, 'CARGO_BUILD_BUILD_DIR changed'],
    [{ python: '/usr/bin/python3.12' }, 'the venv has another interpreter'],
    [{ maturin: '1:3' }, 'maturin changed'],
  ] as const)('names %o as %s', (change, why) => {
    expect(whatChanged(base, { ...base, ...change } as DevelopInputs)).toBe(why);
  });

  it('finds nothing when nothing changed', () => {
    expect(whatChanged(base, structuredClone(base))).toBeUndefined();
  });
});

describe('developInputs', () => {
  it('keeps the variables maturin, pyo3 and cargo read, not the rest, and not PYO3_CONFIG_FILE', async () => {
    const f = await fixture();
    const env = { PATH: '/x', HOME: '/h', PYO3_PYTHON: 'p', PYO3_CONFIG_FILE: '/c.txt', MATURIN_PEP517_ARGS: 'a', RUSTFLAGS: '-C x', CARGO_PROFILE_DEV_DEBUG: '0', TERM: 'dumb' };
    const inputs = developInputs(f.project, f.venv, { ...f.o, env });
    expect(Object.keys(inputs.env)).toEqual(['CARGO_PROFILE_DEV_DEBUG', 'MATURIN_PEP517_ARGS', 'PYO3_PYTHON', 'RUSTFLAGS']);
    expect(inputs.python).toBe(join(f.venvDir, 'bin', 'python3.11'));
    expect(inputs.files['Cargo.lock']).toBeNull();
  });

  it('takes Cargo.lock as the build left it', async () => {
    const f = await fixture();
    const before = developInputs(f.project, f.venv, f.o);
    await writeFile(join(f.dir, 'Cargo.lock'), 'version = 4\n');
    const after = withLockAfterBuild(before);
    expect(after.files['Cargo.lock']).toMatch(/^[0-9a-f]{64}$/);
    expect(whatChanged(after, developInputs(f.project, f.venv, f.o))).toBeUndefined();
  });
});

describe('planQuickRebuild', () => {
  it('is quick when the recorded install is in place and nothing maturin reads changed', async () => {
    const f = await fixture();
    record(f);
    expect(plan(f)).toMatchObject({ quick: true, recorded: { extension: f.extension } });
    expect(stateFile(join(f.root, 'cache'), f.dir, f.venvDir)).toBe(f.file);
    expect(stateFile(join(f.root, 'cache'), `${f.dir}-moved`, f.venvDir)).not.toBe(f.file);
  });

  it('is not quick off Linux, without the cache, with arguments after --, or with no or a damaged state file', async () => {
    const f = await fixture();
    record(f);
    const inputs = developInputs(f.project, f.venv, f.o);
    expect(planQuickRebuild(f.file, inputs, 'darwin')).toMatchObject({ quick: false, why: 'quick rebuilds are checked on Linux only' });
    expect(planQuickRebuild(undefined, inputs, 'linux')).toMatchObject({ quick: false, why: 'the shared build cache is off' });
    expect(plan(f, { extraArgs: ['--features', 'x'] })).toMatchObject({ quick: false, why: 'arguments after -- go to maturin develop' });
    for (const text of ['', '{"format": 1, "inputs": ', '{"format": 999}', 'null']) {
      await writeFile(f.file, text);
      expect(plan(f)).toMatchObject({ quick: false, why: 'no earlier maturin develop of this project into this venv' });
    }
    await rm(f.file);
    expect(plan(f)).toMatchObject({ quick: false, why: 'no earlier maturin develop of this project into this venv' });
  });

  it('is not quick when an input changed since the recorded build', async () => {
    const f = await fixture();
    record(f);
    await writeFile(join(f.dir, 'pyproject.toml'), '[project]\nname = "proj"\nversion = "2"\n');
    expect(plan(f)).toMatchObject({ quick: false, why: 'pyproject.toml changed' });
    record(f);
    expect(plan(f, { release: true })).toMatchObject({ quick: false, why: 'the last build was not --release' });
    await writeFile(join(f.venvDir, 'bin', 'maturin'), 'maturin 2, another size');
    expect(plan(f)).toMatchObject({ quick: false, why: 'maturin changed' });
  });

  it('is not quick when the .pth, the extension or the pyo3 config is gone or different', async () => {
    const f = await fixture();
    record(f);
    await writeFile(f.pth, '/somewhere/else');
    expect(plan(f)).toMatchObject({ quick: false, why: `the editable install changed (${f.pth})` });
    await rm(f.pth);
    expect(plan(f)).toMatchObject({ quick: false, why: `the editable install changed (${f.pth})` });
    await writeFile(f.pth, join(f.dir, 'python'));
    await rm(f.extension);
    expect(plan(f)).toMatchObject({ quick: false, why: `the installed extension is gone (${f.extension})` });
    await writeFile(f.extension, 'ELF');
    await rm(f.config);
    expect(plan(f)).toMatchObject({ quick: false, why: 'the shared pyo3 config is gone' });
  });
});

describe("cargo's JSON messages", () => {
  const artifact = (over: object) => JSON.stringify({ reason: 'compiler-artifact', target: { crate_types: ['cdylib'] }, filenames: ['/t/debug/libproj.so'], fresh: false, ...over });

  it('finds the cdylib and whether it was fresh, past other messages and stray lines', () => {
    const out = [
      JSON.stringify({ reason: 'compiler-artifact', target: { crate_types: ['lib'] }, filenames: ['/t/debug/deps/libpyo3.rlib'], fresh: true }),
      'not json {',
      '{broken',
      artifact({ fresh: true }),
      JSON.stringify({ reason: 'build-finished', success: true }),
    ].join('\n');
    expect(cdylibArtifact(out)).toEqual({ file: '/t/debug/libproj.so', fresh: true });
    expect(cdylibArtifact(artifact({}))).toEqual({ file: '/t/debug/libproj.so', fresh: false });
  });

  it('finds none when no cdylib was built', () => {
    expect(cdylibArtifact('')).toBeUndefined();
    expect(cdylibArtifact(artifact({ target: { crate_types: ['rlib'] } }))).toBeUndefined();
    expect(cdylibArtifact(artifact({ filenames: ['/t/debug/libproj.rlib'] }))).toBeUndefined();
  });
});

describe('findEditableInstall', () => {
  it("finds the .pth naming the project's python tree and the extension maturin just wrote", async () => {
    const f = await fixture();
    const old = join(f.dir, 'python', 'proj', '_native.cpython-311-x86_64-linux-gnu.so');
    await writeFile(old, 'older build');
    await utimes(old, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await writeFile(join(f.venvDir, 'lib', 'python3.11', 'site-packages', 'other.pth'), '/elsewhere/python');
    expect(findEditableInstall(f.project, f.venv, Date.now() - 1000)).toEqual({ pth: f.pth, pthText: join(f.dir, 'python'), extension: f.extension });
  });

  it('finds none when the install is not editable or its extension predates the build', async () => {
    const f = await fixture();
    expect(findEditableInstall(f.project, f.venv, Date.now() + 60_000)).toBeUndefined();
    await rm(f.pth);
    expect(findEditableInstall(f.project, f.venv, Date.now() - 1000)).toBeUndefined();
    await writeFile(f.pth, '/outside/the/project');
    expect(findEditableInstall(f.project, f.venv, Date.now() - 1000)).toBeUndefined();
  });
});
