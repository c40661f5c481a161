// upgrade, in process with real git: merges keep the user's edits, versions come out coherent,
// dry runs and refusals write nothing, conflicts are markers + exit 1 and nothing else.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { LOCK_NAME } from '../../src/fs/lock.js';
import { errorFormatProblem, runMain } from '../helpers/inproc.js';
import { readTree, tempDir } from '../helpers/tmp.js';

const ENV = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};
const git = async (cwd: string, ...args: string[]) => (await execa('git', args, { cwd, env: ENV })).stdout;
const upgrade = (cwd: string, ...args: string[]) => runMain(['upgrade', ...args], cwd, { env: ENV });

async function generate(cwd: string, name: string, ...flags: string[]): Promise<string> {
  const r = await runMain([name, '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--yes', ...flags], cwd, { env: ENV });
  expect(r.stderr.replace(/^warning: .*\n/gm, '')).toBe('');
  expect(r.code).toBe(0);
  return join(cwd, name);
}

async function edit(dir: string, path: string, change: (text: string) => string): Promise<void> {
  await writeFile(join(dir, path), change(await readFile(join(dir, path), 'utf8')));
}

const USER_FN = '\n/// The user\'s own function.\npub fn user_answer() -> u32 {\n    42\n}\n';
const withUserEdits = async (dir: string) => {
  await edit(dir, 'src/lib.rs', (t) => t + USER_FN);
  await edit(dir, 'Cargo.toml', (t) => t.replace(/^pyo3 = .*$/m, (line) => line.replace('features = ["abi3-py310"]', 'features = ["abi3-py310", "chrono"]')).replace('[build-dependencies]', 'serde = "1" # mine\n\n[build-dependencies]'));
  await git(dir, 'commit', '-qam', 'user edits');
};

