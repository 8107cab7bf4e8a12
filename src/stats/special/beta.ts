/**
 * ln B(a, b) and the regularized incomplete beta function I_x(a, b).
 *
 * Definitions: B(a, b) = Γ(a) Γ(b) / Γ(a + b); I_x(a, b) = (1/B(a, b)) ∫₀ˣ t^(a−1) (1−t)^(b−1) dt.
 *
 * Method: the continued fraction of Numerical Recipes (Press et al., 3rd ed., §6.4, eq. 6.4.5),
 * evaluated with the modified Lentz algorithm, applied directly when x < (a+1)/(a+b+2) and to
 * 1 − I_y(b, a) otherwise, where it converges fastest. Following TOMS 708 (Didonato & Morris 1992,
 * "bratio"), the caller may pass y = 1 − x computed separately, so that x close to 1 keeps full
 * relative precision in its complement (this is what makes Student t tails accurate).
 * ln B(a, b) for a large argument uses Stirling's formula with the difference
 * ln Γ(q) − ln Γ(p + q) = −(p + q − ½) ln(1 + p/q) − p ln q + p + δ(q) − δ(p + q)
 * (cf. TOMS 708 "algdiv"), so no two numbers of size q ln q are subtracted.
 *
 * For a ≥ 100 with b ≤ 1 (or the mirror case) — Student t with ν ≥ 200 — the asymptotic expansion
 * of Didonato & Morris (TOMS 708 "bgrat") replaces the fraction, whose O(√a) terms would accumulate
 * rounding error (2e-11 relative at ν = 5·10⁶, 7e-6 at ν = 10¹¹; with the expansion ~1e-14).
 *
 * Complexity: O(√max(a, b)) continued-fraction terms in the worst case; ≤ 30 terms for the expansion.
 * Example: betaInc(2, 3, 0.4) = 0.5248 (= 1 − 0.6⁴ − 4·0.4·0.6³).
 */
import { gammaQOverPrefactor, lnGamma, stirlingCorrection } from './gamma.ts';

const EPS = Number.EPSILON; // 2.22e-16: a continued-fraction factor within one ulp of 1 ends the loop
const TINY = 1e-300;
const MAX_ITER = 100_000;
/** Above this parameter value (with the other ≤ 1) the asymptotic expansion replaces the fraction. */
const LARGE = 100;

/** ln Γ(q) − ln Γ(p + q) for q ≥ 10, p > 0, by Stirling's formula without cancellation. */
function lnGammaRatio(p: number, q: number): number {
  return -(p + q - 0.5) * Math.log1p(p / q) - p * Math.log(q) + p + stirlingCorrection(q) - stirlingCorrection(p + q);
}

/** ln B(a, b) for a, b > 0. */
export function lnBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (!(p > 0)) return Number.NaN;
  if (q < 10) return lnGamma(p) + lnGamma(q) - lnGamma(p + q);
  return lnGamma(p) + lnGammaRatio(p, q);
}

/**
 * I_x(a, b) for large a and b ≤ 1 by the asymptotic expansion of Didonato & Morris (1992, §9;
 * TOMS 708 "bgrat", after Temme): with T = a + (b − 1)/2 and u = −T ln x,
 * I_x(a, b) = M Σ_n d_n J_n(b, u), M = u^b e^(−u) Γ(a+b) / (Γ(b) Γ(a) T^b), J_0 = Q(b, u) Γ(b) e^u / u^b,
 * and J_n, d_n from the recurrences of D&M (9.3)–(9.6). The continued fraction needs O(√a) terms
 * for large a and loses ~√a·ε to rounding; this expansion needs at most 30.
 */
function betaIncLargeA(a: number, b: number, x: number, y: number): number {
  const bm1 = b - 1;
  const nu = a + bm1 / 2;
  const lnX = y > 0.375 ? Math.log(x) : Math.log1p(-y);
  const z = -nu * lnX;
  if (!(z > 0)) return Number.NaN;
  const logR = -lnGamma(b) + b * Math.log(z) - z;
  const logU = logR - (lnGammaRatio(b, a) + b * Math.log(nu));
  const v = 0.25 / (nu * nu);
  const t2 = 0.25 * lnX * lnX;
  let j = gammaQOverPrefactor(b, z);
  let sum = j;
  let t = 1;
  let cn = 1;
  let n2 = 0;
  const c = new Float64Array(30);
  const d = new Float64Array(30);
  for (let n = 1; n <= 30; n++) {
    const bp2n = b + n2;
    j = (bp2n * (bp2n + 1) * j + (z + bp2n + 1) * t) * v;
    n2 += 2;
    t *= t2;
    cn /= n2 * (n2 + 1);
    c[n - 1] = cn;
    let s = 0;
    let coef = b - n;
    for (let i = 1; i <= n - 1; i++) {
      s += coef * c[i - 1]! * d[n - 1 - i]!;
      coef += b;
    }
    d[n - 1] = bm1 * cn + s / n;
    const dj = d[n - 1]! * j;
    sum += dj;
    if (Math.abs(dj) <= EPS * sum) break;
  }
  return Math.exp(logU + Math.log(sum));
}

/** The continued fraction of I_x(a, b) · a · B(a, b) / (x^a (1−x)^b); modified Lentz. */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    // even step: d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m))
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // odd step: d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) break;
  }
  return h;
}

/**
 * I_x(a, b). `y` must equal 1 − x; pass it when it is known more precisely than 1 − x
 * (e.g. x = ν/(ν+t²), y = t²/(ν+t²)).
 */
export function betaInc(a: number, b: number, x: number, y: number = 1 - x): number {
  if (!(a > 0) || !(b > 0) || Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  // Large a with small b (the Student t case for large ν): asymptotic expansion, not the fraction.
  if (a >= LARGE && b <= 1) return Math.min(1, betaIncLargeA(a, b, x, y));
  if (b >= LARGE && a <= 1) return Math.max(0, 1 - betaIncLargeA(b, a, y, x));
  const lnX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const lnY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  const lnFront = a * lnX + b * lnY - lnBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return Math.min(1, (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a);
  }
  return Math.max(0, 1 - (Math.exp(lnFront) * betaContinuedFraction(b, a, y)) / b);
}
