/**
 * What a failed build said, boiled down for a one-line error and its detail lines: the
 * compiler's errors with their locations (`--> src/lib.rs:139:9`), without maturin's wrapping
 * (`💥 maturin failed`, `Caused by: ... env -u CARGO PYO3_BUILD_EXTENSION_MODULE=... cargo rustc`).
 */
import { tail } from '../proc/runner.js';

export interface CompilerError {
  /** e.g. "error[E0425]: cannot find value `x` in this scope" */
  readonly message: string;
  /** e.g. "src/lib.rs:139:9", when the compiler gave one. */
  readonly location: string | undefined;
}

const ERROR_LINE = /^error(\[E\d+\])?: /;
// cargo's closing lines repeat what the errors said.
const SUMMARY = /^error: (could not compile|aborting due to)/;
// maturin's wrapping: its banner, and the cargo command line it ran (environment included).
const NOISE = [/^💥 maturin failed/, /env -u CARGO|PYO3_BUILD_EXTENSION_MODULE=|Cargo build finished with/, /^Caused by: Failed to build a native library through cargo/];

export function compilerErrors(output: string): CompilerError[] {
  const lines = output.split('\n').map((l) => l.trimEnd());
  const errors: CompilerError[] = [];
  lines.forEach((line, i) => {
    const text = line.trim();
    if (!ERROR_LINE.test(text) || SUMMARY.test(text)) return;
    const at = lines.slice(i + 1, i + 4).map((l) => /^\s*--> (.+)$/.exec(l)?.[1]).find((l) => l !== undefined);
    errors.push({ message: text, location: at });
  });
  return errors;
}

const isNoise = (line: string) => NOISE.some((n) => n.test(line.trim()));

/** The one-line summary and the detail lines of a failed build's output. */
export function summarize(output: string, max = 12): { first: string | undefined; details: string[] } {
  const errors = compilerErrors(output);
  if (errors.length > 0) {
    const first = errors[0]!;
    const details = errors.flatMap((e) => (e.location === undefined ? [e.message] : [e.message, `  --> ${e.location}`])).slice(0, max);
    return { first: first.location === undefined ? first.message : `${first.message} (${first.location})`, details };
  }
  const kept = output.split('\n').filter((l) => !isNoise(l)).join('\n');
  const first = kept
    .split('\n')
    .map((l) => l.trim())
    .find((l) => ERROR_LINE.test(l) || /^(Caused by:|ModuleNotFoundError|ImportError)/.test(l));
  return { first, details: tail(kept, max) };
}
