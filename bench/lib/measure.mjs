/**
 * Timing primitives. Every figure compares a command of ours with a baseline command, so both
 * sides are sampled alternately in one loop: machine noise (other builds, thermal drift, cache
 * state) then hits both sides alike, and the ratio of the medians stays meaningful even when
 * the absolute times do not.
 */
import { spawn } from 'node:child_process';

/**
 * Runs a program and returns its exit code, output and wall time in milliseconds.
 * Plain spawn rather than execa: whatever the runner adds is counted on both sides, and a
 * constant added to both pulls every ratio towards 1, so the runner is kept as thin as it gets.
 */
export function timed(command, args, { cwd, env, capture = true } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let ms;
    const child = spawn(command, args, {
      cwd,
      env,
      // No stdin: a tool that wanted to prompt must fail rather than hang (or wait on our terminal).
      stdio: ['ignore', capture ? 'pipe' : 'ignore', capture ? 'pipe' : 'ignore'],
    });
    const out = [];
    const err = [];
    child.stdout?.on('data', (b) => out.push(b));
    child.stderr?.on('data', (b) => err.push(b));
    child.on('error', reject);
    // Time stops at exit; draining the pipes afterwards is not the program's cost.
    child.on('exit', () => {
      ms = Number(process.hrtime.bigint() - start) / 1e6;
    });
    child.on('close', (code, signal) => {
      resolve({
        code,
        signal,
        ms,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Like timed, but a non-zero exit is an error carrying the last lines of output. */
export async function mustRun(label, command, args, options) {
  const r = await timed(command, args, options);
  if (r.code !== 0) {
    const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${label} failed (exit ${r.code ?? r.signal}): ${command} ${args.join(' ')}\n${tail}`);
  }
  return r;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Samples two sides alternately, `runs` times each, after one discarded warm-up of each (the
 * first run pays for cold disk caches and lazy compilation the others do not). The order flips
 * every round (ABBA...) so neither side always runs right after the other.
 *
 * A side is { label, command: string shown to the reader, run: async () => milliseconds }.
 * `also` are more sides sampled in the same rounds (the order of all of them flips), for
 * figures that compare them with the same baseline samples; they come back in `also`.
 */
export async function sideBySide({ ours, baseline, also = [], runs, log }) {
  const sides = [ours, baseline, ...also];
  const samples = sides.map(() => []);
  log(`warm-up: ${sides.map((s) => s.label).join(' / ')}`);
  for (const side of sides) await side.run();
  const forward = sides.map((_, k) => k);
  const backward = [...forward].reverse();
  for (let i = 0; i < runs; i++) {
    for (const k of i % 2 === 0 ? forward : backward) samples[k].push(await sides[k].run());
    log(`run ${i + 1}/${runs}: ${sides.map((s, k) => `${k === 0 ? 'ours' : k === 1 ? 'baseline' : s.label} ${fmtMs(samples[k].at(-1))}`).join(', ')}`);
  }
  const summary = (k) => ({
    label: sides[k].label,
    command: sides[k].command,
    median: median(samples[k]),
    min: Math.min(...samples[k]),
    max: Math.max(...samples[k]),
    samples: samples[k].map(round),
  });
  return { ours: summary(0), baseline: summary(1), also: also.map((_, j) => summary(j + 2)) };
}

const round = (ms) => Math.round(ms * 10) / 10;

/** 12.3 ms, 1.23 s, 4m 05s: precision that matches what the noise allows. */
export function fmtMs(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/** Decimal units, as npm prints them. */
export function fmtBytes(n) {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  return `${(n / 1e6).toFixed(2)} MB`;
}
