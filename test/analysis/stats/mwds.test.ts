import { describe as suite, expect, it } from 'vitest';
import { Rng } from '../../../src/util/rng.ts';
import { DiagError } from '../../../src/errors.ts';
import { areaMwds, areaMwdsBootstrapCI, chiSquareSf, lnGamma, mwds, mwdsBootstrapCI } from '../../../src/analysis/stats/index.ts';
import { binomial, multinomial } from '../../../src/analysis/stats/internal/binomial.ts';
import { arr, expectClose, fixture } from './helpers.ts';

const ref = fixture('mwds.json');

suite('mwds (Borich)', () => {
  it('reproduces the hand-worked example exactly', () => {
    const r = mwds(ref.hand.importance, ref.hand.level);
    expect(r).toEqual({ n: 4, meanImportance: 4.25, meanLevel: 3, meanDiscrepancy: 1.25, mwds: 5.3125 });
  });
  it('uses pairwise-complete respondents for both D̄ and Ī (1e-12 relative vs numpy)', () => {
    const { importance, level, expected } = ref.withMissing;
    const r = mwds(arr(importance), arr(level));
    expect(r.n).toBe(expected.n);
    for (const k of ['meanImportance', 'meanLevel', 'meanDiscrepancy', 'mwds'] as const) expectClose(r[k], expected[k], 1e-12, 0, k);
  });
  it('averages item MWDS for an area', () => {
    const items = (ref.area.items as any[]).map((it) => ({ importance: arr(it.importance), level: arr(it.level) }));
    const r = areaMwds(items);
    expect(r.itemsUsed).toBe(4);
    expectClose(r.mwds, ref.area.expectedArea, 1e-12, 0, 'area');
    r.items.forEach((it, j) => expectClose(it.mwds, ref.area.expectedItems[j].mwds, 1e-12, 0, `item ${j}`));
  });
  it('returns nulls without respondents and skips such items in an area', () => {
    expect(mwds(arr([5, null]), arr([null, 3]))).toEqual({ n: 0, meanImportance: null, meanLevel: null, meanDiscrepancy: null, mwds: null });
    const r = areaMwds([{ importance: [5, 4], level: [3, 4] }, { importance: arr([null, null]), level: [1, 2] }]);
    expect(r).toMatchObject({ itemsUsed: 1, mwds: 4.5 }); // D̄ = 1, Ī = 4.5
    expect(areaMwds([]).mwds).toBeNull();
    expect(() => mwds([1, 2], [1])).toThrow(DiagError);
  });
  it('is negative when competence exceeds importance', () => {
    expect(mwds([2, 3], [4, 4]).mwds).toBe(-1.5 * 2.5);
  });
});

/** Likert ratings with a built-in discrepancy, from the toolkit's own generator. */
function ratings(n: number, seed: string, pMissing = 0): { importance: Float64Array; level: Float64Array } {
  const rng = new Rng(seed);
  const importance = new Float64Array(n);
  const level = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const imp = 3 + rng.int(3);
    importance[i] = rng.chance(pMissing) ? Number.NaN : imp;
    level[i] = rng.chance(pMissing) ? Number.NaN : Math.max(1, imp - rng.int(3));
  }
  return { importance, level };
}

/** Delta-method SE of D̄·Ī (first-order Taylor expansion of the product of two means). */
function deltaSe(I: Float64Array, C: Float64Array): number {
  let n = 0, sd = 0, si = 0;
  for (let r = 0; r < I.length; r++) if (!Number.isNaN(I[r]!) && !Number.isNaN(C[r]!)) { n++; sd += I[r]! - C[r]!; si += I[r]!; }
  const md = sd / n, mi = si / n;
  let vdd = 0, vii = 0, vdi = 0;
  for (let r = 0; r < I.length; r++) {
    if (Number.isNaN(I[r]!) || Number.isNaN(C[r]!)) continue;
    const d = I[r]! - C[r]! - md, i = I[r]! - mi;
    vdd += d * d; vii += i * i; vdi += d * i;
  }
  return Math.sqrt((mi * mi * vdd + md * md * vii + 2 * md * mi * vdi) / n / n);
}

