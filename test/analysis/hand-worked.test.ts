/**
 * A small case worked out by hand: six operational staff of three rural gminas (JSTs A, B, C) rate
 * DANE1; every other item is rated 4 (importance) and 3 (level).
 *
 *   respondent  JST  DANE1 importance  DANE1 level  I − C
 *   r1          A    5                 2            3
 *   r2          A    4                 3            1
 *   r3          B    4                 3            1
 *   r4          A    3                 3            0
 *   r5          B    5                 4            1
 *   r6          C    4                 1            3
 *
 * Importance: mean 25/6 = 4.1667, Σ(x − x̄)² = 2.8333, SD = √(2.8333/5) = 0.752773, median 4,
 * 95 % CI 4.1667 ± t(0.975; 5) · 0.752773/√6 = 4.1667 ± 2.570582 · 0.307318 = [3.376680, 4.956653]
 * (checked with scipy.stats.t.ppf).
 * Borich, classic (unweighted): mean(I − C) = 9/6 = 1.5, MWDS(DANE1) = 1.5 · 25/6 = 6.25; every other item
 * MWDS = 1 · 4 = 4. Area DANE from its 5 items' area scores: importance (I₁ + 16)/5, gap (d₁ + 4)/5, so mean
 * gap (1.5 + 4)/5 = 1.1, mean importance (25/6 + 16)/5 = 121/30, MWDS = 1.1 · 121/30 = 4.436667, rank 1; the
 * other areas 1 · 4 = 4, tied at rank 2.
 * Weighted (the `mwds` the recommendations use; weights below): Σw = 4; Σw(I − C) = 4·4/9 + 2·2/3 + 3·4/3 =
 * 64/9, so D̄_w = 16/9; ΣwI = 12·4/9 + 9·2/3 + 4·4/3 = 50/3, Ī_w = 25/6; MWDS_w(DANE1) = 16/9 · 25/6 = 200/27
 * = 7.407407. Area DANE: mean gap (16/9 + 4)/5 = 52/45, mean importance 121/30, MWDS_w = 52/45 · 121/30 =
 * 4.660741; mean level 121/30 − 52/45 = 259/90 = 2.877778.
 * IPA (10 areas shown to rural operational staff, weighted means): DANE importance 4.033333, level 2.877778;
 * other areas 4 and 3. Cross-hairs: importance (9·4 + 4.033333)/10 = 4.003333, level (9·3 + 2.877778)/10 =
 * 2.987778 → DANE "concentrate here", the others "possible overkill".
 * Weights: a frame of 4 rural gminas in voivodeship 02 (A, B, C, D), 3 responding → w_JST = 4/3;
 * per respondent A: 4/9, B: 2/3, C: 4/3. Weighted mean of DANE1 importance = (12·4/9 + 9·2/3 + 4·4/3)/4
 * = 4.1667. Design-based SE (one stratum, 3 clusters, Taylor linearisation): cluster scores
 * z = Σ w (y − ȳ)/Σw = −0.055556, 0.111111, −0.055556; var = 3/2 · Σ z² = 0.027778; SE = 0.166667;
 * 95 % CI 4.1667 ± 1.959964 · 0.166667 = [3.840006, 4.493327].
 */
import { describe, expect, it } from 'vitest';
import type { NumericEstimateT } from '../../src/analysis/results-schema.ts';
import { mwds, weightedMwds } from '../../src/stats/index.ts';
import type { FrameUnit } from '../../src/sampling/frame.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { cellOf, runAnalysis, runAnalysisWithWeights } from '../helpers/analysis.ts';

