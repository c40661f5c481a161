/** Every current-stack variant, named the way test folders and snapshots are. */
import { KINDS, RUNTIMES, type ProjectOptions } from '../../src/core/options.js';
import { toModuleName } from '../../src/core/names.js';
import { defaultDescription } from '../../src/core/options.js';

export interface Variant {
  readonly id: string;
  readonly options: ProjectOptions;
}

export function currentVariants(prefix = ''): Variant[] {
  const variants: Variant[] = [];
  for (const kind of KINDS) {
    for (const runtime of RUNTIMES) {
      for (const uvloop of [false, true]) {
        const id = `${kind}-${runtime}-${uvloop ? 'uvloop' : 'asyncio'}`;
        const crateName = `${prefix}${id}`;
        variants.push({
          id,
          options: {
            crateName,
            moduleName: toModuleName(crateName),
            description: defaultDescription(kind, runtime),
            kind,
            runtime,
            uvloop,
            stack: 'current',
            pyo3: '0.30',
            ci: 'github',
          },
        });
      }
    }
  }
  return variants;
}

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
