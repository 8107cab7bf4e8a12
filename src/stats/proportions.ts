/**
 * Unweighted proportions of a categorical (single-choice) or checkbox (multiple-choice) variable,
 * each with a Wilson score confidence interval.
 *
 * Wilson interval (Wilson 1927, JASA 22:209–212; recommended by Brown, Cai & DasGupta 2001, Stat.
 * Sci. 16:101–133): the set of p for which the score test |p̂ − p| / √(p(1−p)/n) ≤ z accepts, i.e.
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half-width = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²),
 * z = Φ⁻¹(1 − α/2). Unlike the Wald interval it stays inside [0, 1] and keeps near-nominal coverage
 * for p̂ = 0 or 1 and small n. (Same as scipy's binomtest(...).proportion_ci(method='wilson').)
 *
 * - categorical: codes 0 … k−1, NaN = missing; n = non-missing answers; one row per category.
 * - checkbox: one 0/1 indicator per option (NaN = the question was not shown/answered); each
 *   option's n is the number of respondents with a non-missing indicator.
 * Complexity: O(n·k) for checkboxes, O(n + k) for a categorical variable.
 * Small samples: n = 0 → proportion and interval null (count 0).
 * Example: wilsonInterval(3, 10) → [0.1078…, 0.6032…].
 */
import { assertCodes, assertLevel, invalid } from './internal/validate.ts';
import { normalQuantile } from './normal.ts';

export interface ProportionEstimate {
  count: number;
  n: number;
  proportion: number | null;
  level: number;
  ciLow: number | null;
  ciHigh: number | null;
}

/** Wilson score interval for `count` successes in `n` trials. */
export function wilsonInterval(count: number, n: number, level = 0.95): ProportionEstimate {
  const fn = 'wilsonInterval';
  assertLevel(fn, level);
  if (!Number.isInteger(count) || !Number.isInteger(n) || count < 0 || n < 0 || count > n) {
    throw invalid(fn, `need integers 0 ≤ count ≤ n, got count ${count}, n ${n}`);
  }
  if (n === 0) return { count, n, proportion: null, level, ciLow: null, ciHigh: null };
  const p = count / n;
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // Clamp only rounding: mathematically the interval lies in [0, 1] and contains p̂.
  return { count, n, proportion: p, level, ciLow: Math.max(0, centre - half), ciHigh: Math.min(1, centre + half) };
}

/** Proportions of each category of a coded single-choice variable. */
export function categoryProportions(codes: ArrayLike<number>, k: number, level = 0.95): ProportionEstimate[] {
  const n = assertCodes('categoryProportions', codes, k);
  const counts = new Float64Array(k);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (!Number.isNaN(c)) counts[c] = counts[c]! + 1;
  }
  return Array.from(counts, (count) => wilsonInterval(count, n, level));
}

/** Proportion selecting each option of a checkbox question; indicators are 0, 1 or NaN. */
export function checkboxProportions(indicators: readonly ArrayLike<number>[], level = 0.95): ProportionEstimate[] {
  return indicators.map((x, j) => {
    let n = 0;
    let count = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (Number.isNaN(v)) continue;
      if (v !== 0 && v !== 1) throw invalid('checkboxProportions', `indicators[${j}][${i}] = ${v}; expected 0, 1 or NaN`);
      n++;
      count += v;
    }
    return wilsonInterval(count, n, level);
  });
}
