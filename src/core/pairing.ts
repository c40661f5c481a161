/**
 * doctor's check of a PyO3 project's pairing, from Cargo.toml and Cargo.lock: the bridge crate
 * (pyo3-async-runtimes or pyo3-asyncio) must use pyo3's own minor, since two pyo3 versions
 * cannot be in one build (pyo3-ffi declares `links = "python"`). Each finding has the exact fix.
 */
import { dependencyVersion } from './toml-edit.js';
import { minorOf } from './upgrade-answers.js';
import { findPair } from './versions.js';

export interface PairingFinding {
  readonly status: 'ok' | 'mismatch' | 'warning';
  readonly message: string;
  readonly fix: string | null;
}

const LINKS = 'two pyo3 versions cannot be in one build (pyo3-ffi declares links = "python")';

/** name -> versions, from Cargo.lock's [[package]] entries. */
export function lockedVersions(lock: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const chunk of lock.split(/^\[\[package\]\]\s*$/m).slice(1)) {
    const name = /^name\s*=\s*"([^"]+)"/m.exec(chunk)?.[1];
    const version = /^version\s*=\s*"([^"]+)"/m.exec(chunk)?.[1];
    if (name !== undefined && version !== undefined) out.set(name, [...(out.get(name) ?? []), version]);
  }
  return out;
}

/** Findings for a project depending on pyo3 (undefined: it does not). */
export function checkPairing(cargoToml: string, cargoLock: string | undefined): PairingFinding[] | undefined {
  const pyo3Req = dependencyVersion(cargoToml, 'pyo3');
  if (pyo3Req === undefined) return undefined;
  const pyo3 = minorOf(pyo3Req);
  const bridge = ['pyo3-async-runtimes', 'pyo3-asyncio'].find((c) => dependencyVersion(cargoToml, c) !== undefined);
  const findings: PairingFinding[] = [];
  const bridgeReq = bridge === undefined ? undefined : dependencyVersion(cargoToml, bridge)!;
  const bridgeMinor = minorOf(bridgeReq);
  if (bridge !== undefined && pyo3 !== undefined && bridgeMinor !== undefined && bridgeMinor !== pyo3) {
    const both = `Cargo.toml asks for pyo3 ${pyo3Req} and ${bridge} ${bridgeReq}, which depends on pyo3 ${bridgeMinor}: ${LINKS}`;
    let fix: string;
    if (bridge === 'pyo3-asyncio' && Number(pyo3.slice(2)) > 20) {
      fix = `pyo3-asyncio stops at pyo3 0.20: replace it by pyo3-async-runtimes = "${pyo3}" (same features) and pyo3_asyncio:: by pyo3_async_runtimes:: in the code (a project made by create-pyo3-async: create-pyo3-async upgrade --stack current), or set pyo3 = "${bridgeMinor}"`;
    } else if (bridge === 'pyo3-asyncio' || findPair('current', pyo3) !== undefined || Number(pyo3.slice(2)) < Number(bridgeMinor.slice(2))) {
      fix = `set ${bridge} = "${pyo3}" in [dependencies] and [dev-dependencies] of Cargo.toml, then run cargo update -p ${bridge} (a project made by create-pyo3-async: create-pyo3-async upgrade --pyo3-version ${pyo3})`;
    } else {
      // A pyo3 newer than any bridge release this tool knows: the bridge has not caught up yet.
      fix = `${bridge} has no release for pyo3 ${pyo3} that this tool knows: set pyo3 = "${bridgeMinor}" and pyo3-build-config = "${bridgeMinor}" in Cargo.toml, then run cargo update -p pyo3`;
    }
    findings.push({ status: 'mismatch', message: both, fix });
  }
  const config = dependencyVersion(cargoToml, 'pyo3-build-config');
  if (config !== undefined && pyo3 !== undefined && minorOf(config) !== pyo3) {
    findings.push({ status: 'warning', message: `pyo3-build-config ${config} with pyo3 ${pyo3Req}: build.rs reads another pyo3's configuration`, fix: `set pyo3-build-config = "${pyo3}" in [build-dependencies] of Cargo.toml` });
  }
  if (cargoLock !== undefined) {
    const locked = lockedVersions(cargoLock);
    const lockedPyo3 = locked.get('pyo3') ?? [];
    const lockedBridge = bridge === undefined ? [] : (locked.get(bridge) ?? []);
    if (lockedPyo3.length > 1) {
      findings.push({ status: 'mismatch', message: `Cargo.lock holds pyo3 ${lockedPyo3.join(' and ')}: ${LINKS}`, fix: `make every dependency use pyo3 ${pyo3 ?? lockedPyo3[0]}, then run cargo update -p pyo3` });
    } else if (lockedPyo3.length === 1 && pyo3 !== undefined && minorOf(lockedPyo3[0]) !== pyo3) {
      findings.push({ status: 'warning', message: `Cargo.lock has pyo3 ${lockedPyo3[0]}, Cargo.toml asks for ${pyo3Req}: the lock file is stale (cargo build --locked fails)`, fix: `run cargo update -p pyo3${bridge === undefined ? '' : ` -p ${bridge}`}` });
    } else if (lockedPyo3.length === 1 && lockedBridge.length === 1 && minorOf(lockedBridge[0]) !== minorOf(lockedPyo3[0])) {
      findings.push({ status: 'mismatch', message: `Cargo.lock pairs pyo3 ${lockedPyo3[0]} with ${bridge} ${lockedBridge[0]}: ${LINKS}`, fix: `set ${bridge} = "${minorOf(lockedPyo3[0])}" in Cargo.toml, then run cargo update -p ${bridge}` });
    }
  }
  if (findings.length === 0) {
    const what = bridge === undefined ? `pyo3 ${pyo3Req}` : `pyo3 ${pyo3Req} with ${bridge} ${bridgeReq}`;
    findings.push({ status: 'ok', message: `${what}${cargoLock === undefined ? '' : ', and Cargo.lock agrees'}`, fix: null });
  }
  return findings;
}
