/**
 * What running another program looks like to the rest of the code: a `Runner` is handed in
 * (index.ts gives the real one, tests may give a fake), so nothing but run-tool.ts needs execa.
 */
import type { Writable } from '../cli/io.js';

export interface ToolResult {
  /** undefined when the program could not be started or was killed. */
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  /** The program is not on PATH (or not at the given path). */
  readonly missing: boolean;
  readonly seconds: number;
}

export interface RunOptions {
  readonly cwd: string;
  readonly signal?: AbortSignal | undefined;
  /** The complete environment for the child: nothing is inherited that is not in it. */
  readonly env: NodeJS.ProcessEnv;
  /** Copy the child's output here as it comes (--verbose). */
  readonly stream?: Writable | undefined;
  /** false: only stderr is copied to `stream` (stdout is a machine-readable answer, e.g. cargo's JSON). */
  readonly streamStdout?: boolean;
}

export type Runner = (command: string, args: readonly string[], options: RunOptions) => Promise<ToolResult>;

/** The real runner, loaded on first use: a `--no-git` create starts no process and never pays for execa. */
export const realRunner: Runner = async (command, args, options) => (await import('./run-tool.js')).runTool(command, args, options);

/** The last `n` non-empty lines of a tool's output, for error messages. */
export function tail(text: string, n = 12): string[] {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
    .slice(-n);
}
