/** Every variant of a stack, named the way test folders and snapshots are (src/core/variants.ts). */
import type { ProjectOptions, Stack } from '../../src/core/options.js';
import { VARIANTS, variantOptions } from '../../src/core/variants.js';

export interface Variant {
  readonly id: string;
  readonly options: ProjectOptions;
}

/** The stack's variants without patterns, each named `${prefix}${id}`. */
export function stackVariants(stack: Stack, prefix = ''): Variant[] {
  return VARIANTS.filter((v) => v.stack === stack && v.patterns !== true).map((v) => ({ id: v.id, options: variantOptions(v, `${prefix}${v.id}`) }));
}

/** The variants with every pattern (`-patterns`; test/real/patterns.test.ts builds their like). */
export const patternVariants = (prefix = ''): Variant[] =>
  VARIANTS.filter((v) => v.patterns === true).map((v) => ({ id: v.id, options: variantOptions(v, `${prefix}${v.id}`) }));

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
