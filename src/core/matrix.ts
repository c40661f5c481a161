/**
 * Variants -> one file tree: `<id>/<path>` for every variant's files plus a `manifest.json`
 * naming each file's sha256. Pure and deterministic (no clock, no tool version in the output),
 * so a committed copy only differs from a fresh one when the generated projects do.
 */
import { createHash } from 'node:crypto';
import type { ProjectOptions } from './options.js';
import { planProject, type GeneratedFile } from './plan.js';
import type { Templates } from './render.js';
import { pinnedVersions, variantOptions, type PinnedVersions, type Variant } from './variants.js';

export const MANIFEST = 'manifest.json';

export interface MatrixVariant {
  readonly id: string;
  readonly options: ProjectOptions;
  readonly versions: PinnedVersions;
  readonly files: ReadonlyArray<{ readonly path: string; readonly bytes: number; readonly sha256: string }>;
}

export interface Matrix {
  readonly manifest: { readonly generator: 'create-pyo3-async'; readonly variants: readonly MatrixVariant[] };
  /** Every file to write under the out-dir, sorted by path, manifest.json included. */
  readonly files: readonly GeneratedFile[];
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function planMatrix(variants: readonly Variant[], templates: Templates): Matrix {
  const files: GeneratedFile[] = [];
  const entries = variants.map((variant): MatrixVariant => {
    const options = variantOptions(variant);
    const planned = planProject(options, templates);
    files.push(...planned.map((f) => ({ path: `${variant.id}/${f.path}`, contents: f.contents })));
    return {
      id: variant.id,
      options,
      versions: pinnedVersions(options),
      files: planned.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.contents), sha256: sha256(f.contents) })),
    };
  });
  const manifest = { generator: 'create-pyo3-async', variants: entries } as const;
  files.push({ path: MANIFEST, contents: `${JSON.stringify(manifest, null, 2)}\n` });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { manifest, files };
}
