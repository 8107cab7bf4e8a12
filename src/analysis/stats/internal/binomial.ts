/**
 * Exact binomial and multinomial variates from the toolkit's seeded Rng, used to resample
 * respondents in the bootstrap without drawing them one by one.
 *
 * - n·p < 10: inversion by waiting times — count geometric(p) gaps ⌈ln U / ln(1−p)⌉ until their sum
 *   exceeds n (Devroye 1986, "Non-Uniform Random Variate Generation", §X.4.3); O(np) expected.
 * - otherwise BTRS, Hörmann's transformed rejection with squeeze (Hörmann 1993, "The generation of
 *   binomial random variates", J. Stat. Comput. Simul. 46:101–110), with the exact acceptance test
 *   written with Stirling's tail fc(k) = ln k! − [(k+½) ln(k+1) − (k+1) + ½ ln 2π]; O(1) expected.
 * - p > ½ by symmetry: n − Binomial(n, 1 − p).
 * Multinomial(n; π₁ … π_K) by conditional binomials: X₁ ~ Bin(n, π₁), X₂ ~ Bin(n − X₁, π₂/(1 − π₁)), …
 * (Devroye 1986, §XI.1), O(K) binomials.
 *
 * Drawing multinomial counts over the distinct response patterns is the same distribution as drawing
 * n respondents with replacement and counting how often each pattern is drawn.
 */
import type { Rng } from '../../../util/rng.ts';

const LN_SQRT_2PI = 0.91893853320467274178;

/** fc(k) for k = 0 … 9 from exact log-factorials; Stirling's series beyond. */
const FC_TABLE = (() => {
  const t = new Float64Array(10);
  let lnFact = 0;
  for (let k = 0; k < 10; k++) {
    if (k > 0) lnFact += Math.log(k);
    t[k] = lnFact - ((k + 0.5) * Math.log(k + 1) - (k + 1) + LN_SQRT_2PI);
  }
  return t;
})();

function fc(k: number): number {
  if (k < 10) return FC_TABLE[k]!;
  const r = 1 / (k + 1);
  const r2 = r * r;
  return (1 / 12 - (1 / 360 - r2 / 1260) * r2) * r;
}

/** A uniform on (0, 1], so that its logarithm is finite. */
function positiveUniform(rng: Rng): number {
  return 1 - rng.next();
}

function inversion(rng: Rng, n: number, p: number): number {
  const lnQ = Math.log1p(-p);
  let sum = 0;
  let k = 0;
  for (;;) {
    sum += Math.max(1, Math.ceil(Math.log(positiveUniform(rng)) / lnQ)); // geometric gap ≥ 1
    if (sum > n) return k;
    k++;
  }
}

function btrs(rng: Rng, n: number, p: number): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const r = p / (1 - p);
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * p);
  for (;;) {
    const u = rng.next() - 0.5;
    let v = positiveUniform(rng);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    // inside the tight box the proposal is accepted outright (squeeze)
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || k > n) continue;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    const bound = (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1)))
      + (n + 1) * Math.log((n - m + 1) / (n - k + 1))
      + (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1))
      + fc(m) + fc(n - m) - fc(k) - fc(n - k);
    if (v <= bound) return k;
  }
}

/** One Binomial(n, p) variate; n a non-negative integer, 0 ≤ p ≤ 1. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  return n * p < 10 ? inversion(rng, n, p) : btrs(rng, n, p);
}

/**
 * Multinomial counts: `out[j]` ~ number of the n draws falling in cell j, where cell j has integer
 * weight `cellCounts[j]` (probability cellCounts[j] / Σ cellCounts).
 */
export function multinomial(rng: Rng, n: number, cellCounts: ArrayLike<number>, out: Float64Array): void {
  let remainingDraws = n;
  let remainingMass = 0;
  for (let j = 0; j < cellCounts.length; j++) remainingMass += cellCounts[j]!;
  for (let j = 0; j < cellCounts.length; j++) {
    const cj = cellCounts[j]!;
    if (remainingDraws === 0 || cj >= remainingMass) {
      out[j] = remainingDraws;
      remainingDraws = 0;
    } else {
      const x = binomial(rng, remainingDraws, cj / remainingMass);
      out[j] = x;
      remainingDraws -= x;
    }
    remainingMass -= cj;
  }
}
