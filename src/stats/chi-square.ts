/**
 * The chi-square distribution with k > 0 degrees of freedom.
 *
 * Definitions: F(x) = P(χ²_k ≤ x) = P(k/2, x/2), the regularized lower incomplete gamma function;
 * the survival function 1 − F(x) = Q(k/2, x/2) (Abramowitz & Stegun 26.4.19).
 *
 * Method: special/gamma.ts (series / Lentz continued fraction). The survival function is computed
 * directly, not as 1 − F, so small p-values keep their relative precision.
 *
 * Complexity: O(√k) in the worst case.
 * Example: chiSquareSf(3.841458820694124, 1) ≈ 0.05; chiSquareSf(10, 4) ≈ 0.04042768199451279.
 *
 * Low-level functions: k ≤ 0 or NaN gives NaN.
 */
import { regularizedGamma } from './special/gamma.ts';

/** P(χ²_k ≤ x). */
export function chiSquareCdf(x: number, k: number): number {
  if (Number.isNaN(x) || !(k > 0)) return Number.NaN;
  return regularizedGamma(k / 2, x / 2).p;
}

/** P(χ²_k > x), the p-value of a chi-square statistic x. */
export function chiSquareSf(x: number, k: number): number {
  if (Number.isNaN(x) || !(k > 0)) return Number.NaN;
  return regularizedGamma(k / 2, x / 2).q;
}
