// The compile cache of src/boot.ts, through the built CLI: written on a first run, used (not
// rewritten) on the next, and never a reason for a run to fail or print anything different:
// damaged, truncated, unwritable, raced by parallel runs, left by other builds, or turned off.
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/tmp.js';

const ARGS = ['p', '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '--no-git', '-y'];

async function run(cache: string, args: readonly string[] = ARGS, extra: Record<string, string> = {}) {
  const cwd = await tempDir('cpa-cc-');
  const r = await execa(process.execPath, [BIN, ...args], {
    cwd,
    reject: false,
    stdin: 'ignore',
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1', CREATE_PYO3_ASYNC_COMPILE_CACHE: cache, ...extra },
  });
  return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr, cwd };
}

interface CacheFile {
  readonly size: number;
  readonly mtimeMs: number;
  readonly valid: boolean;
  /** The chunks it holds code for. */
  readonly chunks: readonly string[];
}

/** Every cache file below `root`, keyed by path below root, read as src/boot.ts writes them. */
async function cacheFiles(root: string): Promise<Map<string, CacheFile>> {
  const out = new Map<string, CacheFile>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const data = await readFile(path);
    const info = await stat(path);
    const valid = data.length > 4 && data.readUInt32LE(0) === crc32(data.subarray(4));
    const chunks: string[] = [];
    for (let at = 4; valid && at < data.length; ) {
      const nameEnd = at + 4 + data.readUInt32LE(at);
      chunks.push(data.toString('utf8', at + 4, nameEnd));
      at = nameEnd + 4 + data.readUInt32LE(nameEnd);
    }
    out.set(path.slice(root.length + 1), { size: info.size, mtimeMs: info.mtimeMs, valid, chunks });
  }
  return out;
}

describe('compile cache', () => {
  it('is written by a first run, per command, and used as it is by the next', async () => {
    const cache = await tempDir('cpa-cc-root-');
    const first = await run(cache);
    expect(first.code, first.stderr).toBe(0);
    const files = await cacheFiles(cache);
    const names = [...files.keys()];
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^v\d+\.\d+\.\d+-[a-z0-9]+-[0-9a-f]{16}\/create\.bin$/);
    const create = files.get(names[0]!)!;
    expect(create.valid).toBe(true);
    expect(create.chunks).toContain('index.js');
    expect(create.chunks.some((c) => c.startsWith('create-'))).toBe(true);

    const second = await run(cache);
    expect(second.stdout).toBe(first.stdout);
    expect(await readTree(join(second.cwd, 'p'))).toEqual(await readTree(join(first.cwd, 'p')));
    expect(await cacheFiles(cache)).toEqual(files); // accepted: nothing rewritten

    expect((await run(cache, ['--help'])).code).toBe(0);
    const help = [...(await cacheFiles(cache))].find(([n]) => n.endsWith('/help.bin'));
    expect(help?.[1].chunks).toContain('index.js');
    expect(help?.[1].chunks.some((c) => c.startsWith('create-'))).toBe(false);
  });

  it.each([
    ['a damaged', (data: Buffer) => {
      for (let i = 1000; i < data.length; i += 4096) data[i]! ^= 0x5a;
      return data;
    }],
    ['a truncated', (data: Buffer) => data.subarray(0, data.length >> 1)],
    ['an empty', () => Buffer.alloc(0)],
  ])('skips %s file, runs the same, and writes it again', async (_, spoil) => {
    const cache = await tempDir('cpa-cc-root-');
    const reference = await run(cache);
    const [name, before] = [...(await cacheFiles(cache))][0]!;
    await writeFile(join(cache, name), spoil(await readFile(join(cache, name))));
    expect((await cacheFiles(cache)).get(name)!.valid).toBe(false);

    const r = await run(cache);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(reference.stdout);
    expect(r.stderr).toBe(reference.stderr);
    expect(await readTree(join(r.cwd, 'p'))).toEqual(await readTree(join(reference.cwd, 'p')));
    const after = (await cacheFiles(cache)).get(name)!;
    expect(after.valid).toBe(true);
    expect(after.chunks).toEqual(before.chunks);
  });

  it('survives runs in parallel on an empty cache: all succeed, every file whole, no temporary left', async () => {
    const cache = await tempDir('cpa-cc-root-');
    const runs = await Promise.all(Array.from({ length: 6 }, () => run(cache)));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const files = await cacheFiles(cache);
    expect([...files.keys()].map((n) => n.replace(/^[^/]+\//, ''))).toEqual(['create.bin']); // no temporary left
    expect([...files.values()].every((f) => f.valid)).toBe(true);
  });

  it('where it cannot be written (a file in the way), or when turned off, the run is the same and writes nothing', async () => {
    const root = await tempDir('cpa-cc-root-');
    const blocked = join(root, 'blocked');
    await writeFile(blocked, 'not a directory');
    const reference = await run(join(root, 'ok'));
    for (const [cache, extra] of [[blocked, {}], [join(root, 'off'), { CREATE_PYO3_ASYNC_COMPILE_CACHE: '0' }], [join(root, 'node-off'), { NODE_DISABLE_COMPILE_CACHE: '1' }]] as const) {
      const r = await run(cache, ARGS, extra);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(reference.stdout);
      expect(r.stderr).toBe('');
    }
    expect(await readFile(blocked, 'utf8')).toBe('not a directory');
    expect((await readdir(root)).sort()).toEqual(['blocked', 'ok']);
    // Without a setting it goes to the user's cache directory (HOME is the run's cwd here).
    const home = await run('');
    expect([...(await cacheFiles(join(home.cwd, '.cache', 'create-pyo3-async', 'compile-cache'))).keys()].length).toBeGreaterThan(0);
  });

  it("removes other builds' caches unused for a week when it writes, and keeps recent ones", async () => {
    const cache = await tempDir('cpa-cc-root-');
    for (const name of ['v0.0.1-x64-0000000000000000', 'v0.0.2-x64-1111111111111111']) {
      await mkdir(join(cache, name), { recursive: true });
      await writeFile(join(cache, name, 'create.bin'), 'old');
    }
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600_000);
    await utimes(join(cache, 'v0.0.1-x64-0000000000000000'), weekAgo, weekAgo);
    expect((await run(cache)).code).toBe(0);
    const left = (await readdir(cache)).sort();
    expect(left).toHaveLength(2);
    expect(left).toContain('v0.0.2-x64-1111111111111111');
    expect(left).not.toContain('v0.0.1-x64-0000000000000000');
  });
});
