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
// Any other write error (stdout on a full disk, /dev/full) is one line on stderr and exit 1.
let writeFailed = false;
function onWriteError(name: 'standard output' | 'standard error', error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  if (!writeFailed && name === 'standard output') {
    writeFailed = true;
    try {
      process.stderr.write(`error: cannot write to standard output: ${error.code ?? error.message}\nhint: point standard output at a file or device that can take it (the disk may be full)\n`);
    } catch {
      // stderr is gone too: the exit code is all that is left
    }
  }
  process.exit(1);
}

// Node makes process.stdin/stdout/stderr on first access, a few ms each at start-up, so each is
// made when first needed: --help never touches stdin or stderr. (node:tty's isatty would load
// node:net, which costs more.)
function lazyStream(get: () => NodeJS.WriteStream, name: 'standard output' | 'standard error'): { write(chunk: string): boolean } {
  let stream: NodeJS.WriteStream | undefined;
  return {
    write(chunk: string): boolean {
      if (stream === undefined) {
        stream = get();
        stream.on('error', (error: NodeJS.ErrnoException) => onWriteError(name, error));
      }
      return stream.write(chunk);
    },
  };
}

// A deleted working directory makes process.cwd() throw (uv_cwd): main() reports it as one line,
// after --help and --version, which need no directory, have had their chance.
let cwd = '';
let cwdMissing = false;
try {
  cwd = process.cwd();
} catch {
  cwdMissing = true;
}

// No top-level await: the bundle is CommonJS (scripts/build.mjs).
void main(process.argv.slice(2), {
  stdout: lazyStream(() => process.stdout, 'standard output'),
  stderr: lazyStream(() => process.stderr, 'standard error'),
  get interactive() {
    return Boolean(process.stdin.isTTY && process.stdout.isTTY);
  },
  get colorSupported() {
    return Boolean(process.stdout.isTTY);
  },
  get stderrIsTTY() {
    return Boolean(process.stderr.isTTY);
  },
  get stderrColumns() {
    return process.stderr.columns;
  },
  cwd,
  cwdMissing,
  signal: controller.signal,
  env: process.env,
  run: realRunner,
}).then((code) => {
  process.exitCode = code;
});
