// The real tier for `upgrade`: fixtures made by this repository's 0.1.0 release (commit 0076171,
// built in a temporary worktree and cached), edited and committed like a user would, then
// upgraded from pyo3 0.28 to 0.30 by the built CLI: the edits survive, the versions agree
// (Cargo.lock included), and the project builds and passes its own tests.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { oldReleaseBin, RELEASE_0_1_0 } from '../helpers/old-release.js';
import { MATURIN_TARGET, VENV, VENV_BIN, VENV_PYTHON } from '../helpers/real-env.js';
import { baseEnv, buildEnv, run } from '../helpers/real-run.js';
import { readTree } from '../helpers/tmp.js';

// Outside this repository's work tree: 0.1.0 gives a project its own repository only there.
const ROOT = join(tmpdir(), `cpa-real-upgrade-${process.pid}`);
const IDENTITY = { GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com' };
const env = () => ({ ...baseEnv(), ...IDENTITY, NO_COLOR: '1' });
const cli = (bin: string, args: string[], cwd: string) => execa(process.execPath, [bin, ...args], { cwd, env: env(), extendEnv: false, reject: false, stdin: 'ignore' });
const git = (cwd: string, ...args: string[]) => run('git', args, { cwd, env: env() });

const USER_FN = `
/// The user's own function, added after generation.
pub fn user_answer() -> u32 {
    42
}

#[cfg(test)]
mod user_tests {
    #[test]
    fn answer() {
        assert_eq!(super::user_answer(), 42);
    }
}
`;
const USER_LINE = 'Maintained by the user: this line was added after generation.';

let OLD: string;
beforeAll(async () => {
  OLD = await oldReleaseBin(RELEASE_0_1_0);
  await rm(ROOT, { recursive: true, force: true });
  await mkdir(join(ROOT, 'fresh'), { recursive: true });
});
afterAll(() => rm(ROOT, { recursive: true, force: true }));

/** A project as 0.1.0 made it (git repository and first commit included). */
async function oldProject(name: string, flags: string[]): Promise<string> {
  const r = await cli(OLD, [name, '--runtime', 'tokio', '--no-uvloop', '--yes', ...flags], ROOT);
  expect(r.exitCode, r.stderr).toBe(0);
  expect(existsSync(join(ROOT, name, '.git')), 'the fixture has its own repository').toBe(true);
  return join(ROOT, name);
}

/** The same answers from this version, freshly generated (0.1.0 had no abi3). */
async function freshProject(name: string, flags: string[]): Promise<Record<string, string>> {
  const out = join(ROOT, 'fresh');
  await rm(join(out, name), { recursive: true, force: true });
  const abi3 = flags.includes('module') ? ['--no-abi3'] : [];
  const r = await cli(BIN, [name, '--runtime', 'tokio', '--no-uvloop', '--yes', '--no-git', ...abi3, ...flags], out);
  expect(r.exitCode, r.stderr).toBe(0);
  return readTree(join(out, name));
}

const withoutGit = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([p]) => !p.startsWith('.git/')));

