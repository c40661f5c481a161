// A named corpus of hostile inputs for every free-text value (--name, --description, the
// directory). Each case states what must happen; every case also checks the general promise:
// rejected with exit 2 and a one-line reason, writing nothing; or a sound project (real TOML and
// YAML parsers, Python compiled in one batch at the end), every value round-tripping, nothing
// written outside the target.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePython, type PythonSource } from '../helpers/generated.js';
import { generateCase } from '../helpers/hardening.js';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** ok: a project is created (with this crate name, when given); reject: exit 2 matching `why`. */
  readonly expect: { readonly ok: string } | { readonly reject: RegExp };
  readonly setup?: (cwd: string, root: string) => Promise<void>;
}

// The variants rotate through the cases so hostile values meet every template.
const VARIANTS = [
  ['--kind', 'module', '--runtime', 'tokio', '--no-uvloop', '--stack', 'current'],
  ['--kind', 'app', '--runtime', 'async-std', '--uvloop', '--stack', 'current'],
  ['--kind', 'module', '--runtime', 'async-std', '--uvloop', '--stack', 'legacy'],
  ['--kind', 'app', '--runtime', 'tokio', '--no-uvloop', '--stack', 'legacy'],
] as const;

const desc = (name: string, text: string): Case => ({ name: `description: ${name}`, args: ['p', '--description', text], expect: { ok: 'p' } });
const badDesc = (name: string, text: string, why: RegExp): Case => ({ name: `description: ${name}`, args: ['p', '--description', text], expect: { reject: why } });
const goodName = (name: string, value: string, extra: string[] = []): Case => ({ name: `name: ${name}`, args: ['--name', value, ...extra], expect: { ok: value } });
const badName = (name: string, value: string, why: RegExp = /invalid project name/, extra: string[] = []): Case => ({
  name: `name: ${name}`,
  args: ['--name', value, ...extra],
  expect: { reject: why },
});

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');

