/**
 * Patterns -> the files they create and the lines they insert at the markers of a project's
 * existing files. Pure: the project comes in as path -> text, whether just planned (create
 * --with) or read from disk (add), so both give the same bytes.
 */
import { templateContext } from '../context.js';
import type { ProjectOptions } from '../options.js';
import type { Templates } from '../render.js';
import { normalizeText } from '../text.js';
import { patternDef, PATTERN_DEFS, PATTERN_NAMES, patternTemplates, type PatternDef, type PatternName } from './definitions.js';
import { indented, insertAtMarker, isInserted, MARKERS, withCargoFeature, type Insertion } from './markers.js';

/** A pattern's own file: where it goes and the template it comes from. */
export interface PatternFile {
  readonly to: string;
  readonly from: string;
}

export function patternFiles(p: PatternDef, moduleName: string): PatternFile[] {
  const dir = patternTemplates(p);
  const rust = { to: `src/patterns/${p.module}.rs`, from: `${dir}/src/patterns/${p.module}.rs.hbs` };
  if (p.kind === 'app') return [rust, { to: `tests/${p.module}.rs`, from: `${dir}/tests/${p.module}.rs.hbs` }];
  return [
    rust,
    { to: `tests/test_${p.module}.py`, from: `${dir}/tests/test_${p.module}.py.hbs` },
    { to: `python/${moduleName}/${p.wrapper}`, from: `${dir}/python/__pkg__/${p.wrapper}` },
  ];
}

/** Every template a pattern may render, own files and snippets (for the template check). */
export const PATTERN_TEMPLATE_PATHS: readonly string[] = PATTERN_DEFS.flatMap((p) => [
  ...patternFiles(p, '__pkg__').map((f) => f.from),
  ...(p.kind === 'module' ? [`${patternTemplates(p)}/stubs.pyi.hbs`] : []),
  `${patternTemplates(p)}/README.section.md.hbs`,
]);

const lines = (text: string) => text.replace(/\n+$/, '').split('\n');
const one = (marker: Insertion['marker'], line: string): Insertion => ({ marker, lines: [line], key: line });

export function patternInsertions(p: PatternDef, templates: Templates, context: Record<string, unknown>): Insertion[] {
  const docs = lines(templates.render(`${patternTemplates(p)}/README.section.md.hbs`, context));
  const readme: Insertion = { marker: 'readme', lines: [...docs, ''], key: docs[0]! };
  const rustModule = one('rust-modules', `pub mod ${p.module};`);
  if (p.kind === 'app') {
    const name = `name = ${JSON.stringify(p.module)}`;
    return [rustModule, { marker: 'cargo-tests', lines: ['[[test]]', name, 'harness = false', ''], key: name }, readme];
  }
  const stubs = lines(templates.render(`${patternTemplates(p)}/stubs.pyi.hbs`, context));
  return [
    rustModule,
    one('rust-registrations', `patterns::${p.module}::register(m)?;`),
    one('py-imports', `from ${p.importFrom} import ${p.exports.join(', ')}`),
    ...p.exports.map((name) => one('py-exports', `${JSON.stringify(name)},`)),
    ...p.nativeNames.map((name) => one('pyi-exports', `${JSON.stringify(name)},`)),
    // Each block imports what it uses, so its first line is shared: its first definition is not.
    { marker: 'pyi-stubs', lines: [...stubs, ''], key: stubs.find((line) => /^(class|def|async def) /.test(line)) ?? stubs[0]! },
    readme,
  ];
}

/** Why a pattern could not go in, and what to add by hand instead. */
export interface PatternProblem {
  readonly pattern: PatternName;
  readonly file: string;
  readonly message: string;
  /** The exact lines to add by hand (already indented), and where. */
  readonly where: string;
  readonly lines: readonly string[];
}

export interface PatternPlan {
  /** Every file created or changed, with its full new contents, sorted by path. */
  readonly files: ReadonlyArray<{ readonly path: string; readonly contents: string }>;
  readonly created: readonly string[];
  readonly changed: readonly string[];
  readonly added: readonly PatternName[];
  /** Asked for but already there: nothing to do. */
  readonly present: readonly PatternName[];
  readonly problems: readonly PatternProblem[];
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** What adding `patterns` (in canonical order) to `project` (path -> text) does. */
export function planPatterns(
  options: ProjectOptions,
  patterns: readonly PatternName[],
  project: ReadonlyMap<string, string>,
  templates: Templates,
): PatternPlan {
  const context = templateContext(options);
  const current = new Map(project);
  const touched = new Set<string>();
  const created = new Set<string>();
  const added: PatternName[] = [];
  const present: PatternName[] = [];
  const problems: PatternProblem[] = [];
  for (const name of PATTERN_NAMES.filter((n) => patterns.includes(n))) {
    const p = patternDef(name, options.kind);
    if (p === undefined) throw new Error(`${name} has no ${options.kind} form`); // callers check patternRefusal first
    // Only what is missing goes in: a rerun after adding some lines by hand completes the rest.
    const next = new Map(current);
    const mine: PatternProblem[] = [];
    for (const ins of patternInsertions(p, templates, context)) {
      const marker = MARKERS[ins.marker];
      const path = marker.file(options);
      const text = next.get(path);
      if (text !== undefined && isInserted(text, ins)) continue;
      const outcome = text === undefined ? { ok: false as const, problem: 'the file is missing' } : insertAtMarker(text, ins);
      if (outcome.ok) next.set(path, outcome.text);
      else {
        const where = text === undefined && marker.ifFileMissing !== undefined ? `(${marker.ifFileMissing} them there)` : marker.where;
        mine.push({ pattern: name, file: path, message: `${outcome.problem}: ${marker.text}`, where, lines: indented(lines(ins.lines.join('\n')), marker.indent) });
      }
    }
    for (const f of p.cargoFeatures) {
      const outcome = withCargoFeature(next.get('Cargo.toml') ?? '', f.crate, f.feature);
      if (outcome.ok) next.set('Cargo.toml', outcome.text);
      else {
        mine.push({
          pattern: name,
          file: 'Cargo.toml',
          message: outcome.problem,
          where: `in [dependencies], with ${f.crate}'s ${JSON.stringify(f.feature)} feature on`,
          lines: [`${f.crate} = { version = "${options.pyo3}", features = [${JSON.stringify(f.feature)}] }`],
        });
      }
    }
    const newFiles = patternFiles(p, options.moduleName).filter((f) => !next.has(f.to));
    for (const f of newFiles) next.set(f.to, normalizeText(templates.render(f.from, context)));
    if (mine.length > 0) {
      problems.push(...mine);
      continue;
    }
    const changes = [...next].filter(([path, text]) => text !== current.get(path));
    if (changes.length === 0) {
      present.push(name);
      continue;
    }
    for (const f of newFiles) created.add(f.to);
    for (const [path, text] of changes) {
      touched.add(path);
      current.set(path, text);
    }
    added.push(name);
  }
  const files = [...touched].map((path) => ({ path, contents: current.get(path)! })).sort(byPath);
  return {
    files,
    created: [...created].sort(),
    changed: [...touched].filter((path) => !created.has(path)).sort(),
    added,
    present,
    problems,
  };
}
