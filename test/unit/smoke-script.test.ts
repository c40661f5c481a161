// The smoke test `dev` runs is a real Python file: ruff lints and formats it like any other.
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { findRuff } from '../helpers/ruff.js';

const SCRIPT = fileURLToPath(new URL('../../src/develop/smoke_script.py', import.meta.url));
let ruff: string | undefined;

beforeAll(async () => {
  ruff = await findRuff();
  if (ruff === undefined) console.warn('smoke_script.py: not linted, there is no Python (python3 or $PYTHON) to install ruff with');
}, 180_000);

describe('src/develop/smoke_script.py', () => {
  it('passes ruff check', async (ctx) => {
    if (ruff === undefined) return ctx.skip();
    const r = await execa(ruff, ['check', '--no-cache', SCRIPT], { reject: false });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  });

  it('is formatted (ruff format --check)', async (ctx) => {
    if (ruff === undefined) return ctx.skip();
    const r = await execa(ruff, ['format', '--check', '--no-cache', SCRIPT], { reject: false });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  });
});
