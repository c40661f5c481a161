/** Exit codes, documented in the README; one place maps errors to them (main.ts). */
export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;
export type ExitCodeValue = (typeof EXIT)[keyof typeof EXIT];

/** An error the user can act on: one line of cause, an optional hint, and the exit code it maps to. */
export class CliError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;
  /** The last relevant lines of a tool's output, shown under the message. */
  readonly details: readonly string[];

  constructor(
    message: string,
    options: { exitCode?: ExitCodeValue; hint?: string; cause?: unknown; details?: readonly string[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? EXIT.failed;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

export function usageError(message: string, hint?: string): CliError {
  return new CliError(message, { exitCode: EXIT.usage, hint });
}

export class CancelledError extends CliError {
  constructor(message = 'cancelled') {
    super(message, { exitCode: EXIT.cancelled });
    this.name = 'CancelledError';
  }
}

/** Throws CancelledError when the signal has fired; called between steps that must not half-finish. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
