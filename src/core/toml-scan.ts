/**
 * A tolerant TOML scanner that keeps source positions: headers, keys and values with the offsets
 * they occupy, so toml-edit.ts can change one value or key in place and leave every comment,
 * blank line and ordering as it was. It is not a validator: a line it cannot read (a conflict
 * marker, a typo) is skipped, and what follows is read as usual.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type TomlValue =
  | (Span & { readonly kind: 'string'; readonly value: string; readonly quote: string; readonly multiline: boolean })
  | (Span & { readonly kind: 'array'; readonly items: readonly TomlValue[] })
  | (Span & { readonly kind: 'inline'; readonly entries: readonly TomlEntry[] })
  | (Span & { readonly kind: 'other'; readonly raw: string });

export interface TomlEntry {
  /** The table the entry is in, from the last header (empty before any header). */
  readonly table: readonly string[];
  readonly key: readonly string[];
  readonly keySpans: readonly Span[];
  readonly value: TomlValue;
}

export interface TomlHeader {
  readonly path: readonly string[];
  readonly spans: readonly Span[];
  readonly array: boolean;
  /** Where the line of the header starts and ends (its newline excluded). */
  readonly line: Span;
}

export interface TomlDoc {
  readonly text: string;
  readonly headers: readonly TomlHeader[];
  /** Top-level entries of every table, in source order; inline tables keep theirs in their value. */
  readonly entries: readonly TomlEntry[];
}

class Unreadable extends Error {}

const BARE = /[A-Za-z0-9_-]/;
const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

export function scanToml(text: string): TomlDoc {
  const s = new Scanner(text);
  const headers: TomlHeader[] = [];
  const entries: TomlEntry[] = [];
  let table: readonly string[] = [];
  while (s.pos < text.length) {
    const lineStart = s.pos;
    s.spaces();
    const c = text[s.pos];
    if (c === '\n' || c === '\r') {
      s.pos++;
      continue;
    }
    try {
      if (c === '#') {
        // a comment line
      } else if (c === '[') {
        const array = text[s.pos + 1] === '[';
        s.pos += array ? 2 : 1;
        const key = s.key();
        s.expect(array ? ']]' : ']');
        s.spaces();
        if (s.pos < text.length && !'#\r\n'.includes(text[s.pos]!)) throw new Unreadable();
        headers.push({ path: key.parts, spans: key.spans, array, line: { start: lineStart, end: s.lineEnd() } });
        table = key.parts;
      } else {
        const key = s.key();
        s.expect('=');
        entries.push({ table, key: key.parts, keySpans: key.spans, value: s.value(table) });
      }
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      s.pos = lineStart; // read again from here as one line to skip
    }
    s.pos = s.lineEnd();
  }
  return { text, headers, entries };
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  lineEnd(): number {
    const nl = this.text.indexOf('\n', this.pos);
    return nl === -1 ? this.text.length : nl + 1;
  }

  spaces(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  /** Spaces, newlines and comments, as allowed between the items of an array. */
  blank(): void {
    for (;;) {
      this.spaces();
      const c = this.text[this.pos];
      if (c === '\n' || c === '\r') this.pos++;
      else if (c === '#') this.pos = this.lineEnd();
      else return;
    }
  }

  expect(token: string): void {
    this.spaces();
    if (!this.text.startsWith(token, this.pos)) throw new Unreadable();
    this.pos += token.length;
    this.spaces();
  }

  key(): { parts: string[]; spans: Span[] } {
    const parts: string[] = [];
    const spans: Span[] = [];
    for (;;) {
      this.spaces();
      const start = this.pos;
      const c = this.text[this.pos];
      if (c === '"' || c === "'") {
        parts.push(this.string(c).value);
      } else {
        while (this.pos < this.text.length && BARE.test(this.text[this.pos]!)) this.pos++;
        if (this.pos === start) throw new Unreadable();
        parts.push(this.text.slice(start, this.pos));
      }
      spans.push({ start, end: this.pos });
      this.spaces();
      if (this.text[this.pos] !== '.') return { parts, spans };
      this.pos++;
    }
  }

  /** A single-line basic or literal string whose opening quote is at pos. */
  string(quote: string): { value: string } {
    let value = '';
    for (this.pos++; ; this.pos++) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n') throw new Unreadable();
      if (c === quote) break;
      if (c === '\\' && quote === '"') {
        const next = this.text[++this.pos] ?? '';
        if (next === 'u' || next === 'U') {
          const width = next === 'u' ? 4 : 8;
          value += String.fromCodePoint(parseInt(this.text.slice(this.pos + 1, this.pos + 1 + width), 16) || 0xfffd);
          this.pos += width;
        } else {
          value += ESCAPES[next] ?? next;
        }
      } else {
        value += c;
      }
    }
    this.pos++;
    return { value };
  }

  value(table: readonly string[]): TomlValue {
    this.spaces();
    const start = this.pos;
    const t = this.text;
    const c = t[this.pos];
    if (c === '"' || c === "'") {
      const triple = c.repeat(3);
      if (t.startsWith(triple, this.pos)) {
        const close = t.indexOf(triple, this.pos + 3);
        if (close === -1) throw new Unreadable();
        let end = close + 3;
        while (t[end] === c && end - close < 5) end++; // up to two quotes may end the content
        this.pos = end;
        return { kind: 'string', value: t.slice(start + 3, end - 3), quote: c, multiline: true, start, end };
      }
      const { value } = this.string(c);
      return { kind: 'string', value, quote: c, multiline: false, start, end: this.pos };
    }
    if (c === '[') {
      const items: TomlValue[] = [];
      this.pos++;
      for (;;) {
        this.blank();
        if (t[this.pos] === ']') break;
        items.push(this.value(table));
        this.blank();
        if (t[this.pos] === ',') this.pos++;
        else if (t[this.pos] !== ']') throw new Unreadable();
      }
      this.pos++;
      return { kind: 'array', items, start, end: this.pos };
    }
    if (c === '{') {
      const entries: TomlEntry[] = [];
      this.pos++;
      for (;;) {
        this.blank();
        if (t[this.pos] === '}') break;
        const key = this.key();
        this.expect('=');
        entries.push({ table, key: key.parts, keySpans: key.spans, value: this.value(table) });
        this.blank();
        if (t[this.pos] === ',') this.pos++;
        else if (t[this.pos] !== '}') throw new Unreadable();
      }
      this.pos++;
      return { kind: 'inline', entries, start, end: this.pos };
    }
    while (this.pos < t.length && !' \t\r\n,]}#'.includes(t[this.pos]!)) this.pos++;
    if (this.pos === start) throw new Unreadable();
    return { kind: 'other', raw: t.slice(start, this.pos), start, end: this.pos };
  }
}

/** The entries at a full path (table + key), e.g. ["package", "name"]. */
export function valueAt(doc: TomlDoc, path: readonly string[]): TomlValue | undefined {
  const want = path.join('\u0000');
  return doc.entries.find((e) => [...e.table, ...e.key].join('\u0000') === want)?.value;
}

export function stringAt(doc: TomlDoc, path: readonly string[]): string | undefined {
  const v = valueAt(doc, path);
  return v?.kind === 'string' ? v.value : undefined;
}
