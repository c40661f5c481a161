import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/program.js';
import { CliError } from '../../src/errors.js';
import { createProgress } from '../../src/ui/progress.js';

describe('dev / smoke / doctor arguments', () => {
  it('parses each command with its flags, and passes what follows -- to dev', () => {
    expect(parseArgs(['dev'], '0')).toEqual({
      command: 'dev',
      flags: { dir: '.', release: false, full: false, json: false, verbose: false, extraArgs: [], smoke: true },
    });
    expect(parseArgs(['dev', '--no-smoke'], '0')).toMatchObject({ command: 'dev', flags: { smoke: false } });
    expect(parseArgs(['dev', 'proj', '--release', '--verbose', '--', '--features', 'x y'], '0')).toEqual({
      command: 'dev',
      flags: { dir: 'proj', release: true, full: false, json: false, verbose: true, extraArgs: ['--features', 'x y'], smoke: true },
    });
    expect(parseArgs(['dev', '--full'], '0')).toMatchObject({ command: 'dev', flags: { full: true } });
    expect(parseArgs(['smoke', '--full'], '0')).toMatchObject({ command: 'smoke', flags: { full: true } });
    expect(parseArgs(['smoke', 'p', '--json'], '0')).toMatchObject({ command: 'smoke', flags: { dir: 'p', json: true } });
    expect(parseArgs(['doctor'], '0')).toMatchObject({ command: 'doctor', flags: { dir: '.' } });
    expect(parseArgs(['list', '--json'], '0')).toEqual({ command: 'list', flags: { json: true } });
    // A `--` that is a flag's value is not the separator.
    expect(parseArgs(['dev', '--', '--description', '--'], '0')).toMatchObject({ flags: { extraArgs: ['--description', '--'] } });
    expect(parseArgs(['p', '--description', '--', '-y'], '0')).toMatchObject({ command: 'create', flags: { description: '--', yes: true } });
    expect(parseArgs(['matrix', 'out', '--filter', 'kind=app', '--filter', 'id=module-tokio-asyncio', '--check'], '0')).toEqual({
      command: 'matrix',
      flags: { outDir: 'out', filters: ['kind=app', 'id=module-tokio-asyncio'], check: true, force: false, json: false },
    });
  });

  it.each([
    [['doctor', '--release'], /unknown option '--release'/],
    [['smoke', '.', '--', '--features', 'x'], /smoke takes no arguments after --/],
    [['my-lib', '--', 'x'], /only for `dev`/],
    [['dev', 'a', 'b'], /too many arguments/],
    [['smoke', '--no-smoke'], /unknown option '--no-smoke'/],
    [['list', '--', 'x'], /list takes no arguments after --/],
  ])('%j is a usage error', (argv, why) => {
    let error: unknown;
    try {
      parseArgs(argv, '0');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toMatch(why);
  });

  it('keeps create flags for the root command', () => {
    expect(parseArgs(['x', '--smoke'], '0')).toMatchObject({ command: 'create', flags: { build: true, smoke: true } });
    expect(parseArgs(['x', '--build'], '0')).toMatchObject({ command: 'create', flags: { build: true, smoke: false } });
  });
});

describe('progress', () => {
  const c = new Chalk({ level: 0 });
  const capture = () => {
    const out: string[] = [];
    return { out, stream: { write: (s: string) => out.push(s) } };
  };

  it('writes plain lines without spinner characters when not on a terminal', async () => {
    const { out, stream } = capture();
    const p = createProgress(stream, 'lines', c);
    expect(await p.step('compiling', async () => 42)).toBe(42);
    await expect(p.step('smoke test', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    const text = out.join('');
    expect(text).toMatch(/^- compiling \.\.\.\n {2}done in \d+\.\ds\n- smoke test \.\.\.\n {2}failed in \d+\.\ds\n$/);
    expect(text).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏\r]/);
    expect(p.timings.map((t) => t.name)).toEqual(['compiling', 'smoke test']);
  });

  it('stays silent for --json, and draws a spinner only in spinner mode', async () => {
    const silent = capture();
    await createProgress(silent.stream, 'silent', c).step('x', async () => undefined);
    expect(silent.out).toEqual([]);
    const spin = capture();
    await createProgress(spin.stream, 'spinner', c).step('x', async () => undefined);
    expect(spin.out.join('')).toMatch(/⠋ x/);
    expect(spin.out.join('')).toMatch(/✔ x \d+\.\ds\n$/);
  });
});
