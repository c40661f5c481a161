/** main(argv, io) -> exit code: dispatches the command and is the one place errors become exit codes. */
import { createRequire } from 'node:module';
import type { CliIO } from './cli/io.js';
import { parseArgs } from './cli/program.js';
import { runCreate } from './commands/create.js';
import { runDev, runDoctor, runSmoke } from './commands/project-commands.js';
import { CliError, EXIT } from './errors.js';
import { createUi } from './ui/output.js';

export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

// Errors that mean the user stopped us: inquirer's Ctrl-C / abort, and our own signal.
const CANCEL_NAMES = new Set(['ExitPromptError', 'AbortPromptError', 'AbortError', 'CancelledError']);

function useColor(argv: readonly string[], io: CliIO, env: NodeJS.ProcessEnv): boolean {
  if (argv.includes('--no-color') || argv.includes('--json')) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return io.colorSupported;
}

export async function main(argv: readonly string[], io: CliIO, env: NodeJS.ProcessEnv = {}): Promise<number> {
  const color = useColor(argv, io, env);
  try {
    if (argv.includes('--uvloop') && argv.includes('--no-uvloop')) {
      throw new CliError('--uvloop and --no-uvloop contradict each other', {
        exitCode: EXIT.usage,
        hint: 'pass one of them',
      });
    }
    const parsed = parseArgs(argv, VERSION);
    if (parsed.command === 'info') {
      io.stdout.write(parsed.text);
      return EXIT.ok;
    }
    switch (parsed.command) {
      case 'create':
        return await runCreate(parsed.flags, io, color, env);
      case 'dev':
        return await runDev(parsed.flags, io, env, color);
      case 'smoke':
        return await runSmoke(parsed.flags, io, env, color);
      case 'doctor':
        return await runDoctor(parsed.flags, io, env, color);
    }
  } catch (error) {
    return reportError(error, argv, io, color);
  }
}

function reportError(error: unknown, argv: readonly string[], io: CliIO, color: boolean): number {
  const ui = createUi(io.stdout, io.stderr, color, true);
  const { c } = ui;
  const err = error instanceof Error ? error : new Error(String(error));
  let exitCode: number;
  let message: string;
  let hint: string | undefined;
  let details: readonly string[] = [];
  if (err instanceof CliError) {
    ({ exitCode, message, hint, details } = err);
  } else if (CANCEL_NAMES.has(err.name) || io.signal.aborted) {
    exitCode = EXIT.cancelled;
    message = 'cancelled; nothing was written';
  } else if ('code' in err && typeof err.code === 'string') {
    // A file system error (EACCES, ENOSPC, ...): Node's message already names the path.
    exitCode = EXIT.failed;
    message = err.message;
    hint = 'nothing was left half-written; fix the cause and run again';
  } else {
    exitCode = EXIT.failed;
    message = `internal error: ${err.message}`;
    hint = 'please report this with the output of --verbose';
  }
  io.stderr.write(`${c.red('error:')} ${message}\n`);
  for (const line of details) io.stderr.write(`  ${c.dim('|')} ${line}\n`);
  if (hint !== undefined) io.stderr.write(`${c.dim('hint:')} ${hint}\n`);
  if (argv.includes('--verbose')) {
    for (let cause: unknown = err; cause instanceof Error; cause = cause.cause) {
      io.stderr.write(`${c.dim(cause.stack ?? String(cause))}\n`);
    }
  }
  if (argv.includes('--json')) {
    io.stdout.write(`${JSON.stringify({ ok: false, error: { message, hint: hint ?? null, exitCode, details } }, null, 2)}\n`);
  }
  return exitCode;
}
