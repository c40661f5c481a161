/** The choices a project is made of, their allowed values and defaults. */
import type { PatternName } from './patterns/definitions.js';

export const KINDS = ['module', 'app'] as const;
export const RUNTIMES = ['tokio', 'async-std'] as const;
export const STACKS = ['current', 'legacy'] as const;
export const CI_PROVIDERS = ['github', 'none'] as const;

export type Kind = (typeof KINDS)[number];
export type Runtime = (typeof RUNTIMES)[number];
export type Stack = (typeof STACKS)[number];
export type CiProvider = (typeof CI_PROVIDERS)[number];

/** Validated, complete options: everything the planner needs, nothing machine-specific. */
export interface ProjectOptions {
  /** Cargo package name (also the PyPI distribution name for modules). */
  readonly crateName: string;
  /** Python import name and Rust library name: crateName with `-` as `_`. */
  readonly moduleName: string;
  readonly description: string;
  readonly kind: Kind;
  readonly runtime: Runtime;
  readonly uvloop: boolean;
  readonly stack: Stack;
  /** pyo3's minor version, one of the stack's pairs in versions.ts (e.g. "0.30"). */
  readonly pyo3: string;
  /** Which CI workflow to generate. */
  readonly ci: CiProvider;
  /**
   * Modules: build against CPython's stable ABI (pyo3's abi3-py3XX feature for the oldest
   * supported Python), so one wheel per platform serves every CPython from that version on.
   * Always false for apps, which embed one interpreter and cannot use it.
   */
  readonly abi3: boolean;
  /** Patterns added at creation (`--with`), in their canonical order; see core/patterns/. */
  readonly patterns: readonly PatternName[];
}

export const DEFAULTS = {
  name: 'pyo3-async-project',
  kind: 'module',
  runtime: 'tokio',
  uvloop: false,
  stack: 'current',
  /** For modules; apps never use the stable ABI. */
  abi3: true,
} as const satisfies { name: string; kind: Kind; runtime: Runtime; uvloop: boolean; stack: Stack; abi3: boolean };

export function defaultDescription(kind: Kind, runtime: Runtime, stack: Stack = 'current'): string {
  const rt = runtime === 'tokio' ? 'tokio' : 'async-std';
  const bridge = stack === 'current' ? 'pyo3-async-runtimes' : 'pyo3-asyncio';
  return kind === 'module'
    ? `Async Rust on ${rt}, awaitable from Python asyncio (PyO3 + ${bridge})`
    : `A Rust ${rt} application that embeds Python and awaits asyncio coroutines`;
}

/** A short label such as "module · tokio · uvloop · current stack". */
export function describeVariant(o: Pick<ProjectOptions, 'kind' | 'runtime' | 'uvloop' | 'stack'>): string {
  return [o.kind, o.runtime, o.uvloop ? 'uvloop' : 'asyncio', `${o.stack} stack`].join(' · ');
}
