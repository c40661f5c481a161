/** Locates checker binaries the real tier needs; .ci/run installs them. */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The first `name` on PATH or in Go's default bin folder, or undefined. */
export function findBinary(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), join(process.env.GOPATH ?? join(homedir(), 'go'), 'bin')];
  return dirs.filter((d) => d !== '').map((d) => join(d, name)).find((path) => existsSync(path));
}

/**
 * A CPython of the given minor version ("3.10"): $CPA_PYTHON_<3_10>, pyenv's newest install of
 * it, or python3.10 on PATH. pyenv's shims are skipped: they run only the versions pyenv selects.
 */
export function findPython(minor: string): string | undefined {
  const fromEnv = process.env[`CPA_PYTHON_${minor.replace('.', '_')}`];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const root = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  const installed = existsSync(root)
    ? readdirSync(root)
        .filter((v) => v.startsWith(`${minor}.`) && /^\d+\.\d+\.\d+$/.test(v))
        .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]))
    : [];
  const newest = installed.at(-1);
  if (newest !== undefined) return join(root, newest, 'bin', `python${minor}`);
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '' && !d.includes('shims'));
  return dirs.map((d) => join(d, `python${minor}`)).find((path) => existsSync(path));
}

/** PATH without the directories that hold any of `names` (to run something with no Rust toolchain). */
export function pathWithout(names: readonly string[]): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((d) => d !== '' && !names.some((name) => existsSync(join(d, name))))
    .join(delimiter);
}
