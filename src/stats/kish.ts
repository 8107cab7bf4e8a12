/**
 * Kish's effective sample size and design effect due to unequal weighting.
 *
 * Definitions (Kish 1965, "Survey Sampling", §11.7; Kish 1992, J. Official Statistics 8:183–200):
 *   n_eff = (Σw)² / Σw²;   deff_w = n / n_eff = n Σw² / (Σw)² = 1 + CV²(w) (CV with divisor n).
 * Unequal weights inflate the variance of a weighted mean by deff_w compared with equal weights,
 * when the variable is unrelated to the weights. n counts the units with a positive weight (a unit
 * with weight 0 contributes nothing and is not part of the sample being weighted).
 *
 * Complexity: O(n). Zero or empty weights: nEff and deff null.
 * Example: kish([1, 1, 2, 2]) → n 4, sumWeights 6, nEff 36/10 = 3.6, deff 4/3.6 = 1.111….
 */
import { assertWeights } from './internal/validate.ts';

export interface KishResult {
  /** units with weight > 0 */
  n: number;
  sumWeights: number;
  sumSquaredWeights: number;
  /** (Σw)² / Σw² */
  nEff: number | null;
  /** n / nEff, the design effect due to weighting */
  deff: number | null;
}

export function kish(weights: ArrayLike<number>): KishResult {
  assertWeights('kish', weights);
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w > 0) {
      n++;
      s += w;
      s2 += w * w;
    }
  }
  if (n === 0) return { n, sumWeights: 0, sumSquaredWeights: 0, nEff: null, deff: null };
  const nEff = (s * s) / s2;
  return { n, sumWeights: s, sumSquaredWeights: s2, nEff, deff: n / nEff };
}
