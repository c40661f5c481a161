/**
 * The pure core: options + template sources -> the exact files of a project, sorted by path.
 * No file system, no clock, no environment: the same input always gives the same bytes.
 */
import { templateContext } from './context.js';
import { STACKS, type ProjectOptions, type Stack } from './options.js';
import type { Templates } from './render.js';

export interface GeneratedFile {
  /** POSIX path relative to the project root. */
  readonly path: string;
  readonly contents: string;
}

interface PlanEntry {
  readonly to: string | ((o: ProjectOptions) => string);
  /** A template path, or one per stack where the stacks' Rust APIs differ. */
  readonly from: string | Readonly<Record<Stack, string>>;
  readonly when?: (o: ProjectOptions) => boolean;
}

const CI_WORKFLOW = '.github/workflows/CI.yml';
const isModule = (o: ProjectOptions) => o.kind === 'module';
const isApp = (o: ProjectOptions) => o.kind === 'app';

const PLAN: readonly PlanEntry[] = [
  { to: '.gitignore', from: 'shared/gitignore.hbs' },
  { to: 'build.rs', from: { current: 'shared/build.rs', legacy: 'legacy/build.rs' } },
  { to: 'Cargo.toml', from: 'shared/Cargo.toml.hbs' },
  { to: 'tests/rust_bridge.rs', from: { current: 'shared/rust_bridge.rs.hbs', legacy: 'legacy/rust_bridge.rs.hbs' } },
  { to: 'README.md', from: 'module/README.md.hbs', when: isModule },
  { to: 'pyproject.toml', from: 'module/pyproject.toml.hbs', when: isModule },
  { to: 'src/lib.rs', from: { current: 'module/lib.rs.hbs', legacy: 'legacy/module-lib.rs.hbs' }, when: isModule },
  { to: (o) => `python/${o.moduleName}/__init__.py`, from: 'module/__init__.py.hbs', when: isModule },
  { to: (o) => `python/${o.moduleName}/_native.pyi`, from: 'module/_native.pyi', when: isModule },
  { to: (o) => `python/${o.moduleName}/py.typed`, from: 'module/py.typed', when: isModule },
  { to: (o) => `tests/test_${o.moduleName}.py`, from: 'module/test_module.py.hbs', when: isModule },
  { to: 'tests/conftest.py', from: 'module/conftest.py', when: (o) => isModule(o) && o.uvloop },
  { to: 'README.md', from: 'app/README.md.hbs', when: isApp },
  { to: 'src/lib.rs', from: { current: 'app/lib.rs.hbs', legacy: 'legacy/app-lib.rs.hbs' }, when: isApp },
  { to: 'src/main.rs', from: { current: 'app/main.rs.hbs', legacy: 'legacy/app-main.rs.hbs' }, when: isApp },
  { to: CI_WORKFLOW, from: 'ci/module-CI.yml.hbs', when: (o) => isModule(o) && o.ci === 'github' },
  { to: CI_WORKFLOW, from: 'ci/app-CI.yml.hbs', when: (o) => isApp(o) && o.ci === 'github' },
];

/** The template paths a plan may read; used to check the templates folder is complete. */
const templateFor = (entry: PlanEntry, stack: Stack) => (typeof entry.from === 'string' ? entry.from : entry.from[stack]);

export const TEMPLATE_PATHS: readonly string[] = [
  ...new Set(PLAN.flatMap((entry) => STACKS.map((stack) => templateFor(entry, stack)))),
].sort();

export function planProject(options: ProjectOptions, templates: Templates): GeneratedFile[] {
  const context = templateContext(options);
  const files = PLAN.filter((e) => e.when?.(options) ?? true).map((entry) => {
    const from = templateFor(entry, options.stack);
    const path = typeof entry.to === 'string' ? entry.to : entry.to(options);
    return { path, contents: normalizeText(templates.render(from, context)) };
  });
  const paths = files.map((f) => f.path);
  const duplicate = paths.find((p, i) => paths.indexOf(p) !== i);
  if (duplicate !== undefined) throw new Error(`plan writes ${duplicate} twice`);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** LF endings and exactly one trailing newline (none for an empty file), whatever the template did. */
function normalizeText(text: string): string {
  const lf = text.replace(/\r\n?/g, '\n');
  const trimmed = lf.replace(/\n+$/, '');
  return trimmed === '' ? '' : `${trimmed}\n`;
}
