// The real terminal path: the built CLI in a pseudo-terminal, keys sent as a person types them.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { readTree, tempDir } from '../helpers/tmp.js';

const DRIVER = fileURLToPath(new URL('../helpers/pty_drive.py', import.meta.url));
const ENTER = '\r';
const DOWN = '\x1b[B';

async function inTerminal(cwd: string, steps: Array<[string, string]>, args: string[] = []) {
  const r = await execa('python3', [DRIVER, JSON.stringify(steps), process.execPath, BIN, ...args], {
    cwd,
    env: { NO_COLOR: '1', TERM: 'xterm' },
  });
  const report = JSON.parse(r.stdout) as { exit: number; screen: string; error: string | null };
  expect(report.error).toBeNull();
  return report;
}

describe('in a real terminal', () => {
  it('prompts, and creates the project from the answers', async () => {
    const cwd = await tempDir();
    const report = await inTerminal(cwd, [
      ['What are you building?', DOWN + ENTER],
      ['Project name:', '\x15tty-app' + ENTER],
      ['Rust async runtime:', ENTER],
      ['uvloop', 'n' + ENTER],
      ['Crate stack:', ENTER],
      ['Patterns to add', ' ' + ENTER],
    ]);
    expect(report.exit).toBe(0);
    expect(report.screen).toContain('Created tty-app in tty-app');
    expect(Object.keys(await readTree(join(cwd, 'tty-app')))).toContain('tests/py_stream.rs');
    expect(Object.keys(await readTree(join(cwd, 'tty-app')))).toContain('src/main.rs');
  });

  it('Ctrl-C at a prompt exits 130 and writes nothing', async () => {
    const cwd = await tempDir();
    const report = await inTerminal(cwd, [
      ['What are you building?', ENTER],
      ['Project name:', '\x03'],
    ]);
    expect(report.exit).toBe(130);
    expect(report.screen).toContain('cancelled; nothing was written');
    expect(await readdir(cwd)).toEqual([]);
  });

  it.each(['SIGINT', 'SIGTERM'])('%s while a prompt waits exits 130 and writes nothing', async (signal) => {
    const cwd = await tempDir();
    const report = await inTerminal(cwd, [['What are you building?', signal]]);
    expect(report.exit).toBe(130);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('--yes never prompts, even in a terminal', async () => {
    const cwd = await tempDir();
    const report = await inTerminal(cwd, [['Next steps:', '']], ['--yes']);
    expect(report.exit).toBe(0);
    expect(report.screen).not.toContain('?');
  });
});
