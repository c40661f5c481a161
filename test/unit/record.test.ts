// The record of a generation in Cargo.toml: deterministic, valid TOML, git's own blob ids, and
// read back as written.
import { readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { planProject } from '../../src/core/plan.js';
import { blobId, parseRecord, recordAnswers, recordBlock, replaceRecord, withoutRecord } from '../../src/core/record.js';
import { TOOL_VERSION } from '../../src/core/tool-version.js';
import { loadTemplates } from '../../src/fs/templates.js';
import { allVariants } from '../helpers/variants.js';

const templates = await loadTemplates();

describe('the record in Cargo.toml', () => {
  it('names the version package.json gives', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(TOOL_VERSION).toBe(pkg.version);
  });

  it('uses git blob ids (git hash-object), abbreviated to 12', async () => {
    for (const text of ['', 'a\n', 'ü ☃\n', 'x'.repeat(10_000)]) {
      const git = await execa('git', ['hash-object', '--stdin'], { input: text });
      expect(blobId(text)).toBe(git.stdout.slice(0, 12));
    }
  });

  it.each(allVariants())('$id: holds the answers and every file id, and reads back', ({ options }) => {
    const files = planProject(options, templates);
    const cargo = files.find((f) => f.path === 'Cargo.toml')!.contents;
    const parsed = parseToml(cargo) as { package: { metadata: Record<string, Record<string, unknown>> } };
    const table = parsed.package.metadata['create-pyo3-async']!;
    expect(table).toMatchObject({ version: TOOL_VERSION, ...recordAnswers(options) });
    const record = parseRecord(cargo);
    expect(record).toEqual({
      version: TOOL_VERSION,
      answers: recordAnswers(options),
      files: Object.fromEntries(files.map((f) => [f.path, blobId(f.path === 'Cargo.toml' ? withoutRecord(f.contents) : f.contents)])),
    });
    expect(table.files).toEqual((record as { files: unknown }).files);
    // The text before the record is what a plan without it would give; record and rest split cleanly.
    expect(withoutRecord(cargo)).not.toContain('create-pyo3-async]');
    expect(replaceRecord(withoutRecord(cargo), recordBlock(cargo))).toBe(cargo);
    expect(planProject(options, templates)).toEqual(files);
  });

  it('is missing from projects made by 0.1.0 and unusable when damaged', () => {
    expect(parseRecord('[package]\nname = "x"\n')).toBeUndefined();
    expect(parseRecord('[package]\nname = "x"\n\n[package.metadata.create-pyo3-async]\nkind = "library"\n')).toEqual({
      invalid: expect.stringContaining('kind'),
    });
  });

  it('is removed wherever it is, sub-tables included, and nothing else is', () => {
    const text = '[package]\nname = "x"\n\n[package.metadata.create-pyo3-async]\nkind = "app"\n\n[package.metadata.create-pyo3-async.files]\n"a" = "b"\n\n[dependencies]\npyo3 = "0.30"\n';
    expect(withoutRecord(text)).toBe('[package]\nname = "x"\n\n[dependencies]\npyo3 = "0.30"\n');
    expect(withoutRecord('[package.metadata.other]\nx = 1\n')).toBe('[package.metadata.other]\nx = 1\n');
  });
});