const CORPUS: readonly Case[] = [
  desc('double quotes', 'say "hi" and ""'),
  desc('single quotes', "it's 'quoted'"),
  desc('backslashes', 'C:\\path\\to\\dir and \\n literally'),
  desc('trailing backslash', 'ends with \\'),
  desc('handlebars mustaches', '{{crateName}} {{{moduleName}}} {{> partial}} {{!comment}}'),
  desc('github expression', '${{ secrets.GITHUB_TOKEN }} ${{ github.event.issue.title }}'),
  desc('newline', 'line one\nline two'),
  desc('CRLF and lone CR', 'a\r\nb\rc'),
  desc('NUL', 'before\u0000after'),
  desc('every C0 control', C0),
  desc('DEL and C1 controls', 'x\u007f\u0080\u0085\u009fy'),
  desc('line and paragraph separators', 'a\u2028b\u2029c'),
  desc('emoji and astral plane', '🦀 + 🐍 = 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ∑'),
  desc('zero-width, BOM and direction marks', 'abc\u200d\u200b\ufeff\u200e\u200f\u061c'),
  desc('right-to-left text', 'مكتبة غير متزامنة עברית'),
  // Trojan Source (CVE-2021-42574): rustc refuses these in the doc comments the description goes to.
  badDesc('bidi override', 'abc\u202edcba', /U\+202E RIGHT-TO-LEFT OVERRIDE at 3.*Trojan Source/),
  ...[0x202a, 0x202b, 0x202c, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069].map((c) =>
    badDesc(`bidi control U+${c.toString(16).toUpperCase()}`, `x${String.fromCharCode(c)}y`, new RegExp(`U\\+${c.toString(16).toUpperCase()} `)),
  ),
  desc('TOML multi-line quotes', `""" and ''' and "'"`),
  desc('TOML table injection', '"\n[package]\nname = "evil"\n#'),
  desc('Python docstring breakout', '"""; import os; os.system("touch pwned") #'),
  desc('Rust comment breakout', '*/ fn main() { std::process::exit(1) } /* \n//! evil'),
  desc('Markdown and HTML', '# heading [link](javascript:alert(1)) <script>x</script> `code` | table |'),
  desc('shell metacharacters', '$(touch pwned) `touch pwned`; rm -rf / && echo $HOME'),
  desc('looks like a flag', '--force'),
  desc('empty', ''),
  desc('only whitespace', '   \t  '),
  desc('1000 characters (the limit)', 'ä'.repeat(1000)),
  badDesc('1001 characters', 'x'.repeat(1001), /longer than 1000/),
  badDesc('100 000 characters', '"'.repeat(100_000), /longer than 1000/),
  // Unpaired UTF-16 surrogates cannot be written as UTF-8 (nor as a Rust or TOML literal): they
  // can reach main() only through the API, as argv is decoded from bytes, but must still be refused.
  badDesc('lone high surrogate', 'bad \ud800 text', /description/),
  badDesc('lone low surrogate', 'bad \udfff text', /description/),

  badName('shell injection', 'x;touch pwned'),
  badName('command substitution', '$(touch pwned)'),
  badName('path traversal', '../escape'),
  badName('dot dot', '..'),
  badName('slash', 'a/b'),
  badName('backslash', 'a\\b'),
  badName('newline', 'a\nb'),
  badName('NUL', 'a\u0000b'),
  badName('handlebars', '{{crateName}}'),
  badName('github expression', '${{ github.token }}'),
  badName('empty', ''),
  badName('unicode letters', 'café'),
  badName('fullwidth letters', 'ｍｙｌｉｂ'),
  badName('65 characters', `a${'b'.repeat(64)}`, /longer than 64/),
  badName('Windows device con', 'con', /Windows/),
  badName('Windows device NUL (upper case)', 'NUL', /Windows/),
  badName('Windows device com1', 'com1', /Windows/),
  badName('Rust keyword fn', 'fn', /Rust keyword/),
  badName('Rust keyword Self', 'Self', /Rust keyword/, ['--kind', 'app']),
  badName('Rust 2024 keyword gen', 'gen', /Rust keyword/),
  badName('Python keyword class (module)', 'class', /Python keyword/, ['--kind', 'module']),
  badName('stdlib module asyncio (module)', 'asyncio', /shadow/, ['--kind', 'module']),
  badName('reserved crate test', 'test', /reserved/),
  badName('dependency tokio', 'tokio', /reserved|dependency/),
  badName('legacy bridge pyo3-asyncio', 'pyo3-asyncio', /reserved|dependency/, ['--stack', 'legacy']),
  badName('legacy bridge pyo3_asyncio on the current stack', 'pyo3_asyncio', /reserved|dependency/),
  badName('leading digit', '1st'),
  badName('leading dash', '-x'),
  badName('leading underscore', '_x'),
  goodName('64 characters (the limit)', `a${'b'.repeat(63)}`),
  goodName('dashes', 'my-lib'),
  goodName('underscores, same module as my-lib', 'my_lib'),
  goodName('Python keyword class is fine for an app', 'class', ['--kind', 'app']),
  goodName('stdlib name asyncio is fine for an app', 'asyncio', ['--kind', 'app']),
  // rustc's non_snake_case lint fails the generated CI's clippy -D warnings on these.
  badName('mixed case', 'MyLib', /must be lower case/),
  badName('two separators in a row', 'my--lib', /two separators in a row/),
  badName('separators "-_"', 'my-_lib', /two separators in a row/),
  { name: 'directory: mixed case, taken as the name', args: ['MyProj'], expect: { reject: /invalid project name "MyProj" \(from the directory/ } },
  // pytest puts tests/ first on sys.path: the package would import the test suite's file instead.
  badName('conftest', 'conftest', /tests\/conftest\.py/, ['--kind', 'module']),
  badName('test_bridge', 'test-bridge', /tests\/test_bridge\.py/, ['--kind', 'module']),
  goodName('conftest for an app (no Python package)', 'conftest', ['--kind', 'app']),
  badName('pytest plugin dependency', 'pluggy', /shadow/, ['--kind', 'module']),

  { name: 'directory: spaces and quotes', args: [`it's a "dir"/my proj`, '--name', 'my-proj'], expect: { ok: 'my-proj' } },
  { name: 'directory: unicode', args: ['проект/🦀', '--name', 'crab'], expect: { ok: 'crab' } },
  { name: 'directory: handlebars and $', args: ['{{x}}/${{ y }}/$(z)', '--name', 'curly'], expect: { ok: 'curly' } },
  { name: 'directory: NUL inside (API only)', args: ['a\u0000b', '--name', 'nul-dir'], expect: { reject: /NUL/ } },
  { name: 'directory: a 300-character name', args: ['d'.repeat(300), '--name', 'long-dir'], expect: { reject: /longer than the file system allows/ } },
  { name: 'directory: name from a bad basename', args: ['x;touch pwned'], expect: { reject: /invalid project name/ } },
  { name: 'directory: Windows device nul', args: ['nul'], expect: { reject: /Windows/ } },
  { name: 'directory: . (empty cwd) takes its name', args: ['.'], expect: { ok: 'work' } },
  { name: 'directory: .. (non-empty parent)', args: ['..', '--name', 'up'], expect: { reject: /not empty/ } },
  { name: 'directory: explicit sibling ../outside/new', args: ['../outside/new', '--name', 'sib'], expect: { ok: 'sib' } },
  {
    name: 'directory: a file is in the way of a parent',
    args: ['file/proj', '--name', 'proj'],
    expect: { reject: /not a directory/ },
    setup: async (cwd) => writeFile(join(cwd, 'file'), 'x'),
  },
  {
    name: 'directory: existing, non-empty, without --force',
    args: ['taken', '--name', 'taken'],
    expect: { reject: /not empty/ },
    setup: async (cwd) => {
      await mkdir(join(cwd, 'taken'));
      await writeFile(join(cwd, 'taken', 'Cargo.toml'), 'mine');
    },
  },
];

const python: PythonSource[] = [];
let created = 0;
let rejected = 0;

describe('hostile input corpus', () => {
  it('has at least 40 named cases', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const args = [...c.args, ...VARIANTS[i % VARIANTS.length]!, '-y'];
    // A case's own --kind/--stack (given earlier) must win over the rotation: put it last.
    const own = c.args.flatMap((a, j) => (a === '--kind' || a === '--stack' ? [a, c.args[j + 1]!] : []));
    const result = await generateCase([...args, ...own], c.setup);
    expect(result.problems).toEqual([]);
    if ('ok' in c.expect) {
      expect(result.outcome).toMatchObject({ kind: 'created', options: { crateName: c.expect.ok } });
      created += 1;
    } else {
      expect(result.outcome).toMatchObject({ kind: 'rejected', code: 2 });
      expect(result.outcome.kind === 'rejected' && result.outcome.message).toMatch(c.expect.reject);
      rejected += 1;
    }
    python.push(...result.python);
  });

  it('every generated Python file compiles and carries the description as its docstring (one python3 process)', async () => {
    expect(python.length).toBeGreaterThan(0);
    expect(await compilePython(python)).toEqual([]);
    console.log(`hardening corpus: ${CORPUS.length} cases (${created} created, ${rejected} rejected as expected), ${python.length} Python files compiled in one process`);
  });
});
