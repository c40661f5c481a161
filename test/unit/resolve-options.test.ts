import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/program.js';
import { resolveOptions, type Asker } from '../../src/cli/resolve-options.js';
import { CliError } from '../../src/errors.js';
import { flags } from '../helpers/flags.js';

/** A scripted Asker that records which questions were asked. */
function scripted(answers: Partial<Record<keyof Asker, unknown>>) {
  const asked: string[] = [];
  const ask = new Proxy({} as Asker, {
    get:
      (_t, key: string) =>
      async (defaultValue: unknown, validate?: (v: string) => string | true) => {
        asked.push(key);
        const answer = key in answers ? answers[key as keyof Asker] : defaultValue;
        if (validate !== undefined && typeof answer === 'string') {
          const verdict = validate(answer);
          if (verdict !== true) throw new Error(`validation: ${verdict}`);
        }
        return answer;
      },
  });
  return { ask, asked };
}

const never = scripted({}).ask;
// Directory names resolve against the caller's cwd, which is handed in.
const CWD = '/home/user/work';

async function usage(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).exitCode).toBe(2);
  return error as CliError;
}

describe('argv -> flags', () => {
  it('parses every flag', () => {
    const r = parseArgs(
      ['dir', '--name', 'n', '--description', 'd', '--kind', 'app', '--runtime', 'async-std', '--no-uvloop', '--stack', 'current', '-y', '--force', '--dry-run', '--json', '--no-color', '--verbose'],
      '0.0.0',
    );
    expect(r).toEqual({
      command: 'create',
      flags: flags({
        directory: 'dir',
        name: 'n',
        description: 'd',
        kind: 'app',
        runtime: 'async-std',
        uvloop: false,
        stack: 'current',
        yes: true,
        force: true,
        dryRun: true,
        json: true,
        verbose: true,
      }),
    });
  });

  it('leaves choices that were not given undefined', () => {
    expect(parseArgs([], '0.0.0')).toEqual({ command: 'create', flags: flags() });
    expect(parseArgs(['--uvloop'], '0.0.0')).toMatchObject({ flags: { uvloop: true } });
    expect(parseArgs(['--abi3'], '0.0.0')).toMatchObject({ flags: { abi3: true } });
    expect(parseArgs(['--no-abi3'], '0.0.0')).toMatchObject({ flags: { abi3: false } });
  });

  it('refuses --abi3 together with --no-abi3', () => {
    let error: unknown;
    try {
      parseArgs(['--abi3', '--no-abi3'], '0.0.0');
    } catch (e) {
      error = e;
    }
    expect((error as CliError).message).toBe('--abi3 and --no-abi3 contradict each other');
  });

  it.each([
    [['--kind', 'Module'], /Allowed choices are module, app/],
    [['--runtime', 'Tokio'], /Allowed choices are tokio, async-std/],
    [['--bogus'], /unknown option '--bogus'/],
    [['a', 'b'], /too many arguments/],
    [['--name'], /argument missing/],
  ])('rejects %j as a usage error', (argv, why) => {
    let error: unknown;
    try {
      parseArgs(argv, '0.0.0');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toMatch(why);
  });

  it('answers --help and --version without creating anything', () => {
    expect(parseArgs(['--version'], '1.2.3')).toEqual({ command: 'info', text: '1.2.3\n' });
    const help = parseArgs(['--help'], '1.2.3');
    expect(help.command).toBe('info');
    for (const flag of ['--name', '--kind', '--runtime', '--uvloop', '--no-uvloop', '--stack', '--yes', '--force', '--dry-run', '--json', '--no-color', '--version', '--help']) {
      expect((help as { text: string }).text).toContain(flag);
    }
  });
});

describe('resolveOptions without a terminal', () => {
  it('refuses to guess, naming every missing flag', async () => {
    const e = await usage(resolveOptions(flags(), { interactive: false, ask: never, cwd: CWD }));
    expect(e.message).toContain('[directory] or --name, --kind, --runtime, --uvloop/--no-uvloop, --stack');
    expect(e.hint).toMatch(/--yes/);
    const one = await usage(
      resolveOptions(flags({ directory: 'x', kind: 'app', runtime: 'tokio', uvloop: false }), { interactive: false, ask: never, cwd: CWD }),
    );
    expect(one.message).toMatch(/^no terminal to ask in, and --stack was not given$/);
    const json = await usage(resolveOptions(flags({ json: true, name: 'x' }), { interactive: false, ask: never, cwd: CWD }));
    expect(json.message).toMatch(/^--json never prompts, and --kind/);
  });

  it('takes defaults with --yes', async () => {
    const r = await resolveOptions(flags({ yes: true }), { interactive: false, ask: never, cwd: CWD });
    expect(r).toEqual({
      directory: 'pyo3-async-project',
      options: expect.objectContaining({
        crateName: 'pyo3-async-project',
        moduleName: 'pyo3_async_project',
        kind: 'module',
        runtime: 'tokio',
        uvloop: false,
        stack: 'current',
        abi3: true,
      }),
    });
  });

  it('builds modules against the stable ABI unless --no-abi3, and apps never', async () => {
    const resolve = (more: Parameters<typeof flags>[0]) => resolveOptions(flags({ yes: true, ...more }), { interactive: false, ask: never, cwd: CWD });
    expect((await resolve({ kind: 'module', abi3: false })).options.abi3).toBe(false);
    expect((await resolve({ kind: 'module', abi3: true })).options.abi3).toBe(true);
    expect((await resolve({ kind: 'app' })).options.abi3).toBe(false);
    expect((await resolve({ kind: 'app', abi3: false })).options.abi3).toBe(false);
    const e = await usage(resolve({ kind: 'app', abi3: true }));
    expect(e.message).toMatch(/^--abi3 is for modules/);
    expect(e.hint).toMatch(/--kind module/);
  });

  it('names the project after the directory, and the directory after --name', async () => {
    const a = await resolveOptions(flags({ yes: true, directory: 'some/where/my-lib' }), { interactive: false, ask: never, cwd: CWD });
    expect(a.options.crateName).toBe('my-lib');
    expect(a.options.moduleName).toBe('my_lib');
    expect(a.directory).toBe('some/where/my-lib');
    const b = await resolveOptions(flags({ yes: true, name: 'fast-io' }), { interactive: false, ask: never, cwd: CWD });
    expect(b.directory).toBe('fast-io');
  });

  it('rejects a bad directory name with a suggestion, and --name rescues it', async () => {
    const e = await usage(resolveOptions(flags({ yes: true, directory: 'My Project' }), { interactive: false, ask: never, cwd: CWD }));
    expect(e.message).toMatch(/invalid project name "My Project" \(from the directory/);
    expect(e.hint).toBe('try --name my-project (the directory keeps its name)');
    const ok = await resolveOptions(flags({ yes: true, directory: 'My Project', name: 'my-project' }), {
      interactive: false,
      ask: never,
      cwd: CWD,
    });
    expect(ok.directory).toBe('My Project');
  });

  it('applies Python rules to modules only', async () => {
    await usage(resolveOptions(flags({ yes: true, name: 'asyncio' }), { interactive: false, ask: never, cwd: CWD }));
    const app = await resolveOptions(flags({ yes: true, name: 'asyncio', kind: 'app' }), { interactive: false, ask: never, cwd: CWD });
    expect(app.options.crateName).toBe('asyncio');
  });

  it('offers the legacy stack with its own pyo3 version only', async () => {
    const base = { interactive: false, ask: never, cwd: CWD };
    const legacy = await resolveOptions(flags({ yes: true, stack: 'legacy' }), base);
    expect(legacy.options).toMatchObject({ stack: 'legacy', pyo3: '0.20' });
    expect(legacy.options.description).toContain('pyo3-asyncio');
    const e = await usage(resolveOptions(flags({ yes: true, stack: 'legacy', pyo3Version: '0.30' }), base));
    expect(e.message).toBe('pyo3 0.30 is not supported by the legacy stack');
    expect(e.hint).toMatch(/^choose one of 0\.20: pyo3-asyncio must match/);
  });

  it('picks a pyo3 version from the table, rejecting pairs that cannot link or are untested', async () => {
    const base = { interactive: false, ask: never, cwd: CWD };
    expect((await resolveOptions(flags({ yes: true }), base)).options.pyo3).toBe('0.30');
    expect((await resolveOptions(flags({ yes: true, pyo3Version: '0.29' }), base)).options.pyo3).toBe('0.29');
    for (const bad of ['0.28.3', '0.30.0', '0.29.7', '0.29.99', ' 0.29', '0.29 ']) {
      const e = await usage(resolveOptions(flags({ yes: true, pyo3Version: bad }), base));
      expect(e.message).toBe(`--pyo3-version takes a minor version as the table writes it (0.30, 0.29, 0.28), not ${JSON.stringify(bad)}`);
      expect(e.hint).toMatch(/^pass --pyo3-version 0\.(28|29|30): the project pins pyo3 "0\.\d+" and cargo picks the newest/);
    }
    for (const bad of ['0.27', '0.20', '1.0', 'latest', '0.30.x', '0.31.0', '']) {
      const e = await usage(resolveOptions(flags({ yes: true, pyo3Version: bad }), base));
      expect(e.message).toBe(`pyo3 ${bad} is not supported by the current stack`);
      expect(e.hint).toMatch(/^choose one of 0\.30, 0\.29, 0\.28: pyo3-async-runtimes must match pyo3's minor version/);
    }
  });

  it('keeps a description as given and defaults one per kind', async () => {
    const d = await resolveOptions(flags({ yes: true, description: 'x "y"\nz' }), { interactive: false, ask: never, cwd: CWD });
    expect(d.options.description).toBe('x "y"\nz');
    await usage(resolveOptions(flags({ yes: true, description: 'x'.repeat(1001) }), { interactive: false, ask: never, cwd: CWD }));
  });
});

describe('resolveOptions with a terminal', () => {
  it('asks only what flags did not give', async () => {
    const { ask, asked } = scripted({ name: 'my-app', uvloop: true });
    const r = await resolveOptions(flags({ kind: 'app', runtime: 'async-std' }), { interactive: true, ask, cwd: CWD });
    expect(asked).toEqual(['name', 'uvloop', 'stack', 'patterns']);
    expect(r.options).toMatchObject({ crateName: 'my-app', kind: 'app', runtime: 'async-std', uvloop: true, stack: 'current' });
  });

  it('asks everything when nothing is given, kind first so the name is checked by its rules', async () => {
    const { ask, asked } = scripted({});
    const r = await resolveOptions(flags(), { interactive: true, ask, cwd: CWD });
    expect(asked).toEqual(['kind', 'name', 'runtime', 'uvloop', 'stack', 'patterns']);
    expect(r.options.crateName).toBe('pyo3-async-project');
  });

  it('asks for patterns only when --with is not given and some apply', async () => {
    const given = scripted({ kind: 'module' });
    await resolveOptions(flags({ with: ['class'] }), { interactive: true, ask: given.ask, cwd: CWD });
    expect(given.asked).not.toContain('patterns');
    const legacy = scripted({ kind: 'app', stack: 'legacy' });
    await resolveOptions(flags(), { interactive: true, ask: legacy.ask, cwd: CWD });
    expect(legacy.asked).not.toContain('patterns');
    const app = scripted({ kind: 'app', patterns: ['stream'] });
    expect((await resolveOptions(flags(), { interactive: true, ask: app.ask, cwd: CWD })).options.patterns).toEqual(['stream']);
    const picked = scripted({ kind: 'module', patterns: ['stream'] });
    expect((await resolveOptions(flags(), { interactive: true, ask: picked.ask, cwd: CWD })).options.patterns).toEqual(['stream']);
  });
});

describe('--with', () => {
  const module = (w: string[], more: Partial<Parameters<typeof flags>[0]> = {}) =>
    resolveOptions(flags({ yes: true, kind: 'module', with: w, ...more }), { interactive: false, ask: never, cwd: CWD });

  it('takes names, comma-separated or repeated, in their canonical order, once each', async () => {
    expect((await module(['native,class', 'class'])).options.patterns).toEqual(['class', 'native']);
    expect((await module([])).options.patterns).toEqual([]);
  });

  it('expands all to every pattern that applies, on both runtimes', async () => {
    const all = ['class', 'stream', 'blocking', 'callback', 'native'];
    expect((await module(['all'])).options.patterns).toEqual(all);
    expect((await module(['all'], { runtime: 'async-std' })).options.patterns).toEqual(all);
  });

  it('refuses an unknown name, and patterns the kind or stack cannot take, with the reason', async () => {
    expect((await usage(module(['clas']))).message).toMatch(/unknown pattern "clas"/);
    expect((await usage(module(['class'], { kind: 'app' }))).message).toMatch(/--with class: an app has no Python API/);
    expect((await usage(module(['all'], { stack: 'legacy' }))).message).toMatch(/--with all: no pattern applies here: the legacy stack/);
  });

  it('offers the directory name, or a valid variant of it, as the default name', async () => {
    const { ask } = scripted({});
    expect((await resolveOptions(flags({ directory: 'x/My Lib' }), { interactive: true, ask, cwd: CWD })).options.crateName).toBe('my-lib');
    expect((await resolveOptions(flags({ directory: 'x/good-one' }), { interactive: true, ask, cwd: CWD })).options.crateName).toBe('good-one');
  });

  it('validates typed names with the kind rules', async () => {
    const { ask } = scripted({ kind: 'module', name: 'asyncio' });
    await expect(resolveOptions(flags(), { interactive: true, ask, cwd: CWD })).rejects.toThrow(/validation: .*shadow/);
  });

  it('checks flag values before asking anything', async () => {
    const { ask, asked } = scripted({});
    await usage(resolveOptions(flags({ name: 'bad name' }), { interactive: true, ask, cwd: CWD }));
    expect(asked).toEqual([]);
  });
});
