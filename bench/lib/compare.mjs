/** Turns two sampled sides into a figure: the ratio of medians, and whether it meets its goal. */

const OPS = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

/**
 * `goal` is { op: '<' | '<=', value } on the ratio ours / baseline, or null for a figure that
 * only informs.
 */
export function compare({ id, title, sides, goal, extra }) {
  // Judged on the ratio as printed (3 decimals), so the table never shows "1.05 ≤ 1.05: no".
  const ratio = Math.round((sides.ours.median / sides.baseline.median) * 1000) / 1000;
  return {
    id,
    title,
    kind: 'ratio',
    ours: sides.ours,
    baseline: sides.baseline,
    ratio,
    goal: goal ?? null,
    met: goal ? OPS[goal.op](ratio, goal.value) : null,
    ...(extra ? { extra } : {}),
  };
}

/** A figure that could not be measured on this checkout, with the reason. */
export const skipped = (id, title, reason) => ({ id, title, kind: 'skipped', reason });
