// The interactive flow, driven key by key through @inquirer/testing's virtual screen.
import { screen } from '@inquirer/testing/vitest';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { readTree, tempDir } from '../helpers/tmp.js';

function terminal(cwd: string, signal = new AbortController().signal) {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    interactive: true,
    colorSupported: false,
    cwd,
    signal,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('interactive create', () => {
  it('asks for each choice, explains the legacy stack, and writes the project', async () => {
    const cwd = await tempDir();
    const t = terminal(cwd);
    const run = main([], t.io);

    await screen.next();
    expect(screen.getScreen()).toContain('What are you building?');
    screen.keypress('down'); // app
    screen.keypress('enter');

    await screen.next();
    expect(screen.getScreen()).toContain('Project name:');
    screen.type('bad name');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toMatch(/" " is not allowed/);
    for (let i = 0; i < 'bad name'.length; i++) screen.keypress('backspace');
    screen.type('my-app');
    screen.keypress('enter');

    await screen.next();
    expect(screen.getScreen()).toContain('Rust async runtime:');
    screen.keypress('down');
    expect(screen.getScreen()).toContain('discontinued upstream');
    screen.keypress('enter');

    await screen.next();
    expect(screen.getScreen()).toContain('uvloop');
    screen.type('y');
    screen.keypress('enter');

    await screen.next();
    expect(screen.getScreen()).toContain('Crate stack:');
    screen.keypress('down');
    expect(screen.getScreen()).toMatch(/legacy: pyo3 0\.20 \+ pyo3-asyncio 0\.20/);
    expect(screen.getScreen()).toContain('for existing codebases pinned to pyo3-asyncio; new projects should use current');
    screen.keypress('enter');

    expect(await run).toBe(0);
    expect(t.stdout()).toContain('Created my-app in my-app');
    expect(t.stdout()).toContain('app · async-std · uvloop · legacy stack (pyo3 0.20 + pyo3-asyncio 0.20)');
    expect(t.stderr()).toMatch(/the legacy stack .* is for existing codebases pinned to it/);
    const tree = await readTree(join(cwd, 'my-app'));
    expect(tree['src/main.rs']).toContain('app::check_uvloop().await?');
    expect(tree['src/lib.rs']).toContain('uvloop.call_method0("new_event_loop")');
    expect(tree['Cargo.toml']).toContain('pyo3-asyncio = { version = "0.20"');
  });

  it('asks before writing into a non-empty directory and keeps it as it was on "no"', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'proj'));
    await writeFile(join(cwd, 'proj', 'Cargo.toml'), 'mine');
    const t = terminal(cwd);
    const run = main(['proj', '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '--name', 'proj', '--with', 'class'], t.io);
    await screen.next();
    expect(screen.getScreen()).toMatch(/proj is not empty and 1 file\(s\) would be replaced \(Cargo\.toml\)/);
    screen.keypress('enter'); // default: no
    expect(await run).toBe(130);
    expect(t.stderr()).toMatch(/nothing written: proj was left as it was/);
    expect(await readTree(join(cwd, 'proj'))).toEqual({ 'Cargo.toml': 'mine' });
  });

  it('offers the patterns that apply as a multi-select, none picked by default', async () => {
    const cwd = await tempDir();
    const t = terminal(cwd);
    const run = main(['lib', '--name', 'lib', '--kind', 'module', '--runtime', 'async-std', '--no-uvloop', '--stack', 'current', '--no-git'], t.io);
    await screen.next();
    expect(screen.getScreen()).toContain('Patterns to add');
    for (const name of ['class', 'stream', 'blocking', 'callback', 'native']) expect(screen.getScreen()).toContain(name);
    screen.keypress('space'); // class
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('space'); // blocking
    screen.keypress('enter');
    expect(await run).toBe(0);
    const tree = await readTree(join(cwd, 'lib'));
    expect(Object.keys(tree).filter((p) => p.startsWith('src/patterns/')).sort()).toEqual(['src/patterns/blocking.rs', 'src/patterns/store.rs']);
    expect(tree['python/lib/__init__.py']).toContain('from ._store import Store');
  });

  it('asks nothing about patterns where none applies (the legacy stack)', async () => {
    const cwd = await tempDir();
    const t = terminal(cwd);
    const run = main(['my-app', '--name', 'my-app', '--kind', 'app', '--runtime', 'tokio', '--no-uvloop', '--stack', 'legacy', '--no-git'], t.io);
    expect(await run).toBe(0);
    expect(t.stdout()).toContain('Created my-app in my-app');
  });

  it('Ctrl-C (the abort signal) at a prompt exits 130 and writes nothing', async () => {
    const cwd = await tempDir();
    const controller = new AbortController();
    const t = terminal(cwd, controller.signal);
    const run = main([], t.io);
    await screen.next();
    expect(screen.getScreen()).toContain('What are you building?');
    controller.abort();
    expect(await run).toBe(130);
    expect(t.stderr()).toMatch(/cancelled/);
    expect(await readdir(cwd)).toEqual([]);
  });
});
