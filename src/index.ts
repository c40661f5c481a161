/** The only module that touches `process`: argv, env, streams, signals and the exit code. */
import { main } from './main.js';
import { realRunner } from './proc/runner.js';

const controller = new AbortController();
let signals = 0;
function onSignal(): void {
  signals += 1;
  // A second Ctrl-C means "now": staging cleanup already had its chance.
  if (signals > 1) process.exit(130);
  controller.abort();
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// `create-pyo3-async list | head`: a reader that went away is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const code = await main(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    colorSupported: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    signal: controller.signal,
    env: process.env,
    run: realRunner,
  },
);
process.exitCode = code;
