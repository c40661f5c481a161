/** `--with` and `add` arguments -> pattern names, checked against the project they go into. */
import { applicablePatterns, isPatternName, PATTERN_NAMES, patternRefusal, type PatternName } from '../core/patterns/definitions.js';
import type { ProjectOptions } from '../core/options.js';
import { usageError } from '../errors.js';

type Where = Pick<ProjectOptions, 'kind' | 'runtime' | 'stack'>;

/** Names split at commas, `all` expanded to what applies; unknown or inapplicable names are usage errors. */
export function resolvePatternNames(raw: readonly string[], where: Where, flag: string): PatternName[] {
  const names = raw.flatMap((value) => value.split(',')).map((name) => name.trim()).filter((name) => name !== '');
  const wanted = new Set<PatternName>();
  for (const name of names) {
    if (name === 'all') {
      const all = applicablePatterns(where);
      if (all.length === 0) throw usageError(`${flag} all: no pattern applies here: ${patternRefusal('class', where)}`);
      for (const p of all) wanted.add(p);
    } else if (isPatternName(name)) {
      const refusal = patternRefusal(name, where);
      if (refusal !== undefined) throw usageError(`${flag} ${name}: ${refusal}`, `patterns here: ${applicablePatterns(where).join(', ') || 'none'}`);
      wanted.add(name);
    } else {
      throw usageError(`unknown pattern ${JSON.stringify(name)}`, `choose from ${PATTERN_NAMES.join(', ')} or all`);
    }
  }
  return PATTERN_NAMES.filter((name) => wanted.has(name));
}
