/** Runs the built CLI the way a user's shell would, without a terminal. */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const BIN = fileURLToPath(new URL('../../bin/create-pyo3-async.js', import.meta.url));

export interface CliRun {
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  const r = await execa(process.execPath, [BIN, ...args], {
    cwd,
    reject: false,
    stdin: 'ignore',
    env: { NO_COLOR: '1', ...env },
  });
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}
