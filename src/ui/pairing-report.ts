/** doctor's lines on the pyo3 / bridge pairing of a project. */
import type { PairingFinding } from '../core/pairing.js';
import type { Ui } from './output.js';

export function printPairing(ui: Ui, findings: readonly PairingFinding[]): void {
  const { c } = ui;
  ui.info('PyO3 pairing (Cargo.toml, Cargo.lock):');
  for (const f of findings) {
    const mark = f.status === 'ok' ? c.green('✔') : f.status === 'mismatch' ? c.red('✘') : c.yellow('•');
    ui.info(`  ${mark} ${f.message}`);
    if (f.fix !== null) ui.info(`      ${c.cyan('→')} ${f.fix}`);
  }
}
