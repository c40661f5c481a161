/** The create command: resolve options, plan the files, check the target, write (or preview), report. */
import { resolve } from 'node:path';
import type { Context } from '../cli/io.js';
import type { CreateFlags } from '../cli/create-flags.js';
import { createPromptAsker } from '../cli/prompts.js';
import { resolveOptions, type Asker } from '../cli/resolve-options.js';
import { stackLabel } from '../core/labels.js';
import { ASYNC_STD_NOTICE } from '../core/notices.js';
import { planProject } from '../core/plan.js';
import { STACK_TABLE } from '../core/versions.js';
import { CancelledError, EXIT, usageError } from '../errors.js';
import { inspectTarget, refuseSpecialTarget } from '../fs/target.js';
import { loadTemplates } from '../fs/templates.js';
import { findCollisions } from '../fs/collisions.js';
import { writeProject } from '../fs/write-tree.js';
import { createJson, printCreateReport, type CreateOutcome } from '../ui/create-report.js';
import { createUi } from '../ui/output.js';
import { gitPlan, initRepository, type GitOutcome } from '../git/git-init.js';
import { devTip, nextSteps } from '../core/next-steps.js';

// Used when nobody can be asked; resolveOptions never calls it then, so reaching it is a bug.
const NO_ASKER: Asker = new Proxy({} as Asker, {
  get: () => () => Promise.reject(new Error('internal error: prompted in non-interactive mode')),
});

export async function runCreate(flags: CreateFlags, io: Context): Promise<number> {
  const ui = createUi(io.stdout, io.stderr, io.color, flags.json);
  const interactive = io.interactive && !flags.json && !flags.yes;
  const ask = interactive ? await createPromptAsker(io.signal) : NO_ASKER;

  const { options, directory } = await resolveOptions(flags, { interactive, ask, cwd: io.cwd });
  if (options.stack === 'legacy') {
    ui.warn(`the legacy stack (${stackLabel('legacy')}) is for existing codebases pinned to it; new projects should use --stack current`);
  }
  if (options.runtime === 'async-std') {
    ui.warn(`${ASYNC_STD_NOTICE}; ${STACK_TABLE[options.stack].bridgeCrate} still supports it`);
  }
  const files = planProject(options, await loadTemplates());
  await refuseSpecialTarget(resolve(io.cwd, directory), directory, io.env);
  const target = await inspectTarget(resolve(io.cwd, directory), directory);
  const collisions = await findCollisions(target, files);

  let overwrite = flags.force;
  if (target.entries.length > 0 && !flags.force) {
    if (!interactive) {
      throw usageError(
        `${directory} already exists and is not empty`,
        'pass --force to add the project to it (only the generated files are replaced), or choose another directory',
      );
    }
    overwrite = await ask.overwrite(directory, collisions);
    if (!overwrite) throw new CancelledError(`nothing written: ${directory} was left as it was`);
  }

  const paths = files.map((f) => f.path);
  let git: GitOutcome | undefined;
  let result;
  if (flags.dryRun) {
    result = { written: paths, replaced: collisions };
  } else {
    // undefined: go ahead. A new project gets its repository while still staged, so a failure
    // or Ctrl-C during git leaves nothing behind either.
    git = await gitPlan(flags.git, target.anchor, io);
    const initGit = git === undefined;
    result = await writeProject(target, files, {
      overwrite,
      cwd: io.cwd,
      signal: io.signal,
      prepareNew: initGit
        ? async (staged) => {
            git = await initRepository(staged, paths, io);
          }
        : undefined,
    });
    if (initGit && target.exists) git = await initRepository(target.dir, paths, io);
  }

  const outcome: CreateOutcome = {
    options,
    directory,
    path: target.dir,
    files,
    replaced: result.replaced,
    dryRun: flags.dryRun,
    git,
    built: flags.build && !flags.dryRun,
    nextSteps: nextSteps(options, directory, flags.build && !flags.dryRun),
    tip: devTip(options, flags.build && !flags.dryRun),
  };
  if (!flags.json) {
    if (interactive) ui.info(); // set the report apart from the answered prompts
    printCreateReport(ui, outcome);
  }
  if (flags.dryRun || !flags.build) {
    if (flags.json) io.stdout.write(createJson(outcome));
    return EXIT.ok;
  }
  // --build / --smoke: the same path as `dev`, on the project just written; loaded only then.
  if (!flags.json) ui.info();
  return (await import('./create-build.js')).buildCreated(target.dir, outcome, flags, io, ui);
}
