/** What `list` reports: every option, its allowed values, every variant and what it pins. Pure data. */
import { CI_PROVIDERS, DEFAULTS, KINDS, RUNTIMES, STACKS } from './options.js';
import { PATTERN_NAMES, patternForms } from './patterns/definitions.js';
import { pinnedVersions, VARIANTS, variantOptions } from './variants.js';
import { ACTIONS, STACK_TABLE, supportedPyo3 } from './versions.js';

/** The machine-readable contract: stable keys, values exactly as the flags take them. */
export function listDocument() {
  const pyo3 = Object.fromEntries(STACKS.map((s) => [s, supportedPyo3(s)]));
  return {
    options: [
      { name: 'kind', flag: '--kind', values: [...KINDS], default: DEFAULTS.kind },
      { name: 'runtime', flag: '--runtime', values: [...RUNTIMES], default: DEFAULTS.runtime },
      { name: 'uvloop', flag: '--uvloop / --no-uvloop', values: [false, true], default: DEFAULTS.uvloop },
      { name: 'stack', flag: '--stack', values: [...STACKS], default: DEFAULTS.stack },
      {
        name: 'pyo3',
        flag: '--pyo3-version',
        values: pyo3,
        default: Object.fromEntries(STACKS.map((s) => [s, STACK_TABLE[s].pairs[0].pyo3])),
      },
      { name: 'ci', flag: '--ci', values: [...CI_PROVIDERS], default: 'github' },
      // Modules only: apps always build against the full API of the Python they embed.
      { name: 'abi3', flag: '--abi3 / --no-abi3', values: [false, true], default: DEFAULTS.abi3, kinds: ['module'] },
    ],
    variants: VARIANTS.map((v) => {
      const options = variantOptions(v);
      const { pyo3, abi3 } = options;
      return { id: v.id, kind: v.kind, runtime: v.runtime, uvloop: v.uvloop, stack: v.stack, pyo3, abi3, versions: pinnedVersions(options) };
    }),
    /** The GitHub Actions generated workflows use, each at the ref it is pinned to. */
    actions: ACTIONS,
    // What `add` and `--with` take, and where each applies: the kinds with a form of it, and
    // each form's API, runtimes and stacks. `summary` and `api` are the first form's.
    patterns: PATTERN_NAMES.map((name) => {
      const forms = patternForms(name);
      const first = forms[0]!;
      return { name, summary: first.summary, api: first.api, kinds: forms.map((f) => f.kind), runtimes: first.runtimes, stacks: first.stacks, forms };
    }),
    stacks: Object.fromEntries(
      STACKS.map((s) => [s, { bridgeCrate: STACK_TABLE[s].bridgeCrate, bridgeUrl: STACK_TABLE[s].bridgeUrl, pairs: STACK_TABLE[s].pairs }]),
    ),
  };
}

export type ListDocument = ReturnType<typeof listDocument>;
