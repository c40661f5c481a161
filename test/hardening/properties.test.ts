// Property-based hostile input (fast-check), run through main() in-process. Each generated value
// is either refused with exit 2 and a one-line reason, writing nothing, or gives a sound project
// (see harness.ts) in which the value round-trips. Python sources of a property are compiled in
// one python3 process at its end. A failure prints fast-check's seed and the shrunk input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePython, type PythonSource } from '../helpers/generated.js';
import { runMain } from '../helpers/inproc.js';
import { tempDir } from '../helpers/tmp.js';
import { generateCase } from '../helpers/hardening.js';

const RUNS = { description: 30, name: 80, swap: 60, directory: 15, surrogate: 10 } as const;

const VARIANT = fc.record({
  kind: fc.constantFrom('module', 'app'),
  runtime: fc.constantFrom('tokio', 'async-std'),
  uvloop: fc.constantFrom('--uvloop', '--no-uvloop'),
  stack: fc.constantFrom('current', 'legacy'),
});
const variantArgs = (v: { kind: string; runtime: string; uvloop: string; stack: string }) => [
  '--kind', v.kind, '--runtime', v.runtime, v.uvloop, '--stack', v.stack, '-y',
];

// Pieces that have broken some escaper somewhere: quotes, escapes, template syntax, line breaks.
const FRAGMENTS = [
  '"', "'", '\\', '\\\\', '"""', "'''", '{{', '}}', '{{{', '${{', '${{ secrets.X }}', '\n', '\r\n', '\r', '\t', '\u0000',
  '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029', '\ufeff', '\u202e', '#', '[', ']', '*/', '/*', '//', '--', '`', '$(', '<!--',
  '🦀', 'é', 'e\u0301', '\\u0041', '\\x41', '%s', '{}', '=', ',',
];
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: fc.constantFrom(...FRAGMENTS, 'a', ' '), maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 990, maxLength: 1010 }),
);

const NAME_CHARS = [...'abcXYZ019-_', '.', '/', '\\', ';', '$', ' ', '"', "'", '{', '}', '\n', '\u0000', 'é', '🦀', '..'];
const hostileName = fc.oneof(
  fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 0, maxLength: 70 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('con', 'nul', 'fn', 'self', 'class', 'None', 'asyncio', 'tokio', 'pyo3', 'test', 'gen', 'a'.repeat(64), 'a'.repeat(65)),
);

async function checkAll(property: fc.IAsyncProperty<[unknown, ...unknown[]]> | fc.IAsyncPropertyWithHooks<[unknown, ...unknown[]]>, numRuns: number) {
  await fc.assert(property, { numRuns });
}

