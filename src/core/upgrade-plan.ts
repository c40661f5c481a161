/**
 * The upgrade planner: what is on disk, what was generated (the base), and what this version
 * generates -> one action per file. Pure: file texts come in, the three-way merge is handed in
 * (git merge-file in the CLI), nothing is read or written here.
 */
import type { GeneratedFile } from './plan.js';
import { blobId, recordBlock, replaceRecord, withoutRecord, type GenerationRecord } from './record.js';
import { renameDependency, setDependencyVersion, setRequirement } from './toml-edit.js';

export type UpgradeAction =
  /** Not there before, generated now. */
  | 'add'
  /** Unchanged since it was generated: replaced by what this version generates. */
  | 'replace'
  /** Changed by the user: merged with this version's changes, cleanly. */
  | 'merge'
  /** Changed by the user where this version changed it too: written with conflict markers. */
  | 'conflict'
  /** Already what this version generates. */
  | 'untouched'
  /** Generated before and deleted by the user: left deleted. */
  | 'deleted'
  /** Changed by the user, and what was generated is not known: only the pinned versions are updated. */
  | 'pins';

export interface PlannedFile {
  readonly path: string;
  readonly action: UpgradeAction;
  /** The text to write (undefined: nothing is written). */
  readonly contents: string | undefined;
  /** Conflict hunks, for `conflict`. */
  readonly conflicts: number;
  /** Why, when it is not obvious (no base found, ...). */
  readonly note?: string;
}

/** The versions every TOML file must agree on after the upgrade. */
export interface Pins {
  /** Dependencies renamed first (the legacy bridge crate to the current one). */
  readonly renames: readonly { readonly from: string; readonly to: string }[];
  readonly crates: readonly { readonly name: string; readonly version: string }[];
  /** pyproject.toml requirement ranges, set where the requirement exists. */
  readonly requirements: readonly { readonly name: string; readonly range: string }[];
}

export interface Merge3Input {
  readonly path: string;
  readonly ours: string;
  readonly base: string;
  readonly theirs: string;
  readonly labels: readonly [string, string, string];
}

export type Merge3 = (input: Merge3Input) => Promise<{ readonly text: string; readonly conflicts: number }>;

export interface UpgradeInput {
  /** What this version generates for the upgraded answers. */
  readonly generated: readonly GeneratedFile[];
  /** The project's text at each generated path (undefined: no such file). */
  readonly current: ReadonlyMap<string, string | undefined>;
  /** What was generated at each path, where it could be found. */
  readonly base: ReadonlyMap<string, string>;
  /** The project's record, when it has one (projects made by 0.1.0 do not). */
  readonly record: GenerationRecord | undefined;
  /** Paths generated before (the record's, or the first commit's). */
  readonly generatedBefore: ReadonlySet<string>;
  readonly pins: Pins;
  readonly fromVersion: string;
  readonly toVersion: string;
}

/** Applies the pins to Cargo.toml or pyproject.toml text; any other file is returned as it is. */
export function applyPins(path: string, text: string, pins: Pins): string {
  let out = text;
  if (path === 'Cargo.toml') {
    for (const { from, to } of pins.renames) out = renameDependency(out, from, to);
    for (const { name, version } of pins.crates) out = setDependencyVersion(out, name, version);
  } else if (path === 'pyproject.toml') {
    for (const { name, range } of pins.requirements) out = setRequirement(out, name, range);
  }
  return out;
}

const isToml = (path: string) => path === 'Cargo.toml' || path === 'pyproject.toml';
/** Cargo.toml is compared and merged without its record, which upgrade rewrites whole. */
const body = (path: string, text: string) => (path === 'Cargo.toml' ? withoutRecord(text) : text);

/** Whether the user left `current` as it was generated. */
function unchanged(path: string, current: string, input: UpgradeInput): boolean {
  const id = input.record?.files[path];
  if (id !== undefined) return blobId(body(path, current)) === id;
  const base = input.base.get(path);
  return base !== undefined && body(path, base) === body(path, current);
}

