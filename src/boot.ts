/**
 * The CLI's first module (bin/ requires it): it loads the bundle's own files in dist/ itself,
 * each through V8's code cache, kept in the user's cache directory.
 *
 * Why: compiling the bundle is most of what a run costs beyond Node's own start-up (the
 * templates' chunk alone is 270 kB of JavaScript). Node 22 has module.enableCompileCache() for
 * this; Node 20 does not, so this does what it does: compile with the cache a previous run left,
 * and at exit store what V8 compiled, functions compiled lazily during the run included. Chunks
 * are plain CommonJS (scripts/build.mjs), required by relative name: resolving those is a join,
 * not Node's search, and anything else (node: built-ins) goes to Node's require.
 *
 * The cache is keyed by Node's version and architecture, this bundle's build id and the command
 * (each uses other functions of the same files). A file holds a CRC-32 of its data: release V8
 * does not checksum a code cache it accepts, so a damaged file is skipped here instead. Any
 * failure of the cache leaves the run as it would be without one. Off with
 * CREATE_PYO3_ASYNC_COMPILE_CACHE=0 (or NODE_DISABLE_COMPILE_CACHE=1); a path puts it there.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { COMMANDS } from './cli/command-names.js';

declare const BUILD_ID: string;

const DIST = __dirname;
const PREFIX = '(function (exports, require, module, __filename, __dirname) {\n';
/** Caches of other builds and Node versions not used for this long are removed. */
const STALE_MS = 7 * 24 * 3600_000;

interface Loaded {
  readonly exports: unknown;
}

/** The user's cache directory (XDG on Linux and the BSDs), as the build cache picks it. */
function cacheHome(env: NodeJS.ProcessEnv): string | undefined {
  const home = env.HOME || env.USERPROFILE;
  if (process.platform === 'win32') return env.LOCALAPPDATA || (home && join(home, 'AppData', 'Local'));
  if (process.platform === 'darwin') return home && join(home, 'Library', 'Caches');
  return env.XDG_CACHE_HOME || (home && join(home, '.cache'));
}

/** The cache's directory for this run, or undefined when it is off or cannot be checked. */
function cacheDir(env: NodeJS.ProcessEnv, argv: readonly string[], crc32: unknown): string | undefined {
  const setting = env.CREATE_PYO3_ASYNC_COMPILE_CACHE?.trim();
  if (setting === '0' || env.NODE_DISABLE_COMPILE_CACHE === '1' || typeof crc32 !== 'function') return undefined;
  const root = setting || join(cacheHome(env) ?? '', 'create-pyo3-async', 'compile-cache');
  if (root === join('create-pyo3-async', 'compile-cache')) return undefined; // no home to put it in
  const first = argv.find((a) => !a.startsWith('-'));
  const command = argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V') ? 'help' : (COMMANDS as readonly string[]).includes(first ?? '') ? first! : 'create';
  return join(root, `${process.version}-${process.arch}-${BUILD_ID}`, command);
}

// zlib.crc32 (Node >= 20.15) costs a millisecond to load, a checksum in JavaScript several.
const crc32 = (() => {
  try {
    return (require('node:zlib') as { crc32?: (data: Uint8Array) => number }).crc32;
  } catch {
    return undefined;
  }
})();
const dir = cacheDir(process.env, process.argv.slice(2), crc32);
const modules = new Map<string, Loaded>();
const fresh: { readonly script: Script; readonly file: string }[] = [];

/** The cached data in `file` when its checksum holds. */
function readCache(file: string): Buffer | undefined {
  try {
    const data = readFileSync(file);
    if (data.length > 4 && data.readUInt32LE(0) === crc32!(data.subarray(4))) return data.subarray(4);
  } catch {
    // none yet, or unreadable: compiled without
  }
  return undefined;
}

function load(file: string): unknown {
  const known = modules.get(file);
  if (known !== undefined) return known.exports;
  const module = { exports: {} as unknown };
  modules.set(file, module);
  const cacheFile = dir === undefined ? undefined : join(dir, `${file.slice(DIST.length + 1)}.v8`);
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  const script = new Script(`${PREFIX}${readFileSync(file, 'utf8')}\n})`, { filename: file, lineOffset: -1, cachedData });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) fresh.push({ script, file: cacheFile });
  const wrapper = script.runInThisContext() as (exports: unknown, require: (id: string) => unknown, module: object, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, requireFrom, module, file, DIST);
  return module.exports;
}

function requireFrom(id: string): unknown {
  return id.startsWith('./') ? load(join(DIST, id)) : require(id);
}

/** Stores what this run compiled; other builds' caches unused for a week go. */
function storeCaches(): void {
  if (fresh.length === 0 || dir === undefined) return;
  try {
    mkdirSync(dir, { recursive: true });
    for (const { script, file } of fresh) {
      const data = script.createCachedData();
      const checksum = Buffer.alloc(4);
      checksum.writeUInt32LE(crc32!(data));
      // Renamed into place: a run reading it meanwhile sees the old file or the whole new one.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.concat([checksum, data]));
      renameSync(tmp, file);
    }
    const builds = dirname(dir);
    for (const name of readdirSync(dirname(builds))) {
      const other = join(dirname(builds), name);
      if (other !== builds && Date.now() - statSync(other).mtimeMs > STALE_MS) rmSync(other, { recursive: true, force: true });
    }
  } catch {
    // a read-only or full cache directory: the next run compiles again
  }
}

process.once('exit', storeCaches);
load(join(DIST, 'index.js'));
