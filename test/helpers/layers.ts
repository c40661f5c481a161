/**
 * The layer rules of src/ (docs/architecture.md), checked from import statements and `process`
 * uses in the source text. No parser dependency: comments are stripped, then imports are matched
 * in their static, re-export, side-effect and dynamic forms, type-only imports included (a type
 * import from commands/ is still a dependency on it).
 */
import { posix } from 'node:path';

export interface Violation {
  readonly file: string;
  readonly rule: string;
  readonly detail: string;
}

/** Modules that reach the world: core/ must import none of them. */
const IO_MODULES = /^(node:)?(fs|fs\/promises|child_process|net|http|https|http2|os|process|worker_threads|dgram|tls|readline|tty)$|^execa$/;
/** Per-invocation state of the process: only the entry points read or set it. */
const PROCESS_STATE = /\bprocess\s*\.\s*(cwd|env|argv|exit|exitCode|stdin|stdout|stderr|on|once|chdir|umask)\b/g;
/** bin/ loads boot.ts (the compile cache: it reads argv and env, and stores at exit), which loads index.ts. */
const ENTRY_POINTS = new Set(['src/boot.ts', 'src/index.ts']);
const ENTRY_RULE = 'only src/index.ts and src/boot.ts read process state';
const ANY_PROCESS = /\bprocess\s*[.[]/g;
const IMPORTS = [
  /\bimport\s+(?:type\s+)?[\w*{}\s,$]+?\s+from\s+['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[\w*{}\s,$]+?\s+from\s+['"]([^'"]+)['"]/g,
  /\bimport\s+['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Source without comments; strings are kept (a `//` after a colon is a URL, not a comment). */
export function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
}

export function importsOf(source: string): string[] {
  const text = stripComments(source);
  return IMPORTS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!));
}

/** `spec` as a path below src/ when it is relative, e.g. "commands/create"; undefined for packages. */
function resolveLocal(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.(js|ts)$/, '');
}

const layerOf = (path: string) => path.replace(/^src\//, '').split('/')[0]!;

/** Checks files keyed by their repository path ("src/ui/x.ts"); returns every broken rule. */
export function checkLayers(files: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    const layer = layerOf(file);
    const code = stripComments(source);
    for (const spec of importsOf(source)) {
      const local = resolveLocal(file, spec);
      if ((layer === 'ui' || layer === 'core') && local !== undefined && layerOf(local) === 'commands') {
        out.push({ file, rule: `${layer}/ never imports commands/`, detail: spec });
      }
      if (layer === 'core' && local !== undefined && layerOf(local) !== 'core') {
        out.push({ file, rule: 'core/ imports only core/', detail: spec });
      }
      if (layer === 'core' && local === undefined && IO_MODULES.test(spec)) {
        out.push({ file, rule: 'core/ imports nothing with I/O', detail: spec });
      }
      if (!ENTRY_POINTS.has(file) && /^(node:)?process$/.test(spec)) {
        out.push({ file, rule: ENTRY_RULE, detail: spec });
      }
    }
    if (layer === 'core') {
      for (const m of code.matchAll(ANY_PROCESS)) out.push({ file, rule: 'core/ does not touch process', detail: m[0] });
    } else if (!ENTRY_POINTS.has(file)) {
      for (const m of code.matchAll(PROCESS_STATE)) out.push({ file, rule: ENTRY_RULE, detail: m[0] });
    }
  }
  return out;
}