export async function planUpgrade(input: UpgradeInput, merge3: Merge3): Promise<PlannedFile[]> {
  const out: PlannedFile[] = [];
  for (const file of input.generated) {
    const { path } = file;
    const current = input.current.get(path);
    const plain = (action: UpgradeAction, contents: string | undefined, note?: string): PlannedFile => ({
      path,
      action,
      contents,
      conflicts: 0,
      ...(note === undefined ? {} : { note }),
    });
    if (current === undefined) {
      out.push(input.generatedBefore.has(path) ? plain('deleted', undefined, 'deleted since it was generated; left deleted') : plain('add', file.contents));
    } else if (current === file.contents) {
      out.push(plain('untouched', undefined));
    } else if (unchanged(path, current, input)) {
      out.push(plain('replace', file.contents));
    } else {
      out.push(await mergeChanged(file, current, input, merge3));
    }
  }
  return out;
}

async function mergeChanged(file: GeneratedFile, current: string, input: UpgradeInput, merge3: Merge3): Promise<PlannedFile> {
  const { path } = file;
  const finish = (text: string) => {
    const pinned = applyPins(path, text, input.pins);
    return path === 'Cargo.toml' ? replaceRecord(pinned, recordBlock(file.contents)) : pinned;
  };
  const known = input.base.get(path);
  if (known === undefined && isToml(path)) {
    // Without the generated text nothing else can be merged, but the versions must still agree.
    const contents = finish(body(path, current));
    return { path, action: contents === current ? 'untouched' : 'pins', contents: contents === current ? undefined : contents, conflicts: 0, note: 'changed, and what was generated is not known (no record or first commit holds it): only the pinned versions were updated' };
  }
  // The pins go into both sides first, so a line the user changed elsewhere (a feature added to
  // pyo3) does not conflict with the version this upgrade sets on it.
  const ours = applyPins(path, body(path, current), input.pins);
  const base = applyPins(path, body(path, known ?? ''), input.pins);
  const theirs = body(path, file.contents);
  const merged = await merge3({
    path,
    ours,
    base,
    theirs,
    labels: [`${path} (yours)`, `${path} (as create-pyo3-async ${input.fromVersion} generated it)`, `${path} (as this upgrade generates it)`],
  });
  // Where there was a base, text both sides added at one place (a function appended by the user
  // and by this version) is kept, yours first; a real conflict keeps its markers.
  const resolved = known === undefined ? { text: merged.text, conflicts: merged.conflicts, kept: 0 } : keepBothInsertions(merged.text, merged.conflicts);
  const contents = finish(resolved.text);
  const note = known === undefined ? 'changed, and what was generated is not known: both versions are kept between markers' : resolved.kept > 0 ? `you and this version added text at the same place: both kept, yours first (${resolved.kept}x)` : undefined;
  const extra = note === undefined ? {} : { note };
  if (resolved.conflicts > 0) return { path, action: 'conflict', contents, conflicts: resolved.conflicts, ...extra };
  return contents === current ? { path, action: 'untouched', contents: undefined, conflicts: 0 } : { path, action: 'merge', contents, conflicts: 0, ...extra };
}

/**
 * Resolves the diff3 hunks whose base part is empty (both sides inserted at the same place) as
 * ours followed by theirs; other hunks stay as they are. Returns the conflicts left.
 */
export function keepBothInsertions(text: string, conflicts: number): { text: string; conflicts: number; kept: number } {
  if (conflicts === 0) return { text, conflicts, kept: 0 };
  const lines = text.split('\n');
  const out: string[] = [];
  let kept = 0;
  let left = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('<<<<<<< ')) {
      out.push(lines[i]!);
      continue;
    }
    const base = lines.findIndex((l, j) => j > i && l.startsWith('||||||| '));
    const mid = lines.findIndex((l, j) => j > base && l === '=======');
    const end = lines.findIndex((l, j) => j > mid && l.startsWith('>>>>>>> '));
    if (base === -1 || mid === -1 || end === -1) {
      out.push(...lines.slice(i));
      return { text: out.join('\n'), conflicts: conflicts - kept, kept };
    }
    if (mid === base + 1) {
      out.push(...lines.slice(i + 1, base), ...lines.slice(mid + 1, end));
      kept++;
    } else {
      out.push(...lines.slice(i, end + 1));
      left++;
    }
    i = end;
  }
  return { text: out.join('\n'), conflicts: left, kept };
}

/** Files generated before that this version no longer generates: reported, never removed. */
export function obsolete(input: Pick<UpgradeInput, 'generated' | 'generatedBefore'>): string[] {
  const now = new Set(input.generated.map((f) => f.path));
  return [...input.generatedBefore].filter((p) => !now.has(p)).sort();
}
