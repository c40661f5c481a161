/** The templates shipped with the package, ready for the pure planner. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_PATHS } from '../core/plan.js';
import { PRECOMPILED } from '../core/precompiled-templates.js';
import { compileTemplates, precompiledTemplates, type Templates } from '../core/render.js';
import { PACKAGE_ROOT } from '../package-root.js';

export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');

/** Reads the sources of every template the plan may use. */
async function readTemplateSources(dir: string = TEMPLATES_DIR): Promise<Map<string, string>> {
  const entries = await Promise.all(
    TEMPLATE_PATHS.map(async (path) => [path, await readFile(join(dir, path), 'utf8')] as const),
  );
  return new Map(entries);
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
