/** Runs the built CLI the way a user's shell would, without a terminal. */
import { fileURLToPath } from 'node:url';
import { execa, type Result } from 'execa';

export const BIN = fileURLToPath(new URL('../../bin/create-pyo3-async.js', import.meta.url));

export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Result> {
  return execa(process.execPath, [BIN, ...args], {
    cwd,
    reject: false,
    stdin: 'ignore',
    env: { NO_COLOR: '1', ...env },
  });
}
