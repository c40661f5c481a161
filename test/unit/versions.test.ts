import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, satisfies } from '../../src/toolchain/pep440.js';

describe('version parsing and ranges', () => {
  it('reads versions out of tool output', () => {
    expect(parseVersion('cargo 1.95.0 (f2d3ce0bd 2026-03-21)')).toEqual([1, 95, 0]);
    expect(parseVersion('maturin 1.16.0')).toEqual([1, 16, 0]);
    expect(parseVersion('Python 3.11.7')).toEqual([3, 11, 7]);
    expect(parseVersion('uv 0.9')).toEqual([0, 9, 0]);
    expect(parseVersion('garbage')).toBeUndefined();
    expect(compareVersions([1, 10, 0], [1, 9, 4])).toBe(1);
  });

  it.each([
    ['1.16.0', '>=1.9.4,<2.0', true],
    ['1.9.4', '>=1.9.4,<2.0', true],
    ['1.9.3', '>=1.9.4,<2.0', false],
    ['2.0.0', '>=1.9.4,<2.0', false],
    ['3.11.7', '>=3.10', true],
    ['3.9.18', '>=3.10', false],
    ['3.13.0', '>=3.10,<3.13', false],
    ['3.12.1', '>=3.10,<3.13', true],
    ['1.95.0', '>=1.85', true],
    ['1.2.3', '~=1.2', true],
    ['2.0.0', '~=1.2', false],
  ])('%s satisfies %s: %s', (version, spec, expected) => {
    expect(satisfies(version, spec)).toBe(expected);
  });
});
