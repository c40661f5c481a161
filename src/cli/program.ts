/** Flag definitions: argv -> a command and its raw flags. Parsing only; meaning is given elsewhere. */
import { Command, CommanderError, Option } from 'commander';
import { CI_PROVIDERS, KINDS, RUNTIMES, STACKS, type CiProvider, type Kind, type Runtime, type Stack } from '../core/options.js';
import { stackChoicesLabel } from '../core/labels.js';
import { isPatternName } from '../core/patterns/definitions.js';
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
  /** Raw `--with` values (pattern names or `all`, comma-separated), resolved in resolve-options.ts. */
  readonly with: readonly string[];
  readonly yes: boolean;
  readonly force: boolean;
  readonly dryRun: boolean;
  /** Create a git repository with a first commit (default true; --no-git). */
  readonly git: boolean;
  /** After writing: build (--build) or build and smoke-test (--smoke) the project. */
  readonly build: boolean;
  readonly smoke: boolean;
  readonly json: boolean;
  readonly verbose: boolean;
}

/** Flags shared by dev, smoke and doctor. */
export interface ProjectFlags {
  readonly dir: string;
  readonly release: boolean;
  readonly json: boolean;
  readonly verbose: boolean;
  /** Arguments after `--`, passed to maturin develop / cargo build. */
  readonly extraArgs: readonly string[];
  /** dev only: run the smoke test after building (default true; --no-smoke). */
  readonly smoke: boolean;
}

export interface MatrixFlags {
  readonly outDir: string;
  /** Raw `--filter` values, parsed by variant-filter.ts. */
  readonly filters: readonly string[];
  readonly check: boolean;
  readonly force: boolean;
  readonly json: boolean;
}

export interface AddFlags {
  /** Pattern names (or `all`, or comma-separated lists), as given. */
  readonly patterns: readonly string[];
  readonly dir: string;
  readonly dryRun: boolean;
  readonly json: boolean;
}

export type ParseResult =
  | { readonly command: 'create'; readonly flags: CreateFlags }
  | { readonly command: 'dev' | 'smoke' | 'doctor'; readonly flags: ProjectFlags }
  | { readonly command: 'list'; readonly flags: { readonly json: boolean } }
  | { readonly command: 'matrix'; readonly flags: MatrixFlags }
  | { readonly command: 'add'; readonly flags: AddFlags }
  | { readonly command: 'info'; readonly text: string };

function projectCommand(program: Command, name: 'dev' | 'smoke' | 'doctor', description: string, build: boolean): Command {
  const cmd = program
    .command(name)
    .description(description)
    .argument('[dir]', 'the project directory', '.')
    .option('--json', 'print one JSON document on stdout', false)
    .option('--verbose', "stream cargo's and maturin's own output; show error cause chains", false)
    .option('--no-color', 'disable coloured output');
  if (build) cmd.option('--release', 'build with optimisations (maturin develop --release / cargo build --release)', false);
  if (name === 'dev') cmd.option('--no-smoke', 'build only; skip the smoke test');
  return cmd;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const HELP_HINT = 'run create-pyo3-async --help for the flags';

function buildProgram(version: string): Command {
  const program = new Command('create-pyo3-async')
    .description('Scaffold a Rust crate that bridges tokio / async-std and Python asyncio through PyO3')
    .version(version, '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help and exit')
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    // dev/smoke/doctor have their own --json and --verbose: parse options where they stand.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  program
    .argument('[directory]', 'where to create the project (default: ./<name>)')
    .option('--name <name>', 'crate and package name (default: the directory name)')
    .option('--description <text>', 'one-line description for Cargo.toml, pyproject.toml and the README')
    .addOption(new Option('--kind <kind>', 'module: Python extension built with maturin; app: Rust binary embedding Python').choices(KINDS))
    .addOption(new Option('--runtime <runtime>', 'Rust async runtime').choices(RUNTIMES))
    .option('--uvloop', 'run on uvloop (Linux and macOS; asyncio elsewhere)')
    .option('--no-uvloop', 'run on the standard asyncio event loop')
    .addOption(new Option('--stack <stack>', stackChoicesLabel()).choices(STACKS))
    .option(
      '--pyo3-version <version>',
      `pyo3 version the stack supports (current: ${supportedPyo3('current').join(', ')}; default the newest); the bridge crate follows it`,
    )
    .addOption(new Option('--ci <provider>', 'CI workflow to generate').choices(CI_PROVIDERS).default('github'))
    .option('--with <patterns>', 'add patterns at creation: comma-separated names (see `list`) or `all`', collect, [])
    .option('-y, --yes', 'use defaults for everything not given by a flag; never prompt', false)
    .option('--force', 'write into a non-empty directory, replacing only the files this tool generates', false)
    .option('--dry-run', 'print the planned files and write nothing', false)
    .option('--no-git', 'do not create a git repository (skipped anyway inside an existing work tree)')
    .option('--build', 'build the new project after writing it (as `dev` does, without the smoke test)', false)
    .option('--smoke', 'build and smoke-test the new project after writing it', false)
    .option('--json', 'print one JSON document on stdout (implies no prompts)', false)
    .option('--no-color', 'disable coloured output (NO_COLOR is honoured too)')
    .option('--verbose', 'show the cause chain of errors; stream build output', false);
  projectCommand(program, 'dev', 'build the project in its virtualenv (creating .venv and installing maturin when needed), then smoke-test it; arguments after -- go to maturin develop / cargo build', true);
  projectCommand(program, 'smoke', 'build the project if needed, then run the smoke test alone', true);
  projectCommand(program, 'doctor', 'check the tools a project needs and how to install what is missing', false);
  program
    .command('list')
    .description('print every option, its values, every variant and the versions it pins')
    .option('--json', 'print one JSON document on stdout', false)
    .option('--no-color', 'disable coloured output');
  program
    .command('matrix')
    .description('generate every variant into <out-dir>/<variant-id>/ with a manifest.json; --check compares instead')
    .argument('<out-dir>', 'where to write the variants')
    .option('--filter <key=value,...>', 'only variants matching all pairs (keys: id, kind, runtime, uvloop, stack); repeat for alternatives', collect, [])
    .option('--check', 'compare <out-dir> with what would be generated; exit 1 listing the differences', false)
    .option('--force', 'regenerate into a non-empty <out-dir>, replacing only generated files', false)
    .option('--json', 'print one JSON document on stdout', false)
    .option('--no-color', 'disable coloured output');
  program
    .command('add')
    .description('add patterns (class, stream, blocking, callback, native, or all) to a generated project in [dir] (default .)')
    .argument('<pattern...>', 'pattern names, then optionally the project directory (./name if it is named like a pattern)')
    .option('--dry-run', 'print the files it would create and change, and write nothing', false)
    .option('--json', 'print one JSON document on stdout', false)
    .option('--no-color', 'disable coloured output');
  return program;
}

/** `add`'s arguments: pattern names, and a last one that is the directory unless it names patterns. */
function addArguments(args: readonly string[]): { patterns: string[]; dir: string } {
  const last = args[args.length - 1]!;
  const names = last.split(',').map((n) => n.trim());
  const isPatternList = names.every((n) => n === 'all' || isPatternName(n));
  if (args.length > 1 && !isPatternList) return { patterns: args.slice(0, -1), dir: last };
  return { patterns: [...args], dir: '.' };
}

/** Where the `--` that ends our flags is: not one that is the value of a flag (`--description --`). */
function separatorIndex(argv: readonly string[], program: Command): number {
  const takesValue = new Set(
    [program, ...program.commands].flatMap((c) => c.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short])),
  );
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return i;
    if (takesValue.has(argv[i])) i += 1;
  }
  return -1;
}

