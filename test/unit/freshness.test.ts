// The freshness check's comparisons (scripts/freshness-lib.mjs), with made-up registry answers;
// the script itself asks the registries and runs on this repository's weekly schedule.
import { describe, expect, it } from 'vitest';
import { listDocument } from '../../src/core/list-document.js';
// @ts-expect-error: a plain .mjs module without types
import { behind, isBehind, newestStable, pinsOf } from '../../scripts/freshness-lib.mjs';

describe('freshness', () => {
  it('reads every crate, maturin, uvloop and each action major from the list document', () => {
    const pins = pinsOf(JSON.parse(JSON.stringify(listDocument()))) as Array<{ kind: string; name: string; pinned: string }>;
    const names = pins.map((p) => `${p.kind}:${p.name}`);
    for (const name of ['crate:pyo3', 'crate:pyo3-async-runtimes', 'crate:tokio', 'pypi:maturin', 'pypi:uvloop', 'action:actions/checkout']) {
      expect(names).toContain(name);
    }
    expect(pins.find((p) => p.name === 'maturin')!.pinned).toBe('>=1.9.4,<2.0');
  });

  it('calls a pin behind only when the newest release is outside it', () => {
    expect(isBehind('0.30', '0.30.4')).toBe(false);
    expect(isBehind('0.30', '0.31.0')).toBe(true);
    expect(isBehind('1.54', '1.54.9')).toBe(false);
    expect(isBehind('1.54', '1.55.0')).toBe(true);
    expect(isBehind('>=1.9.4,<2.0', '1.17.0')).toBe(false);
    expect(isBehind('>=1.9.4,<2.0', '2.0.0')).toBe(true);
    expect(isBehind('>=0.21', '0.23.1')).toBe(false);
    expect(isBehind('v6', 'v6.2.0')).toBe(false);
    expect(isBehind('v6', 'v7.0.0')).toBe(true);
  });

  it('names each pin behind, with what is pinned and what is newest', () => {
    const pins = [
      { kind: 'crate', name: 'pyo3', pinned: '0.30' },
      { kind: 'action', name: 'actions/checkout', pinned: 'v6' },
    ];
    const newest = new Map([
      ['crate:pyo3', '0.31.0'],
      ['action:actions/checkout', 'v6.0.1'],
    ]);
    expect(behind(pins, newest)).toEqual(['crate pyo3: pinned 0.30, newest 0.31.0']);
  });

  it('takes the newest stable, unyanked version from sparse-index lines', () => {
    const lines = [
      '{"vers":"0.29.0","yanked":false}',
      '{"vers":"0.31.0-beta.1","yanked":false}',
      '{"vers":"0.30.1","yanked":false}',
      '{"vers":"0.30.2","yanked":true}',
      '',
    ];
    expect(newestStable(lines)).toBe('0.30.1');
  });
});
