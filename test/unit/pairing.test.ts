// doctor on any PyO3 project: the pyo3 / bridge pairing from Cargo.toml and Cargo.lock, with the fix.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPairing, lockedVersions } from '../../src/core/pairing.js';
import { fakeRunner } from '../helpers/fake-runner.js';
import { runMain } from '../helpers/inproc.js';
import { tempDir } from '../helpers/tmp.js';

const cargo = (pyo3: string, bridge: string, crate = 'pyo3-async-runtimes') =>
  `[package]\nname = "x"\n\n[dependencies]\npyo3 = { version = "${pyo3}", features = ["abi3-py310"] }\n${crate} = { version = "${bridge}", features = ["tokio-runtime"] }\n\n[build-dependencies]\npyo3-build-config = "${pyo3}"\n`;
const lock = (...packages: [string, string][]) => `version = 4\n\n${packages.map(([n, v]) => `[[package]]\nname = "${n}"\nversion = "${v}"\n`).join('\n')}`;

describe('checkPairing', () => {
  it('is ok for a matching pair and says the lock agrees', () => {
    expect(checkPairing(cargo('0.30', '0.30'), lock(['pyo3', '0.30.1'], ['pyo3-async-runtimes', '0.30.0']))).toEqual([
      { status: 'ok', message: 'pyo3 0.30 with pyo3-async-runtimes 0.30, and Cargo.lock agrees', fix: null },
    ]);
  });

  it('explains a pyo3 newer than the bridge and gives the exact fix', () => {
    const [f] = checkPairing(cargo('0.30', '0.28'), undefined)!;
    expect(f).toEqual({
      status: 'mismatch',
      message: 'Cargo.toml asks for pyo3 0.30 and pyo3-async-runtimes 0.28, which depends on pyo3 0.28: two pyo3 versions cannot be in one build (pyo3-ffi declares links = "python")',
      fix: 'set pyo3-async-runtimes = "0.30" in [dependencies] and [dev-dependencies] of Cargo.toml, then run cargo update -p pyo3-async-runtimes (a project made by create-pyo3-async: create-pyo3-async upgrade --pyo3-version 0.30)',
    });
  });

  it('moves pyo3 back when no bridge release for it is known', () => {
    expect(checkPairing(cargo('0.31', '0.30'), undefined)![0]!.fix).toBe(
      'pyo3-async-runtimes has no release for pyo3 0.31 that this tool knows: set pyo3 = "0.30" and pyo3-build-config = "0.30" in Cargo.toml, then run cargo update -p pyo3',
    );
  });

  it('sends pyo3-asyncio past 0.20 to pyo3-async-runtimes', () => {
    expect(checkPairing(cargo('0.22', '0.20', 'pyo3-asyncio'), undefined)![0]!.fix).toMatch(/^pyo3-asyncio stops at pyo3 0\.20: replace it by pyo3-async-runtimes = "0\.22"/);
  });

  it('flags a stale lock file and a lock pairing two minors', () => {
    expect(checkPairing(cargo('0.30', '0.30'), lock(['pyo3', '0.28.2'], ['pyo3-async-runtimes', '0.28.0']))).toEqual([
      expect.objectContaining({ status: 'warning', fix: 'run cargo update -p pyo3 -p pyo3-async-runtimes' }),
    ]);
    expect(checkPairing(cargo('0.30', '0.30'), lock(['pyo3', '0.30.1'], ['pyo3-async-runtimes', '0.29.0']))![0]).toMatchObject({ status: 'mismatch' });
    expect(lockedVersions(lock(['pyo3', '0.30.1'], ['pyo3', '0.28.0'])).get('pyo3')).toEqual(['0.30.1', '0.28.0']);
  });

  it('is silent for a crate without pyo3', () => {
    expect(checkPairing('[dependencies]\nserde = "1"\n', undefined)).toBeUndefined();
  });
});

describe('doctor', () => {
  it('in a hand-written PyO3 project: the mismatch and its fix, exit 1', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'Cargo.toml'), cargo('0.30', '0.29'));
    const { run } = fakeRunner(() => undefined);
    const text = await runMain(['doctor'], dir, { run });
    expect(text.stdout).toContain('PyO3 pairing (Cargo.toml, Cargo.lock):\n  ✘ Cargo.toml asks for pyo3 0.30 and pyo3-async-runtimes 0.29');
    expect(text.stdout).toContain('→ set pyo3-async-runtimes = "0.30" in [dependencies] and [dev-dependencies]');
    expect(text.code).toBe(1);
    const json = JSON.parse((await runMain(['doctor', '--json'], dir, { run })).stdout);
    expect(json.ok).toBe(false);
    expect(json.pyo3[0]).toMatchObject({ status: 'mismatch' });
  });
});