describe('hostile values, property-based', () => {
  it(`--description: any text round-trips into every file, or is refused (${RUNS.description} runs)`, async () => {
    const python: PythonSource[] = [];
    let created = 0;
    await checkAll(
      fc.asyncProperty(hostileText, VARIANT, async (text, variant) => {
        const r = await generateCase(['p', '--description', text, ...variantArgs(variant)]);
        expect(r.problems).toEqual([]);
        if (text.length > 1000) expect(r.outcome).toMatchObject({ kind: 'rejected', code: 2, message: expect.stringMatching(/longer than 1000/) });
        else if (/[\u202a-\u202e\u2066-\u2069]/.test(text)) {
          expect(r.outcome).toMatchObject({ kind: 'rejected', code: 2, message: expect.stringMatching(/U\+[0-9A-F]{4} .*bidirectional control/) });
        } else {
          expect(r.outcome).toMatchObject({ kind: 'created', options: { description: text } });
          created += 1;
        }
        python.push(...r.python);
      }),
      RUNS.description,
    );
    expect(await compilePython(python)).toEqual([]);
    console.log(`property --description: ${RUNS.description} runs, ${created} created, ${python.length} Python files compiled in one process`);
  });

  it(`--name: anything is refused with exit 2, or is a cargo-valid name that round-trips (${RUNS.name} runs)`, async () => {
    const python: PythonSource[] = [];
    let created = 0;
    await checkAll(
      fc.asyncProperty(hostileName, VARIANT, async (name, variant) => {
        const r = await generateCase(['--name', name, ...variantArgs(variant)]);
        expect(r.problems).toEqual([]);
        if (r.outcome.kind === 'created') {
          // cargo's own rule, independent of names.ts: ASCII letter first, then letters, digits, - and _;
          // and rustc's snake case for crate names: lower case, no two separators in a row.
          expect(name).toMatch(/^[a-z][a-z0-9_-]{0,63}$/);
          expect(name).not.toMatch(/[-_]{2}|[-_]$/);
          expect(r.outcome.options.crateName).toBe(name);
          expect(r.outcome.target).toBe(`work/${name}`);
          created += 1;
        } else {
          expect(r.outcome.message).toMatch(/invalid project name/);
        }
        python.push(...r.python);
      }),
      RUNS.name,
    );
    expect(await compilePython(python)).toEqual([]);
    console.log(`property --name: ${RUNS.name} runs, ${created} created, the rest refused with exit 2`);
  });

  it(`names differing only by - and _ are both accepted or both refused, with one module name (${RUNS.swap} runs)`, async () => {
    const cwd = await tempDir();
    const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 8 });
    await checkAll(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 4 }), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.constantFrom('module', 'app'), async (words, dashes, kind) => {
        const a = words.map((w, i) => (i === 0 ? w : `${dashes[i - 1] ? '-' : '_'}${w}`)).join('');
        const b = words.map((w, i) => (i === 0 ? w : `${dashes[i - 1] ? '_' : '-'}${w}`)).join('');
        const run = (name: string) => runMain(['--name', name, '--kind', kind, '-y', '--dry-run', '--json'], cwd);
        const [ra, rb] = [await run(a), await run(b)];
        expect(ra.code, `${a} vs ${b}`).toBe(rb.code);
        expect([0, 2]).toContain(ra.code);
        if (ra.code === 0) {
          const mod = (r: typeof ra) => (JSON.parse(r.stdout) as { options: { moduleName: string } }).options.moduleName;
          expect(mod(ra)).toBe(mod(rb));
          expect(mod(ra)).toBe(a.replaceAll('-', '_'));
        }
      }),
      RUNS.swap,
    );
    console.log(`property - / _ swap: ${RUNS.swap} runs`);
  });

  it(`[directory]: any path of plain names works and leaks into no file (${RUNS.directory} runs)`, async () => {
    const segment = fc
      .string({ unit: fc.constantFrom(...'ab Z9', '"', "'", '\\', '$', '{', '}', ';', '`', 'é', '🦀', '\t', '#', '-', '.'), minLength: 1, maxLength: 12 })
      .filter((s) => s !== '.' && s !== '..' && !s.startsWith('-'));
    await checkAll(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 3 }), VARIANT, async (segments, variant) => {
        const dir = segments.join('/');
        const r = await generateCase([dir, '--name', 'fixed-name', ...variantArgs(variant)]);
        expect(r.problems).toEqual([]);
        // checkProject compared every file with the plan, which never sees the directory.
        expect(r.outcome).toMatchObject({ kind: 'created', target: `work/${dir}` });
      }),
      RUNS.directory,
    );
    console.log(`property [directory]: ${RUNS.directory} runs`);
  });

  it(`--description with an unpaired surrogate is refused with exit 2, writing nothing (${RUNS.surrogate} runs)`, async () => {
    await checkAll(
      fc.asyncProperty(fc.string({ maxLength: 20 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 20 }), async (pre, unit, post) => {
        // A high surrogate followed by a low one would pair up: keep the lone one lone.
        const text = `${pre.replace(/[\ud800-\udbff]$/, '')}${String.fromCharCode(unit)}${post.replace(/^[\udc00-\udfff]/, '')}x`;
        const r = await generateCase(['p', '--description', text, '-y']);
        expect(r.problems).toEqual([]);
        expect(r.outcome).toMatchObject({ kind: 'rejected', code: 2, message: expect.stringMatching(/description/) });
      }),
      RUNS.surrogate,
    );
  });
});
