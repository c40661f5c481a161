/**
 * The record of a generation, `[package.metadata.create-pyo3-async]` at the end of Cargo.toml:
 * the answers, the tool version, and the git blob id of every generated file. A blob id tells
 * `upgrade` whether the user changed a file (hash what is there now) and, when it did, where
 * the generated text is (`git cat-file blob <id>`: any commit that ever held it will do, so it
 * still works after later upgrades, rebases and squashes). Cargo.toml's own id is that of its
 * text without this table. Everything in it is a function of the options: output stays
 * deterministic.
 */
import { createHash } from 'node:crypto';
import type { CiProvider, Kind, ProjectOptions, Runtime, Stack } from './options.js';
import { TOOL_VERSION } from './tool-version.js';
import { scanToml, type TomlValue } from './toml-scan.js';

export const RECORD_TABLE = ['package', 'metadata', 'create-pyo3-async'] as const;
const HEADER = `[${RECORD_TABLE.join('.')}]`;
/** Abbreviated like `git log --abbrev=12`: unique in any project's object store, short in the file. */
export const ID_LENGTH = 12;

export interface RecordAnswers {
  readonly kind: Kind;
  readonly runtime: Runtime;
  readonly uvloop: boolean;
  readonly stack: Stack;
  readonly pyo3: string;
  readonly abi3: boolean;
  readonly ci: CiProvider;
}

export interface GenerationRecord {
  /** The tool version that generated the project. */
  readonly version: string;
  readonly answers: RecordAnswers;
  /** Generated path -> abbreviated git blob id. */
  readonly files: Readonly<Record<string, string>>;
}

/** git's object id of a blob with this text (`git hash-object`), abbreviated. */
export function blobId(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex').slice(0, ID_LENGTH);
}

const isRecordHeader = (line: string) => /^\s*\[\s*package\s*\.\s*metadata\s*\.\s*(["']?)create-pyo3-async\1\s*[\].]/.test(line);
const isHeader = (line: string) => /^\s*\[/.test(line);

/**
 * Cargo.toml without the record: its tables (`[package.metadata.create-pyo3-async]` and its
 * sub-tables, wherever they are) removed, trailing blank lines dropped. Both generation and
 * upgrade take Cargo.toml's id from this text, and merge it without the record.
 */
export function withoutRecord(text: string): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  let inRecord = false;
  for (const line of lines) {
    if (isHeader(line)) inRecord = isRecordHeader(line);
    if (!inRecord) kept.push(line);
  }
  const joined = kept.join('\n').replace(/\n+$/, '');
  return joined === '' ? '' : `${joined}\n`;
}

/** The record's block as text, for an upgraded Cargo.toml whose own text was merged. */
export function recordBlock(text: string): string {
  const lines = text.split('\n');
  let inRecord = false;
  const out: string[] = [];
  for (const line of lines) {
    if (isHeader(line)) inRecord = isRecordHeader(line);
    if (inRecord) out.push(line);
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** Cargo.toml with `record` (a block from recordBlock) in place of the one it had. */
export function replaceRecord(text: string, record: string): string {
  return `${withoutRecord(text)}\n${record}`;
}

/** The blob id of each generated file, Cargo.toml's taken without its record. */
export function fileIds(files: readonly { readonly path: string; readonly contents: string }[]): { path: string; id: string }[] {
  return files.map((f) => ({ path: f.path, id: blobId(f.path === 'Cargo.toml' ? withoutRecord(f.contents) : f.contents) }));
}

export function recordAnswers(o: ProjectOptions): RecordAnswers {
  return { kind: o.kind, runtime: o.runtime, uvloop: o.uvloop, stack: o.stack, pyo3: o.pyo3, abi3: o.abi3, ci: o.ci };
}

/** What the Cargo.toml template's record block shows (files: filled in by the plan's second pass). */
export function recordContext(o: ProjectOptions, files: readonly { path: string; id: string }[] = []) {
  return { header: HEADER, version: TOOL_VERSION, answers: recordAnswers(o), files };
}

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  allowed.find((a) => a === value);

/** Reads the record from Cargo.toml; undefined when there is none (projects made by 0.1.0), or a reason it is unusable. */
export function parseRecord(cargoToml: string): GenerationRecord | { readonly invalid: string } | undefined {
  const doc = scanToml(cargoToml);
  const at = (key: string): TomlValue | undefined =>
    doc.entries.find((e) => [...e.table, ...e.key].join('.') === [...RECORD_TABLE, key].join('.'))?.value;
  if (!doc.headers.some((h) => h.path.join('.') === RECORD_TABLE.join('.'))) return undefined;
  const str = (key: string) => {
    const v = at(key);
    return v?.kind === 'string' ? v.value : undefined;
  };
  const bool = (key: string) => {
    const v = at(key);
    return v?.kind === 'other' && (v.raw === 'true' || v.raw === 'false') ? v.raw === 'true' : undefined;
  };
  const answers = {
    kind: oneOf(str('kind'), ['module', 'app'] as const),
    runtime: oneOf(str('runtime'), ['tokio', 'async-std'] as const),
    uvloop: bool('uvloop'),
    stack: oneOf(str('stack'), ['current', 'legacy'] as const),
    pyo3: str('pyo3'),
    abi3: bool('abi3'),
    ci: oneOf(str('ci'), ['github', 'none'] as const),
  };
  const missing = Object.entries(answers).find(([, v]) => v === undefined)?.[0];
  const version = str('version');
  if (missing !== undefined || version === undefined) return { invalid: `its ${missing ?? 'version'} is missing or not a value this tool knows` };
  const files: Record<string, string> = {};
  const filesTable = [...RECORD_TABLE, 'files'].join('.');
  for (const e of doc.entries) {
    if (e.table.join('.') === filesTable && e.key.length === 1 && e.value.kind === 'string') files[e.key[0]!] = e.value.value;
  }
  return { version, answers: answers as RecordAnswers, files };
}
