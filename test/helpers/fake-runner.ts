/** A Runner that runs nothing: answers come from a function, every call is recorded. */
import { basename } from 'node:path';
import type { RunOptions, Runner, ToolResult } from '../../src/proc/runner.js';

export interface Call {
  /** The program's file name (`python` for /venv/bin/python). */
  readonly tool: string;
  readonly args: readonly string[];
  readonly options: RunOptions;
}

type Answer = Partial<Pick<ToolResult, 'exitCode' | 'stdout' | 'stderr'>>;

/** `answer` returns the tool's result, or undefined for "not installed". */
export function fakeRunner(answer: (tool: string, args: readonly string[]) => Answer | undefined): { run: Runner; calls: Call[] } {
  const calls: Call[] = [];
  const run: Runner = async (command, args, options) => {
    const tool = basename(command);
    calls.push({ tool, args, options });
    const a = answer(tool, args);
    if (a === undefined) return { exitCode: undefined, stdout: '', stderr: '', missing: true, seconds: 0 };
    return { exitCode: a.exitCode ?? 0, stdout: a.stdout ?? '', stderr: a.stderr ?? '', missing: false, seconds: 0.01 };
  };
  return { run, calls };
}
