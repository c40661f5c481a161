import { describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { selectVariants } from '../../src/cli/variant-filter.js';
import { listDocument } from '../../src/core/list-document.js';
import { MANIFEST, planMatrix, sha256 } from '../../src/core/matrix.js';
import { planProject } from '../../src/core/plan.js';
import { pinnedVersions, VARIANTS, variantOptions } from '../../src/core/variants.js';
import { CliError } from '../../src/errors.js';
import { loadTemplates } from '../../src/fs/templates.js';

const templates = await loadTemplates();

function usage(fn: () => unknown): CliError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return error as CliError;
  }
  throw new Error('expected a usage error');
}

describe('variants', () => {
  it('are every combination of kind, runtime, event loop and stack, with unique ids', () => {
    const base = VARIANTS.filter((v) => v.patterns !== true);
    expect(base).toHaveLength(2 * 2 * 2 * 2);
    expect(new Set(VARIANTS.map((v) => v.id)).size).toBe(VARIANTS.length);
    expect(new Set(base.map((v) => `${v.kind}/${v.runtime}/${v.uvloop}/${v.stack}`)).size).toBe(16);
  });

  it('add one variant with every pattern for each variant patterns apply to (the current stack)', () => {
    const withPatterns = VARIANTS.filter((v) => v.patterns === true);
    expect(withPatterns.map((v) => v.id)).toEqual([
      'module-tokio-asyncio-patterns',
      'module-tokio-uvloop-patterns',
      'module-async-std-asyncio-patterns',
      'module-async-std-uvloop-patterns',
      'app-tokio-asyncio-patterns',
      'app-tokio-uvloop-patterns',
      'app-async-std-asyncio-patterns',
      'app-async-std-uvloop-patterns',
    ]);
    for (const v of withPatterns) {
      expect(variantOptions(v).patterns).toEqual(v.kind === 'module' ? ['class', 'stream', 'blocking', 'callback', 'native'] : ['stream']);
    }
    expect(selectVariants(['patterns=true,runtime=tokio,kind=module']).map((v) => v.id)).toEqual(['module-tokio-asyncio-patterns', 'module-tokio-uvloop-patterns']);
  });

  it('pin exactly the crate versions their Cargo.toml declares', () => {
    for (const v of VARIANTS) {
      const options = variantOptions(v);
      const cargo = parseToml(planProject(options, templates).find((f) => f.path === 'Cargo.toml')!.contents) as Record<string, Record<string, unknown>>;
      const declared: Record<string, string> = {};
      for (const table of ['dependencies', 'build-dependencies', 'dev-dependencies'] as const) {
        for (const [name, spec] of Object.entries(cargo[table] ?? {})) {
          declared[name] = typeof spec === 'string' ? spec : ((spec as { version: string }).version);
        }
      }
      const pinned = pinnedVersions(options);
      expect(declared, v.id).toEqual(pinned.crates);
      expect((cargo.package as Record<string, unknown>)['rust-version']).toBe(pinned.rustVersion);
    }
  });
});

describe('--filter', () => {
  it('selects everything without filters, and ANDs the pairs of one filter', () => {
    expect(selectVariants([])).toEqual(VARIANTS);
    expect(selectVariants(['kind=module,runtime=tokio']).map((v) => v.id)).toEqual([
      'module-tokio-asyncio',
      'module-tokio-uvloop',
      'legacy-module-tokio-asyncio',
      'legacy-module-tokio-uvloop',
      'module-tokio-asyncio-patterns',
      'module-tokio-uvloop-patterns',
    ]);
    expect(selectVariants(['stack=current,uvloop=true,kind=app,runtime=async-std']).map((v) => v.id)).toEqual(['app-async-std-uvloop', 'app-async-std-uvloop-patterns']);
  });

  it('ORs several filters and keeps the fixed order', () => {
    expect(selectVariants(['id=app-tokio-asyncio', 'id=module-tokio-asyncio']).map((v) => v.id)).toEqual(['module-tokio-asyncio', 'app-tokio-asyncio']);
  });

  it('rejects unknown keys, bad values, missing values and filters matching nothing', () => {
    expect(usage(() => selectVariants(['flavour=module'])).message).toContain('unknown filter key "flavour"');
    expect(usage(() => selectVariants(['runtime=Tokio'])).message).toContain('runtime must be one of tokio, async-std');
    expect(usage(() => selectVariants(['kind'])).message).toContain('kind needs a value');
    expect(usage(() => selectVariants(['uvloop=yes'])).message).toContain('uvloop must be one of true, false');
    expect(usage(() => selectVariants(['kind=module,id=app-tokio-asyncio'])).message).toContain('no variant matches');
  });
});

describe('planMatrix', () => {
  it('is deterministic and its manifest hashes every file it plans', () => {
    const a = planMatrix(VARIANTS, templates);
    const b = planMatrix(VARIANTS, templates);
    expect(b.files).toEqual(a.files);
    const byPath = new Map(a.files.map((f) => [f.path, f.contents]));
    const manifest = JSON.parse(byPath.get(MANIFEST)!) as typeof a.manifest;
    expect(manifest).toEqual(a.manifest);
    let count = 0;
    for (const variant of manifest.variants) {
      for (const file of variant.files) {
        const contents = byPath.get(`${variant.id}/${file.path}`);
        expect(contents, `${variant.id}/${file.path}`).toBeDefined();
        expect(sha256(contents!)).toBe(file.sha256);
        expect(Buffer.byteLength(contents!)).toBe(file.bytes);
        count += 1;
      }
    }
    expect(a.files).toHaveLength(count + 1);
    expect(a.files.map((f) => f.path)).toEqual([...a.files.map((f) => f.path)].sort());
  });

  it('holds each variant exactly as create would generate it', () => {
    const v = VARIANTS.find((x) => x.id === 'legacy-app-tokio-uvloop')!;
    const { files } = planMatrix([v], templates);
    const direct = planProject(variantOptions(v), templates).map((f) => ({ path: `${v.id}/${f.path}`, contents: f.contents }));
    expect(files.filter((f) => f.path !== MANIFEST)).toEqual(direct);
  });
});

describe('list', () => {
  it('describes every option value the CLI accepts and every variant the matrix generates', () => {
    const doc = listDocument();
    expect(doc.variants.map((v) => v.id)).toEqual(planMatrix(VARIANTS, templates).manifest.variants.map((v) => v.id));
    for (const entry of planMatrix(VARIANTS, templates).manifest.variants) {
      const listed = doc.variants.find((v) => v.id === entry.id)!;
      expect(listed.versions).toEqual(entry.versions);
      expect(listed.pyo3).toBe(entry.options.pyo3);
    }
    expect(doc.options.map((o) => o.name)).toEqual(['kind', 'runtime', 'uvloop', 'stack', 'pyo3', 'ci', 'abi3']);
    for (const v of doc.variants) expect(v.abi3, v.id).toBe(v.kind === 'module');
  });
});
