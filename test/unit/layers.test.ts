// The layer rules hold in src/, and the checker really catches each kind of break.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLayers, importsOf } from '../helpers/layers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function sourceFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(join(ROOT, 'src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(ROOT, full).split('\\').join('/'), await readFile(full, 'utf8'));
  }
  return files;
}

const check = (files: Record<string, string>) => checkLayers(new Map(Object.entries(files))).map((v) => `${v.file}: ${v.rule}`);

describe('layers of src/', () => {
  it('holds every rule', async () => {
    const files = await sourceFiles();
    expect(files.size).toBeGreaterThan(40);
    expect(checkLayers(files)).toEqual([]);
  });

  it('keeps every source file under 250 lines', async () => {
    const long = [...(await sourceFiles())].filter(([, text]) => text.split('\n').length > 250).map(([file]) => file);
    expect(long).toEqual([]);
  });
});

describe('the layer checker fails when a rule is broken', () => {
  it('finds every import form, type-only included, and ignores comments', () => {
    const source = [
      "import type { A } from './a.js';",
      "import { b,\n  c } from '../b.js';",
      "export { d } from './d.js';",
      "import './side-effect.js';",
      "const e = await import('./e.js');",
      "// import { f } from './commented.js';",
      "/* import g from './block.js'; */",
      "const url = 'https://example.com'; import h from './h.js';",
    ].join('\n');
    expect(importsOf(source).sort()).toEqual(['../b.js', './a.js', './d.js', './e.js', './h.js', './side-effect.js']);
  });

  it('ui/ or core/ importing commands/', () => {
    expect(check({ 'src/ui/report.ts': "import type { X } from '../commands/list.js';" })).toEqual(['src/ui/report.ts: ui/ never imports commands/']);
    expect(check({ 'src/core/x.ts': "const m = await import('../commands/create.js');" })).toContain('src/core/x.ts: core/ never imports commands/');
    expect(check({ 'src/develop/x.ts': "import { runDev } from '../commands/dev.js';" })).toEqual([]);
  });

  it('core/ importing I/O: node:fs, child_process, execa, or a module outside core/', () => {
    expect(check({ 'src/core/a.ts': "import { readFileSync } from 'node:fs';" })).toEqual(['src/core/a.ts: core/ imports nothing with I/O']);
    expect(check({ 'src/core/b.ts': "import { spawn } from 'child_process';" })).toEqual(['src/core/b.ts: core/ imports nothing with I/O']);
    expect(check({ 'src/core/c.ts': "import { execa } from 'execa';" })).toEqual(['src/core/c.ts: core/ imports nothing with I/O']);
    expect(check({ 'src/core/d.ts': "import { writeProject } from '../fs/write-tree.js';" })).toEqual(['src/core/d.ts: core/ imports only core/']);
    expect(check({ 'src/core/e.ts': "import { createHash } from 'node:crypto';\nimport { x } from './x.js';" })).toEqual([]);
  });

  it('core/ touching process at all', () => {
    expect(check({ 'src/core/f.ts': "const windows = process.platform === 'win32';" })).toEqual(['src/core/f.ts: core/ does not touch process']);
  });

  it('process state read outside src/index.ts', () => {
    expect(check({ 'src/fs/w.ts': 'const here = process.cwd();' })).toEqual(['src/fs/w.ts: only src/index.ts and src/boot.ts read process state']);
    expect(check({ 'src/develop/v.ts': 'const env = run.env ?? process.env;' })).toEqual(['src/develop/v.ts: only src/index.ts and src/boot.ts read process state']);
    expect(check({ 'src/cli/a.ts': "import { argv } from 'node:process';" })).toEqual(['src/cli/a.ts: only src/index.ts and src/boot.ts read process state']);
    expect(check({ 'src/index.ts': 'main(process.argv, process.env, process.cwd());' })).toEqual([]);
    // What the machine is, not what the caller chose, may be read where it is needed.
    expect(check({ 'src/proc/run-tool.ts': "process.kill(-pid, 'SIGTERM'); const w = process.platform;" })).toEqual([]);
    // A comment naming process state is no use of it.
    expect(check({ 'src/main.ts': '/** index.ts passes process.env */\n// process.cwd() too' })).toEqual([]);
  });
});
