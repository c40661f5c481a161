import { describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { commentText, markdownText, pythonString, rustString, tomlString, yamlString } from '../../src/core/escape.js';
import { checkPython } from '../helpers/python.js';

// Values that break naive templating in at least one of the target languages.
const NASTY = [
  'plain',
  'quote " and \' apostrophe',
  'back\\slash \\n not a newline',
  'line\nbreak\r\nand\ttab',
  '{{handlebars}} ${{ github.token }} ${HOME} $(id)',
  'NUL \u0000 bell \u0007 del \u007f',
  'unicode: ünïcødé 漢字 emoji 🦀🐍 rtl \u202e',
  '"""triple""" \'\'\'quotes\'\'\'',
  '# not a heading * not a list [link](x) <b>html</b> `code` |table|',
  '\u2028line separator\u2029',
  '',
];

/** Decodes the Rust string escapes rustString emits (a subset of Rust's grammar). */
function decodeRust(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  const body = literal.slice(1, -1);
  expect(body).not.toMatch(/(^|[^\\])(\\\\)*"/); // no unescaped quote inside
  return body.replace(/\\(u\{([0-9a-f]+)\}|.)/g, (_m, esc: string, hex: string | undefined) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"' } as Record<string, string>)[esc] ?? `<bad ${esc}>`;
  });
}

describe('escapers round-trip through real parsers', () => {
  it('TOML basic strings parse back to the value', () => {
    for (const value of NASTY) {
      const doc = parseToml(`v = ${tomlString(value)}\n`);
      expect(doc.v).toBe(value);
    }
  });

  it('YAML double-quoted scalars parse back to the value', () => {
    for (const value of NASTY) {
      expect(parseYaml(`v: ${yamlString(value)}\n`)).toEqual({ v: value });
    }
  });

  it('Python literals evaluate back to the value and are ASCII', async () => {
    const literals = NASTY.map(pythonString);
    for (const lit of literals) expect(lit).toMatch(/^[\x20-\x7e]*$/);
    const { literals: back } = await checkPython(literals);
    expect(back).toEqual(NASTY);
  });

  it('Rust literals decode back to the value and are ASCII', () => {
    for (const value of NASTY) {
      const lit = rustString(value);
      expect(lit).toMatch(/^[\x20-\x7e]*$/);
      expect(decodeRust(lit)).toBe(value);
    }
  });

  it('Markdown text escapes only what is syntax where it stands', () => {
    expect(markdownText('Async Rust on tokio, awaitable from Python asyncio (PyO3 + pyo3-async-runtimes)')).toBe(
      'Async Rust on tokio, awaitable from Python asyncio (PyO3 + pyo3-async-runtimes)',
    );
    expect(markdownText('v1.2 - fast! "quoted" {braces}')).toBe('v1.2 - fast! "quoted" {braces}');
    expect(markdownText('- not a list')).toBe('\\- not a list');
    expect(markdownText('+ not a list')).toBe('\\+ not a list');
    expect(markdownText('=== not a rule')).toBe('\\=== not a rule');
    expect(markdownText('1. not a list')).toBe('1\\. not a list');
    expect(markdownText('2) not a list')).toBe('2\\) not a list');
    expect(markdownText('    not code')).toBe('not code');
    expect(markdownText('# not a heading, *not* [a link](x) <b> `c` a|b ~~s~~ $m$ &amp;')).toBe(
      '\\# not a heading, \\*not\\* \\[a link\\](x) \\<b\\> \\`c\\` a\\|b \\~\\~s\\~\\~ \\$m\\$ \\&amp;',
    );
  });

  it('Markdown text stays on one line with syntax characters escaped', () => {
    for (const value of NASTY) {
      const md = markdownText(value);
      expect(md).not.toMatch(/[\r\n]/);
      expect(md).not.toMatch(/(^|[^\\])[*_`[\]<>#|]/);
    }
  });

  it('comment text has no line breaks or control characters', () => {
    for (const value of NASTY) {
      expect(commentText(value)).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
    }
  });
});
