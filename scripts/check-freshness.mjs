#!/usr/bin/env node
// Compares the version table (as `create-pyo3-async list --json` reports it) with the newest
// releases on crates.io, PyPI and GitHub, and fails naming every pin that is behind. Run by this
// repository's weekly workflow, not by the tests: its answer changes whenever upstream releases.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { behind, newestStable, pinsOf } from './freshness-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const list = JSON.parse(execFileSync(process.execPath, [join(root, 'bin', 'create-pyo3-async.js'), 'list', '--json'], { encoding: 'utf8' }));
const pins = pinsOf(list);

const headers = { 'user-agent': 'create-pyo3-async freshness check', accept: 'application/json' };
if (process.env.GITHUB_TOKEN) headers.authorization = `Bearer ${process.env.GITHUB_TOKEN}`;

/** The path of a crate in crates.io's sparse index, the one cargo itself reads. */
function indexPath(name) {
  const n = name.toLowerCase();
  if (n.length <= 2) return `${n.length}/${n}`;
  if (n.length === 3) return `3/${n[0]}/${n}`;
  return `${n.slice(0, 2)}/${n.slice(2, 4)}/${n}`;
}

async function newestOf(pin) {
  const url = {
    crate: `https://index.crates.io/${indexPath(pin.name)}`,
    pypi: `https://pypi.org/pypi/${pin.name}/json`,
    action: `https://api.github.com/repos/${pin.name}/releases/latest`,
  }[pin.kind];
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  if (pin.kind === 'crate') return newestStable((await response.text()).split('\n'));
  const body = await response.json();
  return pin.kind === 'pypi' ? body.info.version : body.tag_name;
}

const newest = new Map();
const failures = [];
for (const pin of pins) {
  try {
    newest.set(`${pin.kind}:${pin.name}`, await newestOf(pin));
  } catch (error) {
    failures.push(`${pin.kind} ${pin.name}: could not ask (${error.message})`);
  }
}
const stale = behind(pins, newest);
for (const line of [...stale, ...failures]) console.log(line);
console.log(`${pins.length} pins checked, ${stale.length} behind, ${failures.length} not answered`);
process.exitCode = stale.length > 0 || failures.length > 0 ? 1 : 0;
