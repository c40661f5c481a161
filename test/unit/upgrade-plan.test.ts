// The pure upgrade planner and the inference of a 0.1.0 project's answers.
import { describe, expect, it } from 'vitest';
import { planProject } from '../../src/core/plan.js';
import { recordAnswers, withoutRecord } from '../../src/core/record.js';
import { inferAnswers, pinsFor, targetAnswers } from '../../src/core/upgrade-answers.js';
import { applyPins, keepBothInsertions, planUpgrade, type Merge3, type UpgradeInput } from '../../src/core/upgrade-plan.js';
import { loadTemplates } from '../../src/fs/templates.js';
import { allVariants } from '../helpers/variants.js';

const templates = await loadTemplates();

describe('inferAnswers', () => {
  it.each(allVariants())('$id: gives back the answers from the files alone', ({ options }) => {
    const files = new Map(planProject(options, templates).map((f) => [f.path, f.contents]));
    const inferred = inferAnswers({
      cargoToml: withoutRecord(files.get('Cargo.toml')!),
      pyprojectToml: files.get('pyproject.toml'),
      rustSources: ['src/lib.rs', 'src/main.rs'].flatMap((p) => files.get(p) ?? []),
      hasCiWorkflow: files.has('.github/workflows/CI.yml'),
    });
    expect(inferred).toMatchObject({ answers: recordAnswers(options) });
    expect('notes' in inferred ? inferred.notes.join('\n') : '').toContain(`pyo3 ${options.pyo3}: Cargo.toml requires pyo3`);
  });

  it('says what is not a PyO3 async project', () => {
    expect(inferAnswers({ cargoToml: '[dependencies]\npyo3 = "0.30"\n', pyprojectToml: undefined, rustSources: [], hasCiWorkflow: false })).toEqual({
      problem: 'Cargo.toml depends on neither pyo3-async-runtimes nor pyo3-asyncio',
    });
  });
});

describe('targetAnswers and pins', () => {
  const legacy = { kind: 'module', runtime: 'tokio', uvloop: true, stack: 'legacy', pyo3: '0.20', abi3: false, ci: 'github' } as const;
  it('keeps the pair unless asked; a stack change takes its newest pair', () => {
    expect(targetAnswers(legacy, {})).toEqual({ answers: legacy });
    expect(targetAnswers(legacy, { stack: 'current' })).toEqual({ answers: { ...legacy, stack: 'current', pyo3: '0.30' } });
    expect(targetAnswers({ ...legacy, stack: 'current', pyo3: '0.28' }, { pyo3: '0.29' })).toMatchObject({ answers: { pyo3: '0.29' } });
    // One rule for --pyo3-version everywhere (as create): the table's values exactly.
    expect(targetAnswers({ ...legacy, stack: 'current', pyo3: '0.28' }, { pyo3: '0.29.2' })).toMatchObject({ usage: expect.stringContaining('0.29.2') });
  });

  it('renames the legacy bridge and sets every pyo3 crate in user-changed TOML', () => {
    const pins = pinsFor(legacy, { ...legacy, stack: 'current', pyo3: '0.30' });
    const cargo = '[dependencies]\npyo3 = { version = "0.20", features = ["mine"] }\npyo3-asyncio = { version = "0.20", features = ["tokio-runtime"] }\npyo3-ffi = "0.20"\n';
    expect(applyPins('Cargo.toml', cargo, pins)).toBe(
      '[dependencies]\npyo3 = { version = "0.30", features = ["mine"] }\npyo3-async-runtimes = { version = "0.30", features = ["tokio-runtime"] }\npyo3-ffi = "0.30"\n',
    );
    expect(applyPins('pyproject.toml', '[build-system]\nrequires = ["maturin>=1.0"]\n', pins)).toBe('[build-system]\nrequires = ["maturin>=1.9.4,<2.0"]\n');
    expect(applyPins('README.md', 'pyo3 = "0.20"\n', pins)).toBe('pyo3 = "0.20"\n');
  });
});

describe('planUpgrade', () => {
  const noMerge: Merge3 = async () => {
    throw new Error('no merge expected');
  };
  const input = (over: Partial<UpgradeInput>): UpgradeInput => ({
    generated: [],
    current: new Map(),
    base: new Map(),
    record: undefined,
    generatedBefore: new Set(),
    pins: { renames: [], crates: [{ name: 'pyo3', version: '0.30' }], requirements: [] },
    fromVersion: '0.1.0',
    toVersion: '0.2.0',
    ...over,
  });

  it('adds new files, leaves deleted ones deleted, keeps identical ones, replaces unchanged ones', async () => {
    const generated = ['a', 'b', 'c', 'd'].map((path) => ({ path, contents: `${path} new\n` }));
    const plan = await planUpgrade(
      input({
        generated,
        current: new Map([['c', 'c new\n'], ['d', 'd old\n']]),
        base: new Map([['b', 'b old\n'], ['d', 'd old\n']]),
        generatedBefore: new Set(['b', 'd']),
      }),
      noMerge,
    );
    expect(plan.map((f) => [f.path, f.action, f.contents])).toEqual([
      ['a', 'add', 'a new\n'],
      ['b', 'deleted', undefined],
      ['c', 'untouched', undefined],
      ['d', 'replace', 'd new\n'],
    ]);
  });

  it('without a base: TOML gets its pins only; other files both sides between markers', async () => {
    const calls: string[] = [];
    const merge: Merge3 = async ({ path, base }) => {
      calls.push(`${path}:${JSON.stringify(base)}`);
      return { text: '<<<<<<< x\n', conflicts: 1 };
    };
    const plan = await planUpgrade(
      input({
        generated: [
          { path: 'Cargo.toml', contents: '[dependencies]\npyo3 = "0.30"\n\n[package.metadata.create-pyo3-async]\nversion = "0.2.0"\n' },
          { path: 'src/lib.rs', contents: 'new\n' },
        ],
        current: new Map([['Cargo.toml', '[dependencies]\npyo3 = "0.28" # mine\nserde = "1"\n'], ['src/lib.rs', 'mine\n']]),
      }),
      merge,
    );
    expect(plan[0]).toMatchObject({ action: 'pins', contents: '[dependencies]\npyo3 = "0.30" # mine\nserde = "1"\n\n[package.metadata.create-pyo3-async]\nversion = "0.2.0"\n' });
    expect(plan[1]).toMatchObject({ action: 'conflict', conflicts: 1, note: expect.stringContaining('not known') });
    expect(calls).toEqual(['src/lib.rs:""']);
  });
});

describe('keepBothInsertions', () => {
  it('keeps both sides of an insert/insert hunk, yours first, and leaves real conflicts', () => {
    const text = ['a', '<<<<<<< x (yours)', 'mine', '||||||| x (base)', '=======', 'new', '>>>>>>> x (upgrade)', 'b', '<<<<<<< x (yours)', 'my b', '||||||| x (base)', 'old b', '=======', 'new b', '>>>>>>> x (upgrade)', ''].join('\n');
    expect(keepBothInsertions(text, 2)).toEqual({
      text: ['a', 'mine', 'new', 'b', '<<<<<<< x (yours)', 'my b', '||||||| x (base)', 'old b', '=======', 'new b', '>>>>>>> x (upgrade)', ''].join('\n'),
      conflicts: 1,
      kept: 1,
    });
    expect(keepBothInsertions('plain\n', 0)).toEqual({ text: 'plain\n', conflicts: 0, kept: 0 });
  });
});
