// Planning patterns: the same bytes from `--with` and from `add`, insertions at the markers in the
// order the linters want, refusals with their reasons, missing markers, no-ops.
import { describe, expect, it } from 'vitest';
import { applicablePatterns, PATTERN_NAMES, patternRefusal, type PatternName } from '../../src/core/patterns/definitions.js';
import { insertAtMarker, MARKERS, withCargoFeature } from '../../src/core/patterns/markers.js';
import { planPatterns } from '../../src/core/patterns/plan-patterns.js';
import { planProject } from '../../src/core/plan.js';
import { variantOptions } from '../../src/core/variants.js';
import { loadTemplates } from '../../src/fs/templates.js';
import { currentVariants } from '../helpers/variants.js';

const templates = await loadTemplates();
const modules = currentVariants('my-').filter((v) => v.options.kind === 'module');
const base = (options: Parameters<typeof planProject>[0]) => new Map(planProject(options, templates).map((f) => [f.path, f.contents]));

/** `project` with `names` added one `add` at a time. */
function addEach(options: Parameters<typeof planProject>[0], names: readonly PatternName[]): Map<string, string> {
  const project = base(options);
  for (const name of names) {
    const plan = planPatterns(options, [name], project, templates);
    expect(plan.problems).toEqual([]);
    expect(plan.added).toEqual([name]);
    for (const f of plan.files) project.set(f.path, f.contents);
  }
  return project;
}

