/**
 * `--filter key=value[,key=value...]` -> a predicate over variants. The pairs of one --filter
 * must all match; several --filter flags are alternatives. Anything unknown is a usage error,
 * so a typo in a CI script fails loudly instead of silently selecting nothing or everything.
 */
import { KINDS, RUNTIMES, STACKS } from '../core/options.js';
import { VARIANTS, type Variant } from '../core/variants.js';
import { usageError } from '../errors.js';

const KEYS = {
  id: VARIANTS.map((v) => v.id),
  kind: [...KINDS],
  runtime: [...RUNTIMES],
  uvloop: ['true', 'false'],
  stack: [...STACKS],
  patterns: ['true', 'false'],
} as const satisfies Record<string, readonly string[]>;
type Key = keyof typeof KEYS;

const valueOf = (v: Variant, key: Key): string => (key === 'uvloop' ? String(v.uvloop) : key === 'patterns' ? String(v.patterns === true) : v[key]);
const HINT = `keys: ${Object.keys(KEYS).join(', ')}; e.g. --filter kind=module,runtime=tokio (see \`create-pyo3-async list\`)`;

type Clause = ReadonlyArray<readonly [Key, string]>;

function parseClause(spec: string): Clause {
  return spec.split(',').map((pair) => {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? undefined : pair.slice(eq + 1);
    if (!(key in KEYS)) throw usageError(`unknown filter key ${JSON.stringify(key)} in --filter ${spec}`, HINT);
    if (value === undefined || value === '') throw usageError(`--filter ${spec}: ${key} needs a value (${key}=...)`, HINT);
    const allowed: readonly string[] = KEYS[key as Key];
    if (!allowed.includes(value)) {
      throw usageError(`--filter ${spec}: ${key} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
    }
    return [key as Key, value] as const;
  });
}

/** The variants the filters select, in VARIANTS order; all of them when there is no filter. */
export function selectVariants(specs: readonly string[]): Variant[] {
  const clauses = specs.map(parseClause);
  if (clauses.length === 0) return [...VARIANTS];
  const selected = VARIANTS.filter((v) => clauses.some((clause) => clause.every(([key, value]) => valueOf(v, key) === value)));
  if (selected.length === 0) throw usageError(`no variant matches ${specs.map((s) => `--filter ${s}`).join(' ')}`, HINT);
  return selected;
}
