// Every pyo3 version pair in the table, other than the default the variants test already: the
// project resolves to exactly one pyo3 (two cannot link), builds and passes its Rust tests.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { beforeAll, describe, expect, it } from 'vitest';
import { STACK_TABLE } from '../../src/core/versions.js';
import { runCli } from '../helpers/cli.js';
import { PROJECTS } from '../helpers/real-env.js';
import { buildEnv, run } from '../helpers/real-run.js';

const OLDER_PAIRS = STACK_TABLE.current.pairs.slice(1);
const KINDS = [
  ['module', ['--kind', 'module', '--runtime', 'tokio', '--uvloop']],
  ['app', ['--kind', 'app', '--runtime', 'async-std', '--no-uvloop']],
] as const;

describe.each(OLDER_PAIRS.map((p) => [p.pyo3, p] as const))('pyo3 %s', (pyo3, pair) => {
  describe.each(KINDS)('%s', (kind, flags) => {
    const name = `pair-${pyo3.replace('.', '')}-${kind}`;
    const dir = join(PROJECTS, name);

    beforeAll(async () => {
      await rm(dir, { recursive: true, force: true });
      const r = await runCli([dir, '--name', name, ...flags, '--stack', 'current', '--pyo3-version', pyo3, '--no-git'], PROJECTS);
      expect(r.exitCode).toBe(0);
    });

    it('resolves to one pyo3 and the matching pyo3-async-runtimes', async () => {
      await run('cargo', ['generate-lockfile'], { cwd: dir, env: buildEnv() });
      const lock = parseToml(await readFile(join(dir, 'Cargo.lock'), 'utf8')) as { package: Array<{ name: string; version: string }> };
      const versions = (crate: string) => lock.package.filter((p) => p.name === crate).map((p) => p.version);
      for (const crate of ['pyo3', 'pyo3-ffi', 'pyo3-build-config', 'pyo3-async-runtimes']) {
        const found = versions(crate);
        expect(found, crate).toHaveLength(1);
        expect(found[0]!.startsWith(`${pair.pyo3}.`), `${crate} ${found[0]}`).toBe(true);
      }
    });

    it('builds and passes its Rust tests', async () => {
      const test = await run('cargo', ['test', '--color', 'never'], { cwd: dir, env: buildEnv() });
      expect(test.all).not.toMatch(/^warning/m);
      expect(test.all.match(/^test rust_bridge::\w+ \.\.\. ok$/gm)?.length).toBe(kind === 'module' ? 5 : 4);
    });
  });
});
