/**
 * The build cache `dev` shares between projects: cargo's `build-dir` (its intermediate files:
 * every compiled dependency), set through CARGO_BUILD_BUILD_DIR to one directory for all
 * projects, while each project's own target/ still gets its final artifacts. pyo3, tokio and
 * the rest compile once per machine instead of once per project. Cargo locks the directory, so
 * two builds at once wait for each other instead of clashing; its fingerprints decide what is
 * stale, as in any target directory.
 *
 * Off when the user chose where cargo builds (CARGO_TARGET_DIR, CARGO_BUILD_BUILD_DIR,
 * CARGO_BUILD_TARGET_DIR, or `build-dir` / `target-dir` in a cargo config file that applies), and
 * when CREATE_PYO3_ASYNC_BUILD_CACHE is `0`, `off` or `false`; any other value is the directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { cacheHome } from '../cache-home.js';

export const BUILD_CACHE_VARIABLE = 'CREATE_PYO3_ASYNC_BUILD_CACHE';

export interface BuildCache {
  /** The shared directory, or undefined when off. */
  readonly dir: string | undefined;
  /** Why it is off, for --json and --verbose readers. */
  readonly off?: string;
}

/** The cargo config files that apply to a build in `dir`: its ancestors', then CARGO_HOME's. */
function configFiles(dir: string, env: NodeJS.ProcessEnv, home: string): string[] {
  const files: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    files.push(join(d, '.cargo', 'config.toml'), join(d, '.cargo', 'config'));
    if (dirname(d) === d) break;
  }
  const cargoHome = env.CARGO_HOME || join(home, '.cargo');
  files.push(join(cargoHome, 'config.toml'), join(cargoHome, 'config'));
  return files;
}

const CHOSEN_IN_CONFIG = /^\s*(build-dir|target-dir)\s*=|^\s*build\s*\.\s*(build-dir|target-dir)\s*=/m;

export function buildCache(projectDir: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): BuildCache {
  const setting = env[BUILD_CACHE_VARIABLE];
  if (setting !== undefined && /^(0|off|false)$/i.test(setting.trim())) return { dir: undefined, off: `${BUILD_CACHE_VARIABLE}=${setting}` };
  for (const variable of ['CARGO_TARGET_DIR', 'CARGO_BUILD_BUILD_DIR', 'CARGO_BUILD_TARGET_DIR']) {
    if (env[variable]) return { dir: undefined, off: `${variable} is set` };
  }
  for (const file of configFiles(projectDir, env, home)) {
    if (!existsSync(file)) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (CHOSEN_IN_CONFIG.test(text)) return { dir: undefined, off: `${file} sets where cargo builds` };
  }
  const dir = setting?.trim() ? resolve(setting.trim()) : join(cacheHome(env, platform, home), 'create-pyo3-async', 'cargo-build');
  return { dir };
}

/** `env` with the cache turned on for cargo, when it is on. */
export function withBuildCache(env: NodeJS.ProcessEnv, cache: BuildCache): NodeJS.ProcessEnv {
  return cache.dir === undefined ? env : { ...env, CARGO_BUILD_BUILD_DIR: cache.dir };
}
