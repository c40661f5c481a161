/** Flag definitions: argv -> raw flags. Parsing only; meaning is given in resolve-options.ts. */
import { Command, CommanderError, Option } from 'commander';
import { CI_PROVIDERS, KINDS, RUNTIMES, STACKS, type CiProvider, type Kind, type Runtime, type Stack } from '../core/options.js';
import { supportedPyo3 } from '../core/versions.js';
import { usageError } from '../errors.js';

export interface CreateFlags {
  readonly directory: string | undefined;
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly kind: Kind | undefined;
  readonly runtime: Runtime | undefined;
  readonly uvloop: boolean | undefined;
  readonly stack: Stack | undefined;
  readonly pyo3Version: string | undefined;
  readonly ci: CiProvider;
  readonly yes: boolean;
  readonly force: boolean;
  readonly dryRun: boolean;
  /** Create a git repository with a first commit (default true; --no-git). */
  readonly git: boolean;
  readonly json: boolean;
  readonly color: boolean | undefined;
  readonly verbose: boolean;
}

export type ParseResult =
  | { readonly command: 'create'; readonly flags: CreateFlags }
  | { readonly command: 'info'; readonly text: string };

export function buildProgram(version: string): Command {
  return new Command('create-pyo3-async')
    .description('Scaffold a Rust crate that bridges tokio / async-std and Python asyncio through PyO3')
    .version(version, '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help and exit')
    .argument('[directory]', 'where to create the project (default: ./<name>)')
    .option('--name <name>', 'crate and package name (default: the directory name)')
    .option('--description <text>', 'one-line description for Cargo.toml, pyproject.toml and the README')
    .addOption(new Option('--kind <kind>', 'module: Python extension built with maturin; app: Rust binary embedding Python').choices(KINDS))
    .addOption(new Option('--runtime <runtime>', 'Rust async runtime').choices(RUNTIMES))
    .option('--uvloop', 'run on uvloop (Linux and macOS; asyncio elsewhere)')
    .option('--no-uvloop', 'run on the standard asyncio event loop')
    .addOption(new Option('--stack <stack>', 'current: pyo3 0.30 + pyo3-async-runtimes 0.30; legacy: pyo3 0.20 + pyo3-asyncio 0.20').choices(STACKS))
    .option(
      '--pyo3-version <version>',
      `pyo3 version the stack supports (current: ${supportedPyo3('current').join(', ')}; default the newest); the bridge crate follows it`,
    )
    .addOption(new Option('--ci <provider>', 'CI workflow to generate').choices(CI_PROVIDERS).default('github'))
    .option('-y, --yes', 'use defaults for everything not given by a flag; never prompt', false)
    .option('--force', 'write into a non-empty directory, replacing only the files this tool generates', false)
    .option('--dry-run', 'print the planned files and write nothing', false)
    .option('--no-git', 'do not create a git repository (skipped anyway inside an existing work tree)')
    .option('--json', 'print one JSON document on stdout (implies no prompts)', false)
    .option('--no-color', 'disable coloured output (NO_COLOR is honoured too)')
    .option('--verbose', 'show the cause chain of errors', false)
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
}

export function parseArgs(argv: readonly string[], version: string): ParseResult {
  const program = buildProgram(version);
  let info: string | undefined;
  program.configureOutput({
    writeOut: (text) => {
      info = (info ?? '') + text;
    },
    writeErr: () => {},
  });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return { command: 'info', text: info ?? '' };
      throw usageError(error.message.replace(/^error: /, ''), 'run create-pyo3-async --help for the flags');
    }
    throw error;
  }
  const o = program.opts<Record<string, unknown>>();
  const [directory] = program.processedArgs as [string | undefined];
  // Commander sets color=true by default for a --no-color flag; only an explicit --no-color counts.
  const colorSource = program.getOptionValueSource('color');
  return {
    command: 'create',
    flags: {
      directory,
      name: o.name as string | undefined,
      description: o.description as string | undefined,
      kind: o.kind as Kind | undefined,
      runtime: o.runtime as Runtime | undefined,
      uvloop: program.getOptionValueSource('uvloop') === 'cli' ? (o.uvloop as boolean) : undefined,
      stack: o.stack as Stack | undefined,
      pyo3Version: o.pyo3Version as string | undefined,
      ci: o.ci as CiProvider,
      yes: o.yes === true,
      force: o.force === true,
      dryRun: o.dryRun === true,
      git: o.git !== false,
      json: o.json === true,
      color: colorSource === 'cli' ? (o.color as boolean) : undefined,
      verbose: o.verbose === true,
    },
  };
}