describe.each([
  { kind: 'module', name: 'upgraded-module' },
  { kind: 'app', name: 'upgraded-app' },
])('a 0.1.0 $kind at pyo3 0.28, edited, upgraded to 0.30', ({ kind, name }) => {
  const flags = ['--kind', kind, '--stack', 'current'];
  let dir: string;
  let upgraded: Record<string, string>;

  beforeAll(async () => {
    dir = await oldProject(name, [...flags, '--pyo3-version', '0.28']);
    await writeFile(join(dir, 'src/lib.rs'), (await readFile(join(dir, 'src/lib.rs'), 'utf8')) + USER_FN);
    const readme = (await readFile(join(dir, 'README.md'), 'utf8')).split('\n');
    readme.splice(3, 0, '', USER_LINE);
    await writeFile(join(dir, 'README.md'), readme.join('\n'));
    await run('cargo', ['generate-lockfile'], { cwd: dir, env: baseEnv() });
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-qm', 'user edits and a lock file');
  });

  it('keeps the edits, and every pinned version agrees, Cargo.lock included', async () => {
    const r = await cli(BIN, ['upgrade', '--pyo3-version', '0.30', '--json'], dir);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.from.inferred).toEqual(expect.arrayContaining(['pyo3 0.28: Cargo.toml requires pyo3 0.28', `kind ${kind}: ${kind === 'module' ? 'pyproject.toml builds with maturin' : 'no pyproject.toml building with maturin'}`]));
    expect(doc.files.filter((f: { action: string }) => f.action === 'merge').map((f: { path: string }) => f.path)).toEqual(['README.md', 'src/lib.rs']);
    expect(doc.lock.status).toBe('updated');
    upgraded = withoutGit(await readTree(dir));
    expect(upgraded['src/lib.rs']).toContain(USER_FN);
    expect(upgraded['README.md']).toContain(`\n\n${USER_LINE}\n`);
    const fresh = await freshProject(name, flags);
    for (const [path, text] of Object.entries(fresh)) if (path !== 'README.md' && path !== 'src/lib.rs') expect(upgraded[path], path).toBe(text);
    // The user's function where it was, this version's code around it (for the app, both were appended: yours first).
    expect(upgraded['src/lib.rs']!.replace(USER_FN, '')).toBe(fresh['src/lib.rs']);
    const cargo = parse(upgraded['Cargo.toml']!) as Record<string, any>;
    expect(cargo.dependencies.pyo3).toBe('0.30');
    expect(cargo.dependencies['pyo3-async-runtimes'].version).toBe('0.30');
    expect(cargo['dev-dependencies']['pyo3-async-runtimes'].version).toBe('0.30');
    expect(cargo['build-dependencies']['pyo3-build-config']).toBe('0.30');
    const locked = (parse(upgraded['Cargo.lock']!) as { package: { name: string; version: string }[] }).package;
    for (const crate of ['pyo3', 'pyo3-ffi', 'pyo3-async-runtimes', 'pyo3-build-config']) {
      expect(locked.filter((p) => p.name === crate).map((p) => p.version), crate).toEqual([expect.stringMatching(/^0\.30\./)]);
    }
  });

  it('builds and passes its own tests', async () => {
    const test = await run('cargo', ['test', '--color', 'never'], { cwd: dir, env: buildEnv() });
    expect(test.all).toMatch(/^test user_tests::answer \.\.\. ok$/m);
    expect(test.all).toMatch(/^test rust_bridge::\w+ \.\.\. ok$/m);
    if (kind !== 'module') return;
    await run(VENV_PYTHON, ['-m', 'maturin', 'develop', '--quiet', '--extras', 'test'], {
      cwd: dir,
      env: { ...baseEnv(), VIRTUAL_ENV: VENV, PATH: `${VENV_BIN}${delimiter}${process.env.PATH ?? ''}`, CARGO_TARGET_DIR: MATURIN_TARGET },
    });
    const pytest = await run(VENV_PYTHON, ['-m', 'pytest', '-p', 'no:cacheprovider', '-q'], { cwd: dir, env: { ...baseEnv(), EXIT_STRESS_RUNS: '3' } });
    expect(pytest.stdout).toMatch(/\b\d+ passed in/);
    expect(pytest.stdout).not.toMatch(/failed|error/i);
  });

  it('with a conflicting edit: markers, exit 1, and nothing else changes', async () => {
    const copy = join(ROOT, `${name}-conflict`);
    await rm(copy, { recursive: true, force: true });
    await cp(dir, copy, { recursive: true });
    await git(copy, 'reset', '-q', '--hard', 'HEAD');
    await git(copy, 'clean', '-qfdx');
    await writeFile(join(copy, 'README.md'), (await readFile(join(copy, 'README.md'), 'utf8')).replace(/^Stack: .*$/m, 'Stack: as the user describes it.'));
    await git(copy, 'commit', '-qam', 'a conflicting edit');
    const lockBefore = await readFile(join(copy, 'Cargo.lock'), 'utf8');
    const r = await cli(BIN, ['upgrade', '--pyo3-version', '0.30'], copy);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: left conflicts in 1 file: README\.md$/m);
    const tree = withoutGit(await readTree(copy));
    expect(tree['README.md']).toMatch(/^<<<<<<< README\.md \(yours\)\nStack: as the user describes it\.\n\|\|\|\|\|\|\| .*\nStack: pyo3 0\.28 .*\n=======\nStack: pyo3 0\.30 .*\n(\n)?>>>>>>> README\.md \(as this upgrade generates it\)$/m);
    expect(tree['Cargo.lock']).toBe(lockBefore);
    const differs = Object.keys({ ...tree, ...upgraded }).filter((p) => tree[p] !== upgraded[p]).sort();
    expect(differs).toEqual(['Cargo.lock', 'README.md']);
  });
});

describe.each(['module', 'app'])('a 0.1.0 legacy %s, untouched, to the current stack', (kind) => {
  it('is exactly a fresh current-stack project', async () => {
    const name = `legacy-upgraded-${kind}`;
    const dir = await oldProject(name, ['--kind', kind, '--stack', 'legacy']);
    const r = await cli(BIN, ['upgrade', '--stack', 'current'], dir);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('pyo3 0.20 + pyo3-asyncio 0.20 -> pyo3 0.30 + pyo3-async-runtimes 0.30');
    expect(withoutGit(await readTree(dir))).toEqual(await freshProject(name, ['--kind', kind, '--stack', 'current']));
  });
});
