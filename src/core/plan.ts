/**
 * The pure core: options + template sources -> the exact files of a project, sorted by path.
 * No file system, no clock, no environment: the same input always gives the same bytes.
 */
import { templateContext } from './context.js';
import { fileIds, recordContext } from './record.js';
import type { ProjectOptions } from './options.js';
import { planPatterns, PATTERN_TEMPLATE_PATHS } from './patterns/plan-patterns.js';
import type { Templates } from './render.js';
import { normalizeText } from './text.js';

export interface GeneratedFile {
  /** POSIX path relative to the project root. */
  readonly path: string;
  readonly contents: string;
}

interface PlanEntry {
  readonly to: string | ((o: ProjectOptions) => string);
  /** The template's path under templates/; the stack's differences are context values in it. */
  readonly from: string;
  readonly when?: (o: ProjectOptions) => boolean;
}

const isModule = (o: ProjectOptions) => o.kind === 'module';
const isApp = (o: ProjectOptions) => o.kind === 'app';

// templates/ mirrors the project: files every project has at its root, the rest under module/
// or app/, with __pkg__ standing for the module name.
const PLAN: readonly PlanEntry[] = [
  { to: '.gitignore', from: '.gitignore.hbs' },
  { to: '.github/workflows/CI.yml', from: '.github/workflows/CI.yml.hbs', when: (o) => o.ci === 'github' },
  { to: 'build.rs', from: 'build.rs.hbs' },
  { to: 'src/runtime.rs', from: 'src/runtime.rs.hbs' },
  { to: 'src/bridge.rs', from: 'src/bridge.rs.hbs' },
  { to: 'src/patterns.rs', from: 'src/patterns.rs.hbs', when: (o) => o.stack === 'current' },
  { to: 'Cargo.toml', from: 'Cargo.toml.hbs' },
  { to: 'tests/rust_bridge.rs', from: 'tests/rust_bridge.rs.hbs' },
  { to: 'README.md', from: 'module/README.md.hbs', when: isModule },
  { to: 'pyproject.toml', from: 'module/pyproject.toml.hbs', when: isModule },
  { to: 'src/lib.rs', from: 'module/src/lib.rs.hbs', when: isModule },
  { to: (o) => `python/${o.moduleName}/__init__.py`, from: 'module/python/__pkg__/__init__.py.hbs', when: isModule },
  { to: (o) => `python/${o.moduleName}/_native.pyi`, from: 'module/python/__pkg__/_native.pyi.hbs', when: isModule },
  { to: (o) => `python/${o.moduleName}/py.typed`, from: 'module/python/__pkg__/py.typed', when: isModule },
  { to: (o) => `tests/test_${o.moduleName}.py`, from: 'module/tests/test___pkg__.py.hbs', when: isModule },
  { to: 'tests/test_bridge.py', from: 'module/tests/test_bridge.py.hbs', when: isModule },
  { to: 'tests/test_exit.py', from: 'module/tests/test_exit.py', when: isModule },
  { to: 'tests/exit_scenarios.py', from: 'module/tests/exit_scenarios.py.hbs', when: isModule },
  { to: 'tests/conftest.py', from: 'module/tests/conftest.py', when: (o) => isModule(o) && o.uvloop },
  { to: 'README.md', from: 'app/README.md.hbs', when: isApp },
  { to: 'src/lib.rs', from: 'app/src/lib.rs.hbs', when: isApp },
  { to: 'examples/exit_in_flight.rs', from: 'app/examples/exit_in_flight.rs.hbs', when: isApp },
  { to: 'src/main.rs', from: 'app/src/main.rs.hbs', when: isApp },
];

/** The template paths a plan may read (partials aside); used to check the templates folder is complete. */
export const TEMPLATE_PATHS: readonly string[] = [...new Set([...PLAN.map((entry) => entry.from), ...PATTERN_TEMPLATE_PATHS])].sort();

export function planProject(options: ProjectOptions, templates: Templates): GeneratedFile[] {
  const context = templateContext(options);
  const base = PLAN.filter((e) => e.when?.(options) ?? true).map((entry) => {
    const path = typeof entry.to === 'string' ? entry.to : entry.to(options);
    return { path, contents: normalizeText(templates.render(entry.from, context)) };
  });
  assertUnique(base);
  base.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Cargo.toml's record names every generated file's blob id (its own without the record), so
  // it is rendered again with them. It records the project without patterns: `--with` gives
  // what `add` gives afterwards, and upgrade merges patterns as the user's own lines.
  const record = recordContext(options, fileIds(base));
  const recorded = base.map((f) => (f.path === 'Cargo.toml' ? { ...f, contents: normalizeText(templates.render('Cargo.toml.hbs', { ...context, record })) } : f));
  if (options.patterns.length === 0) return recorded;
  const files = withPatterns(options, recorded, templates);
  assertUnique(files);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function assertUnique(files: readonly GeneratedFile[]): void {
  const paths = files.map((f) => f.path);
  const duplicate = paths.find((p, i) => paths.indexOf(p) !== i);
  if (duplicate !== undefined) throw new Error(`plan writes ${duplicate} twice`);
}

/** The base files with `--with` patterns added, exactly as `add` would add them afterwards. */
function withPatterns(options: ProjectOptions, base: GeneratedFile[], templates: Templates): GeneratedFile[] {
  const plan = planPatterns(options, options.patterns, new Map(base.map((f) => [f.path, f.contents])), templates);
  const problem = plan.problems[0];
  if (problem !== undefined) throw new Error(`the ${problem.pattern} pattern does not fit the generated ${problem.file}: ${problem.message}`);
  const changed = new Map(plan.files.map((f) => [f.path, f.contents]));
  const kept = base.filter((f) => !changed.has(f.path));
  return [...kept, ...plan.files];
}
