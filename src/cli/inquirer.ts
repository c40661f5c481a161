/**
 * The prompts this CLI uses, by name. Imported dynamically from prompts.ts: a static re-export
 * lets the bundler leave out the rest of @inquirer/prompts (its editor prompt alone brings
 * iconv-lite, about 480 kB of the bundle's 1.4 MB), which a dynamic import of the package would keep.
 */
export { checkbox, confirm, input, select } from '@inquirer/prompts';
