import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crateNameProblem, moduleNameProblem, nameProblem, suggestName, TEST_MODULES, toModuleName } from '../../src/core/names.js';

describe('crate names follow cargo rules', () => {
  it.each(['my-lib', 'my_lib', 'a', 'async2', 'x-y_z9', 'a'.repeat(64)])('accepts %s', (name) => {
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
    ['MyLib', /lower case/],
    ['Async2', /lower case/],
    ['my--lib', /two separators/],
    ['my__lib', /two separators/],
    ['my_-lib', /two separators/],
    ['trailing-', /cannot end with/],
    ['trailing_', /cannot end with/],
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
    ['conftest', /tests\/conftest\.py/],
    ['pluggy', /shadow/],
    ['anyio', /shadow/],
  ])('rejects %s', (name, why) => {
    expect(moduleNameProblem(name)).toMatch(why);
  });

  it('refuses the name of every module in the generated tests/ folder', () => {
    const dir = fileURLToPath(new URL('../../templates/module/tests/', import.meta.url));
    const modules = readdirSync(dir)
      .filter((f) => /\.py(\.hbs)?$/.test(f) && !f.includes('__pkg__'))
      .map((f) => f.replace(/\.py(\.hbs)?$/, ''));
    expect(modules.length).toBeGreaterThan(2);
    for (const m of modules) expect(moduleNameProblem(m), m).toMatch(/pytest would import/);
    expect([...TEST_MODULES].sort()).toEqual([...modules].sort());
  });

  it('suggests kebab-case for CamelCase and collapses separator runs', () => {
    expect(suggestName('MyLib', 'module')).toBe('my-lib');
    expect(suggestName('MyProj', 'app')).toBe('my-proj');
    expect(suggestName('HTTPServer', 'module')).toBe('http-server');
    expect(suggestName('my--lib', 'module')).toBe('my-lib');
    expect(suggestName('conftest', 'module')).toBe('conftest-async');
  });

  it('refuses the alias the generated Rust code imports the library as, for that kind only', () => {
    expect(nameProblem('native', 'module')).toMatch(/use <crate> as native;/);
    expect(nameProblem('app', 'app')).toMatch(/use <crate> as app;/);
    expect(nameProblem('native', 'app')).toBeUndefined();
    expect(nameProblem('app', 'module')).toBeUndefined();
  });

  it('applies Python rules only to modules', () => {
    expect(nameProblem('asyncio', 'module')).toMatch(/shadow/);
    expect(nameProblem('asyncio', 'app')).toBeUndefined();
    expect(nameProblem('class', 'app')).toBeUndefined();
  });
});

describe('suggestions are always valid names', () => {
  it.each(['My Project', '9lives', 'asyncio', 'fn', '../..', '漢字', '', 'con', 'x;touch pwned', 'a'.repeat(200), 'MyLib', 'a--b', 'x_', 'native', 'app', 'conftest', 'ab-'.repeat(30), 'ab_'.repeat(30)])(
    'suggests a valid name for %j',
    (raw) => {
      for (const kind of ['module', 'app'] as const) {
        const s = suggestName(raw, kind);
        expect(nameProblem(s, kind)).toBeUndefined();
      }
    },
  );
});
