// When dev shares cargo's build-dir between projects, and where; and that the compile sees it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCache, withBuildCache } from '../../src/develop/build-cache.js';
import { fakeRunner } from '../helpers/fake-runner.js';
import { runMain } from '../helpers/inproc.js';
import { tempDir } from '../helpers/tmp.js';

async function layout() {
  const root = await tempDir();
  const home = join(root, 'home');
  const project = join(root, 'work', 'proj');
  await mkdir(project, { recursive: true });
  await mkdir(home, { recursive: true });
  return { root, home, project };
}

describe('buildCache', () => {
  it('is on by default, in the platform cache directory', async () => {
    const { home, project } = await layout();
    expect(buildCache(project, {}, 'linux', home).dir).toBe(join(home, '.cache', 'create-pyo3-async', 'cargo-build'));
    expect(buildCache(project, { XDG_CACHE_HOME: '/xdg' }, 'linux', home).dir).toBe(join('/xdg', 'create-pyo3-async', 'cargo-build'));
    expect(buildCache(project, {}, 'darwin', home).dir).toBe(join(home, 'Library', 'Caches', 'create-pyo3-async', 'cargo-build'));
    expect(buildCache(project, { LOCALAPPDATA: 'C:\\Local' }, 'win32', home).dir).toBe(join('C:\\Local', 'create-pyo3-async', 'cargo-build'));
  });

  it('CREATE_PYO3_ASYNC_BUILD_CACHE turns it off (0, off, false) or moves it', async () => {
    const { home, project } = await layout();
    for (const off of ['0', 'off', 'FALSE']) expect(buildCache(project, { CREATE_PYO3_ASYNC_BUILD_CACHE: off }, 'linux', home)).toEqual({ dir: undefined, off: `CREATE_PYO3_ASYNC_BUILD_CACHE=${off}` });
    expect(buildCache(project, { CREATE_PYO3_ASYNC_BUILD_CACHE: '/elsewhere' }, 'linux', home).dir).toBe('/elsewhere');
  });

  it.each(['CARGO_TARGET_DIR', 'CARGO_BUILD_BUILD_DIR', 'CARGO_BUILD_TARGET_DIR'])('is off when the user set %s', async (variable) => {
    const { home, project } = await layout();
    expect(buildCache(project, { [variable]: '/mine' }, 'linux', home)).toEqual({ dir: undefined, off: `${variable} is set` });
  });

  it.each([
    ['the project', (l: { project: string }) => join(l.project, '.cargo', 'config.toml'), '[build]\ntarget-dir = "t"\n'],
    ['a parent directory', (l: { root: string }) => join(l.root, 'work', '.cargo', 'config.toml'), 'build.build-dir = "b"\n'],
    ['CARGO_HOME (~/.cargo)', (l: { home: string }) => join(l.home, '.cargo', 'config.toml'), '[build]\nbuild-dir = "{cargo-cache-home}/b"\n'],
  ])('is off when a cargo config in %s says where cargo builds', async (_, file, text) => {
    const l = await layout();
    const path = file(l as never);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, text);
    const cache = buildCache(l.project, {}, 'linux', l.home);
    expect(cache.dir).toBeUndefined();
    expect(cache.off).toBe(`${path} sets where cargo builds`);
  });

  it('a cargo config about something else leaves it on', async () => {
    const l = await layout();
    await mkdir(join(l.project, '.cargo'), { recursive: true });
    await writeFile(join(l.project, '.cargo', 'config.toml'), '[net]\nretry = 3\n');
    expect(buildCache(l.project, {}, 'linux', l.home).dir).toBeDefined();
  });

  it('reaches cargo as CARGO_BUILD_BUILD_DIR, only when on', () => {
    expect(withBuildCache({ A: '1' }, { dir: '/c' })).toEqual({ A: '1', CARGO_BUILD_BUILD_DIR: '/c' });
    expect(withBuildCache({ A: '1' }, { dir: undefined, off: 'x' })).toEqual({ A: '1' });
  });
});

describe('dev with the build cache', () => {
  async function dev(env: NodeJS.ProcessEnv) {
    const cwd = await tempDir();
    expect((await runMain(['proj', '--no-git', '-y', '--kind', 'module'], cwd)).code).toBe(0);
    const fake = fakeRunner((tool, args) => (tool === 'python' ? { stdout: 'Python 3.11.9' } : tool === 'maturin' ? (args[0] === '--version' ? { stdout: 'maturin 1.9.6' } : {}) : undefined));
    const r = await runMain(['dev', '--no-smoke', '--json'], join(cwd, 'proj'), { env: { PATH: '/usr/bin', VIRTUAL_ENV: join(cwd, 'venv'), HOME: join(cwd, 'home'), ...env }, run: fake.run });
    expect(r.code, r.stderr).toBe(0);
    const develop = fake.calls.find((c) => c.tool === 'maturin' && c.args[0] === 'develop' && !c.args.includes('--config'));
    return { doc: JSON.parse(r.stdout), env: develop?.options.env ?? {}, cwd };
  }

  it('on: maturin builds with it, and --json names it', async () => {
    const { doc, env, cwd } = await dev({});
    const dir = join(cwd, 'home', '.cache', 'create-pyo3-async', 'cargo-build');
    expect(env.CARGO_BUILD_BUILD_DIR).toBe(dir);
    expect(doc.buildCache).toBe(dir);
    expect(doc.steps.map((s: { name: string }) => s.name)).toEqual(['compiling (maturin develop, shared build cache)']);
  });

  it('off with CARGO_TARGET_DIR: nothing added, null in --json', async () => {
    const { doc, env } = await dev({ CARGO_TARGET_DIR: '/t' });
    expect(env.CARGO_BUILD_BUILD_DIR).toBeUndefined();
    expect(doc.buildCache).toBeNull();
    expect(doc.steps.map((s: { name: string }) => s.name)).toEqual(['compiling (maturin develop)']);
  });
});
