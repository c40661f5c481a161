/** Reads the templates/ folder shipped with the package into memory, for the pure planner. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { TEMPLATE_PATHS, type TemplateSources } from '../core/plan.js';

// Both src/fs (tests) and dist/fs (the built CLI) sit two levels below the package root.
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export async function loadTemplates(dir: string = TEMPLATES_DIR): Promise<TemplateSources> {
  const entries = await Promise.all(
    TEMPLATE_PATHS.map(async (path) => [path, await readFile(join(dir, path), 'utf8')] as const),
  );
  return new Map(entries);
}
