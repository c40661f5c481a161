/**
 * Matrix build: the 8 current-stack variants (module|app × tokio|async-std × uvloop yes|no)
 * built with shared target directories, as the real tier does, against one by one with a fresh
 * target directory each, as a user building them separately would. It shows what sharing saves
 * and counts the crates each mode compiles.
 *
 * Modules and apps get separate shared target dirs: maturin sets PYO3_BUILD_EXTENSION_MODULE,
 * which changes pyo3's build, so mixing them would recompile pyo3 at every switch.
 *
 * One run, not a median: a fresh build of all 8 takes many minutes on 2 cores.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CLI, NODE, cliSupports, countCompiling, ensureVenv, venvEnv } from '../lib/env.mjs';
import { compare } from '../lib/compare.mjs';
import { fmtMs, mustRun } from '../lib/measure.mjs';

export const id = 'matrix';

const KINDS = ['module', 'app'];
const RUNTIMES = ['tokio', 'async-std'];
const UVLOOP = [false, true];

/** The variants as { id, dir, kind, runtime, uvloop }, from the `matrix` command when there is one. */
export async function generate(out, supportsMatrix, log) {
  const env = { ...process.env, CI: 'true' };
  if (supportsMatrix) {
    log('generating with `create-pyo3-async matrix --filter stack=current`');
    await mustRun('matrix', NODE, [CLI, 'matrix', out, '--filter', 'stack=current'], { cwd: out, env });
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    return manifest.variants
      .filter((v) => v.options.stack === 'current')
      .map((v) => ({ id: v.id, dir: join(out, v.id), kind: v.options.kind, runtime: v.options.runtime, uvloop: v.options.uvloop }));
  }
  log('no `matrix` command in this checkout: generating each variant with the create command');
  const variants = [];
  for (const kind of KINDS) {
    for (const runtime of RUNTIMES) {
      for (const uvloop of UVLOOP) {
        const vid = `${kind}-${runtime}-${uvloop ? 'uvloop' : 'asyncio'}`;
        const dir = join(out, vid);
        await mustRun(`create ${vid}`, NODE, [CLI, dir, '--kind', kind, '--runtime', runtime, uvloop ? '--uvloop' : '--no-uvloop', '--stack', 'current', '-y', '--no-git', '--name', vid], {
          cwd: out,
          env,
        });
        variants.push({ id: vid, dir, kind, runtime, uvloop });
      }
    }
  }
  return variants;
}

/** Builds one variant as `dev` would (maturin develop / cargo build against the venv's python). */
async function build(variant, venv, targetDir) {
  const env = venvEnv(venv, { CARGO_TARGET_DIR: targetDir, PYO3_PYTHON: venv.python });
  const [cmd, args] = variant.kind === 'module' ? ['maturin', ['develop']] : ['cargo', ['build']];
  const r = await mustRun(`${cmd} ${args[0]} ${variant.id}`, cmd, args, { cwd: variant.dir, env });
  return { id: variant.id, ms: r.ms, compiled: countCompiling(r.stderr + r.stdout) };
}

const total = (builds) => ({ builds, ms: builds.reduce((s, b) => s + b.ms, 0), compiled: builds.reduce((s, b) => s + b.compiled, 0) });

/**
 * Both modes, variant by variant: the shared target dirs keep their state across the fresh
 * builds in between, so interleaving changes nothing in what is compiled, but a burst of load
 * from other work on the machine now lands on both modes instead of on whichever ran then.
 */
async function buildBoth(variants, venv, scratch, log) {
  const sharedRoot = await scratch.fresh('target-shared');
  const freshRoot = await scratch.fresh('target-fresh');
  const shared = [];
  const fresh = [];
  for (const [i, v] of variants.entries()) {
    const modes = [
      ['shared', shared, join(sharedRoot, v.kind === 'module' ? 'modules' : 'apps')],
      ['fresh', fresh, join(freshRoot, v.id)],
    ];
    if (i % 2 === 1) modes.reverse();
    for (const [mode, builds, target] of modes) {
      const b = await build(v, venv, target);
      log(`${mode}: ${v.id} ${fmtMs(b.ms)}, ${b.compiled} crates compiled`);
      builds.push(b);
      // A fresh target dir is several hundred MB: drop each once built.
      if (mode === 'fresh') await rm(target, { recursive: true, force: true });
    }
  }
  await rm(sharedRoot, { recursive: true, force: true });
  return { shared: total(shared), fresh: total(fresh) };
}

export async function run({ log, scratch }) {
  const venv = await ensureVenv(log);
  const out = await scratch.fresh('matrix');
  const variants = await generate(out, (await cliSupports()).matrix, log);
  if (variants.length !== 8) throw new Error(`expected 8 current-stack variants, got ${variants.length}`);

  // Downloads are not build time: fetch every variant's crates (and pin its Cargo.lock) first.
  log('cargo fetch (warming the registry)');
  for (const v of variants) await mustRun(`cargo fetch ${v.id}`, 'cargo', ['fetch'], { cwd: v.dir, env: venvEnv(venv) });

  const { shared, fresh } = await buildBoth(variants, venv, scratch, log);

  const side = (label, command, r) => ({ label, command, median: r.ms, min: r.ms, max: r.ms, samples: [Math.round(r.ms)], compiled: r.compiled, builds: r.builds });
  return [
    compare({
      id,
      title: 'matrix build (8 variants: shared vs fresh target dirs)',
      sides: {
        ours: side('shared target dirs', 'one target dir for the 4 modules (maturin develop), one for the 4 apps (cargo build)', shared),
        baseline: side('fresh target dir each', 'each variant built alone into an empty target dir', fresh),
      },
      goal: null,
      extra: { compiled: { shared: shared.compiled, fresh: fresh.compiled }, runs: 1 },
    }),
  ];
}
