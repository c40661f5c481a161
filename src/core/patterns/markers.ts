/**
 * The marker lines a generated module carries where pattern code is registered, and the pure
 * edits that put lines in above them. A marker is found by its text alone (indentation aside),
 * so a user may move it or edit everything around it.
 */
import type { ProjectOptions } from '../options.js';

export const MARKER_IDS = ['rust-modules', 'rust-registrations', 'py-imports', 'py-exports', 'pyi-exports', 'pyi-stubs', 'cargo-tests', 'readme'] as const;
export type MarkerId = (typeof MARKER_IDS)[number];

export interface Marker {
  readonly file: (o: Pick<ProjectOptions, 'moduleName'>) => string;
  /** The whole line, trimmed. */
  readonly text: string;
  /** Where it belongs, for the message when it is gone. */
  readonly where: string;
  /** The indentation the generated file gives it. */
  readonly indent: string;
  /** What to do when the whole file is missing (projects made before patterns existed). */
  readonly ifFileMissing?: string;
  /** Without it, the lines go at the end of the file instead of failing (documentation only). */
  readonly optional?: true;
  /**
   * One-line entries kept sorted among the lines of their kind right above the marker, as the
   * linters want: rustfmt sorts `mod`s, ruff's isort the imports (I001), RUF022 `__all__`.
   */
  readonly sorted?: { readonly entry: RegExp; readonly order: 'lines' | 'names' };
}

const LINES = { entry: /^pub mod /, order: 'lines' } as const;
const IMPORTS = { entry: /^from \./, order: 'lines' } as const;
const NAMES = { entry: /^"/, order: 'names' } as const;

const lib = () => 'src/lib.rs';
const init = (o: Pick<ProjectOptions, 'moduleName'>) => `python/${o.moduleName}/__init__.py`;
const pyi = (o: Pick<ProjectOptions, 'moduleName'>) => `python/${o.moduleName}/_native.pyi`;
const rust = (what: string) => `// create-pyo3-async: pattern ${what} (do not remove this line)`;
const py = (what: string) => `# create-pyo3-async: pattern ${what} (do not remove this line)`;

export const MARKERS: Readonly<Record<MarkerId, Marker>> = {
  'rust-modules': {
    file: () => 'src/patterns.rs',
    text: rust('modules'),
    where: 'after the `pub mod` lines',
    indent: '',
    sorted: LINES,
    ifFileMissing: `create src/patterns.rs with the line \`${rust('modules')}\`, declare \`pub mod patterns;\` in src/lib.rs, and add`,
  },
  'rust-registrations': { file: lib, text: rust('registrations'), where: 'in the `#[pymodule]` function, before `Ok(())`', indent: '    ' },
  'py-imports': { file: init, text: py('imports'), where: 'among the `from .` imports, in sorted order', indent: '', sorted: IMPORTS },
  'py-exports': { file: init, text: py('exports'), where: 'inside `__all__ = [...]`, in sorted order', indent: '    ', sorted: NAMES },
  'pyi-exports': { file: pyi, text: py('exports'), where: 'inside `__all__ = [...]`, in sorted order', indent: '    ', sorted: NAMES },
  'pyi-stubs': { file: pyi, text: py('stubs'), where: 'at the end, after the last stub', indent: '' },
  // An app pattern's tests run under pyo3-async-runtimes' harness, so each needs `harness = false`.
  'cargo-tests': { file: () => 'Cargo.toml', text: py('tests'), where: 'after the `[[test]]` tables', indent: '' },
  readme: { file: () => 'README.md', text: '<!-- create-pyo3-async: pattern docs (do not remove this line) -->', where: 'before `## Layout` (in an app, before `## How it works`)', indent: '', optional: true },
};

/** Lines that go in above a marker; `key` is the line whose presence means they are there. */
export interface Insertion {
  readonly marker: MarkerId;
  readonly lines: readonly string[];
  readonly key: string;
}

const trimmedLines = (text: string) => text.split('\n').map((line) => line.trim());

export function isInserted(text: string, insertion: Insertion): boolean {
  return trimmedLines(text).includes(insertion.key.trim());
}

/** The lines as they would stand in the file, with the marker's indentation. */
export function indented(lines: readonly string[], indent: string): string[] {
  return lines.map((line) => (line === '' ? '' : `${indent}${line}`));
}

export type InsertOutcome = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

/** `text` with `insertion` above its marker (or, for an optional marker that is gone, at the end). */
export function insertAtMarker(text: string, insertion: Insertion): InsertOutcome {
  const marker = MARKERS[insertion.marker];
  const lines = text.split('\n');
  const at = lines.flatMap((line, i) => (line.trim() === marker.text ? [i] : []));
  if (at.length > 1) return { ok: false, problem: `the marker line appears ${at.length} times; keep one` };
  if (at.length === 0) {
    if (marker.optional !== true) return { ok: false, problem: 'the marker line is missing' };
    const body = text.replace(/\n+$/, '');
    return { ok: true, text: `${body}\n\n${insertion.lines.join('\n').replace(/\n+$/, '')}\n` };
  }
  let index = at[0]!;
  const indent = /^\s*/.exec(lines[index]!)![0];
  if (marker.sorted !== undefined && insertion.lines.length === 1) {
    const { entry, order } = marker.sorted;
    const line = insertion.lines[0]!;
    // The entries of its kind above the marker (and the blank lines between them and it).
    let end = index;
    while (end > 0 && lines[end - 1]!.trim() === '') end -= 1;
    let first = end;
    while (first > 0 && entry.test(lines[first - 1]!.trim())) first -= 1;
    if (first < end) {
      const after = lines.slice(first, end).findIndex((e) => compareEntries(e.trim(), line, order) > 0);
      index = after === -1 ? end : first + after;
    }
  }
  lines.splice(index, 0, ...indented(insertion.lines, indent));
  return { ok: true, text: lines.join('\n') };
}

/** RUF022's isort-style order of `__all__`: SCREAMING_CASE, then CamelCase, then the rest. */
function nameKey(entry: string): [number, string] {
  const name = /^"([^"]*)"/.exec(entry)?.[1] ?? entry;
  const rank = /[A-Z]/.test(name) && name === name.toUpperCase() && name.length > 1 ? 0 : /^[A-Z]/.test(name) ? 1 : 2;
  return [rank, name];
}

