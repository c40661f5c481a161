// Every variant's files as real files under __snapshots__/<variant>/, for reviewers to read and
// for CI to catch unintended changes. Update with `npx vitest run -u`. Dotfiles are stored as
// `_dot_name` so a snapshot `.gitignore` does not act on this repository.
import { describe, expect, it } from 'vitest';
import { planProject } from '../../src/core/plan.js';
import { loadTemplates } from '../../src/fs/templates.js';
import { allVariants, patternVariants } from '../helpers/variants.js';

const templates = await loadTemplates();

describe.each([...allVariants('my-'), ...patternVariants('my-')])('$id', ({ id, options }) => {
  const files = planProject(options, templates);
  it.each(files.map((f) => [f.path, f.contents] as const))('%s', async (path, contents) => {
    await expect(contents).toMatchFileSnapshot(`./__snapshots__/${id}/${path.replace(/(^|\/)\./g, '$1_dot_')}`);
  });
});
