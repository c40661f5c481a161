/**
 * The patterns `add` and `--with` put into a project: what each is, the files it brings, the
 * lines it needs at the markers, and where it applies. Pure data.
 */
import type { Kind, ProjectOptions } from '../options.js';

export const PATTERN_NAMES = ['class', 'stream', 'blocking', 'callback', 'native'] as const;
export type PatternName = (typeof PATTERN_NAMES)[number];

/** A dependency feature a pattern needs in Cargo.toml. */
export interface CargoFeature {
  readonly crate: 'pyo3';
  readonly feature: string;
}

export interface PatternDef {
  readonly name: PatternName;
  /** One line for `list` and the README. */
  readonly summary: string;
  /** The Python API it adds, as the user calls it. */
  readonly api: string;
  /** The Rust module: src/patterns/<module>.rs, tests/test_<module>.py. */
  readonly module: string;
  /** Its Python wrapper under python/<package>/. */
  readonly wrapper: string;
  /** The names it adds to the package, and the line importing them into __init__.py. */
  readonly exports: readonly string[];
  readonly importFrom: string;
  /** The names it adds to the native module (the .pyi's __all__). */
  readonly nativeNames: readonly string[];
  readonly cargoFeatures: readonly CargoFeature[];
}

const MODULE_PATTERNS: readonly PatternDef[] = [
  {
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

export const PATTERNS: ReadonlyMap<PatternName, PatternDef> = new Map(MODULE_PATTERNS.map((p) => [p.name, p]));

export function patternDef(name: PatternName): PatternDef {
  return PATTERNS.get(name)!;
}

export function isPatternName(value: string): value is PatternName {
  return (PATTERN_NAMES as readonly string[]).includes(value);
}

type Where = Pick<ProjectOptions, 'kind' | 'runtime' | 'stack'>;

const APP_REFUSAL: Record<PatternName, string> = {
  class: 'an app has no Python API to expose a class through; it is a module pattern',
  stream: 'an app consuming a Python async generator as a Rust stream is not available yet',
  blocking: 'an app calls its blocking work from Rust; releasing the GIL for Python callers is a module pattern',
  callback: "an app's Rust code awaits Python directly (see src/lib.rs); start_ticker is a module pattern",
  native: "PyO3's async fn makes Python coroutines of Rust functions, which only a module exports",
};

/** Why `name` cannot go into a project like `o` (one line), or undefined when it can. */
export function patternRefusal(name: PatternName, o: Where): string | undefined {
  if (o.stack === 'legacy') {
    return 'the legacy stack (pyo3-asyncio 0.20) is for existing codebases; patterns are written for the current stack';
  }
  if (o.kind === 'app') return APP_REFUSAL[name];
  return undefined;
}

/** The patterns that apply to a project like `o`, in their canonical order. */
export function applicablePatterns(o: Where): PatternName[] {
  return PATTERN_NAMES.filter((name) => patternRefusal(name, o) === undefined);
}

/** Where each pattern applies, for `list`: kinds, runtimes and stacks. */
export function patternScope(name: PatternName): { kinds: Kind[]; runtimes: string[]; stacks: string[] } {
  const kinds = (['module', 'app'] as const).filter((kind) => patternRefusal(name, { kind, runtime: 'tokio', stack: 'current' }) === undefined);
  const runtimes = (['tokio', 'async-std'] as const).filter((runtime) => patternRefusal(name, { kind: 'module', runtime, stack: 'current' }) === undefined);
  return { kinds: [...kinds], runtimes: [...runtimes], stacks: ['current'] };
}
