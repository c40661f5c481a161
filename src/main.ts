/** main(argv, io) -> exit code: dispatches the command and is the one place errors become exit codes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIO, Context } from './cli/io.js';
import { parseArgs } from './cli/program.js';
import { CliError, EXIT } from './errors.js';
import { PACKAGE_ROOT } from './package-root.js';
import { realRunner } from './proc/runner.js';

const VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

// Errors that mean the user stopped us: inquirer's Ctrl-C / abort, and our own signal.
const CANCEL_NAMES = new Set(['ExitPromptError', 'AbortPromptError', 'AbortError', 'CancelledError']);

function useColor(argv: readonly string[], io: CliIO, env: NodeJS.ProcessEnv): boolean {
  if (argv.includes('--no-color') || argv.includes('--json')) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return io.colorSupported;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const env = io.env ?? {};
  const color = useColor(argv, io, env);
  const ctx: Context = { ...io, env, run: io.run ?? realRunner, color };
  try {
    const parsed = parseArgs(argv, VERSION);
    if (parsed.command === 'info') {
      io.stdout.write(parsed.text);
      return EXIT.ok;
    }
    // Commands load on demand: --help and --version never pay for prompts, templates or execa.
    switch (parsed.command) {
      case 'create':
        return await (await import('./commands/create.js')).runCreate(parsed.flags, ctx);
      case 'dev':
        return await (await import('./commands/dev.js')).runDev(parsed.flags, ctx);
      case 'smoke':
        return await (await import('./commands/smoke.js')).runSmoke(parsed.flags, ctx);
      case 'doctor':
        return await (await import('./commands/doctor.js')).runDoctor(parsed.flags, ctx);
      case 'list':
        return (await import('./commands/list.js')).runList(parsed.flags, ctx);
      case 'matrix':
        return await (await import('./commands/matrix.js')).runMatrix(parsed.flags, ctx);
      case 'add':
        return await (await import('./commands/add.js')).runAdd(parsed.flags, ctx);
    }
  } catch (error) {
    return await reportError(error, argv, io, color);
  }
}

async function reportError(error: unknown, argv: readonly string[], io: CliIO, color: boolean): Promise<number> {
  const { createUi } = await import('./ui/output.js');
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
