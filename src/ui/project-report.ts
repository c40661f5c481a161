/** Reports of dev, smoke and doctor: their JSON documents and their text. */
import type { Writable } from '../cli/io.js';
import type { DevReport } from '../develop/pipeline.js';
import type { SmokeReport } from '../develop/smoke.js';
import type { ProjectInfo } from '../project/read-project.js';
import type { ToolReport } from '../toolchain/probe.js';
import type { Ui } from './output.js';

const about = (project: ProjectInfo) => ({ dir: project.dir, kind: project.kind, name: project.crateName });

/** dev and smoke: the JSON document, or the smoke checks (or what was built) and the failed check. */
export function printDevReport(ui: Ui, out: { readonly stdout: Writable; readonly stderr: Writable }, json: boolean, report: DevReport): void {
  const { project, venv, smoke } = report;
  if (json) {
    const doc = { ok: report.ok, project: about(project), venv: venv?.dir ?? null, buildCache: report.buildCache?.dir ?? null, rebuild: report.rebuild ?? null, steps: report.steps, smoke: smoke ?? null };
    out.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else if (smoke !== undefined) {
    printSmoke(ui, smoke);
  } else {
    ui.info(`${ui.c.green('✔')} built ${project.crateName}${venv === undefined ? '' : ` into ${venv.dir}`} (smoke test skipped)`);
  }
  const failed = smoke?.checks.find((c) => !c.ok);
  if (failed !== undefined && !json) {
    out.stderr.write(`${ui.c.red('error:')} smoke check failed: ${failed.name}${failed.detail === null ? '' : `: ${failed.detail}`}\n`);
  }
}

export function doctorJson(ok: boolean, tools: readonly ToolReport[], project: ProjectInfo | undefined, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ ok, project: project === undefined ? null : about(project), tools, ...extra }, null, 2)}\n`;
}

export function printSmoke(ui: Ui, report: SmokeReport): void {
  const { c } = ui;
  const skipped = report.checks.some((check) => check.skipped === true);
  ui.info(c.bold(`Smoke test: ${report.ok ? 'passed' : 'FAILED'}${skipped ? ' (some checks skipped)' : ''}`));
  for (const check of report.checks) {
    const mark = check.skipped === true ? c.yellow('-') : check.ok ? c.green('✔') : c.red('✘');
    const time = check.seconds > 0 ? c.dim(` ${check.seconds.toFixed(2)}s`) : '';
    const detail = check.detail === null || (check.ok && check.skipped !== true) ? '' : c.dim(` — ${check.detail}`);
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
