// Defects found by trying the CLI as a newcomer and as an attacker would (issue 14), each pinned
// by a test that failed before its fix. In-process runs (runMain) keep them fast.
import { closeSync, existsSync, openSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Chalk } from 'chalk';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { planProject } from '../../src/core/plan.js';
import { CancelledError, CliError } from '../../src/errors.js';
import { loadTemplates } from '../../src/fs/templates.js';
import { createProgress } from '../../src/ui/progress.js';
import { BIN } from '../helpers/cli.js';
import { fakeRunner } from '../helpers/fake-runner.js';
import { errorFormatProblem, runMain } from '../helpers/inproc.js';
import { tempDir } from '../helpers/tmp.js';
import { allVariants } from '../helpers/variants.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('a new directory gets the mode mkdir gives (the umask), not mkdtemp 0700', () => {
  it('create: the project directory has the mode of its subfolders', async () => {
    const cwd = await tempDir();
    const r = await runMain(['proj', '--yes', '--no-git'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(mode(join(cwd, 'proj')).toString(8)).toBe(mode(join(cwd, 'proj', 'src')).toString(8));
  });

  it('matrix: the output directory has the mode of its subfolders', async () => {
    const cwd = await tempDir();
    const r = await runMain(['matrix', 'out', '--filter', 'id=module-tokio-asyncio'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(mode(join(cwd, 'out')).toString(8)).toBe(mode(join(cwd, 'out', 'module-tokio-asyncio')).toString(8));
  });
});


describe('names rustc or pytest would trip on are refused with a suggestion', () => {
  it.each([
    [['--name', 'MyLib'], /must be lower case/, 'try --name my-lib'],
    [['MyProj'], /"MyProj" \(from the directory "MyProj"\): a crate name must be lower case/, 'try --name my-proj (the directory keeps its name)'],
    [['--name', 'conftest', '--kind', 'module'], /tests\/conftest\.py, which pytest would import instead/, 'try --name conftest-async'],
  ])('%j', async (args, why, hint) => {
    const r = await runMain([...args, '--yes', '--dry-run'], await tempDir());
    expect(r.code).toBe(2);
    expect(errorFormatProblem(r.stderr)).toBeUndefined();
    expect(r.stderr).toMatch(why);
    expect(r.stderr).toContain(`hint: ${hint}\n`);
  });
});

describe('a step that fails or is cancelled is shown as failed, never as done', () => {
  const sink = () => {
    let text = '';
    return { out: { write: (s: string) => void (text += s) }, text: () => text };
  };

  it.each(['lines', 'spinner'] as const)('%s mode', async (mode) => {
    const s = sink();
    const p = createProgress(s.out, mode, new Chalk({ level: 0 }));
    await expect(p.step('compiling', () => Promise.reject(new CliError('maturin develop failed')))).rejects.toThrow();
    await expect(p.step('building', () => Promise.reject(new CancelledError()))).rejects.toThrow();
    await p.step('smoke test', async () => ({ ok: false }), (r) => !r.ok);
    await p.step('venv', async () => 1);
    const text = s.text();
    if (mode === 'lines') {
      expect(text).toMatch(/- compiling \.\.\.\n {2}failed in \d+\.\ds\n/);
      expect(text).toMatch(/- building \.\.\.\n {2}cancelled after \d+\.\ds\n/);
      expect(text).toMatch(/- smoke test \.\.\.\n {2}failed in/);
      expect(text).toMatch(/- venv \.\.\.\n {2}done in/);
    } else {
      expect(text).toMatch(/✘ compiling failed \d/);
      expect(text).toMatch(/✘ building cancelled \d/);
      expect(text).toMatch(/✘ smoke test failed \d/);
      expect(text).toMatch(/✔ venv \d/);
    }
  });

  it('dev: a compile error is not "done"', async () => {
    const cwd = await tempDir();
    expect((await runMain(['proj', '--no-git', '-y'], cwd)).code).toBe(0);
    const { run } = fakeRunner((tool, args) => {
      if (tool === 'python' && args[0] === '--version') return { stdout: 'Python 3.12.1' };
      if (tool === 'maturin') return args[0] === '--version' ? { stdout: 'maturin 1.9.6' } : { exitCode: 1, stderr: 'error[E0425]: cannot find value `x`' };
      return undefined;
    });
    const r = await runMain(['dev'], join(cwd, 'proj'), { env: { VIRTUAL_ENV: '/fake/venv', PATH: '/usr/bin' }, run });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/- compiling \(maturin develop[^)]*\) \.\.\.\n {2}failed in/);
    expect(r.stderr).not.toMatch(/done in/);
  });
});

