import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const ALL = ['--kind', 'app', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '--json'];
const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await execa('git', args, { cwd })).stdout;
}

describe('git repository of a new project', () => {
  it('is created with one commit holding exactly the generated files', async () => {
    const cwd = await tempDir();
    const r = await runCli(['proj', ...ALL], cwd, IDENTITY);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.git).toEqual({ status: 'committed' });
    const dir = join(cwd, 'proj');
    expect(await git(dir, 'log', '--format=%s')).toBe('Initial commit from create-pyo3-async');
    expect((await git(dir, 'ls-files')).split('\n').sort()).toEqual(doc.files.map((f: { path: string }) => f.path).sort());
    expect(await git(dir, 'status', '--porcelain')).toBe('');
  });

  it('is not created with --no-git', async () => {
    const cwd = await tempDir();
    const r = await runCli(['proj', '--no-git', ...ALL], cwd, IDENTITY);
    expect(JSON.parse(r.stdout).git).toEqual({ status: 'skipped', reason: '--no-git' });
    expect(existsSync(join(cwd, 'proj', '.git'))).toBe(false);
  });

  it('is not created inside an existing work tree', async () => {
    const cwd = await tempDir();
    await git(cwd, 'init', '--quiet');
    const r = await runCli(['sub/proj', ...ALL], cwd, IDENTITY);
    expect(JSON.parse(r.stdout).git).toEqual({ status: 'skipped', reason: 'already inside a git work tree' });
    expect(existsSync(join(cwd, 'sub', 'proj', '.git'))).toBe(false);
  });

  it('is initialised without a commit when git has no identity, and says so', async () => {
    const cwd = await tempDir();
    const home = await tempDir();
    const r = await runCli(['proj', ...ALL], cwd, {
      HOME: home,
      XDG_CONFIG_HOME: home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: join(home, 'none'),
      EMAIL: '',
    });
    expect(r.exitCode).toBe(0);
    const status = JSON.parse(r.stdout).git;
    // git may still derive an identity from the host name; either outcome is reported honestly.
    if (status.status === 'initialized') expect(status.reason).toMatch(/user\.name|commit/);
    else expect(status).toEqual({ status: 'committed' });
    expect(existsSync(join(cwd, 'proj', '.git'))).toBe(true);
  });

  it('commits only the generated files when added to a directory with other files', async () => {
    const cwd = await tempDir();
    const dir = join(cwd, 'proj');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const r = await runCli(['proj', '--force', ...ALL], cwd, IDENTITY);
    expect(JSON.parse(r.stdout).git).toEqual({ status: 'committed' });
    expect(await git(dir, 'ls-files')).not.toContain('notes.txt');
    expect(await git(dir, 'status', '--porcelain')).toBe('?? notes.txt');
  });
});
