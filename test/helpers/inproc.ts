/** Runs main() in this process with a fake CliIO: the fast way to drive the CLI many times. */
import { main } from '../../src/main.js';
import type { Runner } from '../../src/proc/runner.js';

export interface MainRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runMain(
  argv: readonly string[],
  cwd: string,
  options: {
    env?: NodeJS.ProcessEnv;
    signal?: AbortSignal;
    interactive?: boolean;
    run?: Runner;
    /** As on a terminal: stdout supports colour, stderr can draw a spinner this wide. */
    terminal?: { readonly columns: number };
  } = {},
): Promise<MainRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    {
      stdout: { write: (s: string) => void (stdout += s) },
      stderr: { write: (s: string) => void (stderr += s) },
      interactive: options.interactive ?? false,
      colorSupported: options.terminal !== undefined,
      stderrIsTTY: options.terminal !== undefined,
      stderrColumns: options.terminal?.columns,
      cwd,
      signal: options.signal ?? new AbortController().signal,
      // Without a HOME of its own a test must not fill the real one's build cache.
      env: { ...(options.env?.HOME === undefined ? { CREATE_PYO3_ASYNC_BUILD_CACHE: '0' } : {}), ...options.env },
      ...(options.run === undefined ? {} : { run: options.run }),
    },
  );
  return { code, stdout, stderr };
}

/**
 * The error format the README promises: one `error:` line, optional `|` detail lines, an
 * optional `hint:` line, and never a JavaScript stack trace. Returns a reason when it is not.
 */
export function errorFormatProblem(stderr: string): string | undefined {
  const lines = stderr.replace(/\n$/, '').split('\n').filter((l) => !l.startsWith('warning: '));
  if (lines.length === 0 || !/^error: \S/.test(lines[0]!)) return `first line is not "error: ...": ${JSON.stringify(lines[0])}`;
  const rest = lines.slice(1);
  const hints = rest.filter((l) => l.startsWith('hint: '));
  if (hints.length > 1) return 'more than one hint line';
  if (rest.some((l) => !l.startsWith('hint: ') && !l.startsWith('  | '))) return `unexpected line: ${JSON.stringify(rest.find((l) => !l.startsWith('hint: ') && !l.startsWith('  | ')))}`;
  if (/\n\s+at \S+ \(|\n\s+at file:|Error: .*\n\s+at /.test(stderr)) return 'contains a stack trace';
  return undefined;
}
