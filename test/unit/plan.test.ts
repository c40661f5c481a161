import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { planProject, TEMPLATE_PATHS } from '../../src/core/plan.js';
import { partialName } from '../../src/core/render.js';
import { loadTemplates, partialPaths, TEMPLATES_DIR } from '../../src/fs/templates.js';
import { allVariants, currentVariants } from '../helpers/variants.js';
import { checkPython } from '../helpers/python.js';
import { ACTIONS, stackVersions, STACK_TABLE, VERSIONS } from '../../src/core/versions.js';

const templates = await loadTemplates();
const partials = await partialPaths();
const everyTemplate = [...TEMPLATE_PATHS, ...partials];

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else out.push(relative(TEMPLATES_DIR, full).split('\\').join('/'));
  }
  return out;
}

describe('planProject', () => {
  it('uses every template file and only existing ones', async () => {
    expect((await walk(TEMPLATES_DIR)).sort()).toEqual([...everyTemplate].sort());
  });

  it('includes every partial from some template', async () => {
    const sources = await Promise.all(everyTemplate.map((path) => readFile(join(TEMPLATES_DIR, path), 'utf8')));
    expect(partials.length).toBeGreaterThan(0);
    for (const path of partials) {
      const name = partialName(path);
      expect(name, path).toBeDefined();
      expect(sources.some((source) => source.includes(`{{> ${name}}}`)), path).toBe(true);
    }
  });

  it.each(allVariants())('$id has the files its kind needs', ({ options }) => {
    const paths = planProject(options, templates).map((f) => f.path);
    const common = [
      '.github/workflows/CI.yml',
      '.gitignore',
      'Cargo.toml',
      'README.md',
      'build.rs',
      'src/bridge.rs',
      'src/runtime.rs',
      'tests/rust_bridge.rs',
      ...(options.stack === 'current' ? ['src/patterns.rs'] : []),
    ];
    const module = [
      'pyproject.toml',
      `python/${options.moduleName}/__init__.py`,
      `python/${options.moduleName}/_native.pyi`,
      `python/${options.moduleName}/py.typed`,
      'src/lib.rs',
      'tests/exit_scenarios.py',
      'tests/test_bridge.py',
      'tests/test_exit.py',
      `tests/test_${options.moduleName}.py`,
      ...(options.uvloop ? ['tests/conftest.py'] : []),
    ];
    const expected = options.kind === 'module' ? [...common, ...module] : [...common, 'examples/exit_in_flight.rs', 'src/lib.rs', 'src/main.rs'];
    expect(paths).toEqual([...expected].sort());
  });

  it('writes a CI workflow that parses as YAML, least-privilege, only with --ci github', () => {
    for (const { options } of currentVariants()) {
      const workflow = planProject(options, templates).find((f) => f.path === '.github/workflows/CI.yml');
      const doc = parseYaml(workflow!.contents) as any;
      expect(doc.permissions).toEqual({ contents: 'read' });
      expect(Object.keys(doc.jobs)).toEqual(
        options.kind === 'module' ? ['lint', 'test', 'wheels', 'sdist', 'release'] : ['lint', 'build-and-run'],
      );
      expect(workflow!.contents).toContain('${{ github.ref }}');
      expect(planProject({ ...options, ci: 'none' }, templates).map((f) => f.path)).not.toContain('.github/workflows/CI.yml');
    }
  });

  it('is deterministic: planning twice gives identical bytes', async () => {
    for (const { options } of allVariants()) {
      expect(planProject(options, await loadTemplates())).toEqual(planProject(options, templates));
    }
  });

  it('writes LF line endings, a final newline, no absolute paths and no leftover mustaches', () => {
    for (const { options } of allVariants()) {
      for (const file of planProject(options, templates)) {
        if (file.contents === '') continue;
        expect(file.contents, file.path).not.toContain('\r');
        expect(file.contents.endsWith('\n'), file.path).toBe(true);
        // GitHub Actions expressions (`${{ ... }}`) are the only double braces allowed through.
        expect(file.contents.replaceAll(/\$\{\{[^}]*\}\}/g, ''), file.path).not.toMatch(/\{\{|\}\}/);
        expect(file.contents, file.path).not.toContain(process.cwd());
      }
    }
  });

  it('pins the version table in Cargo.toml and pyproject.toml', () => {
    for (const { options } of allVariants()) {
      const v = stackVersions(options.stack, options.pyo3);
      const files = new Map(planProject(options, templates).map((f) => [f.path, f.contents]));
      const cargo = parseToml(files.get('Cargo.toml')!) as any;
      expect(cargo.package.name).toBe(options.crateName);
      expect(cargo.package['rust-version']).toBe(v.rustVersion);
      // Modules default to the stable ABI of the oldest supported Python; apps never use it.
      const abi3 = `abi3-py${v.pythons[0]!.replace('.', '')}`;
      expect(options.abi3).toBe(options.kind === 'module');
      expect(cargo.dependencies.pyo3).toEqual(options.abi3 ? { version: v.pyo3, features: [abi3] } : v.pyo3);
      if (options.kind === 'module') {
        const plain = parseToml(planProject({ ...options, abi3: false }, templates).find((f) => f.path === 'Cargo.toml')!.contents) as any;
        expect(plain.dependencies.pyo3).toBe(v.pyo3);
      }
      expect(cargo.dependencies[v.bridgeCrate].version).toBe(v.bridge);
      expect(cargo.dependencies[v.bridgeCrate].features).toContain(
        options.runtime === 'tokio' ? 'tokio-runtime' : 'async-std-runtime',
      );
      expect(cargo['build-dependencies']['pyo3-build-config']).toBe(v.pyo3BuildConfig);
      // pyo3's extension-module feature breaks `cargo test` and apps: never in Cargo.toml.
      expect(JSON.stringify(cargo.dependencies)).not.toContain('extension-module');
      if (options.kind === 'module') {
        expect(cargo.lib).toEqual({ name: options.moduleName, 'crate-type': ['cdylib', 'rlib'] });
        const py = parseToml(files.get('pyproject.toml')!) as any;
        expect(py['build-system']['requires']).toEqual([`maturin${VERSIONS.maturin}`]);
        expect(py.project['requires-python']).toBe(v.requiresPython);
        expect(py.tool.maturin['module-name']).toBe(`${options.moduleName}._native`);
        // maturin >= 1.9.4 sets PYO3_BUILD_EXTENSION_MODULE, which pyo3 reads from 0.26 on only.
        expect(py.tool.maturin.features).toEqual(options.stack === 'legacy' ? ['pyo3/extension-module'] : undefined);
        if (options.uvloop) {
          expect(py.project.dependencies).toEqual([
            `uvloop${VERSIONS.uvloop}; sys_platform != 'win32' and platform_python_implementation == 'CPython'`,
          ]);
        } else {
          expect(py.project.dependencies).toBeUndefined();
        }
      } else {
        expect(cargo.lib).toBeUndefined();
        // The app's own main needs no attribute macro; its Rust test harness does.
        expect(cargo.dependencies[v.bridgeCrate].features).not.toContain('attributes');
        expect(cargo['dev-dependencies'][v.bridgeCrate].features).toContain('attributes');
      }
    }
  });

  it.each(STACK_TABLE.current.pairs.map((p) => [p.pyo3, p] as const))('pins the pyo3 %s pair coherently', (pyo3, pair) => {
    for (const { options } of currentVariants()) {
      const files = new Map(planProject({ ...options, pyo3 }, templates).map((f) => [f.path, f.contents]));
      const cargo = parseToml(files.get('Cargo.toml')!) as any;
      expect(cargo.package['rust-version']).toBe(pair.rustVersion);
      expect(cargo.dependencies.pyo3.version ?? cargo.dependencies.pyo3).toBe(pair.pyo3);
      // The bridge's minor must equal pyo3's: two pyo3 versions cannot link into one binary.
      expect(cargo.dependencies['pyo3-async-runtimes'].version).toBe(pair.pyo3);
      expect(cargo['dev-dependencies']['pyo3-async-runtimes'].version).toBe(pair.pyo3);
      expect(cargo['build-dependencies']['pyo3-build-config']).toBe(pair.pyo3);
    }
  });

  it('keeps a hostile description intact in every file it lands in', async () => {
    const description = 'say "hi" \\ {{x}} ${{ secrets.X }}\n# heading\t\u0000 漢字 🦀 """ \'\'\'';
    const sources: Array<[string, string]> = [];
    for (const { options } of currentVariants()) {
      const files = planProject({ ...options, description }, templates);
      const byPath = new Map(files.map((f) => [f.path, f.contents]));
      expect((parseToml(byPath.get('Cargo.toml')!) as any).package.description).toBe(description);
      if (options.kind === 'module') {
        expect((parseToml(byPath.get('pyproject.toml')!) as any).project.description).toBe(description);
      }
      const readme = byPath.get('README.md')!;
      expect(readme.split('\n')[2]).not.toMatch(/^#/); // the description cannot become a heading
      for (const f of files) if (f.path.endsWith('.py') || f.path.endsWith('.pyi')) sources.push([f.path, f.contents]);
      const rust = files.find((f) => f.path === 'src/lib.rs')!;
      expect(rust.contents.split('\n')[0]).toMatch(/^\/\/! say "hi"/);
      expect(rust.contents.split('\n')[1]).toBe('//!');
    }
    const { errors } = await checkPython([], sources);
    expect(errors).toEqual([]);
  });

  it('takes every action reference from the version table, and uses every one', async () => {
    for (const path of everyTemplate) {
      const source = await readFile(join(TEMPLATES_DIR, path), 'utf8');
      expect(source, path).not.toMatch(/uses:\s+[\w.-]+\/[\w.-]+@/);
      // Typed once, in the context: a copy here would drift from the others.
      expect(source, path).not.toContain('discontinued upstream');
    }
    const used = new Set<string>();
    for (const { options } of allVariants()) {
      const workflow = planProject(options, templates).find((f) => f.path === '.github/workflows/CI.yml')!;
      for (const [, ref] of workflow.contents.matchAll(/uses: (\S+)/g)) used.add(ref!);
    }
    expect([...used].sort()).toEqual(Object.values(ACTIONS).sort());
  });

  it('templates route free text only through escaping helpers', async () => {
    for (const path of everyTemplate) {
      const source = await readFile(join(TEMPLATES_DIR, path), 'utf8');
      for (const match of source.matchAll(/\{\{\s*([^#/}][^}]*)\}\}/g)) {
        const expr = match[1]!.trim();
        if (expr.includes('description')) expect(expr, path).toMatch(/^(toml|rust|py|yaml|md|comment) description$/);
      }
    }
  });
});
