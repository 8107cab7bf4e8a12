/**
 * Paired change: the Wilcoxon signed-rank test and the paired t test against scipy (wilcoxon with its
 * defaults, ttest_rel), and the JST-clustered interval against R survey's svyttest — fixtures from
 * test/fixtures/stats/make_paired.py — to 1e-9 relative; plus a case worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { pairedT, wilcoxonSignedRank } from '../../src/stats/index.ts';
import { expectClose, expectNoNonFinite, fixture } from './helpers.ts';

interface Case {
  name: string;
  before: number[];
  after: number[];
  jst?: string[];
  wilcoxon: { statistic: number | null; p: number | null; rankBiserial: number | null };
  t: { t: number; df: number; p: number; ciLow: number; ciHigh: number; mean: number; sd: number; dz: number } | null;
  clustered?: { mean: number; se: number; t: number; df: number; p: number; ciLow: number; ciHigh: number };
}

const F = fixture<{ cases: Case[] }>('paired.json');
const RTOL = 1e-9;

describe('Wilcoxon signed-rank test (scipy.stats.wilcoxon, method="auto")', () => {
  it.each(F.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = wilcoxonSignedRank(c.before, c.after);
    expectClose(r.statistic, c.wilcoxon.statistic, RTOL, 0, 'statistic');
    expectClose(r.p, c.wilcoxon.p, RTOL, 0, 'p');
    expectClose(r.rankBiserial, c.wilcoxon.rankBiserial, RTOL, 1e-15, 'rank-biserial r');
    expectNoNonFinite(r);
  });

  it('works a small case by hand', () => {
    // d = 1, −2, 3, 3, 0: zero dropped; |d| 1, 2, 3, 3 → ranks 1, 2, 3.5, 3.5; W⁺ = 8, W⁻ = 2; r = 6/10.
    // 5 pairs with a tie and a zero → exact sign flips of the ranks (doubled: 2, 4, 7, 7; 16 patterns):
    // sums ≤ 2 (W⁺ ≤ 2 ⇔ doubled ≤ 4): {}, {2}, {4} → 3/16; two-sided p = 6/16 = 0.375.
    const r = wilcoxonSignedRank([0, 0, 0, 0, 0], [1, -2, 3, 3, 0]);
    expect(r).toMatchObject({ n: 5, nNonZero: 4, wPlus: 8, statistic: 2, method: 'exact' });
    expect(r.rankBiserial).toBeCloseTo(0.6, 12);
    expect(r.p).toBeCloseTo(0.375, 12);
  });

  it('skips pairs with a missing value', () => {
    const r = wilcoxonSignedRank([1, NaN, 2, 3], [2, 5, NaN, 5]);
    expect(r.n).toBe(2);
  });
});

describe('paired t test, d_z and the JST-clustered interval', () => {
  it.each(F.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = pairedT(c.before, c.after, c.jst ? { cluster: c.jst } : {});
    if (c.t === null) {
      expect(r.t).toBeNull();
      expect(r.p).toBeNull();
    } else {
      expectClose(r.meanDifference, c.t.mean, RTOL, 1e-15, 'mean');
      expectClose(r.sd, c.t.sd, RTOL, 0, 'sd');
      expectClose(r.t, c.t.t, RTOL, 0, 't');
      expectClose(r.df, c.t.df, 0, 0, 'df');
      expectClose(r.p, c.t.p, RTOL, 0, 'p');
      expectClose(r.ciLow, c.t.ciLow, RTOL, 1e-15, 'ciLow');
      expectClose(r.ciHigh, c.t.ciHigh, RTOL, 1e-15, 'ciHigh');
      expectClose(r.dz, c.t.dz, RTOL, 0, 'd_z');
    }
    if (c.clustered) {
      expectClose(r.meanDifference, c.clustered.mean, RTOL, 1e-15, 'clustered mean');
      expectClose(r.clustered!.se, c.clustered.se, RTOL, 0, 'clustered se');
      expectClose(r.clustered!.t, c.clustered.t, RTOL, 0, 'clustered t');
      expectClose(r.clustered!.df, c.clustered.df, 0, 0, 'clustered df');
      expectClose(r.clustered!.p, c.clustered.p, RTOL, 0, 'clustered p');
      expectClose(r.clustered!.ciLow, c.clustered.ciLow, RTOL, 1e-15, 'clustered ciLow');
      expectClose(r.clustered!.ciHigh, c.clustered.ciHigh, RTOL, 1e-15, 'clustered ciHigh');
    }
  });

  it('gives the classic SE when every JST has one pair', () => {
    const before = [3, 2, 4, 3, 2];
    const after = [4, 3, 4, 5, 3];
    const r = pairedT(before, after, { cluster: ['a', 'b', 'c', 'd', 'e'] });
    expect(r.clustered!.se).toBeCloseTo(r.se!, 14);
  });

  it('one pair: the change without SD, test or interval; one cluster: no clustered figures', () => {
    const r = pairedT([2], [4], { cluster: ['a'] });
    expect(r).toMatchObject({ n: 1, meanDifference: 2, sd: null, t: null, p: null, ciLow: null });
    expect(r.clustered).toMatchObject({ clusters: 1, se: null, t: null });
  });
});
