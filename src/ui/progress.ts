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

/** Nothing beside --json's document; plain lines when streaming output or off a terminal. */
export function progressMode(json: boolean, verbose: boolean, stderrIsTTY: boolean | undefined): ProgressMode {
  return json ? 'silent' : verbose || !stderrIsTTY ? 'lines' : 'spinner';
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function createProgress(out: Writable, mode: ProgressMode, c: ChalkInstance): Progress {
  const timings: StepTiming[] = [];
  return {
    timings,
    async step(name, work, failed) {
      const started = performance.now();
      const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
      let timer: NodeJS.Timeout | undefined;
      if (mode === 'spinner') {
        let frame = 0;
        const draw = () => out.write(`\r\x1b[2K${c.cyan(FRAMES[frame++ % FRAMES.length])} ${name} ${c.dim(`${elapsed()}s`)}`);
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
        if (mode === 'spinner') out.write(`\r\x1b[2K${mark} ${name}${said} ${c.dim(`${seconds.toFixed(1)}s`)}\n`);
        else if (mode === 'lines') out.write(`  ${outcome} ${outcome === 'cancelled' ? 'after' : 'in'} ${seconds.toFixed(1)}s\n`);
      }
    },
  };
}
