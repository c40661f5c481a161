import { describe, expect, it } from 'vitest';
import { crateNameProblem, moduleNameProblem, nameProblem, suggestName, toModuleName } from '../../src/core/names.js';

describe('crate names follow cargo rules', () => {
  it.each(['my-lib', 'my_lib', 'a', 'Async2', 'x-y_z9', 'a'.repeat(64)])('accepts %s', (name) => {
    expect(crateNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['9lives', /digit/],
    ['-lead', /cannot start/],
    ['_lead', /cannot start/],
    ['my lib', /" " is not allowed/],
    ['my.lib', /"\." is not allowed/],
    ['../evil', /not allowed/],
    ['a/b', /not allowed/],
    ['x;touch pwned', /not allowed/],
    ['ünï', /not allowed/],
    ['fn', /Rust keyword/],
    ['async', /Rust keyword/],
    ['self', /Rust keyword/],
    ['test', /reserved/],
    ['tokio', /reserved|dependency/],
    ['pyo3-async-runtimes', /reserved|dependency/],
    ['con', /Windows/],
    ['LPT1', /Windows/],
    ['a'.repeat(65), /longer than 64/],
  ])('rejects %j', (name, why) => {
    expect(crateNameProblem(name)).toMatch(why);
  });
});

describe('module names follow Python rules', () => {
  it('maps - to _', () => expect(toModuleName('my-async-lib')).toBe('my_async_lib'));

  it.each([
    ['asyncio', /shadow/],
    ['uvloop', /shadow/],
    ['typing', /shadow/],
    ['Typing', /shadow/],
    ['None', /Python keyword/],
    ['class', /Python keyword/],
  ])('rejects %s', (name, why) => {
    expect(moduleNameProblem(name)).toMatch(why);
  });

  it('applies Python rules only to modules', () => {
    expect(nameProblem('asyncio', 'module')).toMatch(/shadow/);
    expect(nameProblem('asyncio', 'app')).toBeUndefined();
    expect(nameProblem('class', 'app')).toBeUndefined();
  });
});

describe('suggestions are always valid names', () => {
  it.each(['My Project', '9lives', 'asyncio', 'fn', '../..', '漢字', '', 'con', 'x;touch pwned', 'a'.repeat(200)])(
    'suggests a valid name for %j',
    (raw) => {
      for (const kind of ['module', 'app'] as const) {
        const s = suggestName(raw, kind);
        expect(nameProblem(s, kind)).toBeUndefined();
      }
    },
  );
});
