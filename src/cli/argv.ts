/**
 * Reading argv the way commander will, before or without a successful parse: which `--` ends our
 * flags, and which output flags (--json, --verbose, --no-color) stand as flags rather than as
 * the value of another (`--description --json` is a description). Errors must be reported in the
 * mode the user asked for even when parsing fails.
 */
import type { Command } from 'commander';
import { shellQuote } from '../core/escape.js';
import type { CommandName } from './command-names.js';

export interface OutputFlags {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly noColor: boolean;
}

/** Every option spelling, of the program and its commands, that takes a value. */
function valueOptions(program: Command): Set<string | undefined> {
  return new Set(
    [program, ...program.commands].flatMap((c) => c.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short])),
  );
}

/** Where the `--` that ends our flags is: not one that is the value of a flag (`--description --`). */
export function separatorIndex(argv: readonly string[], program: Command): number {
  const takesValue = valueOptions(program);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return i;
    if (takesValue.has(argv[i])) i += 1;
  }
  return -1;
}

/** The words that are neither flags nor flag values: the command (if any) comes first. */
export function positionals(argv: readonly string[], program: Command): string[] {
  const takesValue = valueOptions(program);
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (takesValue.has(arg)) i += 1;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  return words;
}

export function outputFlags(argv: readonly string[], program: Command): OutputFlags {
  const takesValue = valueOptions(program);
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (takesValue.has(arg)) i += 1;
    else seen.add(arg);
  }
  return { json: seen.has('--json'), verbose: seen.has('--verbose'), noColor: seen.has('--no-color') };
}

export const helpHint = (command: CommandName | undefined) => `run create-pyo3-async${command === undefined ? '' : ` ${command}`} --help for the flags`;

/**
 * The hint for a flag commander does not know: the command's own help and what was meant; for a
 * create flag given to a command (`dev --name x`), how to create a project in a directory of that name.
 */
export function unknownOptionHint(message: string, meant: string, command: CommandName | undefined, program: Command, argv: readonly string[]): string {
  const help = helpHint(command);
  const base = meant === '' ? help : `${meant} (${help})`;
  const flag = /unknown option '([^']+)'/.exec(message)?.[1];
  if (command === undefined || flag === undefined) return base;
  const createFlag = program.options.some((o) => o.long === flag.split('=')[0] || o.short === flag);
  if (!createFlag) return base;
  const rest = argv.filter((a) => a !== command).map(shellQuote).join(' ');
  return `${flag} is a flag for creating a project and \`${command}\` is a command (${help}); to create a project in a directory named ${command}, run create-pyo3-async ./${command} ${rest}`.trimEnd();
}
