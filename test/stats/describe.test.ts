import { describe as suite, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { describe } from '../../src/stats/index.ts';
import { arr, expectClose, expectNoNonFinite, fixture } from './helpers.ts';

const ref = fixture('describe.json');
// Exact formulas: 1e-9 relative for sd, se and CI (they agree with numpy to ~1e-15; the CI adds the
// t quantile's ~1e-14); 1e-12 for mean, median, min, max. The 'large_offset' case (values 1e9 ± 1)
// checks the corrected two-pass mean and deviations: a one-pass Σx² formula would lose every digit.

suite('describe', () => {
  it.each(ref.cases as any[])('$name matches numpy/scipy', ({ x, expected }) => {
    const r = describe(arr(x));
    expect(r.n).toBe(expected.n);
    for (const k of ['mean', 'median', 'min', 'max'] as const) expectClose(r[k], expected[k], 1e-12, 0, k);
    for (const k of ['sd', 'se', 'ciLow', 'ciHigh'] as const) expectClose(r[k], expected[k], 1e-9, 0, k);
    expectNoNonFinite(r);
  });

  it('gives nulls for an empty or all-missing sample', () => {
    for (const x of [[], [Number.NaN, Number.NaN]]) {
      const r = describe(x);
      expect(r).toMatchObject({ n: 0, mean: null, sd: null, se: null, median: null, min: null, max: null, ciLow: null, ciHigh: null });
    }
  });

  it('gives the location but no spread for one value', () => {
    const r = describe([Number.NaN, 3.5]);
    expect(r).toMatchObject({ n: 1, mean: 3.5, median: 3.5, min: 3.5, max: 3.5, sd: null, se: null, ciLow: null, ciHigh: null });
  });

  it('collapses the interval for zero variance', () => {
    const r = describe(new Float64Array([4, 4, 4, 4]));
    expect(r).toMatchObject({ n: 4, mean: 4, sd: 0, se: 0, ciLow: 4, ciHigh: 4, median: 4 });
  });

  it('takes the mean of the two middle values for an even n and honours the level', () => {
    const r = describe([5, 1, 3, 2], 0.9);
    expect(r.median).toBe(2.5);
    expect(r.level).toBe(0.9);
    // 90 % CI with t_{0.95, 3} = 2.3533634348018264 (scipy.stats.t.ppf(0.95, 3)); 1e-9 relative
    const se = Math.sqrt(((1 - 2.75) ** 2 + (2 - 2.75) ** 2 + (3 - 2.75) ** 2 + (5 - 2.75) ** 2) / 3) / 2;
    expectClose(r.ciHigh, 2.75 + 2.3533634348018264 * se, 1e-9, 0, 'ciHigh');
  });

  it('rejects a confidence level outside (0, 1)', () => {
    expect(() => describe([1, 2], 1)).toThrow(DiagError);
  });
});

suite('infinite data values', () => {
  it('are programmer errors in every numeric statistic (missing is NaN)', async () => {
    const s = await import('../../src/stats/index.ts');
    const bad = [1, Infinity, 3];
    expect(() => s.describe(bad)).toThrow(DiagError);
    expect(() => s.svyMean(bad, s.svyDesign({ weights: [1, 1, 1] }))).toThrow(DiagError);
    expect(() => s.welchT(bad, [1, 2])).toThrow(DiagError);
    expect(() => s.mwds(bad, [1, 2, 3])).toThrow(DiagError);
    expect(() => s.cronbachAlpha([bad, [1, 2, 3]])).toThrow(DiagError);
  });
});
