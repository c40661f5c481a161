/**
 * Names the long steps while they run. On a terminal: a spinner with elapsed time on stderr.
 * Elsewhere (CI, pipes) or with --verbose: plain lines, no spinner characters. With --json:
 * nothing, so stdout stays one document and stderr stays quiet.
 */
import type { ChalkInstance } from 'chalk';
import type { Writable } from '../cli/io.js';
import { CancelledError } from '../errors.js';

export interface StepTiming {
  readonly name: string;
  readonly seconds: number;
}

export interface Progress {
  /**
   * Runs `work` under the step's name. The step is shown as failed when `work` throws (or is
   * cancelled), or when `failed` says its result is a failure (a smoke report with a failed check).
   */
  step<T>(name: string, work: () => Promise<T>, failed?: (result: T) => boolean): Promise<T>;
  readonly timings: StepTiming[];
}

export type ProgressMode = 'spinner' | 'lines' | 'silent';

/**
 * Nothing beside --json's document; plain lines when streaming output, off a terminal, or on a
 * terminal that cannot move the cursor (TERM=dumb).
 */
export function progressMode(json: boolean, verbose: boolean, stderrIsTTY: boolean | undefined, term?: string): ProgressMode {
  return json ? 'silent' : verbose || !stderrIsTTY || term === 'dumb' ? 'lines' : 'spinner';
}

/** `text` cut to `width` characters (with an ellipsis), so a spinner line never wraps. */
function fit(text: string, width: number | undefined): string {
  if (width === undefined || width <= 0) return text;
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** `columns`: the terminal's width; a spinner line wider than it would wrap and leave stale lines. */
export function createProgress(out: Writable, mode: ProgressMode, c: ChalkInstance, columns?: number): Progress {
  const timings: StepTiming[] = [];
  return {
    timings,
    async step(name, work, failed) {
      const started = performance.now();
      const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
      let timer: NodeJS.Timeout | undefined;
      if (mode === 'spinner') {
        let frame = 0;
        // The frame, a space, the name, a space and up to "9999.9s": room left in a line one short of the width.
        const shown = fit(name, columns === undefined ? undefined : columns - 1 - 2 - 8);
        const draw = () => out.write(`\r\x1b[2K${c.cyan(FRAMES[frame++ % FRAMES.length])} ${shown} ${c.dim(`${elapsed()}s`)}`);
        draw();
        timer = setInterval(draw, 100);
      } else if (mode === 'lines') {
        out.write(`- ${name} ...\n`);
      }
      let outcome: 'done' | 'failed' | 'cancelled' = 'failed';
      try {
        const result = await work();
        outcome = failed?.(result) === true ? 'failed' : 'done';
        return result;
      } catch (error) {
        if (error instanceof CancelledError) outcome = 'cancelled';
        throw error;
      } finally {
        if (timer !== undefined) clearInterval(timer);
        const seconds = (performance.now() - started) / 1000;
        timings.push({ name, seconds });
        const mark = outcome === 'done' ? c.green('✔') : c.red('✘');
        const said = outcome === 'done' ? '' : ` ${c.red(outcome)}`;
        // The final line may wrap (it is never redrawn), so it keeps the whole name.
        if (mode === 'spinner') out.write(`\r\x1b[2K${mark} ${name}${said} ${c.dim(`${seconds.toFixed(1)}s`)}\n`);
        else if (mode === 'lines') out.write(`  ${outcome} ${outcome === 'cancelled' ? 'after' : 'in'} ${seconds.toFixed(1)}s\n`);
      }
    },
  };
}
