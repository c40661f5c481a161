/**
 * The answers an upgrade starts from (the record's, or inferred from the files of a project made
 * by 0.1.0, which has no record) and goes to (`--pyo3-version`, `--stack`), and the pins that
 * keep every TOML file coherent with them.
 */
import { defaultDescription, type ProjectOptions, type Stack } from './options.js';
import { toModuleName } from './names.js';
import type { RecordAnswers } from './record.js';
import { dependencyFeatures, dependencyVersion, hasDependency, requirementRange } from './toml-edit.js';
import { stringAt, scanToml } from './toml-scan.js';
import type { Pins } from './upgrade-plan.js';
import { findPair, STACK_TABLE, stackVersions, supportedPyo3, VERSIONS } from './versions.js';

export interface ProjectTexts {
  readonly cargoToml: string;
  readonly pyprojectToml: string | undefined;
  /** src/lib.rs and src/main.rs, where an app states uvloop. */
  readonly rustSources: readonly string[];
  readonly hasCiWorkflow: boolean;
}

export type Inferred = { readonly answers: RecordAnswers; readonly notes: readonly string[] } | { readonly problem: string };

/** pyo3's minor ("0.28") from a requirement such as "0.28", "^0.28.2" or "=0.28.1". */
export function minorOf(requirement: string | undefined): string | undefined {
  return /^\s*[~^=]?\s*(0\.\d+)/.exec(requirement ?? '')?.[1];
}

/** The answers a project made without a record was generated with, each with how it was told. */
export function inferAnswers(p: ProjectTexts): Inferred {
  const notes: string[] = [];
  const backend = p.pyprojectToml === undefined ? undefined : stringAt(scanToml(p.pyprojectToml), ['build-system', 'build-backend']);
  const kind = backend === 'maturin' ? 'module' : 'app';
  notes.push(kind === 'module' ? 'kind module: pyproject.toml builds with maturin' : 'kind app: no pyproject.toml building with maturin');
  const stack: Stack | undefined = hasDependency(p.cargoToml, 'pyo3-async-runtimes') ? 'current' : hasDependency(p.cargoToml, 'pyo3-asyncio') ? 'legacy' : undefined;
  if (stack === undefined) return { problem: 'Cargo.toml depends on neither pyo3-async-runtimes nor pyo3-asyncio' };
  const bridge = STACK_TABLE[stack].bridgeCrate;
  notes.push(`stack ${stack}: Cargo.toml depends on ${bridge}`);
  const written = dependencyVersion(p.cargoToml, 'pyo3');
  const pyo3 = minorOf(written);
  if (pyo3 === undefined) return { problem: `Cargo.toml's pyo3 requirement (${written ?? 'none'}) names no 0.x version` };
  notes.push(`pyo3 ${pyo3}: Cargo.toml requires pyo3 ${written}`);
  const features = dependencyFeatures(p.cargoToml, bridge);
  const runtime = features.includes('async-std-runtime') || (!features.includes('tokio-runtime') && hasDependency(p.cargoToml, 'async-std')) ? 'async-std' : 'tokio';
  notes.push(`runtime ${runtime}: ${features.some((f) => f.endsWith('-runtime')) ? `${bridge}'s ${runtime}-runtime feature` : `Cargo.toml depends on ${runtime}`}`);
  const uvloop = kind === 'module' ? requirementRange(p.pyprojectToml ?? '', 'uvloop') !== undefined : p.rustSources.some((s) => s.includes('py.import("uvloop")'));
  notes.push(`uvloop ${uvloop ? 'yes' : 'no'}: ${kind === 'module' ? `pyproject.toml ${uvloop ? 'requires' : 'does not require'} uvloop` : `src/ ${uvloop ? 'imports' : 'does not import'} uvloop`}`);
  const abi3 = kind === 'module' && dependencyFeatures(p.cargoToml, 'pyo3').some((f) => f.startsWith('abi3'));
  if (kind === 'module') notes.push(`abi3 ${abi3 ? 'yes' : 'no'}: pyo3 ${abi3 ? 'has' : 'has no'} abi3 feature`);
  const ci = p.hasCiWorkflow ? 'github' : 'none';
  notes.push(`ci ${ci}: .github/workflows/CI.yml ${p.hasCiWorkflow ? 'exists' : 'does not exist'}`);
  return { answers: { kind, runtime, uvloop, stack, pyo3, abi3, ci }, notes };
}

export type Target = { readonly answers: RecordAnswers } | { readonly usage: string; readonly hint: string };

/** Where `--stack` and `--pyo3-version` take the answers; without them the pyo3 pair is kept. */
export function targetAnswers(from: RecordAnswers, want: { readonly stack?: Stack | undefined; readonly pyo3?: string | undefined }): Target {
  const stack = want.stack ?? from.stack;
  if (from.stack === 'current' && stack === 'legacy') {
    return { usage: 'upgrade does not move a project to the legacy stack', hint: 'pass --stack current, or leave --stack out' };
  }
  const pyo3 = want.pyo3 ?? (stack === from.stack ? from.pyo3 : STACK_TABLE[stack].pairs[0].pyo3);
  const pair = findPair(stack, pyo3);
  if (pair === undefined) {
    const given = want.pyo3 === undefined ? `the project's pyo3 ${pyo3} is` : `pyo3 ${pyo3} is`;
    return { usage: `${given} not in the ${stack} stack's table`, hint: `pass --pyo3-version with one of ${supportedPyo3(stack).join(', ')}` };
  }
  return { answers: { ...from, stack, pyo3: pair.pyo3 } };
}

/**
 * The options to render: the answers, plus the name and description Cargo.toml has now (the
 * default description names the bridge crate, so it follows a change of stack).
 */
export function upgradeOptions(from: RecordAnswers, answers: RecordAnswers, cargoToml: string): ProjectOptions {
  const doc = scanToml(cargoToml);
  const crateName = stringAt(doc, ['package', 'name']) ?? 'unknown';
  const written = stringAt(doc, ['package', 'description']);
  const description = written === undefined || written === defaultDescription(from.kind, from.runtime, from.stack) ? defaultDescription(answers.kind, answers.runtime, answers.stack) : written;
  // Patterns added by `add` or `--with` are not re-rendered: their lines and files merge as the user's.
  return { crateName, moduleName: toModuleName(crateName), description, ...answers, patterns: [] };
}

/** The versions Cargo.toml and pyproject.toml must agree on after going from `from` to `to`. */
export function pinsFor(from: RecordAnswers, to: RecordAnswers): Pins {
  const v = stackVersions(to.stack, to.pyo3);
  const oldBridge = STACK_TABLE[from.stack].bridgeCrate;
  return {
    renames: oldBridge === v.bridgeCrate ? [] : [{ from: oldBridge, to: v.bridgeCrate }],
    crates: [
      { name: 'pyo3', version: v.pyo3 },
      // pyo3's own crates must be its exact release line too, when a project names them.
      { name: 'pyo3-ffi', version: v.pyo3 },
      { name: 'pyo3-macros', version: v.pyo3 },
      { name: v.bridgeCrate, version: v.bridge },
      { name: 'pyo3-build-config', version: v.pyo3BuildConfig },
    ],
    requirements: [
      { name: 'maturin', range: VERSIONS.maturin },
      { name: 'uvloop', range: VERSIONS.uvloop },
    ],
  };
}
