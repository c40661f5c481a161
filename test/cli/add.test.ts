// `add` through main(): into projects as created and as edited, dry runs, JSON, refusals that
// leave every file as it was.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_NAME } from '../../src/fs/lock.js';
import { errorFormatProblem, runMain } from '../helpers/inproc.js';
import { readTree, tempDir } from '../helpers/tmp.js';

async function created(extra: string[] = []): Promise<{ cwd: string; dir: string }> {
  const cwd = await tempDir();
  const r = await runMain(['proj', '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '--no-git', '--ci', 'none', '-y', ...extra], cwd);
  expect(r.code, r.stderr).toBe(0);
  return { cwd, dir: join(cwd, 'proj') };
}

describe('add', () => {
  it('adds patterns to a project, and a second time says there is nothing to do', async () => {
    const { cwd, dir } = await created();
    const r = await runMain(['add', 'class,stream', 'proj'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Added class, stream to proj');
    expect(r.stdout).toMatch(/src\/patterns\/store\.rs \(new\)/);
    expect(r.stdout).toMatch(/src\/lib\.rs \(changed\)/);
    const tree = await readTree(dir);
    expect(tree['src/patterns.rs']).toContain('pub mod store;\npub mod ticks;\n');
    expect(tree['python/proj/__init__.py']).toContain('from ._store import Store\nfrom ._ticks import ticks\n');

    const again = await runMain(['add', 'stream', 'class'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('• class is already in .; nothing to do\n• stream is already in .; nothing to do\n');
    expect(await readTree(dir)).toEqual(tree);
  });

  it('after an add killed with every move done, says there is nothing to do and removes its lock', async () => {
    const { dir } = await created();
    expect((await runMain(['add', 'class'], dir)).code).toBe(0);
    const tree = await readTree(dir);
    await mkdir(join(dir, LOCK_NAME));
    await writeFile(join(dir, LOCK_NAME, 'owner'), '999999999'); // a pid no process has
    const r = await runMain(['add', 'class'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('• class is already in .; nothing to do\n');
    expect(await readTree(dir)).toEqual(tree);
  });

  it('gives the files --with gives', async () => {
    const { dir } = await created();
    expect((await runMain(['add', 'all'], dir)).code).toBe(0);
    const { dir: withAll } = await created(['--with', 'all']);
    expect(await readTree(dir)).toEqual(await readTree(withAll));
  });

  it('--dry-run lists what it would do and writes nothing; --json is one document', async () => {
    const { dir } = await created();
    const before = await readTree(dir);
    const dry = await runMain(['add', 'native', '--dry-run'], dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Would add native to \./);
    expect(dry.stdout).toMatch(/Cargo\.toml \(would change\)/);
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(await readTree(dir)).toEqual(before);

    const json = await runMain(['add', 'native', 'blocking', '--json'], dir);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ ok: true, dryRun: false, added: ['blocking', 'native'], present: [] });
    expect(doc.created).toContain('src/patterns/native_sleep.rs');
    expect(doc.changed).toEqual(['Cargo.toml', 'README.md', 'python/proj/__init__.py', 'python/proj/_native.pyi', 'src/lib.rs', 'src/patterns.rs']);
  });

  it('with a marker gone: exit 2, the exact lines to add by hand, and nothing written', async () => {
    const { dir } = await created();
    const lib = join(dir, 'src/lib.rs');
    await writeFile(lib, (await readFile(lib, 'utf8')).replace(/^.*pattern registrations.*\n/m, ''));
    const before = await readTree(dir);
    const r = await runMain(['add', 'class', 'callback'], dir);
    expect(r.code).toBe(2);
    expect(errorFormatProblem(r.stderr)).toBeUndefined();
    expect(r.stderr).toContain('error: cannot add class, callback: src/lib.rs is not as add expects');
    expect(r.stderr).toContain('src/lib.rs (class): the marker line is missing: // create-pyo3-async: pattern registrations (do not remove this line)');
    expect(r.stderr).toContain('add this line in the `#[pymodule]` function, before `Ok(())`:');
    expect(r.stderr).toContain('  |         patterns::store::register(m)?;\n');
    expect(r.stderr).toContain('  |         patterns::ticker::register(m)?;\n');
    expect(await readTree(dir)).toEqual(before);

    const json = await runMain(['add', 'class', '--json'], dir);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error.details).toContain('        patterns::store::register(m)?;');
  });

  it('refuses the legacy stack, the app kind and what is not a project, with exit 2', async () => {
    const cwd = await tempDir();
    for (const [name, flags] of [['old', ['--stack', 'legacy', '--kind', 'module']], ['my-app', ['--kind', 'app']]] as const) {
      expect((await runMain([name, '--runtime', 'tokio', '--no-uvloop', '--no-git', '-y', ...flags], cwd)).code).toBe(0);
    }
    const legacy = await runMain(['add', 'class', 'old'], cwd);
    expect(legacy.code).toBe(2);
    expect(legacy.stderr).toMatch(/old is on the legacy stack/);
    const app = await runMain(['add', 'native', 'my-app'], cwd);
    expect(app.code).toBe(2);
    expect(app.stderr).toMatch(/error: add native: PyO3's async fn makes Python coroutines of Rust functions, which only a module exports/);
    const none = await runMain(['add', 'class', 'nowhere'], cwd);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/nowhere does not exist/);
    // A directory without Cargo.toml is not a project either.
    const empty = await runMain(['add', 'class', '.'], cwd);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/has no Cargo\.toml/);
    const unknown = await runMain(['add', 'clas', '.'], join(cwd, 'my-app'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown pattern "clas"/);
  });
});
