// The pure half of scripts/check-freshness.mjs: what the version table pins, and which pins are
// behind the newest releases. No network here, so the fast tier can test it with made-up answers.

/** A pin of the table: what it is, where its releases are listed, and the version it pins. */
export function pinsOf(list) {
  const current = list.variants.filter((v) => v.stack === 'current');
  const crates = new Map();
  for (const v of current) for (const [name, version] of Object.entries(v.versions.crates)) crates.set(name, version);
  const pins = [...crates].map(([name, pinned]) => ({ kind: 'crate', name, pinned }));
  const maturin = current.find((v) => v.kind === 'module').versions.python.maturin;
  pins.push({ kind: 'pypi', name: 'maturin', pinned: maturin });
  const uvloop = current.find((v) => v.uvloop && v.kind === 'module')?.versions.python.uvloop;
  if (uvloop !== undefined) pins.push({ kind: 'pypi', name: 'uvloop', pinned: uvloop.split(';')[0].trim() });
  for (const ref of new Set(Object.values(list.actions))) {
    const [repo, tag] = ref.split('@');
    if (/^v\d+$/.test(tag)) pins.push({ kind: 'action', name: repo, pinned: tag });
  }
  return pins;
}

const numbers = (v) => v.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10));

/** Whether `latest` (a release: "1.56.0", "v7.1.0") is outside what `pinned` allows. */
export function isBehind(pinned, latest) {
  const newest = numbers(latest);
  if (newest.some(Number.isNaN)) return false;
  // A range such as ">=1.9.4,<2.0": behind when the newest release is at or past its upper bound.
  const upper = /<\s*([\d.]+)/.exec(pinned);
  if (upper !== null) return compare(newest, numbers(upper[1])) >= 0;
  const lower = /^>=\s*([\d.]+)$/.exec(pinned);
  // ">=0.21": open-ended, never behind; still report a newer major as behind.
  if (lower !== null) return newest[0] > numbers(lower[1])[0];
  // A caret pin like "0.30" or "1.54", or an action major "v6": behind when the newest release
  // is outside what cargo's caret (or the major tag) accepts.
  const pin = numbers(pinned);
  if (pinned.startsWith('v')) return newest[0] > pin[0];
  const significant = pin[0] === 0 ? 2 : 1;
  if (compare(newest.slice(0, significant), pin.slice(0, significant)) > 0) return true;
  // Within the caret range, a newer minor of a 1.x crate is still worth knowing about.
  return pin[0] !== 0 && pin.length > 1 && newest[1] > pin[1];
}

function compare(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The pins that are behind, as lines to print: "crate pyo3: pinned 0.30, newest 0.31.0". */
export function behind(pins, newest) {
  return pins
    .filter((p) => newest.has(`${p.kind}:${p.name}`) && isBehind(p.pinned, newest.get(`${p.kind}:${p.name}`)))
    .map((p) => `${p.kind} ${p.name}: pinned ${p.pinned}, newest ${newest.get(`${p.kind}:${p.name}`)}`);
}

/** The newest release that is neither yanked nor a pre-release, from sparse-index lines. */
export function newestStable(lines) {
  const versions = lines
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line))
    .filter((entry) => !entry.yanked && !entry.vers.includes('-'))
    .map((entry) => entry.vers);
  return versions.sort((a, b) => compare(numbers(a), numbers(b))).at(-1);
}
