#!/usr/bin/env node
/**
 * create-pyo3-async benchmarks: each figure runs our command and a baseline side by side and
 * reports medians, their ratio and whether the ratio meets its goal. See bench/README.md.
 *
 *   node bench/run.mjs [--only startup,generate,build,footprint,matrix] [--all] [--runs N] [--json] [--keep]
 *
 * Progress goes to stderr; stdout has only the table (or the JSON document).
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { makeScratch } from './lib/env.mjs';
import { formatJson, formatTable } from './lib/report.mjs';
import * as startup from './figures/startup.mjs';
import * as generate from './figures/generate.mjs';
import * as build from './figures/build.mjs';
import * as matrix from './figures/matrix.mjs';
import * as footprint from './figures/footprint.mjs';
import * as cache from './figures/cache.mjs';

const FIGURES = [startup, generate, build, cache, footprint, matrix];
// matrix compiles 16 projects (minutes): only on request.
const DEFAULT = ['startup', 'generate', 'build', 'cache', 'footprint'];

const USAGE = `usage: node bench/run.mjs [options]

  --only <ids>   comma-separated figures: ${FIGURES.map((f) => f.id).join(', ')}
                 (default: ${DEFAULT.join(', ')}; matrix takes many minutes)
  --all          every figure, matrix included
  --runs <n>     runs per side for each median (default 11; matrix always runs once)
  --json         print one JSON document instead of the table
  --keep         keep the scratch directory (generated projects) for inspection
  -h, --help     show this help
`;

function options() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      all: { type: 'boolean', default: false },
      runs: { type: 'string', default: '11' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  const wanted = values.all ? FIGURES.map((f) => f.id) : values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : DEFAULT;
  const unknown = wanted.filter((w) => !FIGURES.some((f) => f.id === w));
  if (unknown.length > 0) throw new Error(`unknown figure ${unknown.join(', ')}; known: ${FIGURES.map((f) => f.id).join(', ')}`);
  return { ...values, runs, figures: FIGURES.filter((f) => wanted.includes(f.id)) };
}

/** The 1-minute load average. */
const load = () => Math.round(loadavg()[0] * 100) / 100;

async function main() {
  let o;
  try {
    o = options();
  } catch (e) {
    process.stderr.write(`error: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  const scratch = await makeScratch();
  const cleanup = () => (o.keep ? process.stderr.write(`[bench] kept ${scratch.dir}\n`) : scratch.remove());
  // Ctrl-C reaches the children through the terminal's process group; tidy up and leave.
  process.once('SIGINT', async () => {
    await cleanup();
    process.exit(130);
  });

  const doc = {
    tool: 'create-pyo3-async bench',
    date: new Date().toISOString(),
    // Load at start and end: other work on the machine is the main source of noise.
    machine: { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length, load: { start: load(), end: null } },
    runs: o.runs,
    figures: [],
  };
  let failed = false;
  try {
    for (const figure of o.figures) {
      const log = (msg) => process.stderr.write(`[bench ${figure.id}] ${msg}\n`);
      try {
        doc.figures.push(...(await figure.run({ runs: o.runs, log, scratch })));
      } catch (e) {
        // One broken figure should not cost the others' minutes of measurement.
        failed = true;
        log(`FAILED: ${e.message}`);
        doc.figures.push({ id: figure.id, title: figure.id, kind: 'failed', reason: e.message.split('\n')[0] });
      }
    }
  } finally {
    doc.machine.load.end = load();
    await cleanup();
  }
  process.stdout.write(o.json ? formatJson(doc) : formatTable(doc));
  return failed ? 1 : 0;
}

process.exitCode = await main();