function compareEntries(a: string, b: string, order: 'lines' | 'names'): number {
  if (order === 'lines') return a < b ? -1 : a > b ? 1 : 0;
  const [ra, na] = nameKey(a);
  const [rb, nb] = nameKey(b);
  return ra !== rb ? ra - rb : na < nb ? -1 : na > nb ? 1 : 0;
}

/** The `name = ...` line of a dependency in Cargo.toml's [dependencies], with its index. */
function dependencyLine(lines: readonly string[], crate: string): number | undefined {
  let section = '';
  for (const [i, line] of lines.entries()) {
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
    if (header !== null) section = header[1]!.trim();
    else if (section === 'dependencies' && new RegExp(`^${crate}\\s*=`).test(line)) return i;
  }
  return undefined;
}

const FEATURES = /features\s*=\s*\[([^\]]*)\]/;

export function hasCargoFeature(text: string, crate: string, feature: string): boolean {
  const lines = text.split('\n');
  const i = dependencyLine(lines, crate);
  const features = i === undefined ? null : FEATURES.exec(lines[i]!);
  return features !== null && features[1]!.split(',').some((f) => f.trim() === JSON.stringify(feature));
}

/** Cargo.toml with `feature` on for `crate`, for the one-line forms the generator writes. */
export function withCargoFeature(text: string, crate: string, feature: string): InsertOutcome {
  if (hasCargoFeature(text, crate, feature)) return { ok: true, text };
  const lines = text.split('\n');
  const i = dependencyLine(lines, crate);
  if (i === undefined) return { ok: false, problem: `no one-line \`${crate} = ...\` in [dependencies]` };
  const line = lines[i]!;
  const quoted = JSON.stringify(feature);
  const plain = new RegExp(`^${crate}\\s*=\\s*("[^"]*")\\s*(#.*)?$`).exec(line);
  if (plain !== null) {
    lines[i] = `${crate} = { version = ${plain[1]}, features = [${quoted}] }${plain[2] === undefined ? '' : ` ${plain[2]}`}`;
  } else if (/^[^=]+=\s*\{.*\}\s*(#.*)?$/.test(line)) {
    lines[i] = FEATURES.test(line)
      ? line.replace(FEATURES, (_, list: string) => `features = [${[...list.split(',').map((f) => f.trim()).filter((f) => f !== ''), quoted].join(', ')}]`)
      : line.replace(/\s*\}(\s*(#.*)?)$/, `, features = [${quoted}] }$1`);
  } else {
    return { ok: false, problem: `\`${line.trim()}\` is not a form this tool edits` };
  }
  return { ok: true, text: lines.join('\n') };
}
