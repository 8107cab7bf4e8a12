/**
 * The count- and moment-based entry points give exactly what the array-based tests give (same formulas,
 * shared code): checked on random 1–5 ratings with ties, to 1e-12 relative.
 */
import { describe as suite, expect, it } from 'vitest';
import { describe, kruskalWallis, kruskalWallisFromCounts, mannWhitney, mannWhitneyFromCounts, moments, welchFromMoments, welchT } from '../../src/stats/index.ts';
import { Rng } from '../../src/util/rng.ts';

const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)));
const ratings = (rng: Rng, n: number, shift: number) => Float64Array.from({ length: n }, () => Math.min(5, Math.max(1, Math.round(3 + shift + rng.normal(0, 1)))));
const countsOf = (x: Float64Array) => {
  const c = [0, 0, 0, 0, 0];
  for (const v of x) c[v - 1]!++;
  return c;
};

suite('tests from frequency tables and moments', () => {
  it.each([1, 2, 3, 4, 5])('Kruskal–Wallis and Mann–Whitney from counts equal the raw-value tests (seed %i)', (seed) => {
    const rng = new Rng(seed);
    const groups = [ratings(rng, 40 + seed * 7, 0), ratings(rng, 25 + seed, 0.3), ratings(rng, 60, -0.2)];
    const a = kruskalWallis(groups);
    const b = kruskalWallisFromCounts(groups.map(countsOf));
    for (const k of ['statistic', 'df', 'p', 'epsilonSquared'] as const) expect(close(a[k], b[k]), k).toBe(true);
    const m1 = mannWhitney(groups[0]!, groups[1]!);
    const m2 = mannWhitneyFromCounts(countsOf(groups[0]!), countsOf(groups[1]!));
    for (const k of ['u', 'z', 'p', 'rankBiserial'] as const) expect(close(m1[k], m2[k]), k).toBe(true);
  });

  it('Welch from moments equals Welch on the arrays', () => {
    const rng = new Rng('w');
    const a = Float64Array.from({ length: 37 }, () => rng.normal(3, 0.8));
    const b = Float64Array.from({ length: 51 }, () => rng.normal(3.3, 1.1));
    const x = welchT(a, b);
    const y = welchFromMoments(moments(a), moments(b));
    for (const k of ['statistic', 'df', 'p', 'ciLow', 'ciHigh', 'hedgesG'] as const) expect(close(x[k], y[k]), k).toBe(true);
  });

  it('describe with a scratch buffer equals describe without one', () => {
    const x = Float64Array.from([3, NaN, 1, 4, 1, 5, 9, 2, 6]);
    expect(describe(Float64Array.from(x), 0.95, Float64Array.from(x))).toEqual(describe(x));
  });
});
