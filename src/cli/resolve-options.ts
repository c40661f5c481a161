/**
 * Flags + (only when interactive) answers -> validated options and the target directory.
 * The `Asker` is injected so this runs unchanged under tests with scripted answers.
 */
import { basename, resolve } from 'node:path';
import { DEFAULTS, defaultDescription, type Kind, type ProjectOptions, type Runtime, type Stack } from '../core/options.js';
import { stackLabel } from '../core/labels.js';
import { descriptionProblem, nameProblem, suggestName, toModuleName } from '../core/names.js';
import { findPair, STACK_TABLE, stackVersions, supportedPyo3 } from '../core/versions.js';
import { usageError } from '../errors.js';
import { applicablePatterns, type PatternName } from '../core/patterns/definitions.js';
import { resolvePatternNames } from './pattern-names.js';
import type { CreateFlags } from './create-flags.js';

export interface Asker {
  kind(defaultValue: Kind): Promise<Kind>;
  name(defaultValue: string, validate: (value: string) => string | true): Promise<string>;
  runtime(defaultValue: Runtime): Promise<Runtime>;
  uvloop(defaultValue: boolean): Promise<boolean>;
  stack(defaultValue: Stack): Promise<Stack>;
  /** Which of `choices` to add (a multi-select; none by default). */
  patterns(choices: readonly PatternName[], kind: Kind): Promise<PatternName[]>;
  /** Consent to write into a directory that already has files. */
  overwrite(directory: string, collisions: readonly string[]): Promise<boolean>;
}

export interface Resolved {
  readonly options: ProjectOptions;
  /** The directory as the user gave it (or the name), for messages and next steps. */
  readonly directory: string;
}

const MAX_DESCRIPTION_LENGTH = 1000;

/** The flags a non-interactive run must give (or --yes), named as the user would type them. */
function missingChoices(flags: CreateFlags): string[] {
  const missing: string[] = [];
  if (flags.directory === undefined && flags.name === undefined) missing.push('[directory] or --name');
  if (flags.kind === undefined) missing.push('--kind');
  if (flags.runtime === undefined) missing.push('--runtime');
  if (flags.uvloop === undefined) missing.push('--uvloop/--no-uvloop');
  if (flags.stack === undefined) missing.push('--stack');
  return missing;
}

function checkName(name: string, kind: Kind, from: string): string {
  const problem = nameProblem(name, kind);
  if (problem !== undefined) {
    const keep = from === '' ? '' : ' (the directory keeps its name)';
    throw usageError(`invalid project name ${JSON.stringify(name)}${from}: ${problem}`, `try --name ${suggestName(name, kind)}${keep}`);
  }
  return name;
}

function checkStack(stack: Stack): Stack {
  if (!STACK_TABLE[stack].supported) {
    throw usageError(
      `--stack ${stack} (${stackVersions(stack).label}) is not supported yet`,
      `use --stack current (${stackLabel('current')})`,
    );
  }
  return stack;
}

export async function resolveOptions(
  flags: CreateFlags,
  context: { readonly interactive: boolean; readonly ask: Asker; readonly cwd: string },
): Promise<Resolved> {
  const { interactive, ask, cwd } = context;
  if (!interactive && !flags.yes) {
    const why = flags.json ? '--json never prompts' : 'no terminal to ask in';
    const missing = missingChoices(flags);
    if (missing.length > 0) {
      throw usageError(
        `${why}, and ${missing.join(', ')} ${missing.length === 1 ? 'was' : 'were'} not given`,
        'pass them as flags, or --yes to take the defaults for the rest',
      );
    }
  }
  if (flags.stack !== undefined) checkStack(flags.stack);
  if (flags.description !== undefined && flags.description.length > MAX_DESCRIPTION_LENGTH) {
    throw usageError(`--description is longer than ${MAX_DESCRIPTION_LENGTH} characters`, 'shorten it');
  }
  const badText = flags.description === undefined ? undefined : descriptionProblem(flags.description);
  if (badText !== undefined) {
    throw usageError(`invalid --description: ${badText}`, 'remove that character: plain right-to-left and other Unicode text is fine');
  }
  // Flags are checked before any prompt, so a typo fails at once instead of after the questions.
  if (flags.name !== undefined) checkName(flags.name, flags.kind ?? 'app', '');

  const prompt = interactive && !flags.yes;
  const kind = flags.kind ?? (prompt ? await ask.kind(DEFAULTS.kind) : DEFAULTS.kind);

  const dirName = flags.directory === undefined ? undefined : basename(resolve(cwd, flags.directory));
  let name: string;
  if (flags.name !== undefined) {
    name = checkName(flags.name, kind, '');
  } else if (prompt) {
    const fallback = dirName ?? DEFAULTS.name;
    const initial = nameProblem(fallback, kind) === undefined ? fallback : suggestName(fallback, kind);
    name = await ask.name(initial, (value) => nameProblem(value, kind) ?? true);
    name = checkName(name, kind, '');
  } else if (dirName !== undefined) {
    name = checkName(dirName, kind, ` (from the directory ${JSON.stringify(flags.directory)})`);
  } else {
    name = DEFAULTS.name;
  }

  const runtime = flags.runtime ?? (prompt ? await ask.runtime(DEFAULTS.runtime) : DEFAULTS.runtime);
  const uvloop = flags.uvloop ?? (prompt ? await ask.uvloop(DEFAULTS.uvloop) : DEFAULTS.uvloop);
  const stack = checkStack(flags.stack ?? (prompt ? await ask.stack(DEFAULTS.stack) : DEFAULTS.stack));
  if (kind === 'app' && flags.abi3 === true) {
    throw usageError('--abi3 is for modules: an app embeds one interpreter and builds against its full API', 'drop --abi3, or pass --kind module');
  }
  const abi3 = kind === 'module' && (flags.abi3 ?? DEFAULTS.abi3);

  let pyo3 = stackVersions(stack).pyo3;
  if (flags.pyo3Version !== undefined) {
    const given = flags.pyo3Version;
    const pair = findPair(stack, given);
    if (pair === undefined) {
      const choices = supportedPyo3(stack).join(', ');
      const minor = /^\s*(\d+\.\d+)\.\d+\s*$/.exec(given)?.[1] ?? /^\s*(\d+\.\d+)\s*$/.exec(given)?.[1];
      if (minor !== undefined && minor !== given && findPair(stack, minor) !== undefined) {
        throw usageError(
          `--pyo3-version takes a minor version as the table writes it (${choices}), not ${JSON.stringify(given)}`,
          `pass --pyo3-version ${minor}: the project pins pyo3 "${minor}" and cargo picks the newest ${minor}.x`,
        );
      }
      throw usageError(
        `pyo3 ${given} is not supported by the ${stack} stack`,
        `choose one of ${choices}: ${STACK_TABLE[stack].bridgeCrate} must match pyo3's minor version, and the templates are tested with these`,
      );
    }
    pyo3 = pair.pyo3;
  }

  const where = { kind, runtime, stack };
  let patterns = resolvePatternNames(flags.with, where, '--with');
  if (flags.with.length === 0 && prompt && applicablePatterns(where).length > 0) patterns = await ask.patterns(applicablePatterns(where), kind);

  return {
    options: {
      crateName: name,
      moduleName: toModuleName(name),
      description: flags.description ?? defaultDescription(kind, runtime, stack),
      kind,
      runtime,
      uvloop,
      stack,
      pyo3,
      ci: flags.ci,
      abi3,
      patterns,
    },
    directory: flags.directory ?? name,
  };
}
