/**
 * Descriptive statistics of one numeric variable, with a t-based confidence interval for the mean.
 *
 * Definitions (over the n non-missing values x₁ … xₙ):
 *   mean x̄ = Σx / n;  sd s = √(Σ(x − x̄)² / (n − 1))  (Bessel's correction: dividing by n − 1 makes
 *   s² unbiased for the population variance, because x̄ was fitted to the same data);
 *   se = s / √n;  CI = x̄ ± t_{n−1, 1−α/2} · se  (Student 1908; exact for normal data, and by the
 *   central limit theorem approximately right for Likert means once n is moderate);
 *   median = middle order statistic (mean of the two middle ones for even n).
 *
 * The mean is computed in two passes with a correction term (x̄ += Σ(x − x̄)/n; Higham, "Accuracy and
 * Stability of Numerical Algorithms", §1.9), the median by quickselect (no full sort).
 * Complexity: O(n) time, one Float64Array of n values.
 * Small samples: n = 0 → every quantity null; n = 1 → mean, median, min, max only (sd, se, CI null).
 * Zero variance is not an error: sd = se = 0 and the CI collapses to [x̄, x̄].
 *
 * Example: describe([2, 4, 4, 4, 5, 5, 7, 9]) → n 8, mean 5, sd 2.138…, median 4.5, min 2, max 9,
 *   CI [3.2125…, 6.7875…].
 */
import { medianInPlace } from './internal/select.ts';
import { assertLevel, invalid } from './internal/validate.ts';
import { tQuantile } from './student-t.ts';

export interface Description {
  /** number of non-missing values */
  n: number;
  mean: number | null;
  /** sample standard deviation (divisor n − 1) */
  sd: number | null;
  /** standard error of the mean, sd / √n */
  se: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** confidence level of the interval, e.g. 0.95 */
  level: number;
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * `scratch` (optional, length ≥ x.length) is used for the median's in-place selection instead of a new
 * array, so that callers describing many series allocate nothing; it may be `x` itself when x is a
 * disposable copy.
 */
export function describe(x: ArrayLike<number>, level = 0.95, scratch?: Float64Array): Description {
  assertLevel('describe', level);
  if (scratch && scratch.length < x.length) throw invalid('describe', `scratch has length ${scratch.length}, needs ${x.length}`);
  const values = scratch ?? new Float64Array(x.length);
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) continue; // NaN: missing
    if (v === Infinity || v === -Infinity) throw invalid('describe', `x[${i}] = ${v}; values must be finite or NaN for missing`);
    values[n++] = v;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const empty: Description = { n, mean: null, sd: null, se: null, median: null, min: null, max: null, level, ciLow: null, ciHigh: null };
  if (n === 0) return empty;
  let mean = sum / n;
  let dev = 0;
  let dev2 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    dev += d;
    dev2 += d * d;
  }
  mean += dev / n;
  const median = medianInPlace(values, n);
  if (n < 2) return { ...empty, mean, median, min, max };
  // Σ(x − x̄)² about the corrected mean: subtract the (tiny) first-pass bias n·(Δ)².
  const ss = Math.max(0, dev2 - (dev * dev) / n);
  const sd = Math.sqrt(ss / (n - 1));
  const se = sd / Math.sqrt(n);
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * se;
  return { n, mean, sd, se, median, min, max, level, ciLow: mean - half, ciHigh: mean + half };
}
