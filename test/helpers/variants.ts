/** Every variant of a stack, named the way test folders and snapshots are. */
import { toModuleName } from '../../src/core/names.js';
import { defaultDescription, KINDS, RUNTIMES, type ProjectOptions, type Stack } from '../../src/core/options.js';
import { stackVersions } from '../../src/core/versions.js';

export interface Variant {
  readonly id: string;
  readonly options: ProjectOptions;
}

export function stackVariants(stack: Stack, prefix = ''): Variant[] {
  const variants: Variant[] = [];
  for (const kind of KINDS) {
    for (const runtime of RUNTIMES) {
      for (const uvloop of [false, true]) {
        const id = `${stack === 'legacy' ? 'legacy-' : ''}${kind}-${runtime}-${uvloop ? 'uvloop' : 'asyncio'}`;
        const crateName = `${prefix}${id}`;
        variants.push({
          id,
          options: {
            crateName,
            moduleName: toModuleName(crateName),
            description: defaultDescription(kind, runtime, stack),
            kind,
            runtime,
            uvloop,
            stack,
            pyo3: stackVersions(stack).pyo3,
            ci: 'github',
          },
        });
      }
    }
  }
  return variants;
}

export const currentVariants = (prefix = '') => stackVariants('current', prefix);
export const allVariants = (prefix = '') => [...stackVariants('current', prefix), ...stackVariants('legacy', prefix)];

/** The CLI flags that select a variant without any prompt. */
export function variantFlags(options: ProjectOptions): string[] {
  return [
    '--name',
    options.crateName,
    '--kind',
    options.kind,
    '--runtime',
    options.runtime,
    options.uvloop ? '--uvloop' : '--no-uvloop',
    '--stack',
    options.stack,
  ];
}
