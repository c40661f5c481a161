// The line-aware TOML editor: exactly the named values change; comments, order and every other
// byte stay. smol-toml (a devDependency) checks the results parse to what was meant.
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import {
  dependencyFeatures,
  dependencyVersion,
  hasDependency,
  renameDependency,
  requirementRange,
  setDependencyVersion,
  setRequirement,
} from '../../src/core/toml-edit.js';
import { scanToml } from '../../src/core/toml-scan.js';

const TRICKY = `# pyo3 = "0.1" in a comment stays
[package]
name = "demo"   # pyo3 = "0.2"
description = """
[dependencies]
pyo3 = "0.3" inside a multi-line string stays
"""

[dependencies]
pyo3 = { version = "0.28", features = ["abi3-py310"] } # mine
"pyo3-async-runtimes" = { features = ["tokio-runtime"], version = '0.28' }
tokio = "1.54"
serde = { version = "1", package = "serde" }

[dependencies.pyo3-build-config-not]
version = "9"

[build-dependencies.pyo3-build-config]
version = "0.28"   # keep this comment
features = [
  "resolve-config", # a comment in an array
]

[target.'cfg(unix)'.dependencies]
pyo3.version = "0.28"
pyo3.optional = true

[dev-dependencies]
pyo3-async-runtimes = { version = "0.28", features = ["attributes", "testing", "tokio-runtime"] }
<<<<<<< conflict markers are skipped
pyo3 = "0.28"
=======
>>>>>>> upgrade
`;

describe('setDependencyVersion', () => {
  it('changes every form of the dependency and nothing else', () => {
    let out = setDependencyVersion(TRICKY, 'pyo3', '0.30');
    out = setDependencyVersion(out, 'pyo3-async-runtimes', '0.30');
    out = setDependencyVersion(out, 'pyo3-build-config', '0.30');
    const changed = TRICKY.split('\n')
      .map((line, i) => [line, out.split('\n')[i]])
      .filter(([a, b]) => a !== b);
    expect(changed).toEqual([
      ['pyo3 = { version = "0.28", features = ["abi3-py310"] } # mine', 'pyo3 = { version = "0.30", features = ["abi3-py310"] } # mine'],
      [`"pyo3-async-runtimes" = { features = ["tokio-runtime"], version = '0.28' }`, `"pyo3-async-runtimes" = { features = ["tokio-runtime"], version = '0.30' }`],
      ['version = "0.28"   # keep this comment', 'version = "0.30"   # keep this comment'],
      ['pyo3.version = "0.28"', 'pyo3.version = "0.30"'],
      [
        'pyo3-async-runtimes = { version = "0.28", features = ["attributes", "testing", "tokio-runtime"] }',
        'pyo3-async-runtimes = { version = "0.30", features = ["attributes", "testing", "tokio-runtime"] }',
      ],
      // Between conflict markers a line is still a dependency line of the table.
      ['pyo3 = "0.28"', 'pyo3 = "0.30"'],
    ]);
  });

  it('gives valid TOML with the values meant', () => {
    const text = TRICKY.split('<<<<<<<')[0]!;
    const out = setDependencyVersion(setDependencyVersion(text, 'pyo3', '0.30'), 'pyo3-build-config', '0.30');
    const doc = parse(out) as Record<string, any>;
    expect(doc.dependencies.pyo3).toEqual({ version: '0.30', features: ['abi3-py310'] });
    expect(doc['build-dependencies']['pyo3-build-config']).toEqual({ version: '0.30', features: ['resolve-config'] });
    expect(doc.target['cfg(unix)'].dependencies.pyo3).toEqual({ version: '0.30', optional: true });
    expect(doc.package.description).toContain('pyo3 = "0.3" inside');
    expect(doc.dependencies['pyo3-build-config-not'].version).toBe('9');
  });

  it('is idempotent and leaves a file without the dependency byte for byte', () => {
    const once = setDependencyVersion(TRICKY, 'pyo3', '0.30');
    expect(setDependencyVersion(once, 'pyo3', '0.30')).toBe(once);
    expect(setDependencyVersion(TRICKY, 'pyo3-ffi', '0.30')).toBe(TRICKY);
    const crlf = TRICKY.replaceAll('\n', '\r\n');
    expect(setDependencyVersion(crlf, 'pyo3', '0.30')).toBe(once.replaceAll('\n', '\r\n'));
  });
});

