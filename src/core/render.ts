/**
 * Template rendering with an isolated Handlebars instance. HTML escaping is off (noEscape)
 * because no output is HTML; values reach files only through the per-language helpers,
 * and `strict` turns a misspelt variable into an error instead of an empty string.
 */
import Handlebars from 'handlebars';
import { commentText, markdownText, pythonString, rustString, tomlString, yamlString } from './escape.js';

export type TemplateContext = Record<string, unknown>;

function stringArg(helper: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`template helper "${helper}" needs a string, got ${typeof value}`);
  return value;
}

const ESCAPERS: Record<string, (value: string) => string> = {
  toml: tomlString,
  rust: rustString,
  py: pythonString,
  yaml: yamlString,
  md: markdownText,
  comment: commentText,
};

export function createRenderer(): (name: string, source: string, context: TemplateContext) => string {
  const hbs = Handlebars.create();
  for (const [helper, escape] of Object.entries(ESCAPERS)) {
    hbs.registerHelper(helper, (value: unknown) => escape(stringArg(helper, value)));
  }
  const cache = new Map<string, HandlebarsTemplateDelegate>();
  return (name, source, context) => {
    let template = cache.get(name);
    if (template === undefined) {
      template = hbs.compile(source, { noEscape: true, strict: true });
      cache.set(name, template);
    }
    try {
      return template(context);
    } catch (error) {
      throw new Error(`template ${name}: ${(error as Error).message}`, { cause: error });
    }
  };
}
