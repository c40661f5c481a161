/** Flag definitions: argv -> a command and its raw flags. Parsing only; meaning is given elsewhere. */
import { Command, CommanderError, Option } from 'commander';
import { CI_PROVIDERS, DEFAULTS, KINDS, RUNTIMES, STACKS, type CiProvider, type Kind, type Runtime, type Stack } from '../core/options.js';
import { stackChoicesLabel } from '../core/labels.js';
import { supportedPyo3 } from '../core/versions.js';
import { CliError, usageError } from '../errors.js';
import { helpHint, outputFlags, positionals, separatorIndex, unknownOptionHint, type OutputFlags } from './argv.js';
import { addArguments, defineAdd, type AddFlags } from './add-flags.js';
import { createFlags, type CreateFlags } from './create-flags.js';
import { defineUpgrade, upgradeFlags, type UpgradeFlags } from './upgrade-flags.js';
import { COMMANDS, type CommandName } from './command-names.js';

/** Flags shared by dev, smoke and doctor. */
export interface ProjectFlags {
  readonly dir: string;
  readonly release: boolean;
  readonly json: boolean;
  readonly verbose: boolean;
  /** Arguments after `--`, passed to maturin develop / cargo build. */
  readonly extraArgs: readonly string[];
  /** dev and smoke: always `maturin develop`, never the quick rebuild (--full). */
  readonly full: boolean;
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

export type ParseResult =
  | { readonly command: 'create'; readonly flags: CreateFlags }
  | { readonly command: 'dev' | 'smoke' | 'doctor'; readonly flags: ProjectFlags }
  | { readonly command: 'list'; readonly flags: { readonly json: boolean } }
  | { readonly command: 'matrix'; readonly flags: MatrixFlags }
  | { readonly command: 'upgrade'; readonly flags: UpgradeFlags }
  | { readonly command: 'add'; readonly flags: AddFlags }
  | { readonly command: 'info'; readonly text: string };


function projectCommand(program: Command, name: 'dev' | 'smoke' | 'doctor', description: string, build: boolean): Command {
  const cmd = program
    .command(name)
    .description(description)
    .argument('[dir]', 'the project directory', '.')
    .option('--json', 'print one JSON document on stdout', false);
  // doctor runs no build: it has no output to stream and no --release.
  if (build) cmd.option('--verbose', "stream cargo's and maturin's own output; show error cause chains", false);
  cmd.option('--no-color', 'disable coloured output');
  if (build) cmd.option('--release', 'build with optimisations (maturin develop --release / cargo build --release)', false);
  if (build) cmd.option('--full', 'always run maturin develop (default: when only Rust sources changed since the last one, cargo rebuilds and the installed extension is replaced)', false);
  if (name === 'dev') cmd.option('--no-smoke', 'build only; skip the smoke test').usage('[options] [dir] [-- <maturin develop / cargo build args>...]');
  return cmd;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const byDefault = (value: string) => ` (default: ${value})`;

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
    // Defaults are in the text, not commander's .default(): a choice not given is asked for.
    .addOption(
      new Option('--kind <kind>', `module: Python extension built with maturin; app: Rust binary embedding Python${byDefault(DEFAULTS.kind)}`).choices(KINDS),
    )
    .addOption(new Option('--runtime <runtime>', `Rust async runtime${byDefault(DEFAULTS.runtime)}`).choices(RUNTIMES))
    .option('--uvloop', 'run on uvloop (Linux and macOS; asyncio elsewhere)')
    .option('--no-uvloop', `run on the standard asyncio event loop${byDefault('--no-uvloop')}`)
    .addOption(new Option('--stack <stack>', `${stackChoicesLabel()}${byDefault(DEFAULTS.stack)}`).choices(STACKS))
    .option(
      '--pyo3-version <version>',
      `pyo3 minor version from the stack's table (${STACKS.map((st) => `${st}: ${supportedPyo3(st).join(', ')}`).join('; ')}; default the newest); the bridge crate follows it`,
    )
    .addOption(new Option('--ci <provider>', 'CI workflow to generate').choices(CI_PROVIDERS).default('github'))
    .option('--abi3', "modules: build against CPython's stable ABI, one wheel per platform for every supported CPython (the default)")
    .option('--no-abi3', 'modules: build one wheel per Python version instead of abi3')
    .option('--with <patterns>', 'add patterns at creation: comma-separated names (see `list`) or `all`', collect, [])
    .option('-y, --yes', 'use defaults for everything not given by a flag; never prompt', false)
    .option('--force', 'write into a non-empty directory, replacing only the files this tool generates', false)
    .option('--dry-run', 'print the planned files and write nothing', false)
    .option('--no-git', 'do not create a git repository (skipped anyway inside an existing work tree)')
    .option('--build', 'build the new project after writing it (as `dev` does, without the smoke test)', false)
    .option('--smoke', 'build and smoke-test the new project after writing it', false)
    .option('--json', 'print one JSON document on stdout (implies no prompts)', false)
    .option('--no-color', 'disable coloured output (NO_COLOR is honoured too)')
    .option('--verbose', 'show the cause chain of errors; stream build output', false)
    // `create-pyo3-async help [command]` prints help; it never creates a project named help.
    .helpCommand('help [command]', 'show help for a command');
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
  defineAdd(program);
  defineUpgrade(program);
  return program;
}

export interface CommandLine {
  /** The parse, or undefined when argv is a usage error. */
  readonly result: ParseResult | undefined;
  readonly error: CliError | undefined;
  /** --json / --verbose / --no-color as flags (not as another flag's value), parse or no parse. */
  readonly output: OutputFlags;
}

/** argv -> the command and its flags, or the usage error, with the output flags either way. */
export function parseCommandLine(argv: readonly string[], version: string): CommandLine {
  const program = buildProgram(version);
  const output = outputFlags(argv, program);
  try {
    return { result: parse(argv, program), error: undefined, output };
  } catch (error) {
    if (error instanceof CliError) return { result: undefined, error, output };
    throw error;
  }
}

/** argv -> the command and its flags; a usage error throws. */
export function parseArgs(argv: readonly string[], version: string): ParseResult {
  const { result, error } = parseCommandLine(argv, version);
  if (error !== undefined) throw error;
  return result!;
}

function parse(argv: readonly string[], program: Command): ParseResult {
  // Everything after the `--` that ends our flags belongs to maturin / cargo, not to us.
  const dashes = separatorIndex(argv, program);
  const ours = dashes === -1 ? [...argv] : argv.slice(0, dashes);
  const extraArgs = dashes === -1 ? [] : argv.slice(dashes + 1);
  const first = positionals(ours, program)[0];
  const command = COMMANDS.find((c) => c === first);
  let info: string | undefined;
  let result: ParseResult | undefined;
  const capture = { writeOut: (text: string) => void (info = (info ?? '') + text), writeErr: () => {} };
  program.configureOutput(capture);
  for (const cmd of program.commands) {
    cmd.configureOutput(capture).exitOverride();
    const name = cmd.name() as CommandName;
    cmd.action((...args: unknown[]) => {
      if (name !== 'dev' && extraArgs.length > 0) throw usageError(`${name} takes no arguments after --`, helpHint(name));
      const o = cmd.opts<Record<string, unknown>>();
      if (name === 'add') {
        result = { command: name, flags: { ...addArguments(args[0] as string[]), dryRun: o.dryRun === true, json: o.json === true } };
      } else if (name === 'list') {
        result = { command: name, flags: { json: o.json === true } };
      } else if (name === 'upgrade') {
        result = { command: name, flags: upgradeFlags(args[0] as string, o) };
      } else if (name === 'matrix') {
        const flags = { outDir: args[0] as string, filters: o.filter as string[], check: o.check === true, force: o.force === true, json: o.json === true };
        result = { command: name, flags };
      } else {
        const flags = { dir: args[0] as string, release: o.release === true, full: o.full === true, json: o.json === true, verbose: o.verbose === true, extraArgs, smoke: o.smoke !== false };
        result = { command: name, flags };
      }
    });
  }
  program.action(() => {
    if (extraArgs.length > 0) throw usageError('arguments after -- are only for `dev`', 'run create-pyo3-async dev --help');
  });
  // Counted from commander's own parse, so a value such as `--description --uvloop` is no flag.
  const given = new Set<string>();
  for (const flag of ['uvloop', 'no-uvloop', 'abi3', 'no-abi3']) program.on(`option:${flag}`, () => given.add(flag));
  try {
    program.parse(ours, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return { command: 'info', text: info ?? '' };
      // Commander puts its "(Did you mean --force?)" on a line of its own: make it the hint.
      const [message = '', ...more] = error.message.replace(/^error: /, '').split('\n');
      const meant = more.join(' ').trim().replace(/^\((.*)\)$/, '$1');
      throw usageError(message, unknownOptionHint(message, meant, command, program, ours));
    }
    throw error;
  }
  if (result !== undefined) return result;
  for (const flag of ['uvloop', 'abi3']) {
    if (given.has(flag) && given.has(`no-${flag}`)) throw usageError(`--${flag} and --no-${flag} contradict each other`, 'pass one of them');
  }
  return { command: 'create', flags: createFlags(program) };
}
