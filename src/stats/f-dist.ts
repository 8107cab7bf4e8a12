/**
 * The upper tail of Fisher's F distribution with d₁, d₂ > 0 degrees of freedom (neither need be an
 * integer: the Rao–Scott test's are not).
 *
 * Definition: P(F > f) = I_x(d₂/2, d₁/2) with x = d₂/(d₂ + d₁ f) (Abramowitz & Stegun 26.6.2), computed by
 * the incomplete beta of special/beta.ts with its complement 1 − x = d₁f/(d₂ + d₁f) passed separately, so
 * that small tails keep their relative precision. Same as R's pf(f, d1, d2, lower.tail = FALSE).
 * Example: fSf(1.5, 2, 10) = 0.269329074342904 (R).
 * Low-level function: invalid arguments give NaN.
 */
import { betaInc } from './special/beta.ts';

export function fSf(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return Number.NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const denom = d2 + d1 * f;
  return betaInc(d2 / 2, d1 / 2, d2 / denom, (d1 * f) / denom);
}
