/**
 * The one way this tool runs other programs: argument arrays, never a shell. Cancellation
 * (Ctrl-C) stops the whole process tree: children run in their own process group, which is
 * sent SIGTERM and, if still alive after a grace period, SIGKILL. cargo's rustc jobs and
 * maturin's cargo all live in that group.
 */
import { execa } from 'execa';
import type { RunOptions, ToolResult } from './runner.js';

const KILL_GRACE_MS = 3000;

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // already gone
  }
}

/** The real `Runner` (see runner.ts). */
export async function runTool(command: string, args: readonly string[], options: RunOptions): Promise<ToolResult> {
  const started = performance.now();
  const child = execa(command, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    detached: process.platform !== 'win32',
  });
  if (options.stream !== undefined) {
    const stream = options.stream;
    if (options.streamStdout !== false) child.stdout?.on('data', (chunk: Buffer) => stream.write(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => stream.write(chunk.toString()));
  }
  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    killGroup(child.pid, 'SIGTERM');
    killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
    killTimer.unref();
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await child;
    return {
      exitCode: result.exitCode,
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
      missing: (result as { code?: string }).code === 'ENOENT',
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    if (killTimer !== undefined) {
      // The group leader exited; make sure nothing it left behind keeps running.
      killGroup(child.pid, 'SIGKILL');
      clearTimeout(killTimer);
    }
  }
}

