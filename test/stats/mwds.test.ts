import { describe as suite, expect, it } from 'vitest';
import { Rng } from '../../src/util/rng.ts';
import { DiagError } from '../../src/errors.ts';
import { mwds, weightedMwds } from '../../src/stats/index.ts';
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
  it.each((ref.items as any[]).map((x, j) => ({ ...x, j })))('item $j with missing ratings (1e-12 relative vs numpy)', ({ importance, level, expected }) => {
    const r = mwds(arr(importance), arr(level));
    expect(r.n).toBe(expected.n);
    for (const k of ['meanImportance', 'meanLevel', 'meanDiscrepancy', 'mwds'] as const) expectClose(r[k], expected[k], 1e-12, 0, k);
  });
  it.each((ref.weighted as any[]).map((x, j) => ({ ...x, j })))('the weighted (population) MWDS, case $j (1e-12 relative vs numpy)', ({ importance, level, weights, expected }) => {
    const r = weightedMwds(arr(importance), arr(level), weights);
    expect(r.n).toBe(expected.n);
    for (const k of ['sumWeights', 'meanImportance', 'meanLevel', 'meanDiscrepancy', 'mwds'] as const) expectClose(r[k], expected[k], 1e-12, 0, k);
  });
  it('the weighted MWDS with equal weights is the classic one; an area is the formula on its area scores', () => {
    const I = [5, 4, 5, 3];
    const C = [3, 4, 2, 3];
    expectClose(weightedMwds(I, C, [2, 2, 2, 2]).mwds, 5.3125, 1e-15, 0, 'equal weights');
    // Two respondents' area scores (means of their items): importance 4.5 and 3, level 3 and 3.5 →
    // mean gap (1.5 − 0.5)/2 = 0.5, mean importance 3.75, area MWDS 1.875 = their product.
    expect(mwds([4.5, 3], [3, 3.5]).mwds).toBe(1.875);
  });
  it('returns nulls without respondents', () => {
    expect(mwds(arr([5, null]), arr([null, 3]))).toEqual({ n: 0, meanImportance: null, meanLevel: null, meanDiscrepancy: null, mwds: null });
    expect(weightedMwds(arr([5, null]), arr([null, 3]), [1, 1])).toMatchObject({ n: 0, mwds: null });
    expect(weightedMwds([5, 4], [3, 3], [0, 0])).toMatchObject({ n: 2, sumWeights: 0, mwds: null });
    expect(() => mwds([1, 2], [1])).toThrow(DiagError);
    expect(() => weightedMwds([1, 2], [1, 2], [1, -1])).toThrow(DiagError);
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
