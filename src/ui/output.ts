/** Text and JSON reporting for the create command; streams and colour are injected. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Writable } from '../cli/io.js';

export interface Ui {
  readonly c: ChalkInstance;
  info(line?: string): void;
  warn(line: string): void;
}

export function createUi(stdout: Writable, stderr: Writable, color: boolean, quiet: boolean): Ui {
  const c = new Chalk({ level: color ? 1 : 0 });
  return {
    c,
    info: (line = '') => {
      if (!quiet) stdout.write(`${line}\n`);
    },
    // Warnings go to stderr even in --json mode, so stdout stays one JSON document.
    warn: (line) => {
      stderr.write(`${c.yellow('warning:')} ${line}\n`);
    },
  };
}
