/** The templates shipped with the package, ready for the pure planner. */
// Synchronous: node:fs/promises costs 2 ms to load, and the bundle reads no template file.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TEMPLATE_PATHS } from '../core/plan.js';
import { PRECOMPILED } from '../core/precompiled-templates.js';
import { compileTemplates, PARTIALS_DIR, precompiledTemplates, type Templates } from '../core/render.js';
import { PACKAGE_ROOT } from '../package-root.js';

export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');

/** Every file under partials/, as a path relative to `dir`: the templates the plan reaches only through others. */
export async function partialPaths(dir: string = TEMPLATES_DIR): Promise<string[]> {
  const entries = readdirSync(join(dir, PARTIALS_DIR), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** Reads the sources of every template the plan may use, and of the partials they include. */
async function readTemplateSources(dir: string = TEMPLATES_DIR): Promise<Map<string, string>> {
  const paths = [...TEMPLATE_PATHS, ...(await partialPaths(dir))];
  return new Map(paths.map((path) => [path, readFileSync(join(dir, path), 'utf8')] as const));
}

/** The bundled CLI's precompiled templates, or, from source or for another `dir`, the files compiled. */
export async function loadTemplates(dir?: string): Promise<Templates> {
  if (dir === undefined && PRECOMPILED !== undefined) {
    const { default: runtime } = await import('handlebars/runtime.js');
    return precompiledTemplates(runtime as unknown as typeof import('handlebars'), PRECOMPILED);
  }
  const [{ default: handlebars }, sources] = await Promise.all([import('handlebars'), readTemplateSources(dir)]);
  return compileTemplates(handlebars, sources);
}
