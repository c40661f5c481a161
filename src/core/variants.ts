/**
 * The variant space (kind x runtime x event loop x stack) and the versions each variant pins:
 * the contract `list` prints and `matrix` generates. Pure data, no I/O.
 */
import { toModuleName } from './names.js';
import { applicablePatterns } from './patterns/definitions.js';
import { DEFAULTS, defaultDescription, KINDS, RUNTIMES, STACKS, type Kind, type ProjectOptions, type Runtime, type Stack } from './options.js';
import { stackVersions, VERSIONS, UVLOOP_MARKER } from './versions.js';

export interface VariantChoice {
  readonly kind: Kind;
  readonly runtime: Runtime;
  readonly uvloop: boolean;
  readonly stack: Stack;
  /** With every pattern that applies (`--with all`); only current-stack modules have such variants. */
  readonly patterns?: boolean;
}

export interface Variant extends VariantChoice {
  /** e.g. "module-tokio-asyncio", "legacy-app-async-std-uvloop": also the crate name `matrix` uses. */
  readonly id: string;
}

function variantId(c: VariantChoice): string {
  return `${c.stack === 'current' ? '' : `${c.stack}-`}${c.kind}-${c.runtime}-${c.uvloop ? 'uvloop' : 'asyncio'}${c.patterns === true ? '-patterns' : ''}`;
}

const BASE_VARIANTS: readonly Variant[] = STACKS.flatMap((stack) =>
  KINDS.flatMap((kind) =>
    RUNTIMES.flatMap((runtime) =>
      [false, true].map((uvloop) => ({ id: variantId({ kind, runtime, uvloop, stack }), kind, runtime, uvloop, stack })),
    ),
  ),
);

/**
 * Every variant, in a fixed order (stack, kind, runtime, asyncio before uvloop), then the ones
 * with every pattern (`-patterns`) for each variant that has patterns at all.
 */
export const VARIANTS: readonly Variant[] = [
  ...BASE_VARIANTS,
  ...BASE_VARIANTS.filter((v) => applicablePatterns(v).length > 0).map((v) => ({ ...v, patterns: true, id: variantId({ ...v, patterns: true }) })),
];

/** Complete options for a variant at its stack's default pyo3, named `name` (default: the id). */
export function variantOptions(v: VariantChoice, name: string = variantId(v)): ProjectOptions {
  return {
    crateName: name,
    moduleName: toModuleName(name),
    description: defaultDescription(v.kind, v.runtime, v.stack),
    kind: v.kind,
    runtime: v.runtime,
    uvloop: v.uvloop,
    stack: v.stack,
    pyo3: stackVersions(v.stack).pyo3,
    ci: 'github',
    abi3: v.kind === 'module' && DEFAULTS.abi3,
    patterns: v.patterns === true ? applicablePatterns(v) : [],
  };
}

export interface PinnedVersions {
  /** Cargo dependencies (normal, build and dev) and the version requirement each is given. */
  readonly crates: Readonly<Record<string, string>>;
  readonly rustVersion: string;
  /** Python-side requirements: requires-python, and for modules the build backend and deps. */
  readonly python: Readonly<Record<string, string>>;
}

/** What a project with these options pins; `list` prints it and a test checks it against the files. */
export function pinnedVersions(o: Pick<ProjectOptions, 'kind' | 'runtime' | 'uvloop' | 'stack' | 'pyo3'>): PinnedVersions {
  const s = stackVersions(o.stack, o.pyo3);
  const crates: Record<string, string> = { pyo3: s.pyo3, [s.bridgeCrate]: s.bridge };
  if (o.runtime === 'tokio') crates.tokio = VERSIONS.tokio;
  else crates['async-std'] = VERSIONS.asyncStd;
  if (o.stack === 'current') {
    crates['futures-channel'] = VERSIONS.futures;
    crates['futures-util'] = VERSIONS.futures;
  } else if (o.runtime === 'async-std') {
    crates['futures-util'] = VERSIONS.futures;
  }
  crates['pyo3-build-config'] = s.pyo3BuildConfig;
  const python: Record<string, string> = { 'requires-python': s.requiresPython };
  if (o.kind === 'module') {
    python.maturin = VERSIONS.maturin;
    if (o.uvloop) python.uvloop = `${VERSIONS.uvloop}; ${UVLOOP_MARKER}`;
    python.pytest = VERSIONS.pytest;
    python['pytest-asyncio'] = VERSIONS.pytestAsyncio;
    python.anyio = VERSIONS.anyio;
  } else if (o.uvloop) {
    // An app imports uvloop from the environment it runs in; nothing declares it.
    python.uvloop = `${VERSIONS.uvloop} (installed in the venv the app runs from)`;
  }
  return { crates, rustVersion: s.rustVersion, python };
}
