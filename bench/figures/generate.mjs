/**
 * Generation: writing a module project without prompts, against create-vite writing its
 * vanilla-ts template, the reference point users have for "a create-* tool". Both run as in CI:
 * no stdin, CI=true, into a fresh directory each time, and neither installs anything.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, CREATE_VITE, NODE, ensureBenchDeps } from '../lib/env.mjs';
import { compare } from '../lib/compare.mjs';
import { mustRun, sideBySide } from '../lib/measure.mjs';

export const id = 'generate';

const OURS = ['p', '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '-y', '--no-git'];
// create-vite 9: --no-interactive skips every prompt, --no-immediate skips `npm install` and the
// dev server. It joins the directory to its cwd (an absolute path would be nested), so both tools
// get a relative directory inside a fresh cwd.
const VITE = ['v', '--template', 'vanilla-ts', '--no-interactive', '--no-immediate'];

export async function run({ runs, log, scratch }) {
  await ensureBenchDeps(log);
  const env = { ...process.env, CI: 'true' };
  const side = (label, command, script, args, made, unwanted) => ({
    label,
    command,
    run: async () => {
      const cwd = await scratch.fresh(`gen-${label}`);
      const r = await mustRun(label, NODE, [script, ...args], { cwd, env });
      // A tool that silently did nothing (or installed packages) would make a meaningless figure.
      if (!existsSync(join(cwd, made))) throw new Error(`${label} did not write ${made}:\n${r.stdout}${r.stderr}`);
      if (unwanted && existsSync(join(cwd, unwanted))) throw new Error(`${label} wrote ${unwanted}: it installed dependencies`);
      return r.ms;
    },
  });
  const sides = await sideBySide({
    ours: side('create-pyo3-async', `create-pyo3-async ${OURS.join(' ')}`, CLI, OURS, 'p/Cargo.toml'),
    baseline: side('create-vite', `create-vite ${VITE.join(' ')}`, CREATE_VITE, VITE, 'v/package.json', 'v/node_modules'),
    runs,
    log,
  });
  return [compare({ id, title: 'generation (module vs create-vite vanilla-ts)', sides, goal: { op: '<=', value: 0.9 } })];
}
