/**
 * Allocating a sample of n units to strata: a real-valued target per stratum within bounds, then whole numbers by
 * the largest-remainder rule.
 *
 * Targets (`boundedShares`): x_h = min(U_h, max(L_h, λ·w_h)) with λ chosen so that Σ x_h = n. With L_h = 0 and
 * U_h = ∞ this is plain allocation proportional to the weights w_h (N_h for proportional, 1 for equal, N_h·S_h for
 * Neyman). A stratum whose share would exceed what it holds is taken whole (U_h = N_h) and the excess goes to the
 * other strata in proportion to their weights; a stratum below the minimum (L_h = 1 when n allows one per stratum)
 * is raised to it at the others' expense. This is the fixed point of the usual "cap, redistribute, repeat"
 * procedure, found exactly: f(λ) = Σ x_h(λ) is piecewise linear and non-decreasing, so we walk its breakpoints
 * (L_h/w_h and U_h/w_h) to the segment that reaches n and solve the linear equation there.
 * Strata of weight 0 stay at L_h; if the others cannot absorb n even when taken whole, the rest is shared among the
 * zero-weight strata by their fallback weights.
 *
 * Rounding (`largestRemainder`, Hamilton's method): every stratum gets ⌊x_h⌋, and the n − Σ⌊x_h⌋ units left over go
 * one each to the strata with the largest fractional parts x_h − ⌊x_h⌋; ties go to the larger stratum (larger U_h),
 * then to the earlier stratum in the given order. Because L_h and U_h are whole numbers and L_h ≤ x_h ≤ U_h, the
 * result stays within the bounds and sums to n exactly.
 */

const EPS = 1e-9;

export interface BoundedSharesInput {
  n: number;
  weights: readonly number[];
  /** L_h, whole numbers */
  lower: readonly number[];
  /** U_h, whole numbers, U_h ≥ L_h */
  upper: readonly number[];
  /** weights used for strata of weight 0 if the others cannot take n (default: upper) */
  fallbackWeights?: readonly number[];
}

/** Real-valued targets x_h = min(U_h, max(L_h, λ·w_h)) summing to n. Requires Σ L_h ≤ n ≤ Σ U_h. */
export function boundedShares({ n, weights, lower, upper, fallbackWeights = upper }: BoundedSharesInput): number[] {
  const H = weights.length;
  const lo = (h: number): number => lower[h] ?? 0;
  const hi = (h: number): number => upper[h] ?? 0;
  const w = (h: number): number => weights[h] ?? 0;
  const all = [...Array(H).keys()];
  const sumLo = all.reduce((s, h) => s + lo(h), 0);
  const sumHi = all.reduce((s, h) => s + hi(h), 0);
  if (n < sumLo - EPS || n > sumHi + EPS) throw new RangeError(`cannot place ${n} units within bounds summing to ${sumLo}…${sumHi}`);

  const positive = all.filter((h) => w(h) > 0);
  const zero = all.filter((h) => !(w(h) > 0));
  const reach = positive.reduce((s, h) => s + hi(h), 0) + zero.reduce((s, h) => s + lo(h), 0);
  if (n > reach + EPS) {
    // The weighted strata are taken whole; the zero-weight strata share the rest by their fallback weights.
    const rest = boundedShares({
      n: n - positive.reduce((s, h) => s + hi(h), 0),
      weights: zero.map((h) => fallbackWeights[h] ?? 1),
      lower: zero.map(lo),
      upper: zero.map(hi),
      fallbackWeights: zero.map(() => 1),
    });
    const x = all.map(hi);
    zero.forEach((h, i) => (x[h] = rest[i] ?? lo(h)));
    return x;
  }

  const at = (lambda: number): number[] => all.map((h) => Math.min(hi(h), Math.max(lo(h), lambda * w(h))));
  const total = (lambda: number): number => at(lambda).reduce((s, v) => s + v, 0);
  const breakpoints = [...new Set(positive.flatMap((h) => [lo(h) / w(h), hi(h) / w(h)]))].sort((a, b) => a - b);
  let prev = 0;
  for (const bp of breakpoints) {
    const f = total(bp);
    if (f >= n - EPS) {
      // On (prev, bp) the strata strictly between their bounds grow at rate w_h; everything else is constant.
      const mid = (prev + bp) / 2;
      const slope = positive.filter((h) => lo(h) < mid * w(h) && mid * w(h) < hi(h)).reduce((s, h) => s + w(h), 0);
      const lambda = Math.abs(f - n) <= EPS || slope === 0 ? bp : prev + (n - total(prev)) / slope;
      return at(lambda);
    }
    prev = bp;
  }
  return at(prev);
}

/**
 * Whole numbers from real targets by the largest-remainder rule (see the module comment). `upper` bounds the
 * result and breaks ties (larger first).
 */
export function largestRemainder(targets: readonly number[], n: number, upper: readonly number[]): number[] {
  const floors = targets.map((x) => Math.floor(x + EPS));
  let left = n - floors.reduce((s, v) => s + v, 0);
  const order = targets
    .map((x, h) => ({ h, r: Math.max(0, x - (floors[h] ?? 0)), cap: upper[h] ?? 0 }))
    .sort((a, b) => (Math.abs(b.r - a.r) > EPS ? b.r - a.r : b.cap !== a.cap ? b.cap - a.cap : a.h - b.h));
  for (const { h, cap } of order) {
    if (left <= 0) break;
    if ((floors[h] ?? 0) < cap) {
      floors[h] = (floors[h] ?? 0) + 1;
      left--;
    }
  }
  return floors;
}
