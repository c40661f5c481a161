// dev / smoke / doctor against real generated projects: venv creation, incremental rebuilds,
// compile errors, missing tools, and Ctrl-C during a build.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { CACHE, CARGO_TARGET, PROJECTS, VENV_BIN, VENV_PYTHON } from '../helpers/real-env.js';
import { baseEnv } from '../helpers/real-run.js';

const DIR = join(PROJECTS, 'dev-module');
// dev builds with maturin; give it a target directory of its own, shared across runs.
const DEV_TARGET = join(CACHE, 'target-dev');

function devEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = baseEnv() as Record<string, string>;
  return { ...env, CARGO_TARGET_DIR: DEV_TARGET, PYO3_PYTHON: VENV_PYTHON, NO_COLOR: '1', ...extra };
}

async function cli(args: string[], env = devEnv()) {
  const r = await execa(process.execPath, [BIN, ...args], { cwd: PROJECTS, env, extendEnv: false, reject: false, all: true });
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr), all: String(r.all) };
}

describe('dev', () => {
  beforeAll(async () => {
    await rm(DIR, { recursive: true, force: true });
    await rm(DEV_TARGET, { recursive: true, force: true });
    const r = await runCli([DIR, '--name', 'dev-module', '--kind', 'module', '--runtime', 'tokio', '--uvloop', '--stack', 'current', '--no-git'], PROJECTS);
    expect(r.exitCode).toBe(0);
  });

  it('creates .venv from nothing, installs maturin, builds, and the module imports', async () => {
    const r = await cli(['dev', DIR, '--verbose']);
    expect(r.exitCode, r.all.slice(-2000)).toBe(0);
    expect(r.all).toContain('creating .venv');
    expect(r.all).toMatch(/Compiling pyo3 v/);
    expect(r.stdout).toContain('Smoke test: passed');
    expect(r.stdout).toMatch(/✔ uvloop: 50 concurrent rust_sleep\(0\.2\) in under 1 s/);
    const venvPython = join(DIR, '.venv', 'bin', 'python');
    expect(existsSync(venvPython)).toBe(true);
    // uv installs the builds: the one on PATH, else one dev installed into .venv with maturin.
    const uvOnPath = (await execa('uv', ['--version'], { env: devEnv(), reject: false })).exitCode === 0;
    if (!uvOnPath) {
      expect(r.all).toContain('and uv (for faster rebuilds) into');
      expect(existsSync(join(DIR, '.venv', 'bin', 'uv'))).toBe(true);
    }
    expect(r.all).toContain('compiling (maturin develop --uv)');
    await execa(venvPython, ['-c', 'import dev_module, uvloop']);
    // No spinner frames reach a non-terminal.
    expect(r.all).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
  });

  it('is incremental: a second run does not recompile dependencies', async () => {
    const r = await cli(['dev', DIR, '--verbose']);
    expect(r.exitCode, r.all.slice(-2000)).toBe(0);
    expect(r.all).not.toMatch(/Compiling (pyo3|tokio|pyo3-async-runtimes) v/);
  });

  it('--no-smoke builds and stops there', async () => {
    const r = await cli(['dev', DIR, '--no-smoke', '--json']);
    expect(r.exitCode, r.all.slice(-2000)).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.steps.map((s: { name: string }) => s.name)).toEqual(['compiling (maturin develop --uv)']);
    expect(doc.smoke).toBeNull();
    const human = await cli(['dev', DIR, '--no-smoke']);
    expect(human.stdout).toMatch(/✔ built dev-module into .*\.venv \(smoke test skipped\)/);
    expect(human.stdout).not.toContain('Smoke test');
  });

  it('--json reports steps and every smoke check as data, nothing else on stdout', async () => {
    const r = await cli(['dev', DIR, '--json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, project: { kind: 'module', name: 'dev-module' }, venv: join(DIR, '.venv') });
    expect(doc.steps.map((s: { name: string }) => s.name)).toEqual(['compiling (maturin develop --uv)', 'smoke test']);
    expect(doc.smoke.checks.length).toBeGreaterThanOrEqual(12);
    expect(doc.smoke.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    expect(r.stderr).toBe('');
  });

  it('fails with exit 1, the compiler error and its location, shown as a failed step', async () => {
    const lib = join(DIR, 'src', 'lib.rs');
    const original = await readFile(lib, 'utf8');
    const line = original.split('\n').length + 1;
    await writeFile(lib, `${original}\nfn broken() -> u32 { "not a number" }\n`);
    try {
      const r = await cli(['dev', DIR]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^error: maturin develop failed: error\\[E0308\\]: mismatched types \\(src/lib\\.rs:${line}:\\d+\\)$`, 'm'));
      expect(r.stderr).toMatch(new RegExp(`^  \\|   --> src/lib\\.rs:${line}:\\d+$`, 'm'));
      expect(r.stderr).toMatch(/^- compiling \(maturin develop --uv\) \.\.\.\n {2}failed in /m);
      expect(r.stderr).not.toMatch(/💥|Caused by|env -u CARGO|done in/);
      expect(r.stderr).toMatch(/^hint: /m);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no JavaScript stack trace
    } finally {
      await writeFile(lib, original);
    }
  });
});

describe('dev on a project create-pyo3-async did not generate', () => {
  it('`maturin new -b pyo3`: builds, checks the import and says the bridge checks were skipped', async () => {
    const dir = join(PROJECTS, 'foreign-maturin');
    await rm(dir, { recursive: true, force: true });
    await execa(join(VENV_BIN, 'maturin'), ['new', '--bindings', 'pyo3', '--name', 'foreign_mod', dir], { env: baseEnv(), extendEnv: false });
    const r = await cli(['dev', dir, '--json']);
    expect(r.exitCode, r.all.slice(-2000)).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.smoke.checks.map((c: { name: string; skipped?: boolean }) => [c.name, c.skipped ?? false])).toEqual([
      ['import foreign_mod', false],
      ['bridge checks', true],
    ]);
    const text = await cli(['smoke', dir]);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^Smoke test: passed \(some checks skipped\)$/m);
    expect(text.stdout).toMatch(/- bridge checks — skipped: foreign_mod has no rust_sleep, await_coro, run_coro/);
  });
});

describe('a project path with spaces and quotes', () => {
  it('generates, builds (new .venv, maturin develop) and smoke-tests end to end', async () => {
    const parent = join(PROJECTS, `it's a "dir" with spaces`);
    await rm(parent, { recursive: true, force: true });
    await mkdir(parent, { recursive: true });
    const dir = join(parent, 'my proj');
    const made = await runCli([dir, '--name', 'spaced-proj', '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '--no-git'], PROJECTS);
    expect(made.exitCode, made.stderr).toBe(0);
    const r = await cli(['dev', dir, '--json']);
    expect(r.exitCode, r.all.slice(-2000)).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.venv).toBe(join(dir, '.venv'));
    expect(doc.smoke.ok).toBe(true);
    await execa(join(dir, '.venv', 'bin', 'python'), ['-c', 'import spaced_proj']);
  });
});

describe('smoke', () => {
  it('rebuilds when src/ changed since the installed build, and not when nothing did', async () => {
    const lib = join(DIR, 'src', 'lib.rs');
    const original = await readFile(lib, 'utf8');
    await writeFile(lib, `${original}\n// edited after the last build\n`);
    try {
      const stale = await cli(['smoke', DIR]);
      expect(stale.exitCode, stale.all.slice(-2000)).toBe(0);
      expect(stale.stderr).toContain('- compiling (maturin develop --uv) ...');
      const fresh = await cli(['smoke', DIR]);
      expect(fresh.exitCode).toBe(0);
      expect(fresh.stderr).not.toContain('compiling');
    } finally {
      await writeFile(lib, original);
    }
  });

  it('passes on a built module using its venv, and fails clearly without one', async () => {
    const ok = await cli(['smoke', DIR, '--json']);
    expect(ok.exitCode).toBe(0);
    expect(JSON.parse(ok.stdout).smoke.ok).toBe(true);
    const bare = join(PROJECTS, 'smoke-no-venv');
    await rm(bare, { recursive: true, force: true });
    await runCli([bare, '--name', 'smoke-no-venv', '--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current', '--no-git'], PROJECTS);
    const r = await cli(['smoke', bare]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: no virtualenv found for .*smoke-no-venv$/m);
    expect(r.stderr).toMatch(/create-pyo3-async dev/);
  });
});

describe('doctor', () => {
  it('--json lists every tool with its version', async () => {
    const r = await cli(['doctor', DIR, '--json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    // PYO3_PYTHON names the interpreter doctor checks (and dev builds venvs from).
    expect(doc.tools.map((t: { name: string }) => t.name)).toEqual(['node', 'cargo', 'rustc', `python (${VENV_PYTHON})`, 'pip', 'uv', 'maturin']);
    for (const tool of doc.tools.filter((t: { name: string }) => t.name !== 'uv')) {
      expect(tool.status, tool.name).toBe('ok');
      expect(tool.version, tool.name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('without cargo on PATH, names it with the install command and exits 1', async () => {
    const bin = join(CACHE, 'path-without-cargo');
    await rm(bin, { recursive: true, force: true });
    await mkdir(bin, { recursive: true });
    const python = (await execa('python3', ['-c', 'import sys; print(sys.executable)'])).stdout;
    await symlink(python, join(bin, 'python3'));
    const r = await cli(['doctor', DIR], { ...devEnv(), PATH: bin });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/✘ cargo +MISSING/);
    expect(r.stdout).toMatch(/→ install Rust with rustup: https:\/\/rustup\.rs/);
  });
});

describe('create --smoke', () => {
  it('writes, builds and smoke-tests a project in one run', async () => {
    const dir = join(PROJECTS, 'create-smoke-app');
    await rm(dir, { recursive: true, force: true });
    const flags = ['--name', 'create-smoke-app', '--kind', 'app', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current'];
    const r = await cli([dir, ...flags, '--no-git', '--smoke', '--json'], devEnv({ CARGO_TARGET_DIR: CARGO_TARGET }));
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.build.steps.map((s: { name: string }) => s.name)).toEqual(['compiling (cargo build)', 'smoke test']);
    expect(doc.smoke.checks.map((c: { name: string }) => c.name)).toContain('prints: awaited a Python coroutine from Rust');
  });

  it('reports a network failure during cargo\'s download with a network hint', async () => {
    const dir = join(PROJECTS, 'offline-app');
    await rm(dir, { recursive: true, force: true });
    const cargoHome = join(CACHE, 'cargo-home-offline');
    await rm(cargoHome, { recursive: true, force: true });
    await mkdir(cargoHome, { recursive: true });
    // An empty CARGO_HOME has no cached crates, and this registry address does not answer.
    await writeFile(
      join(cargoHome, 'config.toml'),
      '[source.crates-io]\nreplace-with = "nowhere"\n[source.nowhere]\nregistry = "sparse+http://127.0.0.1:9/index/"\n[net]\nretry = 0\n',
    );
    const flags = ['--name', 'offline-app', '--kind', 'app', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current'];
    const env = devEnv({ CARGO_HOME: cargoHome, CARGO_TARGET_DIR: join(CACHE, 'target-offline'), PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH ?? ''}` });
    const r = await cli([dir, ...flags, '--no-git', '--build'], env);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: cargo build failed: error: /m);
    expect(r.stderr).toMatch(/^hint: cargo could not download dependencies/m);
    // The project itself was written before the build and stays as it is.
    expect(existsSync(join(dir, 'Cargo.toml'))).toBe(true);
  });
});

describe('Ctrl-C during a build', () => {
  it('stops cargo and its compilers, leaves nothing running, and exits 130', async () => {
    const target = join(CACHE, 'target-interrupt');
    await rm(target, { recursive: true, force: true });
    const child = execa(process.execPath, [BIN, 'dev', DIR, '--verbose'], {
      cwd: PROJECTS,
      env: devEnv({ CARGO_TARGET_DIR: target }),
      extendEnv: false,
      reject: false,
      all: true,
    });
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no compile started: ${seen.slice(-500)}`)), 120_000);
      child.all?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/Compiling \S+ v/.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(String(result.all)).toMatch(/cancelled/);
    // Give the kernel a moment to reap, then look for anything still building into that target.
    await new Promise((r) => setTimeout(r, 500));
    const ps = await execa('ps', ['-eo', 'pid,args']);
    const leftovers = ps.stdout.split('\n').filter((line) => line.includes(target));
    expect(leftovers).toEqual([]);
  });
});
