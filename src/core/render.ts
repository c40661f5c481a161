/**
 * Template rendering with an isolated Handlebars environment. HTML escaping is off (noEscape)
 * because no output is HTML; values reach files only through the per-language helpers,
 * and `strict` turns a misspelt variable into an error instead of an empty string.
 *
 * Templates come either as sources, compiled here (tests, a templates folder given), or
 * precompiled at build time (the bundled CLI), which needs only Handlebars' small runtime.
 */
import type HandlebarsNamespace from 'handlebars';
import { commentText, markdownText, pythonString, rustString, tomlString, yamlString } from './escape.js';

export type TemplateContext = Record<string, unknown>;
type HandlebarsEnv = typeof HandlebarsNamespace;

/** Template files by their path under templates/: `*.hbs` are rendered, others copied. */
export interface Templates {
  render(path: string, context: TemplateContext): string;
}

const isTemplate = (path: string) => path.endsWith('.hbs');

/** Options that compile time and precompile time (scripts/build.mjs) must agree on. */
const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

/** The folder whose templates are partials rather than output files. */
export const PARTIALS_DIR = 'partials';

/**
 * A partial is named by its path under partials/ without extensions, so that
 * `partials/ci/checkout.yml.hbs` is `{{> ci/checkout}}` wherever the bundle or sources come from.
 */
export function partialName(path: string): string | undefined {
  const prefix = `${PARTIALS_DIR}/`;
  return path.startsWith(prefix) && isTemplate(path) ? path.slice(prefix.length).replace(/\.[^/]*$/, '') : undefined;
}

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

/** A fresh environment with the escaping helpers and every partial, built by `load` from its path. */
function isolatedEnv(
  handlebars: HandlebarsEnv,
  paths: Iterable<string>,
  load: (hbs: HandlebarsEnv, path: string) => HandlebarsTemplateDelegate,
): HandlebarsEnv {
  const hbs = handlebars.create();
  for (const [helper, escape] of Object.entries(ESCAPERS)) {
    hbs.registerHelper(helper, (value: unknown) => escape(stringArg(helper, value)));
  }
  for (const path of paths) {
    const name = partialName(path);
    if (name !== undefined) hbs.registerPartial(name, load(hbs, path));
  }
  return hbs;
}

function templates(copies: ReadonlyMap<string, string>, compile: (path: string) => HandlebarsTemplateDelegate | undefined): Templates {
  const cache = new Map<string, HandlebarsTemplateDelegate>();
  return {
    render(path, context) {
      const copy = copies.get(path);
      if (copy !== undefined) return copy;
      let template = cache.get(path);
      if (template === undefined) {
        template = compile(path);
        if (template === undefined) throw new Error(`template missing: ${path}`);
        cache.set(path, template);
      }
      try {
        return template(context);
      } catch (error) {
        throw new Error(`template ${path}: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}

/** Templates from their sources (path -> text), compiled on first use with full Handlebars. */
export function compileTemplates(handlebars: HandlebarsEnv, sources: ReadonlyMap<string, string>): Templates {
  const hbs = isolatedEnv(handlebars, sources.keys(), (env, path) => env.compile(sources.get(path)!, COMPILE_OPTIONS));
  const copies = new Map([...sources].filter(([path]) => !isTemplate(path)));
  return templates(copies, (path) => {
    const source = sources.get(path);
    return source === undefined ? undefined : hbs.compile(source, COMPILE_OPTIONS);
  });
}

/** What scripts/build.mjs embeds in the bundle. */
export interface Precompiled {
  /** Handlebars.precompile output, evaluated, by template path. */
  readonly specs: Readonly<Record<string, unknown>>;
  /** Files copied as they are, by path. */
  readonly copies: Readonly<Record<string, string>>;
}

/** Templates precompiled at build time; `runtime` may be Handlebars' runtime-only build. */
export function precompiledTemplates(runtime: HandlebarsEnv, pre: Precompiled): Templates {
  const hbs = isolatedEnv(runtime, Object.keys(pre.specs), (env, path) => env.template(pre.specs[path] as TemplateSpecification));
  return templates(new Map(Object.entries(pre.copies)), (path) => {
    const spec = pre.specs[path];
    return spec === undefined ? undefined : hbs.template(spec as TemplateSpecification);
  });
}