// What maturin develop prints when the crate does not compile (maturin 1.9, rustc 1.90).
const MATURIN_COMPILE_ERROR = `🔗 Found pyo3 bindings
🐍 Found CPython 3.11 at /fake/venv/bin/python
   Compiling proj v0.1.0 (/tmp/proj)
error[E0425]: cannot find value \`x\` in this scope
   --> src/lib.rs:139:9
    |
139 |         x
    |         ^ not found in this scope

error[E0308]: mismatched types
  --> src/bridge.rs:12:5
   |
12 |     1
   |     ^ expected \`()\`, found integer

For more information about this error, try \`rustc --explain E0425\`.
error: could not compile \`proj\` (lib) due to 2 previous errors
💥 maturin failed
  Caused by: Failed to build a native library through cargo
  Caused by: Cargo build finished with "exit status: 101": \`env -u CARGO PYO3_BUILD_EXTENSION_MODULE="1" PYO3_ENVIRONMENT_SIGNATURE="cpython-3.11-64bit" "cargo" "rustc" "--message-format" "json-render-diagnostics"\`
`;

describe('a compile error shows the compiler’s errors with their locations, not maturin’s noise', () => {
  async function failedDev(json: boolean) {
    const cwd = await tempDir();
    expect((await runMain(['proj', '--no-git', '-y'], cwd)).code).toBe(0);
    const { run } = fakeRunner((tool, args) => {
      if (tool === 'python' && args[0] === '--version') return { stdout: 'Python 3.12.1' };
      if (tool === 'maturin') return args[0] === '--version' ? { stdout: 'maturin 1.9.6' } : { exitCode: 1, stderr: MATURIN_COMPILE_ERROR };
      return undefined;
    });
    return runMain(['dev', ...(json ? ['--json'] : [])], join(cwd, 'proj'), { env: { VIRTUAL_ENV: '/fake/venv', PATH: '/usr/bin' }, run });
  }

  it('text', async () => {
    const r = await failedDev(false);
    expect(r.code).toBe(1);
    const errorPart = r.stderr.slice(r.stderr.indexOf('error:'));
    expect(errorFormatProblem(errorPart)).toBeUndefined();
    expect(errorPart).toMatch(/^error: maturin develop failed: error\[E0425\]: cannot find value `x` in this scope \(src\/lib\.rs:139:9\)\n/);
    expect(errorPart).toContain('  | error[E0308]: mismatched types\n  |   --> src/bridge.rs:12:5\n');
    expect(errorPart).not.toMatch(/💥|Caused by|env -u|PYO3_BUILD_EXTENSION_MODULE|could not compile/);
  });

  it('--json', async () => {
    const r = await failedDev(true);
    const doc = JSON.parse(r.stdout) as { ok: boolean; error: { message: string; details: string[] } };
    expect(doc.ok).toBe(false);
    expect(doc.error.message).toContain('(src/lib.rs:139:9)');
    expect(doc.error.details).toEqual([
      'error[E0425]: cannot find value `x` in this scope',
      '  --> src/lib.rs:139:9',
      'error[E0308]: mismatched types',
      '  --> src/bridge.rs:12:5',
    ]);
  });
});

