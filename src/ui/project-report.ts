/** Text reports for doctor and the smoke test. */
import type { SmokeReport } from '../build/smoke.js';
import type { ProjectInfo } from '../project/read-project.js';
import type { ToolReport } from '../toolchain/probe.js';
import type { Ui } from './output.js';

export function printSmoke(ui: Ui, report: SmokeReport): void {
  const { c } = ui;
  ui.info(c.bold(`Smoke test: ${report.ok ? 'passed' : 'FAILED'}`));
  for (const check of report.checks) {
    const mark = check.ok ? c.green('✔') : c.red('✘');
    const time = check.seconds > 0 ? c.dim(` ${check.seconds.toFixed(2)}s`) : '';
    const detail = check.detail === null || check.ok ? '' : c.dim(` — ${check.detail}`);
    ui.info(`  ${mark} ${check.name}${time}${detail}`);
  }
}

const STATUS_TEXT: Record<ToolReport['status'], string> = {
  ok: 'ok',
  missing: 'MISSING',
  unsupported: 'TOO OLD/NEW',
  broken: 'BROKEN',
  optional: 'not installed (optional)',
};

export function printDoctor(ui: Ui, tools: readonly ToolReport[], project: ProjectInfo | undefined): void {
  const { c } = ui;
  ui.info(project === undefined ? 'Toolchain:' : `Toolchain for ${project.crateName} (${project.kind}, ${project.dir}):`);
  const width = Math.max(...tools.map((t) => t.name.length));
  for (const t of tools) {
    const mark = t.status === 'ok' ? c.green('✔') : t.required ? c.red('✘') : c.yellow('•');
    const status = t.status === 'ok' ? (t.version ?? '') : `${STATUS_TEXT[t.status]}${t.version === null ? '' : ` (${t.version})`}`;
    ui.info(`  ${mark} ${t.name.padEnd(width)}  ${status}${t.note === null ? '' : c.dim(`  ${t.note}`)}`);
    if (t.fix !== null) ui.info(`      ${c.cyan('→')} ${t.fix}`);
  }
}
