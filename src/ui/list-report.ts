/** The human form of `list`: options with their values, then one line per variant. */
import type { ListDocument } from '../core/list-document.js';
import type { Ui } from './output.js';

const show = (v: unknown): string => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));

function values(v: unknown): string {
  if (Array.isArray(v)) return v.map(show).join(' | ');
  return Object.entries(v as Record<string, unknown>)
    .map(([stack, list]) => `${stack}: ${Array.isArray(list) ? list.map(show).join(', ') : show(list)}`)
    .join('; ');
}

export function printList(ui: Ui, doc: ListDocument): void {
  const { c } = ui;
  ui.info(c.bold('Options'));
  const flagWidth = Math.max(...doc.options.map((o) => o.flag.length));
  for (const o of doc.options) {
    const only = 'kinds' in o && o.kinds !== undefined ? `${o.kinds.join(', ')}s only; ` : '';
    ui.info(`  ${o.flag.padEnd(flagWidth)}  ${values(o.values)}  ${c.dim(`(${only}default ${values(typeof o.default === 'object' ? o.default : [o.default])})`)}`);
  }
  ui.info();
  ui.info(c.bold(`Variants (${doc.variants.length})`));
  const idWidth = Math.max(...doc.variants.map((v) => v.id.length));
  for (const v of doc.variants) {
    const crates = Object.entries(v.versions.crates)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ');
    ui.info(`  ${v.id.padEnd(idWidth)}  ${crates}; rust ${v.versions.rustVersion}; python ${v.versions.python['requires-python']}`);
  }
  ui.info();
  ui.info(c.bold(`Patterns (${doc.patterns.length})`) + c.dim('  create --with <names|all>, or add <names|all> [dir]'));
  const nameWidth = Math.max(...doc.patterns.map((p) => p.name.length));
  for (const p of doc.patterns) {
    for (const [i, form] of p.forms.entries()) {
      const where = `${form.kind} · ${form.runtimes.join(', ')} · ${form.stacks.join(', ')} stack`;
      ui.info(`  ${(i === 0 ? p.name : '').padEnd(nameWidth)}  ${where}: ${form.api}`);
      ui.info(`  ${' '.repeat(nameWidth)}  ${c.dim(form.summary)}`);
    }
  }
}
