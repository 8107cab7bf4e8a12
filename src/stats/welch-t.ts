/**
 * Welch's two-sample t test (unequal variances) with the mean difference, its confidence interval,
 * and Hedges' g.
 *
 * Definitions (Welch 1947, Biometrika 34:28–35; Satterthwaite 1946): with means x̄₁, x̄₂, sample
 * variances s₁², s₂² (divisor n − 1) and v_k = s_k²/n_k,
 *   t = (x̄₁ − x̄₂)/√(v₁ + v₂),   ν = (v₁ + v₂)² / (v₁²/(n₁−1) + v₂²/(n₂−1)),
 *   p = P(|T_ν| ≥ |t|),  CI = (x̄₁ − x̄₂) ± t_{ν, 1−α/2} √(v₁ + v₂).
 * Same as scipy.stats.ttest_ind(a, b, equal_var=False) and its confidence_interval().
 *
 * Effect size: Hedges' g = J · d with Cohen's d = (x̄₁ − x̄₂)/s_p, the pooled SD
 * s_p = √(((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2)), and the exact small-sample correction
 * J = Γ(m/2) / (√(m/2) Γ((m−1)/2)), m = n₁+n₂−2 (Hedges 1981, J. Educ. Stat. 6:107–128, eq. 6e;
 * ≈ 1 − 3/(4m − 1)). Positive when sample a has the larger mean. The pooled SD is the standardiser
 * even though the test does not pool: it is the conventional scale for d and g (Lakens 2013).
 *
 * Complexity: O(n₁ + n₂). Small samples: either sample with fewer than two values → only the means
 * (and the difference, when both exist) are given; zero standard error (both samples constant) →
 * t, df, p and CI null; zero pooled SD → d and g null.
 * Example: a = [19, 22, 16, 29, 24], b = [20, 11, 17, 12] → t = 2.2831…, ν = 6.9288…, p = 0.0568….
 */
import { lnGamma } from './special/gamma.ts';
import { assertFiniteOrMissing, assertLevel } from './internal/validate.ts';
import { tQuantile, tTwoSidedP } from './student-t.ts';

export interface WelchTResult {
  n1: number;
  n2: number;
  mean1: number | null;
  mean2: number | null;
  /** mean1 − mean2 */
  difference: number | null;
  statistic: number | null;
  df: number | null;
  p: number | null;
  level: number;
  ciLow: number | null;
  ciHigh: number | null;
  cohensD: number | null;
  hedgesG: number | null;
}

/** n, mean and Σ(x − x̄)² of a sample, the input of welchFromMoments. */
export interface Moments {
  n: number;
  mean: number;
  ss: number;
}

/** n, mean and Σ(x − x̄)² of the non-missing values (two passes, corrected mean). */
export function moments(x: ArrayLike<number>): { n: number; mean: number; ss: number } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) {
      n++;
      sum += v;
    }
  }
  if (n === 0) return { n, mean: Number.NaN, ss: Number.NaN };
  const m = sum / n;
  let dev = 0;
  let dev2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) {
      dev += v - m;
      dev2 += (v - m) * (v - m);
    }
  }
  return { n, mean: m + dev / n, ss: Math.max(0, dev2 - (dev * dev) / n) };
}

export function welchT(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): WelchTResult {
  assertLevel('welchT', level);
  assertFiniteOrMissing('welchT', a, 'a');
  assertFiniteOrMissing('welchT', b, 'b');
  return welchFromMoments(moments(a), moments(b), level);
}

/** Welch's t from two samples' moments (n, mean, Σ(x − x̄)²): what welchT computes after one pass. */
export function welchFromMoments(A: Moments, B: Moments, level = 0.95): WelchTResult {
  assertLevel('welchFromMoments', level);
  const result: WelchTResult = {
    n1: A.n, n2: B.n, mean1: A.n > 0 ? A.mean : null, mean2: B.n > 0 ? B.mean : null, difference: null,
    statistic: null, df: null, p: null, level, ciLow: null, ciHigh: null, cohensD: null, hedgesG: null,
  };
  if (A.n > 0 && B.n > 0) result.difference = A.mean - B.mean;
  if (A.n < 2 || B.n < 2) return result;
  const diff = A.mean - B.mean;
  const v1 = A.ss / (A.n - 1) / A.n;
  const v2 = B.ss / (B.n - 1) / B.n;
  const se2 = v1 + v2;
  const m = A.n + B.n - 2;
  const sp = Math.sqrt((A.ss + B.ss) / m);
  if (sp > 0) {
    const d = diff / sp;
    // J = Γ(m/2) / (√(m/2) Γ((m−1)/2)), in logarithms; m ≥ 2 here.
    const J = Math.exp(lnGamma(m / 2) - 0.5 * Math.log(m / 2) - lnGamma((m - 1) / 2));
    result.cohensD = d;
    result.hedgesG = J * d;
  }
  if (!(se2 > 0)) return result;
  const se = Math.sqrt(se2);
  const t = diff / se;
  const df = (se2 * se2) / ((v1 * v1) / (A.n - 1) + (v2 * v2) / (B.n - 1));
  const half = tQuantile(1 - (1 - level) / 2, df) * se;
  return { ...result, statistic: t, df, p: tTwoSidedP(t, df), ciLow: diff - half, ciHigh: diff + half };
}
