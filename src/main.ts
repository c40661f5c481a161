/** main(argv, io) -> exit code: dispatches the command and is the one place errors become exit codes. */
import type { OutputFlags } from './cli/argv.js';
import type { CliIO, Context } from './cli/io.js';
import { parseCommandLine } from './cli/program.js';
import { CliError, EXIT } from './errors.js';
import { PACKAGE_VERSION } from './package-version.js';
import { realRunner } from './proc/runner.js';

// Errors that mean the user stopped us: inquirer's Ctrl-C / abort, and our own signal.
const CANCEL_NAMES = new Set(['ExitPromptError', 'AbortPromptError', 'AbortError', 'CancelledError']);

/** Colour unless asked not to: --no-color, --json, NO_COLOR, FORCE_COLOR=0, TERM=dumb, or not a terminal. */
export function useColor(output: OutputFlags, io: Pick<CliIO, 'colorSupported'>, env: NodeJS.ProcessEnv): boolean {
  if (output.noColor || output.json) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.TERM === 'dumb') return false;
  return io.colorSupported;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const env = io.env ?? {};
  const line = parseCommandLine(argv, PACKAGE_VERSION);
  const color = useColor(line.output, io, env);
  // io as the prototype, not spread: a spread would read every getter index.ts gives it, and
  // making process.stdin or stderr costs start-up time that --help does not need.
  const ctx: Context = Object.assign(Object.create(io) as CliIO, { env, run: io.run ?? realRunner, color });
  try {
    if (line.error !== undefined) throw line.error;
    const parsed = line.result!;
    if (parsed.command === 'info') {
      io.stdout.write(parsed.text);
      return EXIT.ok;
    }
    if (io.cwdMissing === true) {
      throw new CliError('the current directory no longer exists (it was deleted or moved)', {
        hint: 'cd into an existing directory, then run again',
      });
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
      case 'upgrade':
        return await (await import('./commands/upgrade.js')).runUpgrade(parsed.flags, ctx);
      case 'add':
        return await (await import('./commands/add.js')).runAdd(parsed.flags, ctx);
    }
  } catch (error) {
    return await reportError(error, line.output, io, color);
  }
}

/** `name: message` for an error and each of its causes: what --verbose adds, without stack frames. */
function causeChain(err: Error): string[] {
  const lines: string[] = [];
  for (let cause: unknown = err.cause; cause !== undefined && lines.length < 10; cause = cause instanceof Error ? cause.cause : undefined) {
    const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? ` (${cause.code})` : '';
    lines.push(`caused by ${text.split('\n')[0]}${code}`);
  }
  return lines;
}

async function reportError(error: unknown, output: OutputFlags, io: CliIO, color: boolean): Promise<number> {
  const { createUi } = await import('./ui/output.js');
  const { c } = createUi(io.stdout, io.stderr, color, true);
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
    message = `internal error: ${err.name}: ${err.message}`;
    hint = 'please report this with the command you ran and the output of --verbose';
  }
  const causes = output.verbose ? causeChain(err) : [];
  io.stderr.write(`${c.red('error:')} ${message.split('\n')[0]}\n`);
  for (const line of [...details, ...causes]) io.stderr.write(`  ${c.dim('|')} ${line}\n`);
  if (hint !== undefined) io.stderr.write(`${c.dim('hint:')} ${hint}\n`);
  if (output.json) {
    const doc = { ok: false, error: { message, hint: hint ?? null, exitCode, details, causes } };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  }
  return exitCode;
}
