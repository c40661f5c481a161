// The README's quick start, taken from the README itself: what it promises must be what happens.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { REPO } from '../helpers/real-env.js';
import { tempDir } from '../helpers/tmp.js';

const readme = await readFile(join(REPO, 'README.md'), 'utf8');
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Example session'));

describe("the README's quick start", () => {
  it('says the package is not published, and gives the routes that work', () => {
    expect(quickStart).toMatch(/not published on npm yet/);
    expect(quickStart).toMatch(/npm pack/);
  });

  it('the main-job line, run in a clone, creates the project beside the clone (with its own git repository)', async () => {
    const line = quickStart.split('\n').find((l) => l.includes('# the main job'))!;
    const command = line.split('#')[0]!.split('&&').pop()!.trim().split(/\s+/);
    expect(command.slice(0, 2)).toEqual(['node', 'bin/create-pyo3-async.js']);
    const root = await tempDir('cpa-readme-');
    const clone = join(root, 'create-pyo3-async');
    await mkdir(clone);
    await execa('git', ['init', '-q'], { cwd: clone });
    // Off a terminal the line needs --yes (the README says so).
    const r = await execa(process.execPath, [BIN, ...command.slice(2), '--yes'], {
      cwd: clone,
      reject: false,
      stdin: 'ignore',
      env: { NO_COLOR: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(join(root, 'my-lib', 'Cargo.toml'))).toBe(true);
    expect(existsSync(join(root, 'my-lib', '.git'))).toBe(true);
    expect(existsSync(join(clone, 'my-lib'))).toBe(false);
  });
});