describe.each(modules)('$id', ({ options }) => {
  const withAll = new Map(planProject({ ...options, patterns: [...PATTERN_NAMES] }, templates).map((f) => [f.path, f.contents]));

  it('--with all gives byte for byte what add gives, one pattern at a time', () => {
    expect(Object.fromEntries(addEach(options, PATTERN_NAMES))).toEqual(Object.fromEntries(withAll));
  });

  it('keeps modules, imports and __all__ sorted whatever the order of the adds', () => {
    const reversed = addEach(options, [...PATTERN_NAMES].reverse());
    for (const path of ['src/patterns.rs', `python/${options.moduleName}/__init__.py`]) expect(reversed.get(path), path).toBe(withAll.get(path));
    const init = withAll.get(`python/${options.moduleName}/__init__.py`)!;
    const imports = init.split('\n').filter((l) => l.startsWith('from .'));
    expect(imports).toEqual([...imports].sort());
    expect(withAll.get('src/patterns.rs')).toContain('pub mod blocking;\npub mod native_sleep;\npub mod store;\npub mod ticker;\npub mod ticks;\n// create-pyo3-async');
    expect(init).toMatch(/__all__ = \[\n {4}"Store",\n {4}"Ticker",\n {4}"await_callable",/);
  });

  it('turns on pyo3 experimental-async for native only, and registers every pattern', () => {
    expect(withAll.get('Cargo.toml')).toMatch(/^pyo3 = \{ version = "0\.30", features = \[("abi3-py310", )?"experimental-async"\] \}$/m);
    expect(addEach(options, ['class']).get('Cargo.toml')).toBe(base(options).get('Cargo.toml'));
    const lib = withAll.get('src/lib.rs')!;
    for (const module of ['store', 'ticks', 'blocking', 'ticker', 'native_sleep']) expect(lib).toContain(`    patterns::${module}::register(m)?;\n`);
    expect(withAll.get('README.md')).toMatch(/## Pattern: a class with async methods \(`class`\)[\s\S]*<!-- create-pyo3-async: pattern docs/);
  });

  it('is a no-op when the pattern is there, and completes one that is partly there', () => {
    const project = addEach(options, ['stream']);
    const again = planPatterns(options, ['stream'], project, templates);
    expect(again).toMatchObject({ added: [], present: ['stream'], files: [], problems: [] });
    project.delete('tests/test_ticks.py');
    const repaired = planPatterns(options, ['stream'], project, templates);
    expect(repaired.added).toEqual(['stream']);
    expect(repaired.files.map((f) => f.path)).toEqual(['tests/test_ticks.py']);
  });

  it('goes into a lib.rs the user edited, at the marker wherever it is', () => {
    const project = base(options);
    const lib = project.get('src/lib.rs')!.replace('    // create-pyo3-async: pattern registrations', '    my_own::register(m)?;\n\n        // create-pyo3-async: pattern registrations');
    project.set('src/lib.rs', `${lib}\n/// Mine.\npub fn mine() {}\n`);
    const plan = planPatterns(options, ['class'], project, templates);
    expect(plan.problems).toEqual([]);
    const edited = plan.files.find((f) => f.path === 'src/lib.rs')!.contents;
    expect(edited).toContain('    my_own::register(m)?;\n\n        patterns::store::register(m)?;\n        // create-pyo3-async: pattern registrations');
    expect(edited).toContain('pub fn mine() {}');
  });

  it('refuses, with the lines to add by hand, when a marker is gone or doubled, and plans nothing', () => {
    const project = base(options);
    project.set('src/lib.rs', project.get('src/lib.rs')!.replace(/^.*pattern registrations.*\n/m, ''));
    const plan = planPatterns(options, ['class', 'stream'], project, templates);
    expect(plan.files).toEqual([]);
    expect(plan.added).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({ pattern: 'class', file: 'src/lib.rs', message: `the marker line is missing: ${MARKERS['rust-registrations'].text}`, lines: ['    patterns::store::register(m)?;'] }),
      expect.objectContaining({ pattern: 'stream', file: 'src/lib.rs', lines: ['    patterns::ticks::register(m)?;'] }),
    ]);
    const init = `python/${options.moduleName}/__init__.py`;
    const doubled = base(options);
    doubled.set(init, `${doubled.get(init)!}${MARKERS['py-imports'].text}\n`);
    expect(planPatterns(options, ['class'], doubled, templates).problems[0]?.message).toMatch(/appears 2 times/);
  });

  it('says what to create in a project made before patterns existed (no src/patterns.rs)', () => {
    const project = base(options);
    project.delete('src/patterns.rs');
    const [problem] = planPatterns(options, ['class'], project, templates).problems;
    expect(problem).toMatchObject({ file: 'src/patterns.rs', lines: ['pub mod store;'] });
    expect(problem!.where).toMatch(/create src\/patterns\.rs with the line `\/\/ create-pyo3-async: pattern modules .*`, declare `pub mod patterns;` in src\/lib\.rs/);
  });

  it('puts the README section at the end when the README has no marker', () => {
    const project = base(options);
    project.set('README.md', '# Mine\n');
    const readme = planPatterns(options, ['blocking'], project, templates).files.find((f) => f.path === 'README.md')!.contents;
    expect(readme).toMatch(/^# Mine\n\n## Pattern: blocking and CPU-bound work \(`blocking`\)\n/);
  });
});

describe('where patterns apply', () => {
  it('every pattern on both runtimes of the module kind, current stack', () => {
    for (const runtime of ['tokio', 'async-std'] as const) {
      expect(applicablePatterns({ kind: 'module', runtime, stack: 'current' })).toEqual([...PATTERN_NAMES]);
    }
  });

  it('refuses the legacy stack, and in an app every pattern but stream, with one line each', () => {
    for (const name of PATTERN_NAMES) {
      expect(patternRefusal(name, { kind: 'module', runtime: 'tokio', stack: 'legacy' })).toMatch(/^the legacy stack .*current stack$/);
      expect(patternRefusal(name, { kind: 'app', runtime: 'tokio', stack: 'legacy' })).toMatch(/^the legacy stack .*current stack$/);
      for (const runtime of ['tokio', 'async-std'] as const) {
        const app = patternRefusal(name, { kind: 'app', runtime, stack: 'current' });
        if (name === 'stream') expect(app).toBeUndefined();
        else expect(app).toMatch(/^[^\n]+$/);
      }
    }
    expect(applicablePatterns({ kind: 'app', runtime: 'async-std', stack: 'current' })).toEqual(['stream']);
  });

  it('does not plan a variant of another kind or stack with patterns', () => {
    const legacy = variantOptions({ kind: 'module', runtime: 'tokio', uvloop: false, stack: 'legacy' });
    expect(() => planProject({ ...legacy, patterns: ['class'] }, templates)).toThrow(/does not fit/);
  });
});

describe('marker edits', () => {
  it('inserts above the marker with its indentation', () => {
    const outcome = insertAtMarker(`fn f() {\n  ${MARKERS['rust-registrations'].text}\n}\n`, { marker: 'rust-registrations', lines: ['a();'], key: 'a();' });
    expect(outcome).toEqual({ ok: true, text: `fn f() {\n  a();\n  ${MARKERS['rust-registrations'].text}\n}\n` });
  });

  it("turns a dependency's feature on in each one-line form, and says which forms it cannot edit", () => {
    const cargo = (line: string) => `[package]\nname = "x"\n\n[dependencies]\n${line}\ntokio = "1"\n`;
    const on = (line: string) => withCargoFeature(cargo(line), 'pyo3', 'experimental-async');
    expect(on('pyo3 = "0.30"')).toEqual({ ok: true, text: cargo('pyo3 = { version = "0.30", features = ["experimental-async"] }') });
    expect(on('pyo3 = { version = "0.30" }')).toEqual({ ok: true, text: cargo('pyo3 = { version = "0.30", features = ["experimental-async"] }') });
    expect(on('pyo3 = { version = "0.30", features = ["abi3-py310"] }')).toEqual({
      ok: true,
      text: cargo('pyo3 = { version = "0.30", features = ["abi3-py310", "experimental-async"] }'),
    });
    expect(on('pyo3 = { version = "0.30", features = ["experimental-async"] }')).toEqual({ ok: true, text: cargo('pyo3 = { version = "0.30", features = ["experimental-async"] }') });
    expect(withCargoFeature('[dependencies]\n[dependencies.pyo3]\nversion = "0.30"\n', 'pyo3', 'experimental-async')).toMatchObject({ ok: false });
    // Only [dependencies]: a dev-dependency of the same name is not it.
    expect(withCargoFeature('[dev-dependencies]\npyo3 = "0.30"\n', 'pyo3', 'experimental-async')).toMatchObject({ ok: false });
  });
});
