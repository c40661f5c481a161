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
import { dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheHome } from './cache-home.js';
import { COMMANDS } from './cli/command-names.js';

declare const BUILD_ID: string;

const DIST = __dirname;
const PREFIX = '(function (exports, require, module, __filename, __dirname) {\n';
/** Caches of other builds and Node versions not used for this long are removed. */
const STALE_MS = 7 * 24 * 3600_000;

interface Loaded {
  readonly exports: unknown;
}

/** The cache's file for this run, or undefined when it is off or has nowhere to go. */
function cacheFile(env: NodeJS.ProcessEnv, argv: readonly string[], crc32: unknown): string | undefined {
  const setting = env.CREATE_PYO3_ASYNC_COMPILE_CACHE?.trim();
  if (setting === '0' || env.NODE_DISABLE_COMPILE_CACHE === '1' || typeof crc32 !== 'function') return undefined;
  // HOME, not os.homedir(): node:os costs start-up time. No home: no default place for it.
  const caches = cacheHome(env, process.platform, env.HOME || env.USERPROFILE || '');
  if (!setting && !isAbsolute(caches)) return undefined;
  const root = setting || join(caches, 'create-pyo3-async', 'compile-cache');
  const first = argv.find((a) => !a.startsWith('-'));
  const command = argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V') ? 'help' : (COMMANDS as readonly string[]).includes(first ?? '') ? first! : 'create';
  return join(root, `${process.version}-${process.arch}-${BUILD_ID}`, `${command}.bin`);
}

// zlib.crc32 (Node >= 20.15) costs a millisecond to load, a checksum in JavaScript several.
const crc32 = (() => {
  try {
    return (require('node:zlib') as { crc32?: (data: Uint8Array) => number }).crc32;
  } catch {
    return undefined;
  }
})();
const file = cacheFile(process.env, process.argv.slice(2), crc32);

/**
 * One file per command holds the code cache of every chunk it loaded (one read at start, one
 * write when something was missing): a CRC-32 of the rest, then per chunk its name's length,
 * the name, the data's length and the data, the lengths as 32-bit little-endian integers.
 */
function readCaches(path: string | undefined): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (path === undefined) return out;
  try {
    const data = readFileSync(path);
    if (data.length < 4 || data.readUInt32LE(0) !== crc32!(data.subarray(4))) return out;
    for (let at = 4; at < data.length; ) {
      const nameEnd = at + 4 + data.readUInt32LE(at);
      const dataEnd = nameEnd + 4 + data.readUInt32LE(nameEnd);
      if (dataEnd > data.length) return new Map();
      out.set(data.toString('utf8', at + 4, nameEnd), data.subarray(nameEnd + 4, dataEnd));
      at = dataEnd;
    }
  } catch {
    // none yet, or unreadable: compiled without
  }
  return out;
}

const cached = readCaches(file);
const modules = new Map<string, Loaded>();
const scripts = new Map<string, Script>();
let missed = false;

function load(path: string): unknown {
  const known = modules.get(path);
  if (known !== undefined) return known.exports;
  const module = { exports: {} as unknown };
  modules.set(path, module);
  const name = path.slice(DIST.length + 1);
  const cachedData = cached.get(name);
  const script = new Script(`${PREFIX}${readFileSync(path, 'utf8')}\n})`, { filename: path, lineOffset: -1, cachedData });
  scripts.set(name, script);
  if (cachedData === undefined || script.cachedDataRejected === true) missed = true;
  const wrapper = script.runInThisContext() as (exports: unknown, require: (id: string) => unknown, module: object, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, requireFrom, module, path, DIST);
  return module.exports;
}

function requireFrom(id: string): unknown {
  return id.startsWith('./') ? load(join(DIST, id)) : require(id);
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** Stores what this run compiled when a chunk was missing; other builds' caches unused for a week go. */
function storeCaches(): void {
  if (!missed || file === undefined) return;
  try {
    const parts: Buffer[] = [];
    for (const [name, script] of scripts) {
      const data = script.createCachedData();
      const nameBytes = Buffer.from(name);
      parts.push(u32(nameBytes.length), nameBytes, u32(data.length), data);
    }
    const body = Buffer.concat(parts);
    mkdirSync(dirname(file), { recursive: true });
    // Renamed into place: a run reading it meanwhile sees the old file or the whole new one.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([u32(crc32!(body)), body]));
    renameSync(tmp, file);
    const builds = dirname(dirname(file));
    for (const name of readdirSync(builds)) {
      const other = join(builds, name);
      if (other !== dirname(file) && Date.now() - statSync(other).mtimeMs > STALE_MS) rmSync(other, { recursive: true, force: true });
    }
  } catch {
    // a read-only or full cache directory: the next run compiles again
  }
}

process.once('exit', storeCaches);
load(join(DIST, 'index.js'));
