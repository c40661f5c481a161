/**
 * Generation: writing a module project without prompts, against create-vite writing its
 * vanilla-ts template, the reference point users have for "a create-* tool". Both run as in CI:
 * no stdin, CI=true, into a fresh directory each time, and neither installs anything.
 *
 * Three rows: without git (create-vite makes no repository), with the default git init and first
 * commit, and a first run: the CLI's compile cache (src/boot.ts) empty, as `npm create` on a
 * new machine or after an upgrade finds it. The other rows use the cache the CLI keeps in the
 * user's cache directory, as every run after the first does.
 *
 * Two floor rows inform what the goals leave room for: lib/floor-writer.cjs writes the very files
 * our first row writes (and, for the second, runs our three git commands on them, spawned
 * directly), with nothing else. Each is sampled in the same rounds as the row above it, so
 * its ratio uses the same create-vite runs.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { BENCH, CLI, CREATE_VITE, NODE, ensureBenchDeps } from '../lib/env.mjs';
import { compare } from '../lib/compare.mjs';
import { mustRun, sideBySide } from '../lib/measure.mjs';

export const id = 'generate';

const OURS = ['p', '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '-y'];
// create-vite 9: --no-interactive skips every prompt, --no-immediate skips `npm install` and the
// dev server. It joins the directory to its cwd (an absolute path would be nested), so both tools
// get a relative directory inside a fresh cwd.
const VITE = ['v', '--template', 'vanilla-ts', '--no-interactive', '--no-immediate'];
// The first commit needs an identity; a fixed one keeps the user's git config out of the figure.
const GIT_IDENTITY = { GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };

const FLOOR_WRITER = join(BENCH, 'lib', 'floor-writer.cjs');
// logs/HEAD is written by the first commit: a run that only initialised would not count.
const made = (git) => (git ? 'p/.git/logs/HEAD' : 'p/Cargo.toml');

/** Our --no-git output as the floor writer's manifest (path -> text), written under `scratch`. */
async function floorManifest(scratch, env) {
  const cwd = await scratch.fresh('floor-source');
  await mustRun('create-pyo3-async', NODE, [CLI, ...OURS, '--no-git'], { cwd, env });
  const project = join(cwd, 'p');
  const files = {};
  for (const entry of await readdir(project, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files[relative(project, full).split('\\').join('/')] = await readFile(full, 'utf8');
  }
  const manifest = join(scratch.dir, 'floor-manifest.json');
  await writeFile(manifest, JSON.stringify(files));
  return manifest;
}

export async function run({ runs, log, scratch }) {
  await ensureBenchDeps(log);
  const env = { ...process.env, CI: 'true', ...GIT_IDENTITY };
  const manifest = await floorManifest(scratch, env);
  const side = (label, command, script, args, expected, { unwanted, freshCache } = {}) => ({
    label,
    command,
    run: async () => {
      const cwd = await scratch.fresh(`gen-${label}`);
      const runEnv = freshCache ? { ...env, CREATE_PYO3_ASYNC_COMPILE_CACHE: await scratch.fresh('compile-cache') } : env;
      const r = await mustRun(label, NODE, [script, ...args], { cwd, env: runEnv });
      // A tool that silently did nothing (or installed packages) would make a meaningless figure.
      if (!existsSync(join(cwd, expected))) throw new Error(`${label} did not write ${expected}:\n${r.stdout}${r.stderr}`);
      if (unwanted && existsSync(join(cwd, unwanted))) throw new Error(`${label} wrote ${unwanted}: it installed dependencies`);
      return r.ms;
    },
  });
  const vite = side('create-vite', `create-vite ${VITE.join(' ')}`, CREATE_VITE, VITE, 'v/package.json', { unwanted: 'v/node_modules' });
  const floor = (git) =>
    side('floor-writer', `node bench/lib/floor-writer.cjs <our files> p${git ? ' --git' : ''}`, FLOOR_WRITER, [manifest, 'p', ...(git ? ['--git'] : [])], made(git));
  const rows = [
    { title: 'generation (module vs create-vite vanilla-ts)', args: [...OURS, '--no-git'], git: false, goal: 0.9, floor: 'generation floor: our files written, nothing else (vs create-vite, same runs)' },
    { title: 'generation with git init + first commit (vs create-vite)', args: OURS, git: true, goal: 1.2, floor: 'generation floor with git: the same plus our 3 git commands (same runs)' },
    { title: 'generation, first run: empty compile cache (vs create-vite)', args: [...OURS, '--no-git'], git: false, goal: null, freshCache: true },
  ];
  const figures = [];
  for (const row of rows) {
    const ours = side('create-pyo3-async', `create-pyo3-async ${row.args.join(' ')}`, CLI, row.args, made(row.git), { freshCache: row.freshCache });
    const sides = await sideBySide({ ours, baseline: vite, also: row.floor ? [floor(row.git)] : [], runs, log });
    figures.push(compare({ id, title: row.title, sides, goal: row.goal === null ? null : { op: '<=', value: row.goal } }));
    if (row.floor) figures.push(compare({ id, title: row.floor, sides: { ours: sides.also[0], baseline: sides.baseline }, goal: null }));
  }
  return figures;
}