suite('mwdsBootstrapCI', () => {
  const { importance, level } = ratings(2000, 'boot', 0.05);

  it('is reproducible for a seed and changes with the seed', () => {
    const a = mwdsBootstrapCI(importance, level, { seed: 7, replicates: 500 });
    const b = mwdsBootstrapCI(importance, level, { seed: 7, replicates: 500 });
    const c = mwdsBootstrapCI(importance, level, { seed: 8, replicates: 500 });
    expect(a).toEqual(b);
    expect(c.ciLow).not.toBe(a.ciLow);
    expect(a.method).toBe('patterns');
  });

  it('brackets the estimate and has the delta-method spread (statistical check, 10 %)', () => {
    const r = mwdsBootstrapCI(importance, level, { seed: 'se', replicates: 4000 });
    expect(r.estimate).toBe(mwds(importance, level).mwds);
    expect(r.ciLow!).toBeLessThan(r.estimate!);
    expect(r.ciHigh!).toBeGreaterThan(r.estimate!);
    // With n ≈ 1800 the bootstrap SD estimates the delta-method SE; B = 4000 gives ~1–2 % Monte Carlo error.
    expectClose(r.se, deltaSe(importance, level), 0.1, 0, 'bootstrap se');
    // and the percentile interval is close to ±1.96 se for this nearly normal statistic
    expectClose(r.ciHigh! - r.ciLow!, 2 * 1.959964 * r.se!, 0.1, 0, 'width');
  });

  it('resamples rows one by one for continuous scores, with the same spread', () => {
    const rng = new Rng('cont');
    const I = Float64Array.from({ length: 1500 }, () => 3 + rng.next() * 2);
    const C = Float64Array.from(I, (v) => v - rng.next() * 1.5);
    const r = mwdsBootstrapCI(I, C, { seed: 3, replicates: 3000 });
    expect(r.method).toBe('rows');
    expectClose(r.se, deltaSe(I, C), 0.1, 0, 'bootstrap se');
  });

  it('handles tiny samples by the small-sample policy', () => {
    expect(mwdsBootstrapCI([], [], { seed: 1 })).toMatchObject({ n: 0, estimate: null, ciLow: null, se: null });
    expect(mwdsBootstrapCI([5, Number.NaN], [3, 2], { seed: 1 })).toMatchObject({ n: 1, estimate: 10, ciLow: null, se: null });
    const constant = mwdsBootstrapCI([4, 4, 4], [2, 2, 2], { seed: 1, replicates: 50 });
    expect(constant).toMatchObject({ estimate: 8, ciLow: 8, ciHigh: 8, se: 0 });
  });

  it('rejects invalid options', () => {
    expect(() => mwdsBootstrapCI([1], [1], { seed: 1, replicates: 1 })).toThrow(DiagError);
    expect(() => mwdsBootstrapCI([1], [1], { seed: 1, confidence: 95 })).toThrow(DiagError);
    expect(() => mwdsBootstrapCI([1], [1], { seed: 1, method: 'jackknife' as 'auto' })).toThrow(DiagError);
  });
});

