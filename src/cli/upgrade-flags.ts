/** The upgrade command's flags: defined here so program.ts only declares and dispatches it. */
import { Option, type Command } from 'commander';
import { STACKS, type Stack } from '../core/options.js';
import { supportedPyo3 } from '../core/versions.js';

export interface UpgradeFlags {
  readonly dir: string;
  readonly pyo3Version: string | undefined;
  readonly stack: Stack | undefined;
  readonly dryRun: boolean;
  readonly json: boolean;
  /** Upgrade a work tree with uncommitted changes. */
  readonly force: boolean;
  /** After writing: build (--build) or build and smoke-test (--smoke), as `dev` does. */
  readonly build: boolean;
  readonly smoke: boolean;
  readonly verbose: boolean;
}

export function defineUpgrade(program: Command): void {
  program
    .command('upgrade')
    .description("re-render a generated project with this version (and --pyo3-version / --stack current): unchanged files are replaced, changed ones merged three ways, pinned versions kept coherent")
    .argument('[dir]', 'the project directory', '.')
    .option('--pyo3-version <version>', `the pyo3 pair to move to (current: ${supportedPyo3('current').join(', ')}); default: the project's`)
    .addOption(new Option('--stack <stack>', 'move a legacy project to the current stack').choices(STACKS))
    .option('--dry-run', 'print the plan (add / replace / merge / conflict / untouched) and write nothing', false)
    .option('--force', 'upgrade although the git work tree has uncommitted changes', false)
    .option('--build', 'build the upgraded project (as `dev` does, without the smoke test)', false)
    .option('--smoke', 'build and smoke-test the upgraded project', false)
    .option('--json', 'print one JSON document on stdout', false)
    .option('--verbose', "stream cargo's and maturin's own output; show error cause chains", false)
    .option('--no-color', 'disable coloured output');
}

export function upgradeFlags(dir: string, o: Record<string, unknown>): UpgradeFlags {
  return {
    dir,
    pyo3Version: o.pyo3Version as string | undefined,
    stack: o.stack as Stack | undefined,
    dryRun: o.dryRun === true,
    json: o.json === true,
    force: o.force === true,
    build: o.build === true || o.smoke === true,
    smoke: o.smoke === true,
    verbose: o.verbose === true,
  };
}
