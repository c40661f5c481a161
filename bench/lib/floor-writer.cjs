/**
 * The floor of generation: a process that does nothing but write a project's files, given as
 * a JSON manifest (path -> text) the bench made from our own output, and with --git runs the
 * same three git commands src/git/git-init.ts runs, spawned directly. No tool can write those
 * files (or make that commit) for less, so the generate figure's floor rows show how much of
 * create-vite's time is left for everything else a generator does: load, parse flags, render.
 *
 * CommonJS, synchronous calls and no dependency: the cheapest a Node process gets.
 *
 *   node floor-writer.cjs <manifest.json> <dir> [--git]
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const [manifest, dir, git] = process.argv.slice(2);
const files = JSON.parse(readFileSync(manifest, 'utf8'));
for (const [path, text] of Object.entries(files)) {
  const to = join(dir, ...path.split('/'));
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, text, { flag: 'wx' });
}
if (git === '--git') {
  const commands = [
    ['init', '--quiet'],
    ['add', '--', ...Object.keys(files)],
    ['-c', 'maintenance.auto=false', 'commit', '--quiet', '--no-verify', '-m', 'Initial commit from create-pyo3-async'],
  ];
  for (const args of commands) {
    const r = spawnSync('git', args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) process.exit(1);
  }
}
