/**
 * Escapers for each language a value can land in. Each returns a complete literal (quotes
 * included) so a template cannot forget the quoting half. Handlebars' HTML escaping is off.
 */

const hex = (c: string, width: number) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(width, '0');

// Escapes TOML, Rust and Python double-quoted strings all spell the same way.
const COMMON_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

const isPrintableAscii = (code: number) => code >= 0x20 && code <= 0x7e;

function quoted(value: string, other: (c: string, code: number) => string): string {
  let out = '';
  for (const c of value) out += COMMON_ESCAPES[c] ?? other(c, c.codePointAt(0)!);
  return `"${out}"`;
}

/** A TOML basic string. Control characters use \uXXXX, as TOML forbids them raw. */
export function tomlString(value: string): string {
  return quoted(value, (c, code) => (code < 0x20 || code === 0x7f ? `\\u${hex(c, 4)}` : c));
}

/** A Rust string literal; non-ASCII is written as \u{...} so sources stay ASCII. */
export function rustString(value: string): string {
  return quoted(value, (c, code) => (code === 0 ? '\\0' : isPrintableAscii(code) ? c : `\\u{${code.toString(16)}}`));
}

/** A Python str literal (double quotes), ASCII-only so any source encoding reads it. */
export function pythonString(value: string): string {
  return quoted(value, (c, code) => {
    if (isPrintableAscii(code)) return c;
    if (code <= 0xff) return `\\x${hex(c, 2).toLowerCase()}`;
    return code <= 0xffff ? `\\u${hex(c, 4).toLowerCase()}` : `\\U${hex(c, 8).toLowerCase()}`;
  });
}

/** A YAML double-quoted scalar (YAML's escapes are a superset of JSON's). */
export function yamlString(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${hex(c, 4)}`);
}

/**
 * A Markdown paragraph of one line: the characters that are syntax anywhere in a line (emphasis,
 * code, links, HTML, entities, tables, strikethrough, GitHub's math) are escaped, and those that
 * are syntax only at the start of a line (a list, a heading rule, an ordered list) only there;
 * `(`, `+`, `-` and `.` inside the text stay as they are, so the source reads as it renders.
 */
export function markdownText(value: string): string {
  return value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trimStart()
    .replace(/[\\`*_[\]<>#|~$&]/g, (c) => `\\${c}`)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A single-line comment body: control characters and line breaks folded to spaces. */
export function commentText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/** Quotes a word for a POSIX shell when it needs it, for commands shown to the user. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_\/.,:@%+=-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
