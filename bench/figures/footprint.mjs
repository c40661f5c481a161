/**
 * Install footprint: what `npx create-pyo3-async` downloads before it can start, i.e. the
 * tarball and every runtime dependency it pulls. Measured on the package as it would be
 * published from this checkout.
 *
 * Scripts are skipped (--ignore-scripts): `prepack` would rebuild dist/ in the middle of the
 * bench (and under anyone editing src/); the figure is for dist/ as built, so build first.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../lib/env.mjs';
import { fmtBytes, mustRun } from '../lib/measure.mjs';

export const id = 'footprint';

const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

export async function run({ log, scratch }) {
  log('npm pack --dry-run --json');
  const dry = await mustRun('npm pack --dry-run', 'npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
  const [info] = JSON.parse(dry.stdout);

  const packDir = await scratch.fresh('pack');
  const packed = await mustRun('npm pack', 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: ROOT });
  const tarball = join(packDir, JSON.parse(packed.stdout)[0].filename);

  // An empty project, so every installed package is one the tarball pulled in.
  const project = await scratch.fresh('install');
  await writeFile(join(project, 'package.json'), '{ "name": "footprint", "private": true }\n');
  log(`npm install --omit=dev ${tarball}`);
  const install = await mustRun('npm install', 'npm', ['install', '--omit=dev', ...NPM_QUIET, tarball], { cwd: project });
  const lock = JSON.parse(await readFile(join(project, 'node_modules', '.package-lock.json'), 'utf8'));
  const deps = Object.keys(lock.packages).filter((p) => p !== '' && p !== 'node_modules/create-pyo3-async');

  return [
    {
      id,
      title: 'install footprint',
      kind: 'values',
      values: [
        { label: 'packed tarball', value: info.size, text: fmtBytes(info.size) },
        { label: 'unpacked', value: info.unpackedSize, text: `${fmtBytes(info.unpackedSize)} in ${info.entryCount} files` },
        { label: 'runtime dependency packages', value: deps.length, text: String(deps.length) },
      ],
      // The list and the install time (network and npm-cache dependent, so not a figure) for the curious.
      extra: { dependencies: deps.map((p) => p.replace(/^.*node_modules\//, '')).sort(), installMs: Math.round(install.ms) },
    },
  ];
}
