/**
 * Line-aware edits of exactly the keys `upgrade` keeps coherent: dependency versions and names in
 * Cargo.toml, requirement ranges in pyproject.toml. Each edit replaces the characters of one
 * value or key and nothing else, so comments, order, spacing and the user's other choices stay.
 */
import { scanToml, type Span, type TomlDoc, type TomlEntry, type TomlValue } from './toml-scan.js';

const DEP_TABLES = new Set(['dependencies', 'dev-dependencies', 'build-dependencies']);

interface Splice extends Span {
  readonly text: string;
}

function applySplices(text: string, splices: readonly Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** Where a dependency table starts in a full path: [dependencies, ...] or [target, <cfg>, dependencies, ...]. */
function depIndex(path: readonly string[]): number | undefined {
  if (path.length > 0 && DEP_TABLES.has(path[0]!)) return 0;
  if (path.length > 2 && path[0] === 'target' && DEP_TABLES.has(path[2]!)) return 2;
  return undefined;
}

interface Occurrence {
  /** The version strings of the dependency (`crate = "x"`, `version = "x"` inside or under it). */
  readonly versions: Extract<TomlValue, { kind: 'string' }>[];
  /** Where its name is written: a key or a header part. */
  readonly names: Span[];
}

function occurrences(doc: TomlDoc, crate: string): Occurrence {
  const versions: Extract<TomlValue, { kind: 'string' }>[] = [];
  const names: Span[] = [];
  for (const header of doc.headers) {
    const i = depIndex(header.path);
    if (i !== undefined && header.path[i + 1] === crate) names.push(header.spans[i + 1]!);
  }
  const visit = (entry: TomlEntry) => {
    const path = [...entry.table, ...entry.key];
    const i = depIndex(path);
    if (i === undefined || path[i + 1] !== crate) return;
    const inKey = i + 1 - entry.table.length;
    if (inKey >= 0) names.push(entry.keySpans[inKey]!);
    const rest = path.slice(i + 2);
    const v = entry.value;
    if (rest.length === 0 && v.kind === 'string') versions.push(v);
    if (rest.length === 0 && v.kind === 'inline') {
      for (const inner of v.entries) if (inner.key.join('.') === 'version' && inner.value.kind === 'string') versions.push(inner.value);
    }
    if (rest.length === 1 && rest[0] === 'version' && v.kind === 'string') versions.push(v);
  };
  doc.entries.forEach(visit);
  return { versions, names };
}

/** The version requirement of `crate` in its first dependency table, as written. */
export function dependencyVersion(text: string, crate: string): string | undefined {
  return occurrences(scanToml(text), crate).versions[0]?.value;
}

/** Whether Cargo.toml depends on `crate` anywhere (any dependency table, any form). */
export function hasDependency(text: string, crate: string): boolean {
  return occurrences(scanToml(text), crate).names.length > 0;
}

/** The `features` of `crate`'s first inline-table or sub-table entry. */
export function dependencyFeatures(text: string, crate: string): string[] {
  const doc = scanToml(text);
  const out: string[] = [];
  for (const entry of doc.entries) {
    const path = [...entry.table, ...entry.key];
    const i = depIndex(path);
    if (i === undefined || path[i + 1] !== crate) continue;
    const rest = path.slice(i + 2).join('.');
    const array =
      rest === 'features' ? entry.value : rest === '' && entry.value.kind === 'inline' ? entry.value.entries.find((e) => e.key.join('.') === 'features')?.value : undefined;
    if (array?.kind === 'array') for (const item of array.items) if (item.kind === 'string') out.push(item.value);
  }
  return out;
}

/** Sets every version requirement of `crate` (dependencies, dev- and build-dependencies, per target). */
export function setDependencyVersion(text: string, crate: string, version: string): string {
  const { versions } = occurrences(scanToml(text), crate);
  return applySplices(
    text,
    versions.filter((v) => !v.multiline).map((v) => ({ start: v.start, end: v.end, text: `${v.quote}${version}${v.quote}` })),
  );
}

/** Renames the dependency `from` to `to` wherever it is a key or a table name (its `package` key aside). */
export function renameDependency(text: string, from: string, to: string): string {
  const { names } = occurrences(scanToml(text), from);
  return applySplices(text, names.map((span) => ({ ...span, text: to })));
}

/** PEP 503 normalised name, as pip compares them. */
const normalise = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/** Arrays of PEP 508 requirements in pyproject.toml. */
function isRequirementArray(path: readonly string[]): boolean {
  const p = path.join('.');
  return p === 'build-system.requires' || p === 'project.dependencies' || (path.length === 3 && path[0] === 'project' && path[1] === 'optional-dependencies') || (path.length === 2 && path[0] === 'dependency-groups');
}

/**
 * Sets the version range of `name` in every requirement array of pyproject.toml
 * (`"uvloop>=0.21; marker"` -> `"uvloop>=0.22; marker"`), keeping extras, markers and quotes.
 * A requirement by URL, or one with escapes before its range, is left alone.
 */
export function setRequirement(text: string, name: string, range: string): string {
  const splices: Splice[] = [];
  for (const entry of scanToml(text).entries) {
    if (!isRequirementArray([...entry.table, ...entry.key]) || entry.value.kind !== 'array') continue;
    for (const item of entry.value.items) {
      if (item.kind !== 'string' || item.multiline) continue;
      const raw = text.slice(item.start + 1, item.end - 1);
      const m = /^(\s*)([A-Za-z0-9][A-Za-z0-9._-]*)(\s*\[[^\]]*\])?/.exec(raw);
      if (m === null || normalise(m[2]!) !== normalise(name)) continue;
      const specStart = m[0].length;
      const rest = raw.slice(specStart);
      if (rest.includes('@') && !rest.includes(';')) continue;
      const semicolon = rest.indexOf(';');
      const spec = semicolon === -1 ? rest : rest.slice(0, semicolon);
      if (spec.includes('\\') || spec.includes('@')) continue;
      const trailing = /\s*$/.exec(spec)![0];
      const start = item.start + 1 + specStart;
      splices.push({ start, end: start + spec.length, text: `${range}${semicolon === -1 ? '' : trailing}` });
    }
  }
  return applySplices(text, splices);
}

/** The version range `name` has in pyproject.toml's requirement arrays, as written. */
export function requirementRange(text: string, name: string): string | undefined {
  for (const entry of scanToml(text).entries) {
    if (!isRequirementArray([...entry.table, ...entry.key]) || entry.value.kind !== 'array') continue;
    for (const item of entry.value.items) {
      if (item.kind !== 'string') continue;
      const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?([^;]*)/.exec(item.value);
      if (m !== null && normalise(m[1]!) === normalise(name)) return m[3]!.trim();
    }
  }
  return undefined;
}
