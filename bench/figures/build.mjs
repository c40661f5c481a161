/**
 * The edit-rebuild loop and build overhead, on a warm project. `edit`: a one-line edit to
 * src/lib.rs, then `dev --no-smoke` + import vs plain `maturin develop` (pip) + import, the loop
 * as a user without us runs it. `build` and `build-smoke`: nothing edited, `dev` vs `maturin
 * develop --uv`. Both sides use the same venv and project. `dev` builds as it does for users,
 * on the shared build cache (one kept in bench/.cache), so after its warm-up an edit is a quick
 * rebuild (src/develop/quick-rebuild.ts); maturin builds in a target dir of its own, so the two
 * never recompile each other's dependencies.
 */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE, CLI, NODE, cliSupports, ensureVenv, loadSmokeScript, venvEnv } from '../lib/env.mjs';
import { compare, skipped } from '../lib/compare.mjs';
import { fmtMs, median, mustRun, sideBySide } from '../lib/measure.mjs';

export const id = 'build';

const NAME = 'cpa-bench';
const IMPORT = 'cpa_bench';

export async function run({ runs, log, scratch }) {
  const venv = await ensureVenv(log);
  // A target dir and a build cache kept between bench runs: only the first run ever compiles pyo3 and tokio.
  const env = venvEnv(venv, { CARGO_TARGET_DIR: join(CACHE, 'target-dev') });
  const devEnv = venvEnv(venv, { CREATE_PYO3_ASYNC_BUILD_CACHE: join(CACHE, 'build-cache') });
  delete devEnv.CARGO_TARGET_DIR;
  const dir = join(await scratch.fresh('build'), NAME);
  await mustRun('generate', NODE, [CLI, dir, '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '-y', '--no-git'], {
    cwd: scratch.dir,
    env: { ...process.env, CI: 'true' },
  });
  log('warm-up build (maturin develop)');
  await mustRun('warm-up maturin develop', 'maturin', ['develop', '--uv'], { cwd: dir, env });
  log('warm-up build (dev)');
  await mustRun('warm-up dev', NODE, [CLI, 'dev', dir, '--no-smoke'], { cwd: dir, env: devEnv });

  const maturinThen = (label, pyArgs, flags = ['--uv']) => async () => {
    const a = await mustRun('maturin develop', 'maturin', ['develop', ...flags], { cwd: dir, env });
    const b = await mustRun(label, 'python', pyArgs, { cwd: dir, env });
    return a.ms + b.ms;
  };
  const dev = (args) => async () => (await mustRun(`dev ${args.join(' ')}`, NODE, [CLI, 'dev', dir, ...args], { cwd: dir, env: devEnv })).ms;
  const importIt = async () => (await mustRun('import', 'python', ['-c', `import ${IMPORT}`], { cwd: dir, env: devEnv })).ms;
  const devThenImport = (args) => async () => (await dev(args)()) + (await importIt());
  // A new line each time, so cargo recompiles the crate (and only it) on every run of each side.
  let edits = 0;
  const edit = () => appendFile(join(dir, 'src', 'lib.rs'), `// bench edit ${++edits}\n`);
  const edited = (side) => async () => {
    await edit();
    return side();
  };

  const results = [];
  const editSides = await sideBySide({
    ours: {
      label: 'edit + dev --no-smoke + import',
      command: `edit src/lib.rs; create-pyo3-async dev <proj> --no-smoke && python -c "import ${IMPORT}"`,
      run: edited(devThenImport(['--no-smoke'])),
    },
    baseline: {
      label: 'edit + maturin develop (pip) + import',
      command: `edit src/lib.rs; maturin develop && python -c "import ${IMPORT}"`,
      run: edited(maturinThen('import', ['-c', `import ${IMPORT}`], [])),
    },
    runs,
    log,
  });
  results.push(compare({ id: 'edit', title: 'edit-rebuild loop (dev vs maturin develop with pip, + import)', sides: editSides, goal: { op: '<=', value: 0.5 } }));
  const devVerbose = async () => {
    const r = await mustRun('dev --verbose', NODE, [CLI, 'dev', dir, '--no-smoke', '--verbose'], { cwd: dir, env: devEnv });
    return { ...r, ms: r.ms + (await importIt()) };
  };
  results.push(await overCargo({ runs, log, edit, dev: devVerbose }));
  const noSmokeTitle = 'build overhead (dev --no-smoke vs maturin develop --uv + import)';
  if ((await cliSupports()).devNoSmoke) {
    const sides = await sideBySide({
      ours: { label: 'dev --no-smoke + import', command: `create-pyo3-async dev <proj> --no-smoke && python -c "import ${IMPORT}"`, run: devThenImport(['--no-smoke']) },
      baseline: {
        label: 'maturin develop --uv + import',
        command: `maturin develop --uv && python -c "import ${IMPORT}"`,
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
      label: 'maturin develop --uv + smoke script',
      command: `maturin develop --uv && python -c <SMOKE_SCRIPT> ${IMPORT} 0`,
      run: maturinThen('smoke script', ['-c', smoke, IMPORT, '0']),
    },
    runs,
    log,
  });
  results.push(compare({ id: 'build-smoke', title: 'build overhead (dev vs maturin develop --uv + smoke script)', sides, goal: { op: '<=', value: 1.05 } }));
  return results;
}

/**
 * What the edit loop costs beyond cargo's own compile: `dev --no-smoke --verbose` after an edit,
 * against the time cargo itself reports in that run's output ("Finished `dev` profile ... in
 * 0.27s"), so both come from the same build. Goal: within 0.5 s.
 */
async function overCargo({ runs, log, edit, dev }) {
  const total = [];
  const cargo = [];
  for (let i = 0; i < runs; i++) {
    await edit();
    const r = await dev();
    const finished = /Finished .* in ([\d.]+)(m?s)\b/.exec(`${r.stdout}\n${r.stderr}`);
    if (finished === null) throw new Error(`dev --verbose printed no cargo "Finished ... in" line:\n${r.stdout}${r.stderr}`);
    total.push(r.ms);
    cargo.push(Number(finished[1]) * (finished[2] === 'ms' ? 1 : 1000));
    log(`over cargo ${i + 1}/${runs}: edit to import ${fmtMs(r.ms)}, cargo ${fmtMs(cargo.at(-1))}`);
  }
  const over = median(total.map((t, i) => t - cargo[i]));
  return {
    id: 'edit-over-cargo',
    title: "edit-rebuild loop over cargo's own compile",
    kind: 'values',
    values: [
      { label: 'edit + dev --no-smoke --verbose + import', value: median(total), text: fmtMs(median(total)) },
      { label: "cargo's compile in the same runs (its Finished line)", value: median(cargo), text: fmtMs(median(cargo)) },
      { label: 'the difference (goal <= 0.5 s)', value: over, text: `${fmtMs(over)}: ${over <= 500 ? 'met' : 'NOT met'}` },
    ],
  };
}