suite('areaMwdsBootstrapCI', () => {
  const items = [ratings(800, 'a1', 0.05), ratings(800, 'a2', 0.05), ratings(800, 'a3', 0.2)];

  it('centres on the area MWDS and is reproducible', () => {
    const r = areaMwdsBootstrapCI(items, { seed: 11, replicates: 1000 });
    expect(r.estimate).toBe(areaMwds(items).mwds);
    expect(r.ciLow!).toBeLessThan(r.estimate!);
    expect(r.ciHigh!).toBeGreaterThan(r.estimate!);
    expect(areaMwdsBootstrapCI(items, { seed: 11, replicates: 1000 })).toEqual(r);
  });

  it('equals the item interval for a one-item area', () => {
    const one = items[0]!;
    expect(areaMwdsBootstrapCI([one], { seed: 5, replicates: 300 })).toEqual(mwdsBootstrapCI(one.importance, one.level, { seed: 5, replicates: 300 }));
  });

  it('keeps the positive correlation between items answered by the same people', () => {
    // Two copies of one item: joint resampling gives the item's SE; independent items would give SE/√2.
    const one = items[0]!;
    const joint = areaMwdsBootstrapCI([one, one], { seed: 9, replicates: 3000 });
    const single = mwdsBootstrapCI(one.importance, one.level, { seed: 9, replicates: 3000 });
    expectClose(joint.se, single.se, 0.1, 0, 'se of duplicated item');
  });

  it('normal approximation agrees with exact resampling for a large area (statistical check, 10 %)', () => {
    const big = [ratings(3000, 'b1', 0.05), ratings(3000, 'b2', 0.05), ratings(3000, 'b3', 0.05), ratings(3000, 'b4', 0.05)];
    const exact = areaMwdsBootstrapCI(big, { seed: 2, replicates: 2000, method: 'resample' });
    const normal = areaMwdsBootstrapCI(big, { seed: 2, replicates: 2000, method: 'normal' });
    const auto = areaMwdsBootstrapCI(big, { seed: 2, replicates: 2000 });
    expect(exact.method).toBe('rows');
    expect(normal.method).toBe('normal');
    expect(auto.method).toBe('normal'); // 2000 × ~3000 units × 4 items > 2·10⁷
    // Monte Carlo error of a bootstrap SD with B = 2000 is ~1.6 %; of a 2.5 % quantile a few % of se.
    expectClose(normal.se, exact.se, 0.1, 0, 'se');
    expectClose(normal.ciLow, exact.ciLow, 0, 0.25 * exact.se!, 'ciLow');
    expectClose(normal.ciHigh, exact.ciHigh, 0, 0.25 * exact.se!, 'ciHigh');
    expect(normal.estimate).toBe(exact.estimate);
  });

  it('rejects an empty area', () => {
    expect(() => areaMwdsBootstrapCI([], { seed: 1 })).toThrow(DiagError);
  });
});

suite('binomial and multinomial sampler', () => {
  const lnChoose = (n: number, k: number) => lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);

  it.each([
    [7, 0.3],
    [1000, 0.3],
    [50, 0.9],
    [100000, 0.0004],
    [100000, 0.5],
  ])('Binomial(%i, %f) passes a chi-square goodness-of-fit test', (n, p) => {
    const rng = new Rng(`binom-${n}-${p}`);
    const draws = 40000;
    const counts = new Map<number, number>();
    let sum = 0;
    let invalid = 0;
    for (let t = 0; t < draws; t++) {
      const x = binomial(rng, n, p);
      if (!(Number.isInteger(x) && x >= 0 && x <= n)) invalid++;
      counts.set(x, (counts.get(x) ?? 0) + 1);
      sum += x;
    }
    expect(invalid).toBe(0);
    // mean within 5 standard errors
    expect(Math.abs(sum / draws - n * p)).toBeLessThan(5 * Math.sqrt((n * p * (1 - p)) / draws));
    // Pearson X² over cells with expected ≥ 5 (tails pooled); fixed seed, so deterministic.
    const mode = Math.floor((n + 1) * p);
    const pmf = (k: number) => Math.exp(lnChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
    let lo = mode, hi = mode;
    while (lo > 0 && pmf(lo - 1) * draws >= 5) lo--;
    while (hi < n && pmf(hi + 1) * draws >= 5) hi++;
    let x2 = 0, cells = 0, pIn = 0, obsIn = 0;
    for (let k = lo; k <= hi; k++) {
      const e = pmf(k) * draws;
      const o = counts.get(k) ?? 0;
      x2 += (o - e) ** 2 / e;
      pIn += pmf(k);
      obsIn += o;
      cells++;
    }
    const eOut = (1 - pIn) * draws;
    if (eOut >= 5) {
      x2 += (draws - obsIn - eOut) ** 2 / eOut;
      cells++;
    }
    expect(chiSquareSf(x2, cells - 1)).toBeGreaterThan(1e-3);
  });

  it('multinomial counts add up to n and follow the cell shares', () => {
    const rng = new Rng('multi');
    const cells = [5, 0, 20, 75];
    const out = new Float64Array(4);
    const totals = [0, 0, 0, 0];
    for (let t = 0; t < 2000; t++) {
      multinomial(rng, 1000, cells, out);
      expect(out.reduce((a, b) => a + b, 0)).toBe(1000);
      out.forEach((v, j) => (totals[j]! += v));
    }
    expect(totals[1]).toBe(0);
    totals.forEach((t, j) => expectClose(t / 2e6, cells[j]! / 100, 0.01, 0, `share ${j}`));
  });
});
