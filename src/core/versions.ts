/**
 * Every version the generated output pins, in one table: a bump here shows up in every
 * snapshot. pyo3-async-runtimes must use the same pyo3 minor as the project, since two pyo3
 * versions cannot link into one binary (`pyo3-ffi` declares `links = "python"`).
 */
import type { Stack } from './options.js';

export interface StackVersions {
  /** What the user sees in prompts and output. */
  readonly label: string;
  readonly pyo3: string;
  /** The bridge crate: pyo3-async-runtimes (current) or pyo3-asyncio (legacy). */
  readonly bridgeCrate: 'pyo3-async-runtimes' | 'pyo3-asyncio';
  readonly bridge: string;
  readonly pyo3BuildConfig: string;
  /** requires-python: pyo3's own support window. */
  readonly requiresPython: string;
  /** Whether this tool can generate the stack yet. */
  readonly supported: boolean;
}

export const STACK_VERSIONS: Readonly<Record<Stack, StackVersions>> = {
  current: {
    label: 'pyo3 0.30 + pyo3-async-runtimes 0.30',
    pyo3: '0.30',
    bridgeCrate: 'pyo3-async-runtimes',
    bridge: '0.30',
    pyo3BuildConfig: '0.30',
    requiresPython: '>=3.9',
    supported: true,
  },
  legacy: {
    label: 'pyo3 0.20 + pyo3-asyncio 0.20',
    pyo3: '0.20',
    bridgeCrate: 'pyo3-asyncio',
    bridge: '0.20',
    pyo3BuildConfig: '0.20',
    requiresPython: '>=3.8,<3.13',
    supported: false,
  },
};

/** Pins shared by every stack. */
export const VERSIONS = {
  /** pyo3-async-runtimes 0.30 needs Rust 1.85. */
  rustVersion: '1.85',
  edition: '2021',
  tokio: '1.54',
  asyncStd: '1.13',
  /** From 1.9.4 maturin sets PYO3_BUILD_EXTENSION_MODULE itself, so the deprecated feature stays off. */
  maturin: '>=1.9.4,<2.0',
  uvloop: '>=0.21',
  projectVersion: '0.1.0',
} as const;

/** uvloop ships no wheels for Windows, and does not run on PyPy. */
export const UVLOOP_MARKER = "sys_platform != 'win32' and platform_python_implementation == 'CPython'";
