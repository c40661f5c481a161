// Generated GitHub Actions workflows must be valid: actionlint (with shellcheck for run: steps).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { planProject } from '../../src/core/plan.js';
import { loadTemplates } from '../../src/fs/templates.js';
import { allVariants } from '../helpers/variants.js';
import { PROJECTS, REPO } from '../helpers/real-env.js';
import { findBinary } from '../helpers/real-tools.js';

describe('generated CI workflows', () => {
  it('pass actionlint with shellcheck, for every variant', async () => {
    const actionlint = findBinary('actionlint');
    const shellcheck = findBinary('shellcheck');
    expect(actionlint, 'actionlint (go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12)').toBeDefined();
    expect(shellcheck, 'shellcheck (apt-get install shellcheck)').toBeDefined();
    const templates = await loadTemplates();
    const files: string[] = [];
    for (const { id, options } of allVariants('wf-')) {
      const workflow = planProject(options, templates).find((f) => f.path === '.github/workflows/CI.yml')!;
      const dir = join(PROJECTS, 'workflows', id, '.github', 'workflows');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'CI.yml'), workflow.contents);
      files.push(join(dir, 'CI.yml'));
    }
    const r = await execa(actionlint!, ['-shellcheck', shellcheck!, '-no-color', ...files], { reject: false });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it("this repository's own workflow passes actionlint with shellcheck", async () => {
    const r = await execa(findBinary('actionlint')!, ['-shellcheck', findBinary('shellcheck')!, '-no-color', join(REPO, '.github/workflows/ci.yml')], {
      reject: false,
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });
});
