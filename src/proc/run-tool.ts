/** The one way this tool runs other programs: argument arrays, never a shell, cancellable. */
import { execa } from 'execa';

export interface ToolResult {
  /** undefined when the program could not be started (not installed) or was killed. */
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  /** The program is not on PATH. */
  readonly missing: boolean;
}

export async function runTool(
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly signal?: AbortSignal | undefined },
): Promise<ToolResult> {
  const result = await execa(command, args, {
    cwd: options.cwd,
    reject: false,
    stdin: 'ignore',
    cancelSignal: options.signal,
    // Kill the whole child tree, not just the direct child, when cancelled.
    forceKillAfterDelay: 2000,
  });
  const code = (result as { code?: string }).code;
  return {
    exitCode: result.exitCode,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    missing: code === 'ENOENT',
  };
}
