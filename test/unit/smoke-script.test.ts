// The smoke test `dev` runs is a real Python file: ruff lints and formats it like any other.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { findRuff } from '../helpers/ruff.js';
import { tempDir } from '../helpers/tmp.js';

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

describe('the smoke script on a module create-pyo3-async did not generate', () => {
  it('checks the import, skips the bridge checks and says which functions are missing', async (ctx) => {
    const python = process.env.PYTHON ?? 'python3';
    if ((await execa(python, ['--version'], { reject: false })).exitCode !== 0) return ctx.skip();
    const dir = await tempDir('cpa-foreign-');
    await writeFile(join(dir, 'foreign.py'), 'def sum_as_string(a, b):\n    return str(a + b)\n');
    const r = await execa(python, ['-c', await readFile(SCRIPT, 'utf8'), 'foreign', '0'], { env: { PYTHONPATH: dir }, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    const checks = JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; ok: boolean; skipped?: boolean; detail: string | null }>;
    expect(checks.map((c) => [c.name, c.ok, c.skipped ?? false])).toEqual([
      ['import foreign', true, false],
      ['bridge checks', true, true],
    ]);
    expect(checks[1]!.detail).toBe('skipped: foreign has no rust_sleep, await_coro, run_coro (the API a generated module has)');
  });
});
