/** The add command's flags: defined here so program.ts only declares and dispatches it. */
import type { Command } from 'commander';
import { isPatternName } from '../core/patterns/definitions.js';

export interface AddFlags {
  /** Pattern names (or `all`, or comma-separated lists), as given. */
  readonly patterns: readonly string[];
  readonly dir: string;
  readonly dryRun: boolean;
  readonly json: boolean;
}

export function defineAdd(program: Command): void {
  program
    .command('add')
    .description('add patterns (class, stream, blocking, callback, native, or all) to a generated project in [dir] (default .)')
    .argument('<pattern...>', 'pattern names, then optionally the project directory (./name if it is named like a pattern)')
    .option('--dry-run', 'print the files it would create and change, and write nothing', false)
    .option('--json', 'print one JSON document on stdout', false)
    .option('--no-color', 'disable coloured output');
}

/** `add`'s arguments: pattern names, and a last one that is the directory unless it names patterns. */
export function addArguments(args: readonly string[]): { patterns: string[]; dir: string } {
  const last = args[args.length - 1]!;
  const names = last.split(',').map((n) => n.trim());
  const isPatternList = names.every((n) => n === 'all' || isPatternName(n));
  if (args.length > 1 && !isPatternList) return { patterns: args.slice(0, -1), dir: last };
  return { patterns: [...args], dir: '.' };
}
