/**
 * Generation: writing a module project without prompts, against create-vite writing its
 * vanilla-ts template, the reference point users have for "a create-* tool". Both run as in CI:
 * no stdin, CI=true, into a fresh directory each time, and neither installs anything.
 *
 * Three rows: without git (create-vite makes no repository), with the default git init and first
 * commit, and a first run: the CLI's compile cache (src/boot.ts) empty, as `npm create` on a
 * new machine or after an upgrade finds it. The other rows use the cache the CLI keeps in the
 * user's cache directory, as every run after the first does.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, CREATE_VITE, NODE, ensureBenchDeps } from '../lib/env.mjs';
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

export async function run({ runs, log, scratch }) {
  await ensureBenchDeps(log);
  const env = { ...process.env, CI: 'true', ...GIT_IDENTITY };
  const side = (label, command, script, args, made, { unwanted, freshCache } = {}) => ({
    label,
    command,
    run: async () => {
      const cwd = await scratch.fresh(`gen-${label}`);
      const runEnv = freshCache ? { ...env, CREATE_PYO3_ASYNC_COMPILE_CACHE: await scratch.fresh('compile-cache') } : env;
      const r = await mustRun(label, NODE, [script, ...args], { cwd, env: runEnv });
      // A tool that silently did nothing (or installed packages) would make a meaningless figure.
      if (!existsSync(join(cwd, made))) throw new Error(`${label} did not write ${made}:\n${r.stdout}${r.stderr}`);
      if (unwanted && existsSync(join(cwd, unwanted))) throw new Error(`${label} wrote ${unwanted}: it installed dependencies`);
      return r.ms;
    },
  });
  const vite = side('create-vite', `create-vite ${VITE.join(' ')}`, CREATE_VITE, VITE, 'v/package.json', { unwanted: 'v/node_modules' });
  const rows = [
    ['generation (module vs create-vite vanilla-ts)', [...OURS, '--no-git'], 'p/Cargo.toml', {}, 0.9],
    // logs/HEAD is written by the first commit: a run that only initialised would not count.
    ['generation with git init + first commit (vs create-vite)', OURS, 'p/.git/logs/HEAD', {}, 1.2],
    ['generation, first run: empty compile cache (vs create-vite)', [...OURS, '--no-git'], 'p/Cargo.toml', { freshCache: true }, null],
  ];
  const figures = [];
  for (const [title, args, made, options, goal] of rows) {
    const ours = side('create-pyo3-async', `create-pyo3-async ${args.join(' ')}`, CLI, args, made, options);
    const sides = await sideBySide({ ours, baseline: vite, runs, log });
    figures.push(compare({ id, title, sides, goal: goal === null ? null : { op: '<=', value: goal } }));
  }
  return figures;
}
