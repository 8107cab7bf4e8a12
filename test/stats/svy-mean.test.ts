import { describe as suite, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { svyDesign, svyMean, svyProportions } from '../../src/stats/index.ts';
import { arr, expectClose, expectNoNonFinite, fixture } from './helpers.ts';

const ref = fixture('svymean.json');
// Exact formulas (no iteration): 1e-9 relative against the independent numpy implementation.
const RTOL = 1e-9;

suite('svyMean (stratified cluster design, Taylor linearisation)', () => {
  it.each(ref.cases as any[])('$name matches the textbook formula', ({ y, w, cluster, stratum, expected }) => {
    const design = svyDesign({ weights: w, cluster, stratum });
    const r = svyMean(arr(y), design);
    expect(r.n).toBe(expected.n);
    expect(r.df).toBe(expected.df);
    for (const k of ['sumWeights', 'mean', 'se', 'ciLow', 'ciHigh', 'deff', 'deffReplace', 'nEff'] as const) {
      expectClose(r[k], expected[k], RTOL, 0, k);
    }
    expectNoNonFinite(r);
  });

  it('reproduces the hand-worked case exactly (v = 520/1296, one lonely stratum)', () => {
    const design = svyDesign({ weights: [1, 1, 2, 2], cluster: [1, 1, 2, 3], stratum: ['a', 'a', 'a', 'b'] });
    expect(design.lonelyStrata).toBe(1);
    const r = svyMean([1, 2, 3, 4], design);
    expectClose(r.mean, 17 / 6, 1e-15, 0, 'mean');
    expectClose(r.se, Math.sqrt(520 / 1296), 1e-14, 0, 'se');
    expect(r.lonelyStrata).toBe(1);
    // normal quantile, as R's confint(svymean(...)): 1.959963984540054
    expectClose(r.ciHigh, 17 / 6 + 1.959963984540054 * Math.sqrt(520 / 1296), 1e-14, 0, 'ciHigh');
    // Σw = 6 > nobs = 4, so R's deff = TRUE is defined
    expect(r.deff).not.toBeNull();
  });

  it('gives a design-free weighted mean the SRS-with-replacement variance', () => {
    // Equal weights, no clusters, no strata: v = n/(n−1) Σ(z − z̄)² = s²/n exactly, so deffReplace = 1.
    const y = [2, 4, 4, 5, 7, 1, 3];
    const r = svyMean(y, svyDesign({ weights: new Float64Array(7).fill(3) }));
    const m = y.reduce((a, b) => a + b) / 7;
    const s2 = y.reduce((a, v) => a + (v - m) ** 2, 0) / 6;
    expectClose(r.se, Math.sqrt(s2 / 7), 1e-13, 0, 'se');
    expectClose(r.deffReplace, 1, 1e-13, 0, 'deffReplace');
    expect(r.df).toBe(6);
  });

  it('returns nulls for an all-missing item and for zero total weight', () => {
    const design = svyDesign({ weights: [1, 2, 3], cluster: ['x', 'y', 'z'] });
    const none = svyMean([Number.NaN, Number.NaN, Number.NaN], design);
    expect(none).toMatchObject({ n: 0, mean: null, se: null, ciLow: null, df: null, deff: null });
    const zero = svyMean([1, 2, 3], svyDesign({ weights: [0, 0, 0] }));
    expect(zero).toMatchObject({ n: 3, sumWeights: 0, mean: null, se: null });
  });

  it('gives a mean but no standard error for one observation or one PSU', () => {
    const one = svyMean([Number.NaN, 4, Number.NaN], svyDesign({ weights: [1, 2, 3] }));
    expect(one).toMatchObject({ n: 1, mean: 4, se: null, ciLow: null, deff: null });
    const onePsu = svyMean([1, 2, 3], svyDesign({ weights: [1, 1, 1], cluster: [7, 7, 7] }));
    expect(onePsu).toMatchObject({ n: 3, mean: 2, se: null, df: 0 });
    // many PSUs in the design, but the item was answered in one only
    const design = svyDesign({ weights: [1, 1, 1, 1], cluster: [1, 1, 2, 3] });
    expect(svyMean(arr([4, 5, null, null]), design)).toMatchObject({ n: 2, mean: 4.5, se: null, df: 0 });
  });

  it('has zero standard error and null deff for a constant variable', () => {
    const r = svyMean([3, 3, 3, 3], svyDesign({ weights: [1, 2, 1, 2], cluster: [1, 1, 2, 2] }));
    expect(r.mean).toBe(3);
    expect(r.se).toBe(0);
    expect(r.deff).toBeNull();
    expect(r.deffReplace).toBeNull();
  });

  it('returns null deff when the weights do not add up to more than the sample (R: NA)', () => {
    const r = svyMean([1, 2, 3, 5], svyDesign({ weights: [0.5, 0.5, 1, 1] }));
    expect(r.deff).toBeNull();
    expect(r.deffReplace).not.toBeNull();
  });

  it('estimates proportions as means of indicators', () => {
    const codes = arr([0, 1, 1, null, 2, 1]);
    const design = svyDesign({ weights: [1, 2, 1, 5, 1, 1], stratum: [0, 0, 0, 1, 1, 1] });
    const props = svyProportions(codes, 3, design);
    expect(props).toHaveLength(3);
    expectClose(props[1]!.mean, 4 / 6, 1e-15, 0, 'P(1)');
    expectClose(props.reduce((s, p) => s + (p.mean ?? 0), 0), 1, 1e-15, 0, 'sum');
    const indicator = arr([0, 1, 1, null, 0, 1]);
    expect(props[1]).toEqual(svyMean(indicator, design));
  });

  it('rejects programmer errors', () => {
    expect(() => svyDesign({ weights: [1, 2], cluster: [1] })).toThrow(DiagError);
    expect(() => svyDesign({ weights: [1, Number.NaN] })).toThrow(/weights/);
    expect(() => svyDesign({ weights: [1, -1] })).toThrow(DiagError);
    expect(() => svyDesign({ weights: [1, 1], stratum: ['a', null as unknown as string] })).toThrow(/missing/);
    // cluster 1 in two strata: not nested, unless nest is requested
    expect(() => svyDesign({ weights: [1, 1, 1], cluster: [1, 1, 2], stratum: ['a', 'b', 'b'] })).toThrow(/nested/);
    const nested = svyDesign({ weights: [1, 1, 1], cluster: [1, 1, 2], stratum: ['a', 'b', 'b'], nest: true });
    expect(nested.nPsu).toBe(3);
    expect(() => svyMean([1, 2], svyDesign({ weights: [1, 1, 1] }))).toThrow(DiagError);
    expect(() => svyProportions([0, 3, 1], 3, svyDesign({ weights: [1, 1, 1] }))).toThrow(/code/);
  });
});

suite('svyMean on a domain given by rows', () => {
  it('equals svyMean with y set to NaN outside the domain (to 1e-12 relative)', () => {
    const n = 400;
    const rnd = (i: number) => ((Math.sin(i * 12.9898) * 43758.5453) % 1 + 1) % 1;
    const y = Float64Array.from({ length: n }, (_, i) => (rnd(i) < 0.05 ? NaN : 1 + Math.floor(rnd(i + 1000) * 5)));
    const design = svyDesign({
      weights: Float64Array.from({ length: n }, (_, i) => 0.5 + rnd(i + 2000) * 3),
      cluster: Array.from({ length: n }, (_, i) => Math.floor(i / 4)),
      stratum: Array.from({ length: n }, (_, i) => Math.floor(i / 80)),
    });
    const rows = Int32Array.from(Array.from({ length: n }, (_, i) => i).filter((i) => rnd(i + 3000) < 0.3));
    const masked = Float64Array.from(y, (v, i) => (rows.includes(i) ? v : NaN));
    const a = svyMean(masked, design);
    const b = svyMean(y, design, 0.95, rows);
    for (const key of ['n', 'mean', 'se', 'ciLow', 'ciHigh', 'df', 'deff', 'deffReplace', 'nEff'] as const) {
      const x = a[key] as number;
      const z = b[key] as number;
      expect(Math.abs(x - z) <= 1e-12 * Math.max(1, Math.abs(x)), key).toBe(true);
    }
  });
});