export function parseArgs(argv: readonly string[], version: string): ParseResult {
  // Everything after the `--` that ends our flags belongs to maturin / cargo, not to us.
  const program = buildProgram(version);
  const dashes = separatorIndex(argv, program);
  const ours = dashes === -1 ? [...argv] : argv.slice(0, dashes);
  const extraArgs = dashes === -1 ? [] : argv.slice(dashes + 1);
  let info: string | undefined;
  let result: ParseResult | undefined;
  const capture = { writeOut: (text: string) => void (info = (info ?? '') + text), writeErr: () => {} };
  program.configureOutput(capture);
  for (const cmd of program.commands) {
    cmd.configureOutput(capture).exitOverride();
    const name = cmd.name() as 'dev' | 'smoke' | 'doctor' | 'list' | 'matrix' | 'add';
    cmd.action((...args: unknown[]) => {
      if (name !== 'dev' && extraArgs.length > 0) throw usageError(`${name} takes no arguments after --`);
      const o = cmd.opts<Record<string, unknown>>();
      if (name === 'add') {
        result = { command: name, flags: { ...addArguments(args[0] as string[]), dryRun: o.dryRun === true, json: o.json === true } };
      } else if (name === 'list') {
        result = { command: name, flags: { json: o.json === true } };
      } else if (name === 'matrix') {
        const flags = { outDir: args[0] as string, filters: o.filter as string[], check: o.check === true, force: o.force === true, json: o.json === true };
        result = { command: name, flags };
      } else {
        const flags = { dir: args[0] as string, release: o.release === true, json: o.json === true, verbose: o.verbose === true, extraArgs, smoke: o.smoke !== false };
        result = { command: name, flags };
      }
    });
  }
  program.action(() => {
    if (extraArgs.length > 0) throw usageError('arguments after -- are only for `dev`');
  });
  // Counted from commander's own parse, so a value such as `--description --uvloop` is no flag.
  const loops = new Set<string>();
  program.on('option:uvloop', () => loops.add('--uvloop'));
  program.on('option:no-uvloop', () => loops.add('--no-uvloop'));
  try {
    program.parse(ours, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return { command: 'info', text: info ?? '' };
      // Commander puts its "(Did you mean --force?)" on a line of its own: make it the hint.
      const [first = '', ...more] = error.message.replace(/^error: /, '').split('\n');
      const meant = more.join(' ').trim().replace(/^\((.*)\)$/, '$1');
      throw usageError(first, meant === '' ? HELP_HINT : `${meant} (run create-pyo3-async --help for the flags)`);
    }
    throw error;
  }
  if (result !== undefined) return result;
  if (loops.size > 1) throw usageError('--uvloop and --no-uvloop contradict each other', 'pass one of them');
  const o = program.opts<Record<string, unknown>>();
  const [directory] = program.processedArgs as [string | undefined];
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
      with: o.with as string[],
      yes: o.yes === true,
      force: o.force === true,
      dryRun: o.dryRun === true,
      git: o.git !== false,
      build: o.build === true || o.smoke === true,
      smoke: o.smoke === true,
      json: o.json === true,
      verbose: o.verbose === true,
    },
  };
}
