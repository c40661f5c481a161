// A fix made in one template must not stay missing from a copy of it: no run of RUN non-blank
// lines (compared trimmed, so indentation does not hide a copy) may stand twice under templates/,
// in two files or in one. Shared text belongs in a partial or a context value.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from '../../src/fs/templates.js';

const RUN = 6;

interface Line {
  readonly text: string;
  readonly where: string;
}

async function templateFiles(): Promise<string[]> {
  const entries = await readdir(TEMPLATES_DIR, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(TEMPLATES_DIR, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** Each run of RUN non-blank lines, by its text, with the places it starts at. */
function repeatedRuns(files: ReadonlyMap<string, string>, run = RUN): string[] {
  const places = new Map<string, string[]>();
  for (const [path, text] of files) {
    const lines: Line[] = text
      .split(/\r?\n/)
      .map((line, i) => ({ text: line.trim(), where: `${path}:${i + 1}` }))
      .filter((line) => line.text !== '');
    for (let i = 0; i + run <= lines.length; i++) {
      const key = lines.slice(i, i + run).map((line) => line.text).join('\n');
      places.set(key, [...(places.get(key) ?? []), lines[i]!.where]);
    }
  }
  return [...places].filter(([, at]) => at.length > 1).map(([key, at]) => `${at.join(' = ')}\n${key}`);
}

describe('templates', () => {
  it('finds a repeated run, across files and within one (the check itself)', () => {
    const block = ['a', 'b', '', 'c', 'd', 'e', 'f'].join('\n');
    expect(repeatedRuns(new Map([['x', block], ['y', `  ${block.replaceAll('\n', '\n  ')}`]]))).toHaveLength(1);
    expect(repeatedRuns(new Map([['x', `${block}\nz\n${block}`]]))).toHaveLength(1);
    expect(repeatedRuns(new Map([['x', block], ['y', block.replace('e', 'E')]]))).toEqual([]);
  });

  it(`repeat no run of ${RUN} non-blank lines`, async () => {
    const paths = await templateFiles();
    expect(paths.length).toBeGreaterThan(10);
    const files = new Map(await Promise.all(paths.map(async (p) => [p, await readFile(join(TEMPLATES_DIR, p), 'utf8')] as const)));
    expect(repeatedRuns(files)).toEqual([]);
  });
});
