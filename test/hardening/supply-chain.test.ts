// What we ship and what we make others run: the npm package runs nothing on install and holds
// only bin and dist (the templates are precompiled into dist); every generated workflow has least-privilege permissions,
// pinned actions, and never echoes a secret or interpolates untrusted input into a shell.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { planProject } from '../../src/core/plan.js';
import { loadTemplates } from '../../src/fs/templates.js';
import { allVariants } from '../helpers/variants.js';
import { tempDir } from '../helpers/tmp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(await readFile(new URL('package.json', `file://${ROOT}`), 'utf8')) as {
  version: string;
  scripts?: Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
};

// npm runs these for whoever installs the package (or a git dependency on it).
const INSTALL_HOOKS = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare', 'prepublish', 'dependencies'];

describe('the npm package', () => {
  it('runs no script when installed', () => {
    expect(Object.keys(pkg.scripts ?? {}).filter((s) => INSTALL_HOOKS.includes(s))).toEqual([]);
  });

  it('installs no runtime dependency: dist/ bundles them, with their licences', async () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    const licences = await readFile(new URL('dist/THIRD-PARTY-LICENSES.md', `file://${ROOT}`), 'utf8');
    for (const bundled of ['commander', 'handlebars', 'chalk', 'execa', '@inquirer/core', '@inquirer/select', 'smol-toml']) expect(licences).toContain(`## ${bundled}@`);
  });

  it('takes its dependencies from the registry only (no git, URL or file specs)', () => {
    for (const [name, spec] of Object.entries(pkg.dependencies ?? {})) {
      expect(spec, name).toMatch(/^[\^~]?\d+(\.\d+){0,2}$/);
    }
  });

  it('lists only bin and dist in `files`', () => {
    expect([...(pkg.files ?? [])].sort()).toEqual(['bin', 'dist']);
  });

  it('ships a licence for exactly the packages with code in dist/ (none for prompts it never shows)', async () => {
    const licences = await readFile(new URL('dist/THIRD-PARTY-LICENSES.md', `file://${ROOT}`), 'utf8');
    // The editor prompt and its encoding tables are left out of the bundle.
    for (const absent of ['@inquirer/editor', 'iconv-lite', 'chardet']) expect(licences).not.toContain(`## ${absent}@`);
  });

  it('packs only those, plus the manifest, README and LICENSE (npm pack --dry-run --json)', async () => {
    const r = await execa('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const files = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    expect(files.length).toBeGreaterThan(10);
    const unexpected = files.filter((p) => !/^(bin|dist)\//.test(p) && !['package.json', 'README.md', 'LICENSE'].includes(p));
    expect(unexpected).toEqual([]);
    expect(files.filter((p) => /(^|\/)(test|src|\.cache|node_modules|\.git|bench)(\/|$)|\.ts$|\.env/.test(p) && !p.endsWith('.d.ts'))).toEqual([]);
    expect(files).toContain('bin/create-pyo3-async.js');
    expect(files).toContain('dist/index.js');
  });

  it('publishes cleanly: npm publish --dry-run warns about nothing but the missing login', async () => {
    const r = await execa('npm', ['publish', '--dry-run', '--ignore-scripts'], { cwd: ROOT, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => /^npm (warn|WARN|error|ERR)/.test(l) && !/requires you to be logged in/.test(l));
    expect(warnings).toEqual([]);
  });

  it("runs from its tarball the README's way: npm pack, then npx --yes ./<tarball>", async () => {
    const dir = await tempDir('cpa-pack-');
    await execa('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT });
    const tarball = `create-pyo3-async-${pkg.version}.tgz`;
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`npx --yes ./create-pyo3-async-${pkg.version}.tgz my-lib`);
    const r = await execa('npx', ['--yes', `./${tarball}`, 'my-lib', '--yes', '--no-git'], { cwd: dir, reject: false, stdin: 'ignore' });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'my-lib', 'Cargo.toml'))).toBe(true);
  });
});

// A ref that names a release, not a moving branch: a full commit SHA, a version tag (v4, v1.2.3),
// or a major-version branch the action's maintainers document (release/v1). dtolnay/rust-toolchain
// is the one exception: its ref *is* the toolchain (stable, 1.85.0), by design.
const PINNED = /^([0-9a-f]{40}|v\d+(\.\d+){0,2}|release\/v\d+)$/;
const TOOLCHAIN_REF = /^(stable|beta|nightly|1\.\d+(\.\d+)?)$/;
// Jobs that need a write permission, by the action that needs it.
const NEEDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^pypa\/gh-action-pypi-publish@/, 'id-token'],
  [/^actions\/attest@/, 'id-token'],
  [/^actions\/attest@/, 'attestations'],
];

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = { permissions?: Record<string, string> | string; steps?: Step[] };
type Workflow = { on?: unknown; permissions?: Record<string, string> | string; jobs: Record<string, Job> };

const templates = await loadTemplates();
const workflows = allVariants('w-').map(({ id, options }) => {
  const file = planProject(options, templates).find((f) => f.path === '.github/workflows/CI.yml');
  if (file === undefined) throw new Error(`${id} has no workflow`);
  return [id, file.contents] as const;
});

describe.each(workflows)('generated workflow of %s', (_id, text) => {
  const wf = parseYaml(text) as Workflow;
  const jobs = Object.entries(wf.jobs);

  it('grants read-only permissions at the top', () => {
    expect(typeof wf.permissions).toBe('object');
    expect(wf.permissions).toMatchObject({ contents: 'read' });
    for (const [scope, level] of Object.entries(wf.permissions as Record<string, string>)) expect(['read', 'none'], scope).toContain(level);
  });

  it('asks for more only in the job that needs it, and only what it needs', () => {
    for (const [name, job] of jobs) {
      const uses = (job.steps ?? []).map((s) => s.uses ?? '');
      const needed = new Set(NEEDS.filter(([re]) => uses.some((u) => re.test(u))).map(([, scope]) => scope));
      if (job.permissions === undefined) {
        expect([...needed], `${name} needs job-level permissions`).toEqual([]);
        continue;
      }
      expect(typeof job.permissions, `${name}: no write-all / read-all`).toBe('object');
      const writes = Object.entries(job.permissions as Record<string, string>).filter(([, level]) => level === 'write').map(([scope]) => scope);
      expect(writes.sort(), name).toEqual([...needed].sort());
    }
  });

  it('pins every action to a release (a version or a commit), never a moving branch', () => {
    const refs = jobs.flatMap(([, job]) => (job.steps ?? []).map((s) => s.uses).filter((u): u is string => u !== undefined));
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      if (ref.startsWith('./')) continue;
      const [action, version] = ref.split('@');
      expect(version, `${ref} has no @ref`).toBeDefined();
      if (action === 'dtolnay/rust-toolchain') expect(version).toMatch(TOOLCHAIN_REF);
      else expect(version, ref).toMatch(PINNED);
    }
  });

  it('never puts a secret or untrusted event text into a shell command', () => {
    for (const [name, job] of jobs) {
      for (const step of job.steps ?? []) {
        if (step.run === undefined) continue;
        expect(step.run, name).not.toMatch(/\$\{\{\s*secrets\./);
        expect(step.run, name).not.toMatch(/\$\{\{\s*github\.(event|head_ref)/);
      }
    }
    expect(text).not.toMatch(/pull_request_target/);
  });

  it('checks out without leaving the token in .git/config', () => {
    const checkouts = jobs.flatMap(([, job]) => (job.steps ?? []).filter((s) => s.uses?.startsWith('actions/checkout@')));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false);
  });
});
