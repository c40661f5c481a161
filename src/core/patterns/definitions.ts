/**
 * The patterns `add` and `--with` put into a project: what each is, the files it brings, the
 * lines it needs at the markers, and where it applies. Pure data.
 */
import { KINDS, RUNTIMES, type Kind, type ProjectOptions } from '../options.js';

export const PATTERN_NAMES = ['class', 'stream', 'blocking', 'callback', 'native'] as const;
export type PatternName = (typeof PATTERN_NAMES)[number];

/** A dependency feature a pattern needs in Cargo.toml. */
export interface CargoFeature {
  readonly crate: 'pyo3';
  readonly feature: string;
}

interface PatternBase {
  readonly name: PatternName;
  /** One line for `list` and the README. */
  readonly summary: string;
  /** The API it adds, as the user calls it. */
  readonly api: string;
  /** Its Rust module, src/patterns/<module>.rs, which also names its tests. */
  readonly module: string;
  readonly cargoFeatures: readonly CargoFeature[];
}

/** A module's pattern: Rust registered in the `#[pymodule]`, a Python wrapper, stubs, pytest. */
export interface ModulePatternDef extends PatternBase {
  readonly kind: 'module';
  /** Its Python wrapper under python/<package>/. */
  readonly wrapper: string;
  /** The names it adds to the package, and the line importing them into __init__.py. */
  readonly exports: readonly string[];
  readonly importFrom: string;
  /** The names it adds to the native module (the .pyi's __all__). */
  readonly nativeNames: readonly string[];
}

/** An app's pattern: a Rust module of the library and its own test target, tests/<module>.rs. */
export interface AppPatternDef extends PatternBase {
  readonly kind: 'app';
}

export type PatternDef = ModulePatternDef | AppPatternDef;

const MODULE_PATTERNS: readonly ModulePatternDef[] = [
  {
    kind: 'module',
    name: 'class',
    summary: 'a #[pyclass] owning shared Rust state (Arc) with async methods, async with, close',
    api: 'Store(); await store.put/get/keys/close(); async with Store() as store',
    module: 'store',
    wrapper: '_store.py',
    exports: ['Store'],
    importFrom: '._store',
    nativeNames: ['Store'],
    cargoFeatures: [],
  },
  {
    kind: 'module',
    name: 'stream',
    summary: 'a Rust stream as a Python async iterator; break, aclose() and cancellation stop or spare the producer',
    api: 'async for tick in ticks(count, interval)',
    module: 'ticks',
    wrapper: '_ticks.py',
    exports: ['ticks'],
    importFrom: '._ticks',
    nativeNames: ['Ticks', 'ticks'],
    cargoFeatures: [],
  },
  {
    kind: 'module',
    name: 'blocking',
    summary: 'a sync function that releases the GIL, and CPU-bound work on the blocking pool behind an awaitable',
    api: 'sleep_blocking(seconds); await checksum(data)',
    module: 'blocking',
    wrapper: '_blocking.py',
    exports: ['checksum', 'sleep_blocking'],
    importFrom: '._blocking',
    nativeNames: ['checksum', 'sleep_blocking'],
    cargoFeatures: [],
  },
  {
    kind: 'module',
    name: 'callback',
    summary: "a Rust task awaiting a Python async callback, in the starter's contextvars; errors end it",
    api: 'ticker = start_ticker(callback, interval); await ticker.stop() -> calls made',
    module: 'ticker',
    wrapper: '_ticker.py',
    exports: ['Ticker', 'start_ticker'],
    importFrom: '._ticker',
    nativeNames: ['Ticker', 'start_ticker'],
    cargoFeatures: [],
  },
  {
    kind: 'module',
    name: 'native',
    summary: "PyO3's own async fn (experimental-async): work on the module's runtime, #[pyo3(cancel_handle)]",
    api: 'await native_sleep(seconds)',
    module: 'native_sleep',
    wrapper: '_native_sleep.py',
    exports: ['native_sleep'],
    importFrom: '._native_sleep',
    nativeNames: ['native_sleep'],
    cargoFeatures: [{ crate: 'pyo3', feature: 'experimental-async' }],
  },
];

const APP_PATTERNS: readonly AppPatternDef[] = [
  {
    kind: 'app',
    name: 'stream',
    summary: 'a Python async generator consumed as a Rust Stream: pulled one item at a time, closed when dropped',
    api: 'let mut items = into_stream(&generator)?; while let Some(item) = items.next().await',
    module: 'py_stream',
    cargoFeatures: [],
  },
];

const DEFS: Readonly<Record<Kind, ReadonlyMap<PatternName, PatternDef>>> = {
  module: new Map(MODULE_PATTERNS.map((p) => [p.name, p])),
  app: new Map(APP_PATTERNS.map((p) => [p.name, p])),
};

/** The pattern `name` as it is written for `kind`, if it is. */
export function patternDef(name: PatternName, kind: Kind): PatternDef | undefined {
  return DEFS[kind].get(name);
}

/** Where a pattern's templates are: templates/patterns/<name>, or <kind>-<name> for the other kinds. */
export function patternTemplates(p: PatternDef): string {
  return `patterns/${p.kind === 'module' ? p.name : `${p.kind}-${p.name}`}`;
}

/** Every form of every pattern, for the template check: module ones first. */
export const PATTERN_DEFS: readonly PatternDef[] = [...MODULE_PATTERNS, ...APP_PATTERNS];

export function isPatternName(value: string): value is PatternName {
  return (PATTERN_NAMES as readonly string[]).includes(value);
}

type Where = Pick<ProjectOptions, 'kind' | 'runtime' | 'stack'>;

/** Why an app has no form of a module's pattern. */
const APP_REFUSAL: Readonly<Partial<Record<PatternName, string>>> = {
  class: 'an app has no Python API to expose a class through; it is a module pattern',
  blocking: 'an app calls its blocking work from Rust; releasing the GIL for Python callers is a module pattern',
  callback: "an app's Rust code awaits Python directly (see src/lib.rs); start_ticker is a module pattern",
  native: "PyO3's async fn makes Python coroutines of Rust functions, which only a module exports",
};

/** Why `name` cannot go into a project like `o` (one line), or undefined when it can. */
export function patternRefusal(name: PatternName, o: Where): string | undefined {
  if (o.stack === 'legacy') {
    return 'the legacy stack (pyo3-asyncio 0.20) is for existing codebases; patterns are written for the current stack';
  }
  if (patternDef(name, o.kind) !== undefined) return undefined;
  return APP_REFUSAL[name] ?? `there is no ${o.kind} form of ${name}`;
}

/** The patterns that apply to a project like `o`, in their canonical order. */
export function applicablePatterns(o: Where): PatternName[] {
  return PATTERN_NAMES.filter((name) => patternRefusal(name, o) === undefined);
}

/** Where each form of a pattern applies, for `list`: its kind, runtimes and stacks. */
export function patternForms(name: PatternName): Array<{ kind: Kind; summary: string; api: string; runtimes: string[]; stacks: string[] }> {
  return KINDS.flatMap((kind) => {
    const p = patternDef(name, kind);
    if (p === undefined) return [];
    const runtimes = RUNTIMES.filter((runtime) => patternRefusal(name, { kind, runtime, stack: 'current' }) === undefined);
    return [{ kind, summary: p.summary, api: p.api, runtimes: [...runtimes], stacks: ['current'] }];
  });
}
