/**
 * Build overhead: what `dev` costs on top of the commands it wraps, on a warm project (the
 * everyday edit-rebuild loop, where a wrapper's own overhead is most visible). Both sides use the
 * same venv, the same target directory and the same project, so cargo has nothing to compile and
 * the difference is our start-up, venv and maturin probing, and reporting.
 */
import { join } from 'node:path';
import { CACHE, CLI, NODE, cliSupports, ensureVenv, loadSmokeScript, venvEnv } from '../lib/env.mjs';
import { compare, skipped } from '../lib/compare.mjs';
import { mustRun, sideBySide } from '../lib/measure.mjs';

export const id = 'build';

const NAME = 'cpa-bench';
const IMPORT = 'cpa_bench';

export async function run({ runs, log, scratch }) {
  const venv = await ensureVenv(log);
  // A target dir kept between bench runs: only the first run ever compiles pyo3 and tokio here.
  const env = venvEnv(venv, { CARGO_TARGET_DIR: join(CACHE, 'target-dev') });
  const dir = join(await scratch.fresh('build'), NAME);
  await mustRun('generate', NODE, [CLI, dir, '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '-y', '--no-git'], {
    cwd: scratch.dir,
    env: { ...process.env, CI: 'true' },
  });
  log('warm-up build (maturin develop)');
  await mustRun('warm-up maturin develop', 'maturin', ['develop'], { cwd: dir, env });

  const maturinThen = (label, pyArgs) => async () => {
    const a = await mustRun('maturin develop', 'maturin', ['develop'], { cwd: dir, env });
    const b = await mustRun(label, 'python', pyArgs, { cwd: dir, env });
    return a.ms + b.ms;
  };
  const dev = (args) => async () => (await mustRun(`dev ${args.join(' ')}`, NODE, [CLI, 'dev', dir, ...args], { cwd: dir, env })).ms;

  const results = [];
  const noSmokeTitle = 'build overhead (dev --no-smoke vs maturin develop + import)';
  if ((await cliSupports()).devNoSmoke) {
    const sides = await sideBySide({
      ours: { label: 'dev --no-smoke', command: 'create-pyo3-async dev <proj> --no-smoke', run: dev(['--no-smoke']) },
      baseline: {
        label: 'maturin develop + import',
        command: `maturin develop && python -c "import ${IMPORT}"`,
        run: maturinThen('import', ['-c', `import ${IMPORT}`]),
      },
      runs,
      log,
    });
    results.push(compare({ id: 'build', title: noSmokeTitle, sides, goal: { op: '<=', value: 1.05 } }));
  } else {
    results.push(skipped('build', noSmokeTitle, 'this checkout has no `dev --no-smoke` yet'));
  }

  // The same Python source `dev` runs, so the baseline does exactly the same checks.
  const smoke = await loadSmokeScript();
  const sides = await sideBySide({
    ours: { label: 'dev', command: 'create-pyo3-async dev <proj>', run: dev([]) },
    baseline: {
      label: 'maturin develop + smoke script',
      command: `maturin develop && python -c <SMOKE_SCRIPT> ${IMPORT} 0`,
      run: maturinThen('smoke script', ['-c', smoke, IMPORT, '0']),
    },
    runs,
    log,
  });
  results.push(compare({ id: 'build-smoke', title: 'build overhead (dev vs maturin develop + smoke script)', sides, goal: { op: '<=', value: 1.05 } }));
  return results;
}