describe('reading dependencies', () => {
  it('finds versions and features in inline, dotted and sub-table forms', () => {
    expect(dependencyVersion(TRICKY, 'pyo3')).toBe('0.28');
    expect(dependencyVersion(TRICKY, 'pyo3-async-runtimes')).toBe('0.28');
    expect(dependencyVersion(TRICKY, 'pyo3-build-config')).toBe('0.28');
    expect(dependencyFeatures(TRICKY, 'pyo3')).toEqual(['abi3-py310']);
    expect(dependencyFeatures(TRICKY, 'pyo3-build-config')).toEqual(['resolve-config']);
    expect(hasDependency(TRICKY, 'pyo3-asyncio')).toBe(false);
    expect(hasDependency('[dependencies]\npyo3 = "0.30"\n', 'pyo3')).toBe(true);
  });
});

describe('renameDependency', () => {
  it('renames keys and table names, quoted or not', () => {
    const text = '[dependencies]\npyo3-asyncio = { version = "0.20", features = ["tokio-runtime"] }\n\n[dev-dependencies.pyo3-asyncio]\nversion = "0.20"\n\n[target."cfg(unix)".dev-dependencies]\n"pyo3-asyncio".version = "0.20"\n';
    const out = renameDependency(text, 'pyo3-asyncio', 'pyo3-async-runtimes');
    expect(out).toBe(text.replace('pyo3-asyncio = {', 'pyo3-async-runtimes = {').replace('.pyo3-asyncio]', '.pyo3-async-runtimes]').replace('"pyo3-asyncio".version', 'pyo3-async-runtimes.version'));
    expect(hasDependency(out, 'pyo3-asyncio')).toBe(false);
    expect(parse(out)).toMatchObject({ dependencies: { 'pyo3-async-runtimes': { version: '0.20' } } });
  });
});

describe('setRequirement (pyproject.toml)', () => {
  const PYPROJECT = `[build-system]
requires = ["maturin>=1.0,<2.0"]  # comment
build-backend = "maturin"

[project]
name = "demo"
dependencies = [
    # uvloop runs on CPython for Linux and macOS only
    "uvloop>=0.19 ; sys_platform != 'win32'",
    "UVLoop[extra] >= 0.1",
    "uvloop-not>=1",
    "other @ https://example.com/uvloop.tar.gz",
]

[project.optional-dependencies]
test = ['uvloop==0.1', "pytest>=8"]

[tool.other]
requires = ["maturin>=0.1"]
`;

  it('changes the range in every requirement array, keeping extras, markers, quotes and comments', () => {
    const out = setRequirement(setRequirement(PYPROJECT, 'maturin', '>=1.9.4,<2.0'), 'uvloop', '>=0.21');
    expect(out).toBe(
      PYPROJECT.replace('maturin>=1.0,<2.0', 'maturin>=1.9.4,<2.0')
        .replace("uvloop>=0.19 ; sys", "uvloop>=0.21 ; sys")
        .replace('UVLoop[extra] >= 0.1', 'UVLoop[extra]>=0.21')
        .replace("'uvloop==0.1'", "'uvloop>=0.21'"),
    );
    const doc = parse(out) as Record<string, any>;
    expect(doc['build-system'].requires).toEqual(['maturin>=1.9.4,<2.0']);
    expect(doc.tool.other.requires).toEqual(['maturin>=0.1']);
    expect(requirementRange(out, 'uvloop')).toBe('>=0.21');
    expect(requirementRange(out, 'maturin')).toBe('>=1.9.4,<2.0');
    expect(setRequirement(out, 'uvloop', '>=0.21')).toBe(out);
  });
});

describe('scanToml', () => {
  it('reads headers and entries with their positions', () => {
    const doc = scanToml('a = 1\n[ x . "y.z" ]\nb = "c" # d\n[[arr]]\n');
    expect(doc.headers.map((h) => [h.path, h.array])).toEqual([[['x', 'y.z'], false], [['arr'], true]]);
    expect(doc.entries.map((e) => [e.table, e.key])).toEqual([[[], ['a']], [['x', 'y.z'], ['b']]]);
    const b = doc.entries[1]!.value;
    expect(doc.text.slice(b.start, b.end)).toBe('"c"');
  });

  it('skips what it cannot read and goes on', () => {
    const doc = scanToml('[dependencies]\nthis is not toml\nx = [1, 2\ny = "ok"\nz = "unterminated\nw = 3\n');
    expect(doc.entries.map((e) => e.key[0])).toEqual(['y', 'w']);
  });
});
