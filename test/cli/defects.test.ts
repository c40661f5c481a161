// Defects found by trying the CLI as a newcomer and as an attacker would (issue 14), each pinned
// by a test that failed before its fix. In-process runs (runMain) keep them fast.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorFormatProblem, runMain } from '../helpers/inproc.js';
import { tempDir } from '../helpers/tmp.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('a new directory gets the mode mkdir gives (the umask), not mkdtemp 0700', () => {
  it('create: the project directory has the mode of its subfolders', async () => {
    const cwd = await tempDir();
    const r = await runMain(['proj', '--yes', '--no-git'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(mode(join(cwd, 'proj')).toString(8)).toBe(mode(join(cwd, 'proj', 'src')).toString(8));
  });

  it('matrix: the output directory has the mode of its subfolders', async () => {
    const cwd = await tempDir();
    const r = await runMain(['matrix', 'out', '--filter', 'id=module-tokio-asyncio'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(mode(join(cwd, 'out')).toString(8)).toBe(mode(join(cwd, 'out', 'module-tokio-asyncio')).toString(8));
  });
});

export { errorFormatProblem };
