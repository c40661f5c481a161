/** What a command may touch of the outside world; index.ts passes the real process, tests fakes. */
import type { Runner } from '../proc/runner.js';

export interface Writable {
  write(chunk: string): unknown;
}

export interface CliIO {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Whether a person can answer prompts (stdin and stdout are terminals). */
  readonly interactive: boolean;
  /** Whether stdout supports colour by itself (a TTY, no NO_COLOR). */
  readonly colorSupported: boolean;
  /** Whether stderr is a terminal, where a spinner may be drawn. */
  readonly stderrIsTTY?: boolean;
  /** The width of the terminal stderr is, when it is one: a spinner line must fit in it. */
  readonly stderrColumns?: number | undefined;
  readonly cwd: string;
  /** The working directory was deleted (process.cwd() failed): only --help and --version can run. */
  readonly cwdMissing?: boolean;
  /** Fires on Ctrl-C / SIGTERM; every step that can take time or write listens to it. */
  readonly signal: AbortSignal;
  /** The environment the CLI reads and hands to the tools it runs (default: empty). */
  readonly env?: NodeJS.ProcessEnv;
  /** Runs other programs (default: the real runner); a test can hand in a fake. */
  readonly run?: Runner;
}

/** What main() gives every command: the I/O with its defaults filled in, and the colour decision. */
export interface Context extends CliIO {
  readonly env: NodeJS.ProcessEnv;
  readonly run: Runner;
  readonly color: boolean;
}
