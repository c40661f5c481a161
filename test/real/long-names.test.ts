// Generated sources must stay rustfmt- and ruff-clean whatever the name, up to cargo's 64
// characters: names appear inside code, so a template line could otherwise outgrow the width.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../../src/core/names.js';
import { runCli } from '../helpers/cli.js';
import { PROJECTS, VENV_PYTHON } from '../helpers/real-env.js';
import { baseEnv, run } from '../helpers/real-run.js';

const LONGEST = 'a-long-project-name-'.repeat(4).slice(0, MAX_NAME_LENGTH - 1) + 'z';

describe('the longest allowed name', () => {
  it.each([
    ['module', '--uvloop'],
    ['module', '--no-uvloop'],
    ['app', '--uvloop'],
    ['app', '--no-uvloop'],
  ])('%s %s is rustfmt- and ruff-clean', async (kind, uvloop) => {
    expect(LONGEST).toHaveLength(MAX_NAME_LENGTH);
    const dir = join(PROJECTS, `long-${kind}${uvloop}`);
    await rm(dir, { recursive: true, force: true });
    const r = await runCli([dir, '--name', LONGEST, '--kind', kind, '--runtime', 'async-std', uvloop, '--stack', 'current', '--no-git'], PROJECTS);
    expect(r.exitCode).toBe(0);
    await run('cargo', ['fmt', '--check'], { cwd: dir, env: baseEnv() });
    if (kind === 'module') {
      await run(VENV_PYTHON, ['-m', 'ruff', 'format', '--no-cache', '--check', '.'], { cwd: dir, env: baseEnv() });
      await run(VENV_PYTHON, ['-m', 'ruff', 'check', '--no-cache', '.'], { cwd: dir, env: baseEnv() });
    }
  });
});
