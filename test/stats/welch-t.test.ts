import { describe as suite, expect, it } from 'vitest';
import { welchT } from '../../src/stats/index.ts';
import { arr, expectClose, expectNoNonFinite, fixture } from './helpers.ts';

const ref = fixture('welch.json');
// Closed-form t, df and d; p and CI go through the t distribution (~1e-14). 1e-9 relative.
suite('welchT', () => {
  it.each(ref.cases as any[])('$name matches scipy ttest_ind(equal_var=False)', ({ a, b, expected }) => {
    const r = welchT(arr(a), arr(b));
    for (const k of ['statistic', 'df', 'p', 'ciLow', 'ciHigh', 'difference', 'cohensD', 'hedgesG'] as const) {
      expectClose(r[k], expected[k], 1e-9, 0, k);
    }
    expectNoNonFinite(r);
  });
  it('Hedges’ J matches the approximation 1 − 3/(4m − 1) closely for moderate m', () => {
    const r = welchT([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const m = 18;
    // the approximation's error is O(m⁻²) ≈ 1e-4 relative here
    expectClose(r.hedgesG! / r.cohensD!, 1 - 3 / (4 * m - 1), 2e-4, 0, 'J');
  });
  it('gives only means with fewer than two values in a sample', () => {
    expect(welchT([1], [2, 3])).toMatchObject({ n1: 1, n2: 2, mean1: 1, mean2: 2.5, difference: -1.5, statistic: null, p: null, hedgesG: null });
    expect(welchT([], arr([null]))).toMatchObject({ n1: 0, n2: 0, mean1: null, mean2: null, difference: null });
  });
  it('returns null t when both samples are constant, and null d with zero pooled SD', () => {
    const r = welchT([2, 2, 2], [3, 3]);
    expect(r).toMatchObject({ difference: -1, statistic: null, df: null, p: null, ciLow: null, cohensD: null, hedgesG: null });
  });
  it('keeps t defined when one sample is constant', () => {
    const r = welchT([2, 2, 2], [3, 4, 5]);
    // v₁ = 0 ⇒ t = (2 − 4)/√(1/3), ν = n₂ − 1 = 2
    expectClose(r.statistic, -2 / Math.sqrt(1 / 3), 1e-14, 0, 't');
    expectClose(r.df, 2, 1e-14, 0, 'df');
  });
});
