/** The only module that touches `process`: argv, env, streams, signals and the exit code. */
import { fstatSync, writeSync } from 'node:fs';
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

// Node makes process.stdin/stdout/stderr on first access, a few ms each, and for a pipe or a file
// loads node:net or its stream classes with it (node:tty's isatty would load node:net too). So a
// descriptor that is not a character device (no terminal can be one) is written to directly,
// synchronously, as Node itself writes to files and, on Linux, to pipes; a terminal, Windows, or
// a pipe that would block (its other end made it non-blocking) gets the stream.
const direct = (fd: 1 | 2): boolean => {
  if (process.platform === 'win32') return false;
  try {
    return !fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
};
const isTerminal = (fd: 0 | 1 | 2, stream: () => { readonly isTTY?: boolean }): boolean => (fd !== 0 && direct(fd) ? false : Boolean(stream().isTTY));

function lazyStream(fd: 1 | 2, get: () => NodeJS.WriteStream, name: 'standard output' | 'standard error'): { write(chunk: string): boolean } {
  let stream: NodeJS.WriteStream | undefined;
  let unbuffered: boolean | undefined;
  return {
    write(chunk: string): boolean {
      unbuffered ??= direct(fd);
      if (unbuffered) {
        let bytes = Buffer.from(chunk);
        try {
          while (bytes.length > 0) bytes = bytes.subarray(writeSync(fd, bytes));
          return true;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
            onWriteError(name, error as NodeJS.ErrnoException);
            return false;
          }
          unbuffered = false;
          chunk = bytes.toString();
        }
      }
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
  stdout: lazyStream(1, () => process.stdout, 'standard output'),
  stderr: lazyStream(2, () => process.stderr, 'standard error'),
  get interactive() {
    return isTerminal(1, () => process.stdout) && isTerminal(0, () => process.stdin);
  },
  get colorSupported() {
    return isTerminal(1, () => process.stdout);
  },
  get stderrIsTTY() {
    return isTerminal(2, () => process.stderr);
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