describe('smoke rebuilds when the sources are newer than the installed module', () => {
  async function smokeWithBuildAt(builtSecondsFromNow: number | 'broken') {
    const cwd = await tempDir();
    expect((await runMain(['proj', '--no-git', '-y'], cwd)).code).toBe(0);
    const checks = [{ name: 'import proj', ok: true, seconds: 0.1, detail: null }];
    const { run, calls } = fakeRunner((tool, args) => {
      if (tool === 'python' && args[0] === '--version') return { stdout: 'Python 3.12.1' };
      if (tool === 'python' && args[1]?.includes('find_spec')) {
        expect(args[2]).toBe('proj._native');
        return builtSecondsFromNow === 'broken' ? { exitCode: 1, stderr: 'ImportError' } : { stdout: String(Date.now() / 1000 + builtSecondsFromNow) };
      }
      if (tool === 'python') return { stdout: JSON.stringify(checks) };
      if (tool === 'maturin') return args[0] === '--version' ? { stdout: 'maturin 1.9.6' } : {};
      return undefined;
    });
    const r = await runMain(['smoke'], join(cwd, 'proj'), { env: { VIRTUAL_ENV: '/fake/venv', PATH: '/usr/bin' }, run });
    expect(r.code, r.stderr).toBe(0);
    return calls.some((c) => c.tool === 'maturin' && c.args[0] === 'develop');
  }

  it('an extension older than src/ is rebuilt', async () => expect(await smokeWithBuildAt(-3600)).toBe(true));
  it('one that does not import is rebuilt', async () => expect(await smokeWithBuildAt('broken')).toBe(true));
  it('a fresh one is not', async () => expect(await smokeWithBuildAt(3600)).toBe(false));
});

describe('output flags come from the parse, not from raw argv', () => {
  it('--description --json is a description: the report is text, an error is not JSON', async () => {
    const cwd = await tempDir();
    const ok = await runMain(['p', '--description', '--json', '--yes', '--dry-run'], cwd);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^• Would create p in p/);
    const bad = await runMain(['p', '--description', '--json', '--yes', '--pyo3-version', '9.9'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(errorFormatProblem(bad.stderr)).toBeUndefined();
  });

  it('--description --verbose is a description: no cause chain, no stack', async () => {
    const r = await runMain(['p', '--description', '--verbose', '--yes', '--pyo3-version', '9.9'], await tempDir());
    expect(r.stderr).not.toMatch(/caused by|\n\s+at /);
    expect(errorFormatProblem(r.stderr)).toBeUndefined();
  });

  it('a usage error still honours a real --json, even when parsing failed', async () => {
    const r = await runMain(['--json', '--kind', 'Bad'], await tempDir());
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { exitCode: 2, message: expect.stringMatching(/Allowed choices are module, app/) } });
  });
});

describe('never a JavaScript stack trace', () => {
  it('--verbose shows the cause chain as lines, without stack frames', async () => {
    const cwd = await tempDir();
    expect((await runMain(['proj', '--no-git', '-y', '--kind', 'app'], cwd)).code).toBe(0);
    const run = async () => {
      throw new Error('runner broke', { cause: Object.assign(new Error('spawn failed'), { code: 'EMFILE' }) });
    };
    const r = await runMain(['dev', '--verbose'], join(cwd, 'proj'), { env: { PATH: '/usr/bin' }, run });
    expect(r.code).toBe(1);
    expect(errorFormatProblem(r.stderr.slice(r.stderr.indexOf('error:')))).toBeUndefined();
    expect(r.stderr).toContain('error: internal error: Error: runner broke\n');
    expect(r.stderr).toContain('  | caused by Error: spawn failed (EMFILE)\n');
    expect(r.stderr).not.toMatch(/\n\s+at |\.js:\d+/);
  });

  it('a deleted working directory: --help still works, anything else is one line', async () => {
    const dir = await tempDir();
    const gone = join(dir, 'gone');
    const runIn = async (args: string[]) => {
      await mkdir(gone);
      // The child starts in `gone`, which is removed before it runs anything of ours.
      const child = execa(process.execPath, ['-e', `process.chdir(${JSON.stringify(gone)}); require('fs').rmdirSync(${JSON.stringify(gone)}); import(${JSON.stringify(BIN)})`, '--', 'bin', ...args], {
        reject: false,
        stdin: 'ignore',
        env: { NO_COLOR: '1' },
      });
      return child;
    };
    const help = await runIn(['--help']);
    expect(help.exitCode, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: create-pyo3-async');
    const create = await runIn(['x', '-y']);
    expect(create.exitCode).toBe(1);
    expect(create.stderr).toBe('error: the current directory no longer exists (it was deleted or moved)\nhint: cd into an existing directory, then run again');
  });

  it.skipIf(!existsSync('/dev/full'))('stdout on a full device (/dev/full): one line on stderr, exit 1', async () => {
    for (const args of [['list'], ['--help'], ['--version']]) {
      const full = openSync('/dev/full', 'w');
      const r = spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: { NO_COLOR: '1' } });
      closeSync(full);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr.trimEnd()).toBe('error: cannot write to standard output: ENOSPC\nhint: point standard output at a file or device that can take it (the disk may be full)');
    }
  });
});

