/** The create command's flags, as commander parsed them; their meaning is given in resolve-options.ts. */
import type { Command } from 'commander';
import type { CiProvider, Kind, Runtime, Stack } from '../core/options.js';

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
  /** --abi3 / --no-abi3 when given; undefined takes the default (on for modules). */
  readonly abi3: boolean | undefined;
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

export function createFlags(program: Command): CreateFlags {
  const o = program.opts<Record<string, unknown>>();
  const [directory] = program.processedArgs as [string | undefined];
  return {
    directory,
    name: o.name as string | undefined,
    description: o.description as string | undefined,
    kind: o.kind as Kind | undefined,
    runtime: o.runtime as Runtime | undefined,
    uvloop: program.getOptionValueSource('uvloop') === 'cli' ? (o.uvloop as boolean) : undefined,
    stack: o.stack as Stack | undefined,
    pyo3Version: o.pyo3Version as string | undefined,
    ci: o.ci as CiProvider,
    abi3: program.getOptionValueSource('abi3') === 'cli' ? (o.abi3 as boolean) : undefined,
    with: o.with as string[],
    yes: o.yes === true,
    force: o.force === true,
    dryRun: o.dryRun === true,
    git: o.git !== false,
    build: o.build === true || o.smoke === true,
    smoke: o.smoke === true,
    json: o.json === true,
    verbose: o.verbose === true,
  };
}
