import { describe as suite, expect, it } from 'vitest';
import { kruskalWallis, mannWhitney } from '../../src/stats/index.ts';
import { arr, expectClose, expectNoNonFinite, fixture } from './helpers.ts';

const ref = fixture('ranktests.json');
// Rank statistics are exact rational numbers; p adds the χ²/normal tail. 1e-9 relative against scipy.
const RTOL = 1e-9;

suite('kruskalWallis', () => {
  it.each(ref.kruskal as any[])('$name matches scipy.stats.kruskal', ({ groups, expected }) => {
    const r = kruskalWallis(groups.map(arr));
    expect(r.n).toBe(expected.n);
    expect(r.df).toBe(expected.df);
    expectClose(r.statistic, expected.statistic, RTOL, 0, 'H');
    expectClose(r.p, expected.p, RTOL, 0, 'p');
    expectClose(r.epsilonSquared, expected.epsilonSquared, RTOL, 0, 'ε²');
    expectNoNonFinite(r);
  });
  it('ignores empty groups and needs two non-empty ones', () => {
    const one = kruskalWallis([[1, 2, 3], [], arr([null])]);
    expect(one).toMatchObject({ groups: 1, statistic: null, p: null, df: null, epsilonSquared: null, n: 3 });
    expect(one.meanRanks).toEqual([2, null, null]);
    expect(kruskalWallis([])).toMatchObject({ n: 0, groups: 0, statistic: null });
  });
  it('returns null H when every value is tied', () => {
    const r = kruskalWallis([[3, 3], [3, 3, 3]]);
    expect(r).toMatchObject({ groups: 2, df: 1, statistic: null, p: null });
  });
  it('applies the tie correction on Likert data (hand check)', () => {
    // values 1,1,2 | 2,3,3: mid-ranks 1.5,1.5,3.5 | 3.5,5.5,5.5; R = 6.5, 14.5;
    // H₀ = 12/42·(6.5²/3 + 14.5²/3) − 21 = 3.047619…; C = 1 − 3·6/210; H = H₀/C = 3.555…
    const r = kruskalWallis([[1, 1, 2], [2, 3, 3]]);
    const h0 = (12 / 42) * ((6.5 ** 2 + 14.5 ** 2) / 3) - 21;
    expectClose(r.statistic, h0 / (1 - 18 / 210), 1e-13, 0, 'H');
  });
});

suite('mannWhitney', () => {
  it.each(ref.mannWhitney as any[])('$name matches scipy.stats.mannwhitneyu (asymptotic, continuity)', ({ a, b, expected }) => {
    const r = mannWhitney(arr(a), arr(b));
    expect([r.n1, r.n2]).toEqual([expected.n1, expected.n2]);
    expectClose(r.u, expected.u, 1e-12, 0, 'U');
    expectClose(r.p, expected.p, RTOL, 0, 'p');
    expectClose(r.rankBiserial, expected.rankBiserial, 1e-12, 1e-15, 'r');
    expectNoNonFinite(r);
  });
  it('signs z and r by which sample is larger', () => {
    const up = mannWhitney([5, 6, 7], [1, 2, 3]);
    const down = mannWhitney([1, 2, 3], [5, 6, 7]);
    expect(up.rankBiserial).toBe(1);
    expect(down.rankBiserial).toBe(-1);
    expect(up.z!).toBeGreaterThan(0);
    expect(down.z).toBe(-up.z!);
    expect(up.p).toBe(down.p);
  });
  it('returns nulls for an empty sample and for all ties', () => {
    expect(mannWhitney([], [1, 2])).toMatchObject({ n1: 0, n2: 2, u: null, p: null, rankBiserial: null });
    expect(mannWhitney(arr([null]), [1])).toMatchObject({ u: null });
    const tied = mannWhitney([2, 2], [2, 2, 2]);
    expect(tied).toMatchObject({ u: 3, rankBiserial: 0, z: null, p: null });
  });
  it('handles a single value in each sample', () => {
    const r = mannWhitney([1], [2]);
    // U₁ = 0, μ = ½, σ² = 1/12·3 = ¼; |U − μ| − ½ = 0 → z = 0, p = 1
    expect(r).toMatchObject({ u: 0, z: 0, p: 1, rankBiserial: -1 });
  });
});