describe("inside a command, hints name that command's flags", () => {
  it.each([
    [['dev', '--name', 'x'], "error: unknown option '--name'", "hint: --name is a flag for creating a project and `dev` is a command (run create-pyo3-async dev --help for the flags); to create a project in a directory named dev, run create-pyo3-async ./dev --name x"],
    [['smoke', '--bogus'], "error: unknown option '--bogus'", 'hint: run create-pyo3-async smoke --help for the flags'],
    [['dev', '--jsn'], "error: unknown option '--jsn'", 'hint: Did you mean --json? (run create-pyo3-async dev --help for the flags)'],
    [['--forse'], "error: unknown option '--forse'", 'hint: Did you mean --force? (run create-pyo3-async --help for the flags)'],
  ])('%j', async (args, error, hint) => {
    const r = await runMain(args, await tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${error}\n${hint}\n`);
  });
});

describe('--help tells the defaults and every choice', () => {
  it('create: the defaults of --kind, --runtime, --stack and --uvloop, and legacy pyo3 0.20', async () => {
    const { stdout } = await runMain(['--help'], await tempDir());
    const one = stdout.replace(/\s+/g, ' ');
    expect(one).toMatch(/--kind <kind> [^-]*\(default: module\)/);
    expect(one).toMatch(/--runtime <runtime> Rust async runtime \(default: tokio\)/);
    expect(one).toMatch(/--no-uvloop run on the standard asyncio event loop \(default: --no-uvloop\)/);
    expect(one).toMatch(/--stack <stack> .*\(default: current\)/);
    expect(one).toMatch(/--pyo3-version <version> .*current: 0\.30, 0\.29, 0\.28; legacy: 0\.20/);
  });

  it('doctor offers no --verbose (it streams nothing); dev shows [-- args]', async () => {
    const cwd = await tempDir();
    const doctor = await runMain(['doctor', '--help'], cwd);
    expect(doctor.stdout).not.toContain('--verbose');
    expect((await runMain(['doctor', '--verbose'], cwd)).code).toBe(2);
    const dev = await runMain(['dev', '--help'], cwd);
    expect(dev.stdout).toContain('Usage: create-pyo3-async dev [options] [dir] [-- <maturin develop / cargo build args>...]');
  });

  it('`help` and `help <command>` print help and create nothing', async () => {
    const cwd = await tempDir();
    const help = await runMain(['help'], cwd);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: create-pyo3-async');
    const dev = await runMain(['help', 'dev'], cwd);
    expect(dev.code).toBe(0);
    expect(dev.stdout).toContain('Usage: create-pyo3-async dev');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('a path that is not a project directory is a usage error saying so', () => {
  it.each([['doctor'], ['dev'], ['smoke']])('%s nothere / %s afile', async (command) => {
    const cwd = await tempDir();
    writeFileSync(join(cwd, 'afile'), 'x');
    const missing = await runMain([command, 'nothere'], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: nothere does not exist\nhint: pass the directory of a project (the default is the current directory)\n');
    const file = await runMain([command, 'afile'], cwd);
    expect(file.code).toBe(2);
    expect(file.stderr).toBe('error: afile is not a directory\nhint: pass the directory of a project, not a file in it\n');
  });
});

describe('dev and smoke on projects create-pyo3-async did not generate', () => {
  async function dir(files: Record<string, string>): Promise<string> {
    const root = await tempDir();
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('a plain `cargo new --lib` is not a module or app project (exit 2)', async () => {
    const root = await dir({ 'Cargo.toml': '[package]\nname = "plain"\nversion = "0.1.0"\nedition = "2021"\n', 'src/lib.rs': '' });
    const r = await runMain(['dev'], root, { run: fakeRunner(() => ({})).run });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: \. is not a module or app project: no pyproject\.toml with build-backend "maturin", and no binary/);
  });

  it('a workspace root says so (exit 2)', async () => {
    const root = await dir({ 'Cargo.toml': '[workspace]\nmembers = ["a"]\n' });
    const r = await runMain(['smoke'], root, { run: fakeRunner(() => ({})).run });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: . is a Cargo workspace root, not a module or app project\nhint: pass the directory of the member package to build\n');
  });

  it('an app that prints something else: the exit status is checked, the rest skipped and said so', async () => {
    const root = await dir({ 'Cargo.toml': '[package]\nname = "other"\nversion = "0.1.0"\n\n[[bin]]\nname = "tool"\npath = "src/main.rs"\n', 'src/main.rs': 'fn main() {}' });
    const { run, calls } = fakeRunner((tool) => (tool === 'cargo' ? {} : tool === 'tool' ? { stdout: 'Hello, world!' } : undefined));
    const r = await runMain(['dev'], root, { env: { PATH: '/usr/bin' }, run });
    expect(r.code, r.stderr).toBe(0);
    expect(calls.at(-1)!.tool).toBe('tool');
    expect(r.stdout).toContain('Smoke test: passed (some checks skipped)');
    expect(r.stdout).toContain('  - output of a generated app — skipped: the program prints none of the lines a generated app prints');
  });
});

describe('--force never takes the file system root or the home directory', () => {
  it.each([
    [['/', '--name', 'x', '--force', '--yes'], 'error: refusing to write a project into /: it is the root of the file system'],
    [['.', '--name', 'x', '--force', '--yes'], 'error: refusing to write a project into .: it is your home directory'],
    [['matrix', '.', '--force'], 'error: refusing to write a project into .: it is your home directory'],
  ])('%j', async (args, error) => {
    const home = await tempDir();
    writeFileSync(join(home, '.bashrc'), 'keep');
    const r = await runMain(args, home, { env: { HOME: home } });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(error);
    expect(readdirSync(home)).toEqual(['.bashrc']);
  });

  it('a directory below home is fine', async () => {
    const home = await tempDir();
    const r = await runMain(['proj', '--yes', '--no-git', '--dry-run'], home, { env: { HOME: home } });
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('matrix --check says how to fix what it finds', () => {
  it('extra files left after --force: names them in an rm command, does not send back to --force', async () => {
    const cwd = await tempDir();
    const filter = ['--filter', 'id=app-tokio-asyncio'];
    expect((await runMain(['matrix', 'out', ...filter], cwd)).code).toBe(0);
    writeFileSync(join(cwd, 'out', 'app-tokio-asyncio', 'old file.txt'), 'left by an older version');
    expect((await runMain(['matrix', 'out', ...filter, '--force'], cwd)).code).toBe(0);
    const r = await runMain(['matrix', 'out', ...filter, '--check'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("  extra     app-tokio-asyncio/old file.txt\n");
    expect(r.stdout).toContain("delete what is not generated any more (--force leaves it alone): rm -- 'out/app-tokio-asyncio/old file.txt'\n");
    expect(r.stdout).not.toContain('--force (same --filter flags)');
  });

  it('on a missing directory: one line (exit 2)', async () => {
    const r = await runMain(['matrix', 'nothere', '--check'], await tempDir());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: nothere does not exist: nothing to compare\nhint: generate it first: create-pyo3-async matrix nothere (same --filter flags)\n');
  });
});

describe('TERM=dumb and FORCE_COLOR=0 get no ANSI escapes; a spinner fits the terminal', () => {
  async function devOnTerminal(env: NodeJS.ProcessEnv) {
    const cwd = await tempDir();
    expect((await runMain(['proj', '--no-git', '-y', '--kind', 'app'], cwd)).code).toBe(0);
    const { run } = fakeRunner((tool) => (tool === 'cargo' ? {} : tool === 'proj' ? { stdout: 'something else' } : undefined));
    return runMain(['dev'], join(cwd, 'proj'), { env: { PATH: '/usr/bin', ...env }, run, terminal: { columns: 80 } });
  }

  it('on a terminal, colour and a spinner (the control case)', async () => {
    const r = await devOnTerminal({});
    expect(r.stdout + r.stderr).toMatch(/\x1b\[/);
  });

  it.each([[{ TERM: 'dumb' }], [{ FORCE_COLOR: '0' }], [{ NO_COLOR: '1' }]])('%j', async (env) => {
    const r = await devOnTerminal(env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    if ('TERM' in env) expect(r.stderr).not.toMatch(/\x1b|\r/);
  });

  it('at 40 columns, every spinner frame fits in one line', async () => {
    let text = '';
    const p = createProgress({ write: (s: string) => void (text += s) }, 'spinner', new Chalk({ level: 0 }), 40);
    await p.step('installing maturin>=1.9.4,<2.0 into /home/someone/projects/a-long-name/.venv', () => new Promise((r) => setTimeout(r, 250)));
    const frames = text.split('\r\x1b[2K').filter((f) => f !== '' && !f.endsWith('\n'));
    expect(frames.length).toBeGreaterThan(1);
    for (const frame of frames) expect([...frame].length, frame).toBeLessThan(40);
  });
});

describe('generated READMEs, the async-std warning and the next steps say the right thing', () => {
  it('every README: headings and quotes stand apart (a blank line before), the description unescaped', async () => {
    const templates = await loadTemplates();
    for (const { id, options } of allVariants()) {
      const readme = planProject(options, templates).find((f) => f.path === 'README.md')!.contents.split('\n');
      readme.forEach((line, i) => {
        if (i === 0) return;
        const before = readme[i - 1]!;
        const starts = /^#{1,6} /.test(line) || (line.startsWith('>') && !before.startsWith('>'));
        if (starts && !readme.slice(0, i).join('\n').match(/```[^`]*$/)) expect(before, `${id}: line ${i + 1} ${line}`).toBe('');
      });
      expect(readme[2]).toBe(options.description);
    }
  });

  it('legacy async-std: the warning names pyo3-asyncio, the crate that project uses', async () => {
    const r = await runMain(['p', '--yes', '--dry-run', '--runtime', 'async-std', '--stack', 'legacy'], await tempDir());
    expect(r.stderr).toContain('warning: async-std is discontinued upstream (its authors recommend smol); pyo3-asyncio still supports it\n');
    const current = await runMain(['p', '--yes', '--dry-run', '--runtime', 'async-std'], await tempDir());
    expect(current.stderr).toContain('; pyo3-async-runtimes still supports it\n');
  });

  it('next steps mention create-pyo3-async dev', async () => {
    const r = await runMain(['p', '--yes', '--no-git'], await tempDir());
    expect(r.stdout).toContain('  maturin develop\n');
    expect(r.stdout).toContain('(or let create-pyo3-async dev do it: it creates .venv, installs what it needs, builds and smoke-tests the project)');
  });

  it('after --build, next steps do not repeat the venv, maturin and build steps, and come after the build', async () => {
    const cwd = await tempDir();
    const { run } = fakeRunner((tool, args) => {
      if (tool === 'python3' || (tool === 'python' && args[0] === '--version')) return { stdout: 'Python 3.12.1' };
      if (tool === 'maturin') return args[0] === '--version' ? { stdout: 'maturin 1.9.6' } : {};
      return undefined;
    });
    const r = await runMain(['p', '--yes', '--no-git', '--build'], cwd, { env: { PATH: '/usr/bin' }, run });
    expect(r.code, r.stderr).toBe(0);
    const steps = r.stdout.slice(r.stdout.indexOf('Next steps:'));
    expect(steps).toBe(
      'Next steps:\n  cd p\n  . .venv/bin/activate\n  python -c "import asyncio, p; print(p.run_coro(asyncio.sleep(0.1, \'it works\')))"\n' +
        '  (after an edit, create-pyo3-async dev rebuilds with maturin develop and smoke-tests it)\n',
    );
    const json = await runMain(['q', '--yes', '--no-git', '--build', '--json'], cwd, { env: { PATH: '/usr/bin' }, run });
    expect((JSON.parse(json.stdout) as { nextSteps: string[] }).nextSteps).not.toContain('maturin develop');
  });
});
