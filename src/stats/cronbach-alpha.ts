/**
 * Cronbach's alpha for a scale of k items, with corrected item–total correlations and
 * alpha-if-item-deleted.
 *
 * Definitions (Cronbach 1951, Psychometrika 16:297–334), on the n rows where every item is present
 * (listwise deletion, as SPSS RELIABILITY and R psych::alpha with use = "complete.obs"):
 *   α = k/(k − 1) · (1 − Σ s_j² / s_T²),  s_j² = variance of item j, s_T² = variance of the total
 *   score T = Σ_j x_j (divisor n − 1 for both; the ratio does not depend on it).
 *   Corrected item–total correlation of item j: Pearson r between x_j and T − x_j (the rest score),
 *   so the item is not correlated with itself (Nunnally & Bernstein 1994, §8).
 *   Alpha if item j is deleted: α of the k − 1 remaining items on the same rows.
 * All of them come from the k × k covariance matrix Σ: s_T² = ΣΣ σ_ij,
 *   cov(x_j, T − x_j) = Σ_i σ_ij − σ_jj,  var(T − x_j) = s_T² − 2 Σ_i σ_ij + σ_jj.
 *
 * Complexity: O(n·k²) time (a dot product per pair of items), O(n·k) memory for the deviations.
 * Small samples: fewer than 2 items or fewer than 2 complete rows, or zero total variance → alpha null
 * (and per-item values null); alpha-if-deleted needs k ≥ 3; a correlation is null when the item or
 * its rest score has zero variance.
 * Example: items [1, 2, 3, 4], [2, 3, 4, 5], [1, 3, 3, 5] → α = 1.5 · (1 − 6/17.33…) = 0.98077….
 */
import { assertSameLength, invalid } from './internal/validate.ts';

export interface CronbachItem {
  /** corrected item–total (item–rest) correlation */
  itemRestCorrelation: number | null;
  alphaIfDeleted: number | null;
}

export interface CronbachAlphaResult {
  /** complete rows used */
  n: number;
  k: number;
  alpha: number | null;
  items: CronbachItem[];
}

export function cronbachAlpha(items: readonly ArrayLike<number>[]): CronbachAlphaResult {
  const k = items.length;
  const vectors: Record<string, ArrayLike<number>> = {};
  items.forEach((x, j) => (vectors[`items[${j}]`] = x));
  const rows = assertSameLength('cronbachAlpha', vectors);
  // Listwise-complete rows, then each item's deviations from its mean over those rows, packed.
  const complete = new Uint8Array(rows).fill(1);
  for (let j = 0; j < k; j++) {
    const x = items[j]!;
    for (let i = 0; i < rows; i++) {
      const v = x[i]!;
      if (v !== v) complete[i] = 0; // NaN: missing
      else if (v === Infinity || v === -Infinity) throw invalid('cronbachAlpha', `items[${j}][${i}] = ${v}; values must be finite or NaN`);
    }
  }
  let n = 0;
  for (let i = 0; i < rows; i++) n += complete[i]!;
  const none: CronbachItem[] = Array.from({ length: k }, () => ({ itemRestCorrelation: null, alphaIfDeleted: null }));
  if (k < 2 || n < 2) return { n, k, alpha: null, items: none };
  const dev = items.map((x) => {
    const d = new Float64Array(n);
    let sum = 0;
    for (let i = 0, u = 0; i < rows; i++) if (complete[i]) sum += (d[u++] = x[i]!);
    const mean = sum / n;
    for (let u = 0; u < n; u++) d[u] = d[u]! - mean;
    return d;
  });
  // Covariance matrix, divisor n − 1: one dot product per pair of items.
  const cov = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const da = dev[a]!;
    for (let b = a; b < k; b++) {
      const db = dev[b]!;
      let s = 0;
      for (let u = 0; u < n; u++) s += da[u]! * db[u]!;
      cov[a * k + b] = cov[b * k + a] = s / (n - 1);
    }
  }
  return alphaFromCovariance(cov, k, n);
}

/**
 * Alpha, item–rest correlations and alpha-if-deleted from the k × k covariance matrix of the items over
 * n listwise-complete rows (row-major, divisor n − 1): what `cronbachAlpha` computes once it has the
 * matrix, for callers that accumulate cross-products themselves.
 */
export function alphaFromCovariance(cov: ArrayLike<number>, k: number, n: number): CronbachAlphaResult {
  const none: CronbachItem[] = Array.from({ length: k }, () => ({ itemRestCorrelation: null, alphaIfDeleted: null }));
  if (k < 2 || n < 2) return { n, k, alpha: null, items: none };
  let total = 0;
  let sumItemVar = 0;
  const rowSum = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    sumItemVar += cov[a * k + a]!;
    for (let b = 0; b < k; b++) rowSum[a] = rowSum[a]! + cov[a * k + b]!;
    total += rowSum[a]!;
  }
  if (!(total > 0)) return { n, k, alpha: null, items: none };
  // Variances below this are rounding noise of an exactly constant score.
  const zero = 1e-13 * total;
  const alpha = (k / (k - 1)) * (1 - sumItemVar / total);
  const perItem = Array.from({ length: k }, (_, j): CronbachItem => {
    const vj = cov[j * k + j]!;
    const restVar = total - 2 * rowSum[j]! + vj;
    const covRest = rowSum[j]! - vj;
    const itemRestCorrelation = vj > zero && restVar > zero ? covRest / Math.sqrt(vj * restVar) : null;
    const alphaIfDeleted = k >= 3 && restVar > zero ? ((k - 1) / (k - 2)) * (1 - (sumItemVar - vj) / restVar) : null;
    return { itemRestCorrelation, alphaIfDeleted };
  });
  return { n, k, alpha, items: perItem };
}
