/**
 * Start-up: what a user waits for before the CLI does anything. `--help` loads the whole
 * program (commander, prompts, templates' code) but does no work, so against `node -e 0` it
 * isolates module loading, which bundling is meant to cut.
 */
import { NODE, ROOT } from '../lib/env.mjs';
import { compare } from '../lib/compare.mjs';
import { mustRun, sideBySide } from '../lib/measure.mjs';

export const id = 'startup';

export async function run({ runs, log }) {
  const side = (label, args) => ({
    label,
    command: `node ${args.join(' ')}`,
    run: async () => (await mustRun(label, NODE, args, { cwd: ROOT })).ms,
  });
  const sides = await sideBySide({
    ours: side('create-pyo3-async --help', ['bin/create-pyo3-async.js', '--help']),
    baseline: side('node -e 0', ['-e', '0']),
    runs,
    log,
  });
  return [compare({ id, title: 'start-up (--help vs node -e 0)', sides, goal: { op: '<=', value: 1.2 } })];
}
