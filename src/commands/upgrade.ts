/**
 * upgrade: re-render a generated project with this version (and a new pyo3 pair or stack when
 * asked); replace what the user did not change, merge three ways what it did, keep the pinned
 * versions coherent, write it all at once (or preview it), then optionally build and smoke-test.
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Context } from '../cli/io.js';
import type { UpgradeFlags } from '../cli/upgrade-flags.js';
import { planProject } from '../core/plan.js';
import { parseRecord, type RecordAnswers } from '../core/record.js';
import { TOOL_VERSION } from '../core/tool-version.js';
import { inferAnswers, pinsFor, targetAnswers, upgradeOptions } from '../core/upgrade-answers.js';
import { obsolete, planUpgrade } from '../core/upgrade-plan.js';
import { EXIT, usageError } from '../errors.js';
import { recoverInterrupted } from '../fs/lock.js';
import { inspectTarget } from '../fs/target.js';
import { loadTemplates } from '../fs/templates.js';
import { writeProject } from '../fs/write-tree.js';
import { createUi } from '../ui/output.js';
import { conflictsOf, printUpgrade, upgradeDocument, type UpgradeOutcome } from '../ui/upgrade-report.js';
import { findBases, keepGenerated } from '../upgrade/bases.js';
import { gitMerge3, scratch, workTree } from '../upgrade/git.js';
import { LOCK_COMMAND, updateLock, type LockOutcome } from '../upgrade/lockfile.js';

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
}

export async function runUpgrade(flags: UpgradeFlags, ctx: Context): Promise<number> {
  const ui = createUi(ctx.stdout, ctx.stderr, ctx.color, flags.json);
  const dir = resolve(ctx.cwd, flags.dir);
  const shown = relative(ctx.cwd, dir) || '.';
  await recoverInterrupted(dir);
  const cargoToml = await readText(join(dir, 'Cargo.toml'));
  if (cargoToml === undefined) throw usageError(`${shown} has no Cargo.toml`, 'run upgrade in a project made by create-pyo3-async, or pass its directory');
  const parsed = parseRecord(cargoToml);
  if (parsed !== undefined && 'invalid' in parsed) {
    throw usageError(`the record in ${shown}/Cargo.toml cannot be used: ${parsed.invalid}`, 'fix [package.metadata.create-pyo3-async], or delete it to have the answers inferred from the files');
  }
  const record = parsed;
  let from: RecordAnswers;
  let inferred: readonly string[] | null = null;
  if (record !== undefined) {
    from = record.answers;
  } else {
    const texts = {
      cargoToml,
      pyprojectToml: await readText(join(dir, 'pyproject.toml')),
      rustSources: (await Promise.all(['src/lib.rs', 'src/main.rs'].map((p) => readText(join(dir, p))))).filter((t) => t !== undefined),
      hasCiWorkflow: (await readText(join(dir, '.github/workflows/CI.yml'))) !== undefined,
    };
    const guess = inferAnswers(texts);
    if ('problem' in guess) throw usageError(`${shown} does not look like a project made by create-pyo3-async: ${guess.problem}`, 'upgrade works on projects this tool generated');
    ({ answers: from, notes: inferred } = guess);
  }
  const target = targetAnswers(from, { stack: flags.stack, pyo3: flags.pyo3Version });
  if ('usage' in target) throw usageError(target.usage, target.hint);
  const options = upgradeOptions(from, target.answers, cargoToml);
  const generated = planProject(options, await loadTemplates());

  const g = { dir, run: ctx.run, env: ctx.env, signal: ctx.signal };
  const tree = await workTree(g);
  if (tree.dirty.length > 0 && !flags.force && !flags.dryRun) {
    const sample = tree.dirty.slice(0, 3).map((l) => l.slice(3)).join(', ');
    throw usageError(
      `${shown} has uncommitted changes (${tree.dirty.length} path${tree.dirty.length === 1 ? '' : 's'}: ${sample}${tree.dirty.length > 3 ? ', ...' : ''})`,
      'commit or stash them first, so the upgrade can be reviewed and undone with git, or pass --force',
    );
  }
  const current = new Map(await Promise.all(generated.map(async (f) => [f.path, await readText(join(dir, f.path))] as const)));
  const bases = await findBases(g, tree, record, generated, current);
  const tmp = await scratch(ctx.env);
  try {
    const files = await planUpgrade(
      { generated, current, base: bases.base, record, generatedBefore: bases.generatedBefore, pins: pinsFor(from, target.answers), fromVersion: record?.version ?? '0.1.0', toVersion: TOOL_VERSION },
      gitMerge3(g, tmp.dir),
    );
    const conflicts = files.filter((f) => f.action === 'conflict');
    const finalText = new Map(generated.map((f) => [f.path, current.get(f.path)] as const).filter((e): e is [string, string] => e[1] !== undefined));
    for (const f of files) if (f.contents !== undefined) finalText.set(f.path, f.contents);
    const warnings: string[] = [];
    const lockText = await readText(join(dir, 'Cargo.lock'));
    let lock: LockOutcome;
    if (lockText === undefined) lock = { status: 'absent' };
    else if (conflicts.length > 0) lock = { status: 'not-updated', detail: `resolve the conflicts first, then run \`${LOCK_COMMAND.join(' ')}\`` };
    else if (flags.dryRun) lock = { status: 'not-updated', detail: 'dry run' };
    else lock = await updateLock(lockText, finalText, tmp.dir, ctx);

    const outcome: UpgradeOutcome = {
      dir,
      shown,
      crateName: options.crateName,
      dryRun: flags.dryRun,
      from: { version: record?.version ?? null, answers: from, inferred },
      to: { version: TOOL_VERSION, answers: target.answers },
      files,
      obsolete: obsolete({ generated, generatedBefore: bases.generatedBefore }),
      lock: { status: lock.status, detail: lock.detail },
      bases: record !== undefined ? 'the record (git blob ids)' : bases.from !== undefined ? `the commit that added Cargo.toml (${bases.from.slice(0, 12)})` : 'none found (no record, no commit holding the project)',
      warnings,
    };
    if (!flags.dryRun) {
      const writes = files.filter((f) => f.contents !== undefined).map((f) => ({ path: f.path, contents: f.contents! }));
      if (lock.contents !== undefined) writes.push({ path: 'Cargo.lock', contents: lock.contents });
      // The bases go into git first: a record naming blobs the object store lacks (the process
      // killed in between) would leave the next upgrade without its bases.
      if (tree.inside) {
        const why = await keepGenerated(g, tree.prefix, tmp.dir, generated);
        if (why !== undefined) warnings.push(`the generated files were not kept for the next upgrade (${why})`);
      }
      if (writes.length > 0) await writeProject(await inspectTarget(dir, shown), writes, { overwrite: true, cwd: ctx.cwd, signal: ctx.signal });
    }
    return await report(outcome, flags, ctx, ui);
  } finally {
    await tmp.dispose();
  }
}

async function report(o: UpgradeOutcome, flags: UpgradeFlags, ctx: Context, ui: ReturnType<typeof createUi>): Promise<number> {
  const conflicts = conflictsOf(o);
  if (!flags.json) printUpgrade(ui, o);
  if (conflicts.length > 0) {
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify(upgradeDocument(o), null, 2)}\n`);
    } else {
      const what = `${conflicts.length} file${conflicts.length === 1 ? '' : 's'}`;
      ctx.stderr.write(`${ui.c.red('error:')} ${o.dryRun ? 'would leave' : 'left'} conflicts in ${what}: ${conflicts.join(', ')}\n`);
      const steps = `resolve the <<<<<<< markers (yours, then ||||||| as generated, then ======= this version's), run \`${LOCK_COMMAND.join(' ')}\`, and commit`;
      ctx.stderr.write(`${ui.c.dim('hint:')} ${o.dryRun ? `nothing was written; after the upgrade, ${steps}` : `every other file was upgraded; ${steps}`}\n`);
    }
    return EXIT.failed;
  }
  if (!flags.build || o.dryRun) {
    if (flags.json) ctx.stdout.write(`${JSON.stringify(upgradeDocument(o), null, 2)}\n`);
    return EXIT.ok;
  }
  return (await import('./upgrade-build.js')).buildUpgraded(o, flags, ctx, ui);
}

