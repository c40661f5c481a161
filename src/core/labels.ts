/** The words users see for stacks, derived from the version table so a bump changes them too. */
import { STACKS, type Stack } from './options.js';
import { stackVersions } from './versions.js';

/** e.g. "pyo3 0.30 + pyo3-async-runtimes 0.30": the stack at its default pyo3. */
export const stackLabel = (stack: Stack): string => stackVersions(stack).label;

/** e.g. "current: pyo3 0.30 + ...; legacy: pyo3 0.20 + ...", for --help. */
export const stackChoicesLabel = (): string => STACKS.map((s) => `${s}: ${stackLabel(s)}`).join('; ');
