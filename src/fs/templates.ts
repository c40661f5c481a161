/** Reads the templates/ folder shipped with the package into memory, for the pure planner. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_PATHS, type TemplateSources } from '../core/plan.js';
import { PACKAGE_ROOT } from '../package-root.js';

export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');

export async function loadTemplates(dir: string = TEMPLATES_DIR): Promise<TemplateSources> {
  const entries = await Promise.all(
    TEMPLATE_PATHS.map(async (path) => [path, await readFile(join(dir, path), 'utf8')] as const),
  );
  return new Map(entries);
}
