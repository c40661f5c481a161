/** The two outputs: a table for people (stdout) and one JSON document for tools (--json). */
import { fmtMs } from './measure.mjs';

const goalText = (goal) => (goal ? `${goal.op === '<=' ? '≤' : '<'} ${goal.value}` : '—');
const metText = (met) => (met === null ? '—' : met ? 'yes' : 'NO');
const range = (side) => (side.samples.length > 1 ? ` [${fmtMs(side.min)} – ${fmtMs(side.max)}]` : '');

function rows(figures) {
  const out = [];
  for (const f of figures) {
    if (f.kind === 'ratio') {
      out.push([f.title, fmtMs(f.ours.median), fmtMs(f.baseline.median), f.ratio.toFixed(3), goalText(f.goal), metText(f.met)]);
    } else if (f.kind === 'values') {
      for (const v of f.values) out.push([`${f.title}: ${v.label}`, v.text, '', '', '', '']);
    } else {
      out.push([f.title, `${f.kind}: ${f.reason}`]);
    }
  }
  return out;
}

function table(header, body) {
  // Rows with fewer cells (skipped, failed) span the rest of the line and do not set widths.
  const full = [header, ...body.filter((r) => r.length === header.length)];
  const widths = header.map((_, i) => Math.max(...full.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function formatTable(doc) {
  const m = doc.machine;
  const sampled = doc.figures.some((f) => f.kind === 'ratio' && f.id !== 'matrix');
  const runs = [sampled ? `median of ${doc.runs} runs per side` : '', doc.figures.some((f) => f.id === 'matrix') ? 'matrix: one run' : '']
    .filter(Boolean)
    .join(', ');
  const head = `create-pyo3-async bench · node ${m.node} · ${m.platform} ${m.arch} · ${m.cpus} CPUs · load ${m.load.start} → ${m.load.end}${runs ? ` · ${runs}` : ''}`;
  const body = table(['figure', 'ours', 'baseline', 'ratio', 'goal', 'met'], rows(doc.figures));
  const legend = ['', 'ratio = ours / baseline (medians); [min – max] of the runs:'];
  for (const f of doc.figures.filter((x) => x.kind === 'ratio')) {
    legend.push(`  ${f.title}`);
    legend.push(`    ours:     ${f.ours.command}${range(f.ours)}`);
    legend.push(`    baseline: ${f.baseline.command}${range(f.baseline)}`);
    if (f.extra?.compiled) legend.push(`    crates compiled: shared ${f.extra.compiled.shared}, fresh ${f.extra.compiled.fresh}; one run, not a median`);
  }
  return `${head}\n\n${body}\n${legend.join('\n')}\n`;
}

export const formatJson = (doc) => `${JSON.stringify(doc, null, 2)}\n`;