describe('upgrade of a project with a record', () => {
  it('moves 0.28 to 0.30: unchanged files replaced, edits merged, every pin coherent, record rewritten', async () => {
    const cwd = await tempDir();
    const dir = await generate(cwd, 'proj', '--pyo3-version', '0.28');
    await withUserEdits(dir);
    const r = await upgrade(dir, '--pyo3-version', '0.30', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.from.inferred).toBeNull();
    expect(doc.files.filter((f: { action: string }) => f.action === 'merge').map((f: { path: string }) => f.path)).toEqual(['Cargo.toml', 'src/lib.rs']);
    const fresh = await readTree(await generate(await tempDir(), 'proj', '--pyo3-version', '0.30', '--no-git'));
    const tree = await readTree(dir);
    for (const [path, text] of Object.entries(fresh)) {
      if (path !== 'Cargo.toml' && path !== 'src/lib.rs') expect(tree[path], path).toBe(text);
    }
    expect(tree['src/lib.rs']).toBe(fresh['src/lib.rs'] + USER_FN);
    const cargo = parse(tree['Cargo.toml']!) as Record<string, any>;
    expect(cargo.dependencies.pyo3).toEqual({ version: '0.30', features: ['abi3-py310', 'chrono'] });
    expect(cargo.dependencies['pyo3-async-runtimes'].version).toBe('0.30');
    expect(cargo.dependencies.serde).toBe('1');
    expect(cargo['dev-dependencies']['pyo3-async-runtimes'].version).toBe('0.30');
    expect(cargo['build-dependencies']['pyo3-build-config']).toBe('0.30');
    expect(tree['Cargo.toml']).toContain('serde = "1" # mine');
    // The record is the fresh project's: the next upgrade compares with what was generated now.
    expect(tree['Cargo.toml']!.split('[package.metadata.create-pyo3-async]')[1]).toBe(fresh['Cargo.toml']!.split('[package.metadata.create-pyo3-async]')[1]);
    expect(await git(dir, 'show-ref')).toContain('refs/create-pyo3-async/generated');
  });

  it('finds its bases again on the next upgrade, merged files included', async () => {
    const cwd = await tempDir();
    const dir = await generate(cwd, 'proj', '--pyo3-version', '0.28');
    await withUserEdits(dir);
    expect((await upgrade(dir, '--pyo3-version', '0.29')).code).toBe(0);
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-qm', 'upgrade to 0.29');
    const r = await upgrade(dir, '--pyo3-version', '0.30', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.filter((f: { note?: string }) => f.note !== undefined)).toEqual([]);
    expect(doc.files.find((f: { path: string }) => f.path === 'src/lib.rs').action).toBe('merge');
    expect(await readFile(join(dir, 'src/lib.rs'), 'utf8')).toContain('pub fn user_answer()');
    expect(await readFile(join(dir, 'Cargo.toml'), 'utf8')).toMatch(/^pyo3 = \{ version = "0\.30", features = \["abi3-py310", "chrono"\] \}$/m);
  });

  it('legacy -> current on an untouched project gives exactly a fresh current-stack project', async () => {
    const cwd = await tempDir();
    const dir = await generate(cwd, 'proj', '--stack', 'legacy');
    const r = await upgrade(dir, '--stack', 'current');
    expect(r.code).toBe(0);
    const fresh = await readTree(await generate(await tempDir(), 'proj', '--stack', 'current', '--no-git'));
    expect(await readTree(dir)).toEqual(fresh);
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const cwd = await tempDir();
    const dir = await generate(cwd, 'proj', '--pyo3-version', '0.28');
    await withUserEdits(dir);
    const before = await readTree(dir);
    const r = await upgrade(dir, '--pyo3-version', '0.30', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}merge {5} src\/lib\.rs$/m);
    expect(r.stdout).toMatch(/^ {2}replace {3} README\.md$/m);
    expect(r.stdout).toContain('Dry run: nothing was written.');
    expect(await readTree(dir)).toEqual(before);
    expect(await git(dir, 'status', '--porcelain')).toBe('');
    expect(await git(dir, 'show-ref')).not.toContain('create-pyo3-async');
  });

  it('refuses a dirty work tree without --force (exit 2, nothing written), and goes ahead with it', async () => {
    const cwd = await tempDir();
    const dir = await generate(cwd, 'proj', '--pyo3-version', '0.28');
    await edit(dir, 'src/lib.rs', (t) => t + USER_FN);
    const before = await readTree(dir);
    const r = await upgrade(dir, '--pyo3-version', '0.30');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: \. has uncommitted changes \(1 path: src\/lib\.rs\)$/m);
    expect(errorFormatProblem(r.stderr)).toBeUndefined();
    expect(await readTree(dir)).toEqual(before);
    const forced = await upgrade(dir, '--pyo3-version', '0.30', '--force');
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, 'src/lib.rs'), 'utf8')).toContain('user_answer');
  });

  it('writes conflict markers, lists them, exits 1, and changes nothing beyond the upgrade', async () => {
    const cwd = await tempDir();
    const dir = await generate(cwd, 'proj', '--pyo3-version', '0.28');
    await edit(dir, 'README.md', (t) => t.replace(/^Stack: .*$/m, 'Stack: whatever the user says here.'));
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    await writeFile(join(dir, 'Cargo.lock'), '# a lock file the upgrade must not touch while conflicts remain\n');
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-qm', 'conflicting edit');
    const head = await git(dir, 'rev-parse', 'HEAD');
    const before = await readTree(dir);
    const preview = await upgrade(dir, '--pyo3-version', '0.30', '--dry-run', '--json');
    expect(preview.code).toBe(1);
    expect(JSON.parse(preview.stdout)).toMatchObject({ ok: false, dryRun: true, conflicts: ['README.md'] });
    expect(await readTree(dir)).toEqual(before);
    const r = await upgrade(dir, '--pyo3-version', '0.30');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}conflict {3}README\.md \(1 conflict\)$/m);
    expect(r.stderr.split('\n')[0]).toBe('error: left conflicts in 1 file: README.md');
    expect(errorFormatProblem(r.stderr)).toBeUndefined();
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/^<<<<<<< README\.md \(yours\)\nStack: whatever the user says here\.\n\|\|\|\|\|\|\| README\.md \(as create-pyo3-async 0\.1\.0 generated it\)\nStack: pyo3 0\.28 .*\n=======\nStack: pyo3 0\.30 .*\n>>>>>>> README\.md \(as this upgrade generates it\)$/m);
    const fresh = await readTree(await generate(await tempDir(), 'proj', '--pyo3-version', '0.30', '--no-git'));
    const tree = await readTree(dir);
    const changed = Object.keys(tree).filter((p) => tree[p] !== fresh[p]).sort();
    expect(changed).toEqual(['Cargo.lock', 'README.md', 'notes.txt']);
    expect(tree['notes.txt']).toBe('mine\n');
    expect(tree['Cargo.lock']).toContain('must not touch');
    expect(await git(dir, 'rev-parse', 'HEAD')).toBe(head);
    // Run again before resolving: the markers are the user's text now, and nothing changes
    // (without the lock file, which would be brought up to date now, by cargo).
    await rm(join(dir, 'Cargo.lock'));
    delete tree['Cargo.lock'];
    const again = await upgrade(dir, '--force', '--json');
    expect(again.code).toBe(0);
    expect(await readTree(dir)).toEqual(tree);
  });
});

