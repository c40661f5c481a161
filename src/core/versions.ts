/**
 * Every version the generated output pins, in one table: a bump here shows up in every
 * snapshot. The bridge crate must use the same pyo3 minor as the project, since two pyo3
 * versions cannot link into one binary (`pyo3-ffi` declares `links = "python"`), so versions
 * come in pairs and only listed pairs can be chosen.
 */
import type { Stack } from './options.js';

/** One set of crate versions that resolve and link together. */
export interface VersionPair {
  readonly pyo3: string;
  /** pyo3-async-runtimes (current) or pyo3-asyncio (legacy): always pyo3's minor. */
  readonly bridge: string;
  readonly pyo3BuildConfig: string;
  /** The highest rust-version among the pinned crates (tokio 1.54 needs 1.85 in every pair). */
  readonly rustVersion: string;
  readonly requiresPython: string;
  /** The Python versions generated CI workflows test and build wheels for, oldest first. */
  readonly pythons: readonly string[];
  /** Free-threaded CPythons ("3.14t") the generated CI tests modules on. */
  readonly freeThreaded: readonly string[];
}

export interface StackInfo {
  readonly bridgeCrate: 'pyo3-async-runtimes' | 'pyo3-asyncio';
  /** The bridge crate as Rust code names it. */
  readonly bridgeModule: 'pyo3_async_runtimes' | 'pyo3_asyncio';
  readonly bridgeUrl: string;
  /** Whether this tool can generate the stack yet. */
  readonly supported: boolean;
  /** The Rust edition of generated crates. */
  readonly edition: '2021' | '2024';
  /** The pyo3 versions the stack's templates compile with, newest (the default) first. */
  readonly pairs: readonly [VersionPair, ...VersionPair[]];
}

// uvloop 0.23 has wheels for CPython 3.9-3.15 and the free-threaded 3.14t (not for Windows).
const CURRENT_PYTHONS = ['3.10', '3.11', '3.12', '3.13', '3.14'];
// pyo3 0.28+ marks modules free-threading-safe; 0.29 dropped 3.13t. abi3 cannot cover these.
const CURRENT_FREE_THREADED = ['3.14t'];

// Python 3.10 is the floor although pyo3 0.30 still builds for 3.9: 3.9 is past its end of
// life and the generated test suite's pytest 9 / pytest-asyncio 1.5 need 3.10.
export const STACK_TABLE: Readonly<Record<Stack, StackInfo>> = {
  current: {
    bridgeCrate: 'pyo3-async-runtimes',
    bridgeModule: 'pyo3_async_runtimes',
    bridgeUrl: 'https://github.com/PyO3/pyo3-async-runtimes',
    supported: true,
    edition: '2024',
    pairs: [
      { pyo3: '0.30', bridge: '0.30', pyo3BuildConfig: '0.30', rustVersion: '1.85', requiresPython: '>=3.10', pythons: CURRENT_PYTHONS, freeThreaded: CURRENT_FREE_THREADED },
      { pyo3: '0.29', bridge: '0.29', pyo3BuildConfig: '0.29', rustVersion: '1.85', requiresPython: '>=3.10', pythons: CURRENT_PYTHONS, freeThreaded: CURRENT_FREE_THREADED },
      // 0.28 is the oldest with Python::attach and pyo3-build-config's rpath helper.
      { pyo3: '0.28', bridge: '0.28', pyo3BuildConfig: '0.28', rustVersion: '1.85', requiresPython: '>=3.10', pythons: CURRENT_PYTHONS, freeThreaded: CURRENT_FREE_THREADED },
    ],
  },
  legacy: {
    bridgeCrate: 'pyo3-asyncio',
    bridgeModule: 'pyo3_asyncio',
    bridgeUrl: 'https://github.com/awestlake87/pyo3-asyncio',
    supported: true,
    // pyo3 0.20's macros expand to code that edition 2024 rejects (unsafe_op_in_unsafe_fn).
    edition: '2021',
    // pyo3 0.20 supports Python up to 3.12.
    pairs: [{ pyo3: '0.20', bridge: '0.20', pyo3BuildConfig: '0.20', rustVersion: '1.85', requiresPython: '>=3.10,<3.13', pythons: ['3.10', '3.11', '3.12'], freeThreaded: [] }],
  },
};

/** The versions a project pins, with the label users see. */
export interface ResolvedVersions extends VersionPair, Pick<StackInfo, 'bridgeCrate' | 'bridgeModule' | 'bridgeUrl' | 'edition'> {
  readonly label: string;
}

export function stackVersions(stack: Stack, pyo3?: string): ResolvedVersions {
  const info = STACK_TABLE[stack];
  const pair = pyo3 === undefined ? info.pairs[0] : findPair(stack, pyo3);
  if (pair === undefined) throw new Error(`no pyo3 ${pyo3} in the ${stack} stack`);
  const { bridgeCrate, bridgeModule, bridgeUrl, edition } = info;
  return { ...pair, bridgeCrate, bridgeModule, bridgeUrl, edition, label: `pyo3 ${pair.pyo3} + ${bridgeCrate} ${pair.bridge}` };
}

/**
 * The pair for a pyo3 version written exactly as the table has it ("0.29"), if the stack has it.
 * Nothing else matches: not "0.29.7" (the project pins the minor, cargo picks the patch), not " 0.29".
 */
export function findPair(stack: Stack, version: string): VersionPair | undefined {
  return STACK_TABLE[stack].pairs.find((p) => p.pyo3 === version);
}

export function supportedPyo3(stack: Stack): string[] {
  return STACK_TABLE[stack].pairs.map((p) => p.pyo3);
}

/** Pins shared by every stack. */
export const VERSIONS = {
  tokio: '1.54',
  asyncStd: '1.13',
  /** futures-channel and futures-util, which the bridge crates depend on already. */
  futures: '0.3',
  /** From 1.9.4 maturin sets PYO3_BUILD_EXTENSION_MODULE itself, so the deprecated feature stays off. */
  maturin: '>=1.9.4,<2.0',
  uvloop: '>=0.21',
  pytest: '>=8',
  pytestAsyncio: '>=1.5',
  /** For the test that anyio task groups take the package's coroutines. */
  anyio: '>=4',
  projectVersion: '0.1.0',
} as const;

/**
 * The GitHub Actions the generated workflows use, each pinned to a release tag (or, for the
 * toolchain action, the toolchain it installs); test/hardening/supply-chain.test.ts holds every
 * reference to that rule. Kept apart from VERSIONS, which `create` reports as the project's pins.
 */
export const ACTIONS = {
  checkout: 'actions/checkout@v6',
  setupPython: 'actions/setup-python@v6',
  setupUv: 'astral-sh/setup-uv@v7',
  rustToolchain: 'dtolnay/rust-toolchain@stable',
  rustCache: 'Swatinem/rust-cache@v2',
  maturin: 'PyO3/maturin-action@v1',
  uploadArtifact: 'actions/upload-artifact@v6',
  downloadArtifact: 'actions/download-artifact@v7',
  /** Build provenance attestations, as maturin 1.16's generate-ci uses. */
  attest: 'actions/attest@v4',
  pypiPublish: 'pypa/gh-action-pypi-publish@release/v1',
} as const;

/** uvloop ships no wheels for Windows, and does not run on PyPy. */
export const UVLOOP_MARKER = "sys_platform != 'win32' and platform_python_implementation == 'CPython'";
