/** The list command: every option, its allowed values, every variant and what it pins. */
import type { Context } from '../cli/io.js';
import { listDocument } from '../core/list-document.js';
import { EXIT } from '../errors.js';
import { printList } from '../ui/list-report.js';
import { createUi } from '../ui/output.js';

export function runList(flags: { readonly json: boolean }, io: Context): number {
  const doc = listDocument();
  if (flags.json) io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  else printList(createUi(io.stdout, io.stderr, io.color, false), doc);
  return EXIT.ok;
}
