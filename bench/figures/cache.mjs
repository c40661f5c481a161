/**
 * The shared build cache: a second new project's first `dev` against the first project's, both
 * on a cache emptied for this run (CREATE_PYO3_ASYNC_BUILD_CACHE pointed into the scratch
 * directory), in one venv with maturin and uv, with no CARGO_TARGET_DIR. One run, not a median:
 * each side is a cold build that cannot be repeated without emptying the cache again.
 */
import { join } from 'node:path';
import { CLI, NODE, ensureVenv, venvEnv } from '../lib/env.mjs';
import { compare } from '../lib/compare.mjs';
import { mustRun } from '../lib/measure.mjs';

export const id = 'cache';

const countCompiling = (text) => (text.match(/^\s*Compiling \S+ v/gm) ?? []).length;

export async function run({ log, scratch }) {
  const venv = await ensureVenv(log);
  const root = await scratch.fresh('cache');
  const env = venvEnv(venv, { CREATE_PYO3_ASYNC_BUILD_CACHE: join(root, 'shared-build') });
  delete env.CARGO_TARGET_DIR;
  const build = async (name) => {
    const dir = join(root, name);
    await mustRun('generate', NODE, [CLI, dir, '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '-y', '--no-git'], {
      cwd: root,
      env: { ...process.env, CI: 'true' },
    });
    log(`dev ${name} (cold project, ${name === 'first' ? 'empty' : 'warm'} cache)`);
    const r = await mustRun(`dev ${name}`, NODE, [CLI, 'dev', dir, '--no-smoke', '--verbose'], { cwd: root, env });
    return { ms: r.ms, compiled: countCompiling(`${r.stdout}\n${r.stderr}`) };
  };
  const first = await build('first');
  const second = await build('second');
  const side = (label, command, r) => ({ label, command, median: r.ms, min: r.ms, max: r.ms, samples: [Math.round(r.ms)], compiled: r.compiled });
  return [
    compare({
      id: 'cache',
      title: `build cache (a second project's first dev vs the first's; ${second.compiled} vs ${first.compiled} crates compiled)`,
      sides: {
        ours: side('second project, cache warm', 'create-pyo3-async dev <second> --no-smoke', second),
        baseline: side('first project, cache empty', 'create-pyo3-async dev <first> --no-smoke', first),
      },
      goal: { op: '<=', value: 0.35 },
    }),
  ];
}
