/**
 * Escapers for each language a value can land in. Each returns a complete literal (quotes
 * included) so a template cannot forget the quoting half. Handlebars' HTML escaping is off.
 */

const hex = (c: string, width: number) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(width, '0');

/** A TOML basic string. Control characters use \uXXXX, as TOML forbids them raw. */
export function tomlString(value: string): string {
  let out = '';
  for (const c of value) {
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (/[\u0000-\u001f\u007f]/.test(c)) out += `\\u${hex(c, 4)}`;
    else out += c;
  }
  return `"${out}"`;
}

/** A Rust string literal; non-ASCII is written as \u{...} so sources stay ASCII. */
export function rustString(value: string): string {
  let out = '';
  for (const c of value) {
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c === '\0') out += '\\0';
    else if (/[\u0020-\u007e]/.test(c)) out += c;
    else out += `\\u{${c.codePointAt(0)!.toString(16)}}`;
  }
  return `"${out}"`;
}

/** A Python str literal (double quotes), ASCII-only so any source encoding reads it. */
export function pythonString(value: string): string {
  let out = '';
  for (const c of value) {
    const code = c.codePointAt(0)!;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (code >= 0x20 && code <= 0x7e) out += c;
    else if (code <= 0xff) out += `\\x${hex(c, 2).toLowerCase()}`;
    else if (code <= 0xffff) out += `\\u${hex(c, 4).toLowerCase()}`;
    else out += `\\U${hex(c, 8).toLowerCase()}`;
  }
  return `"${out}"`;
}

/** A YAML double-quoted scalar (YAML's escapes are a superset of JSON's). */
export function yamlString(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${hex(c, 4)}`);
}

/** Inline Markdown text: one line, with every character Markdown could treat as syntax escaped. */
export function markdownText(value: string): string {
  return value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\\`*_{}[\]()<>#+\-.!|~"$&]/g, (c) => `\\${c}`);
}

/** A single-line comment body: control characters and line breaks folded to spaces. */
export function commentText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}
