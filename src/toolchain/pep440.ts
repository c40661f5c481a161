/** Pure version parsing and PEP 440-style range checks (the subset our pins use). */

export function parseVersion(text: string): number[] | undefined {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Whether `version` satisfies a comma-separated specifier such as ">=1.9.4,<2.0". */
export function satisfies(version: string, specifier: string): boolean {
  const v = parseVersion(version);
  if (v === undefined) return false;
  return specifier
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .every((clause) => {
      const m = /^(>=|<=|==|!=|>|<|~=)\s*(.+)$/.exec(clause);
      const bound = m === null ? undefined : parseVersion(m[2]!);
      if (m === null || bound === undefined) return true; // unknown clause: do not block on it
      const c = compareVersions(v, bound);
      switch (m[1]) {
        case '>=':
          return c >= 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        case '<':
          return c < 0;
        case '==':
          return c === 0;
        case '!=':
          return c !== 0;
        default: // ~=: same release series, not older
          return c >= 0 && v[0] === bound[0] && (m[2]!.split('.').length < 3 || v[1] === bound[1]);
      }
    });
}
