/** Locates checker binaries the real tier needs; .ci/run installs them. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The first `name` on PATH or in Go's default bin folder, or undefined. */
export function findBinary(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), join(process.env.GOPATH ?? join(homedir(), 'go'), 'bin')];
  return dirs.filter((d) => d !== '').map((d) => join(d, name)).find((path) => existsSync(path));
}