describe('upgrade after a run that was killed while writing', () => {
  // The killed run's lock: its owner pid is gone. With a journal it was killed mid-move; without
  // one it had moved everything and only the lock's removal was left.
  const killedLock = async (dir: string, journal?: { files: string[]; backups: Record<string, string> }) => {
    await mkdir(join(dir, LOCK_NAME, 'tree'), { recursive: true });
    await writeFile(join(dir, LOCK_NAME, 'owner'), '999999999');
    if (journal === undefined) return;
    for (const [path, text] of Object.entries(journal.backups)) {
      await mkdir(dirname(join(dir, LOCK_NAME, 'backup', path)), { recursive: true });
      await writeFile(join(dir, LOCK_NAME, 'backup', path), text);
    }
    await writeFile(join(dir, LOCK_NAME, 'journal.json'), JSON.stringify({ files: journal.files, createdDirs: [] }));
  };

  it('with every move done, the next run has nothing to write and still removes the lock', async () => {
    const dir = await generate(await tempDir(), 'proj', '--pyo3-version', '0.28');
    expect((await upgrade(dir, '--pyo3-version', '0.30')).code).toBe(0);
    const upgraded = await readTree(dir);
    await killedLock(dir);
    const r = await upgrade(dir, '--pyo3-version', '0.30', '--force');
    expect(r.code, r.stderr).toBe(0);
    expect(await readTree(dir)).toEqual(upgraded);
  });

  it('killed mid-move, the next run plans from the rolled-back tree, not the mix', async () => {
    const cwd = await tempDir();
    const dir = await generate(cwd, 'proj', '--pyo3-version', '0.28');
    const ref = await generate(cwd, 'ref', '--pyo3-version', '0.28', '--name', 'proj');
    expect((await upgrade(ref, '--pyo3-version', '0.30')).code).toBe(0);
    const complete = await readTree(ref);
    // Cargo.toml already moved (its 0.28 text in the backup), README.md not yet.
    const oldCargo = await readFile(join(dir, 'Cargo.toml'), 'utf8');
    await writeFile(join(dir, 'Cargo.toml'), complete['Cargo.toml']!);
    await killedLock(dir, { files: ['Cargo.toml', 'README.md'], backups: { 'Cargo.toml': oldCargo, 'README.md': await readFile(join(dir, 'README.md'), 'utf8') } });
    await writeFile(join(dir, LOCK_NAME, 'tree', 'README.md'), complete['README.md']!);
    const r = await upgrade(dir, '--pyo3-version', '0.30', '--force');
    expect(r.code, r.stderr).toBe(0);
    const tree = await readTree(dir);
    expect(Object.keys(tree).filter((p) => p.startsWith('.create-pyo3-async-'))).toEqual([]);
    for (const [path, text] of Object.entries(complete)) if (!path.startsWith('.git/')) expect(tree[path], path).toBe(text);
  });

  it('a lock whose owner is alive is refused, changing nothing', async () => {
    const dir = await generate(await tempDir(), 'proj', '--pyo3-version', '0.28');
    await mkdir(join(dir, LOCK_NAME));
    await writeFile(join(dir, LOCK_NAME, 'owner'), String(process.ppid));
    const before = await readTree(dir);
    const r = await upgrade(dir, '--pyo3-version', '0.30');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: another create-pyo3-async run \(pid \d+\) is writing into /m);
    expect(await readTree(dir)).toEqual(before);
  });
});

describe('upgrade of a project inside a larger repository', () => {
  it('finds its bases there and keeps its own ref', async () => {
    const cwd = await tempDir();
    await git(cwd, 'init', '--quiet');
    await writeFile(join(cwd, 'other.txt'), 'the rest of the monorepo\n');
    const dir = await generate(cwd, 'packages/proj', '--pyo3-version', '0.28', '--name', 'proj');
    await git(cwd, 'add', '-A');
    await git(cwd, 'commit', '-qm', 'add proj');
    await withUserEdits(dir);
    const r = await upgrade(dir, '--pyo3-version', '0.30', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).files.filter((f: { note?: string }) => f.note !== undefined)).toEqual([]);
    expect(await readFile(join(dir, 'src/lib.rs'), 'utf8')).toContain('pub fn user_answer()');
    expect(await git(cwd, 'show-ref')).toMatch(/refs\/create-pyo3-async\/generated-[0-9a-f]{12}$/m);
    expect(await readFile(join(cwd, 'other.txt'), 'utf8')).toBe('the rest of the monorepo\n');
  });
});

describe('upgrade refuses with one line and exit 2', () => {
  it.each([
    [['--pyo3-version', '0.27'], /^error: pyo3 0\.27 is not in the current stack's table$/m],
    [['--stack', 'legacy'], /^error: upgrade does not move a project to the legacy stack$/m],
  ])('%j', async (args, message) => {
    const dir = await generate(await tempDir(), 'proj');
    const r = await upgrade(dir, ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(errorFormatProblem(r.stderr)).toBeUndefined();
  });

  it('without a Cargo.toml, and for a crate that is no PyO3 async project', async () => {
    const cwd = await tempDir();
    expect((await upgrade(cwd)).stderr).toMatch(/^error: \. has no Cargo\.toml$/m);
    await writeFile(join(cwd, 'Cargo.toml'), '[package]\nname = "x"\n\n[dependencies]\nserde = "1"\n');
    const r = await upgrade(cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does not look like a project made by create-pyo3-async: Cargo\.toml depends on neither/);
  });
});