const q = shippedQuestionnaire();
const JST = { A: '0201022', B: '0201032', C: '0201042', D: '0201052' };
const rows: [string, keyof typeof JST, number, number][] = [
  ['r1', 'A', 5, 2], ['r2', 'A', 4, 3], ['r3', 'B', 4, 3], ['r4', 'A', 3, 3], ['r5', 'B', 5, 4], ['r6', 'C', 4, 1],
];
const responses = rows.map(([id, jst, imp, lvl]) => {
  const r = completeResponse(q, 'rural', 'operational', id);
  r.data.teryt = JST[jst];
  r.data.comments = `uwagi ${id}`;
  (r.data.DANE as Record<string, { imp: number; lvl: number }>).DANE1 = { imp, lvl };
  return r;
});
const frame: FrameUnit[] = Object.entries(JST).map(([name, teryt]) => ({ teryt, name, kind: 'rural', voivodeship: '02', county: teryt.slice(0, 4), synthetic: true }));
const TOL = 1e-6; // the hand computations above are rounded to 6 decimals

describe('a case worked out by hand', () => {
  const { results, respondentWeights } = runAnalysisWithWeights(responses, { frame });
  const dane1 = results.estimates.items.find((i) => i.item === 'DANE1')!;

  it('gives n, mean, SD, median and the t-based CI over respondents', () => {
    const e = cellOf(dane1.importance, 'rural', 'operational') as NumericEstimateT;
    expect(e.n).toBe(6);
    expect(e.mean).toBeCloseTo(25 / 6, 12);
    expect(e.sd).toBeCloseTo(0.752773, 6);
    expect(e.median).toBe(4);
    expect(Math.abs(e.ciLow! - 3.37668)).toBeLessThan(TOL);
    expect(Math.abs(e.ciHigh! - 4.956653)).toBeLessThan(TOL);
    expect(e.lowPrecision).toBe(true);
  });

  it('gives the design-based weighted mean and SE with JSTs as clusters', () => {
    const e = cellOf(dane1.importance, 'rural', 'operational') as NumericEstimateT;
    expect(e.weighted?.mean).toBeCloseTo(25 / 6, 12);
    expect(Math.abs(e.weighted!.se! - 1 / 6)).toBeLessThan(TOL);
    expect(Math.abs(e.weighted!.ciLow! - 3.840006)).toBeLessThan(TOL);
    expect(Math.abs(e.weighted!.ciHigh! - 4.493327)).toBeLessThan(TOL);
    expect(results.weights.method).toBe('poststratified');
    expect(results.weights.strata).toEqual([{ kind: 'rural', voivodeship: '02', populationJst: 4, respondingJst: 3, jstWeight: 4 / 3 }]);
    const w = Object.fromEntries(respondentWeights!.ids.map((id, i) => [id, respondentWeights!.weight[i]!]));
    expect(w.r1).toBeCloseTo(4 / 9, 12);
    expect(w.r3).toBeCloseTo(2 / 3, 12);
    expect(w.r6).toBeCloseTo(4 / 3, 12);
  });

  it('computes Borich MWDS per item and area, ranks ties together, and agrees with the stats library', () => {
    const cell = results.priorities.cells.find((c) => c.segment === 'rural' && c.group === 'operational');
    if (!cell || 'suppressed' in cell) throw new Error('cell suppressed');
    expect(results.priorities.mwdsPolicy).toMatchObject({ mwds: 'weighted', unweighted: 'classic', weights: 'frame' });
    const item = cell.items.find((i) => i.item === 'DANE1')!;
    expect(item.unweighted.mwds).toBeCloseTo(6.25, 12);
    expect(item.unweighted.mwds).toBeCloseTo(mwds([5, 4, 4, 3, 5, 4], [2, 3, 3, 3, 4, 1]).mwds!, 12);
    expect(item.mwds).toBeCloseTo(200 / 27, 12);
    expect(item.mwds).toBeCloseTo(weightedMwds([5, 4, 4, 3, 5, 4], [2, 3, 3, 3, 4, 1], [4 / 9, 4 / 9, 2 / 3, 4 / 9, 2 / 3, 4 / 3]).mwds!, 12);
    expect(item.meanGap! * item.meanImportance!).toBeCloseTo(item.mwds!, 14);
    expect(item.rank).toBe(1);
    expect(item.unweighted.rank).toBe(1);
    const dane = cell.areas.find((a) => a.area === 'DANE')!;
    expect(dane.unweighted.mwds).toBeCloseTo(1.1 * 121 / 30, 12);
    expect(dane.mwds).toBeCloseTo((52 / 45) * (121 / 30), 12);
    // the area's MWDS is the product of the mean gap and mean importance printed beside it
    expect(dane.meanGap).toBeCloseTo(52 / 45, 12);
    expect(dane.meanImportance).toBeCloseTo(121 / 30, 12);
    expect(dane.meanGap! * dane.meanImportance!).toBeCloseTo(dane.mwds!, 14);
    expect(dane.unweighted.meanGap! * dane.unweighted.meanImportance!).toBeCloseTo(dane.unweighted.mwds!, 14);
    expect(dane.rank).toBe(1);
    expect(cell.areas.filter((a) => a.area !== 'DANE').every((a) => a.rank === 2 && Math.abs(a.mwds! - 4) < 1e-12 && a.unweighted.rank === 2)).toBe(true);
    expect(cell.areas.map((a) => a.area)).not.toContain('ZAWOD');
  });

  it('places areas in IPA quadrants against data-centred cross-hairs', () => {
    const cell = results.priorities.cells.find((c) => c.segment === 'rural' && c.group === 'operational');
    if (!cell || 'suppressed' in cell) throw new Error('cell suppressed');
    expect(cell.crosshairs.importance).toBeCloseTo(4.003333, 6);
    expect(cell.crosshairs.level).toBeCloseTo(2.987778, 6);
    const dane = cell.areas.find((a) => a.area === 'DANE')!;
    expect(dane.meanImportance).toBeCloseTo(4.033333, 6);
    expect(dane.meanLevel).toBeCloseTo(2.877778, 6);
    expect(dane.quadrant).toBe('concentrate_here');
    expect(cell.areas.filter((a) => a.area !== 'DANE').every((a) => a.quadrant === 'possible_overkill')).toBe(true);
  });

  it('gives a bootstrap CI around the MWDS that the seed reproduces', () => {
    const again = runAnalysis(responses, { frame });
    const pick = (r: typeof results) => {
      const c = r.priorities.cells.find((x) => x.segment === 'rural' && x.group === 'operational');
      if (!c || 'suppressed' in c) throw new Error('suppressed');
      return c.items.find((i) => i.item === 'DANE1')!;
    };
    const a = pick(results);
    expect(pick(again)).toEqual(a);
    expect(a.ciLow!).toBeLessThanOrEqual(a.mwds!);
    expect(a.ciHigh!).toBeGreaterThanOrEqual(a.mwds!);
    // Each JST's weight totals 4/3, and its weighted means are A: d̄ 4/3, Ī 4; B: 1, 4.5; C: 3, 4. Any
    // resample has D̄_w between 1 and 3 and Ī_w between 4 and 4.5, so every replicate lies in [4, 13.5].
    expect(a.ciLow!).toBeGreaterThanOrEqual(4 - 1e-12);
    expect(a.ciHigh!).toBeLessThanOrEqual(13.5 + 1e-12);
    // The stratum (rural, 02) has 3 JSTs: Rao–Wu draws 2 of them; all-B and all-C (probability 1/9 each) make
    // the 2.5 % tails: 1 · 4.5 and 3 · 4, attained exactly. The classic variant's tails are the same resamples.
    expect(a.ciLow).toBeCloseTo(4.5, 12);
    expect(a.ciHigh).toBeCloseTo(12, 12);
    expect(a.unweighted.ciLow).toBeCloseTo(4.5, 12);
    expect(a.unweighted.ciHigh).toBeCloseTo(12, 12);
  });
});
