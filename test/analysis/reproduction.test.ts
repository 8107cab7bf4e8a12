/**
 * Every kind of number the differences chapter and the findings print, for the shipped sample, against
 * the R calls the methodology chapter names (test/fixtures/analysis/make_reproduction.R on the respondents
 * file make_reproduction.ts writes; R survey 4.x): svyttest with d from svyvar, svyranktest (two groups,
 * r = 2 × estimate; all segments, F = X²/df), svychisq(statistic = "F") with Cramér's V of svytable, a
 * mean's confint(svymean), and the weighted MWDS of an area and of an item as a product of svymean
 * coefficients — with frame weights and with --weights none. 1e-9 relative (1e-12 absolute near zero).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NumericEstimateT, Results } from '../../src/analysis/results-schema.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameCsv } from '../../src/sampling/frame.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { runAnalysisWithWeights } from '../helpers/analysis.ts';

const root = join(import.meta.dirname, '..', '..');
const raw = JSON.parse(readFileSync(join(root, 'test/fixtures/analysis/reproduction.json'), 'utf8')) as { cases: (Omit<Case, 'groups'> & { groups: string | string[] })[] };
// (R writes a one-element vector as a scalar)
const ref = { cases: raw.cases.map((c) => ({ ...c, groups: Array.isArray(c.groups) ? c.groups : [c.groups] })) };
interface Case { weights: 'frame' | 'none'; family: string; variable: string; groups: string[]; within: string; expected: Record<string, number | null> }
const q = shippedQuestionnaire();
const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'responses.csv').responses;
const frame = readFrameCsv(readFileSync(join(root, 'data-samples/frame.csv'), 'utf8'), 'frame.csv');
const weighted = runAnalysisWithWeights(responses, { frame });
const results: Record<'frame' | 'none', Results> = { frame: weighted.results, none: runAnalysisWithWeights(responses).results };

function close(actual: number | null | undefined, expected: number | null | undefined, what: string) {
  if (expected === null || expected === undefined) return expect(actual ?? null, what).toBeNull();
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.abs(expected) + 1e-12);
}

describe('the numbers the reports print are what the methodology\'s R calls give', () => {
  it('the respondents file is the one the analysis weights (weights, order)', () => {
    const csv = readFileSync(join(root, 'test/fixtures/analysis/reproduction-data.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const w = weighted.respondentWeights!;
    expect(csv.length).toBe(w.ids.length);
    csv.forEach((row, i) => {
      expect(row[0]).toBe(w.ids[i]);
      expect(Number(row[3])).toBe(w.weight[i]);
    });
  });

  it.each(ref.cases.map((c) => ({ ...c, name: `${c.weights}: ${c.family} ${c.variable} ${c.groups.join('/')} ${c.within}` })))('$name', (c) => {
    const r = results[c.weights];
    const e = c.expected;
    if (c.family === 'estimate') {
      const est = r.estimates.areas.find((a) => a.area === c.variable.split('_')[0])!.level.find((x) => x.segment === c.groups[0] && x.group === c.within) as NumericEstimateT;
      close(est.weighted!.mean, e.mean, 'mean');
      close(est.weighted!.se, e.se, 'se');
      close(est.weighted!.ciLow, e.ciLow, 'ciLow');
      close(est.weighted!.ciHigh, e.ciHigh, 'ciHigh');
      return;
    }
    if (c.family === 'mwds') {
      const cell = r.priorities.cells.find((x) => x.segment === c.groups[0] && x.group === c.within)!;
      if (!('items' in cell)) throw new Error('suppressed');
      const row = cell.areas.find((a) => a.area === c.variable) ?? cell.items.find((i) => i.item === c.variable)!;
      close(row.mwds, e.mwds, 'mwds');
      return;
    }
    const t = r.tests.results.find((x) => x.family === c.family && x.variable === c.variable && x.groups.join() === c.groups.join() && (x.within.segment ?? x.within.group) === c.within)!;
    expect(t, c.family).toBeDefined();
    expect(t.basis).toBe('design');
    if ('estimate' in e) close(t.difference!.estimate, e.estimate, 'estimate');
    if ('t' in e) close(t.statistic, e.t, 't');
    if ('F' in e) close(t.statistic, e.F, 'F');
    if ('df' in e) close(t.df, e.df, 'df');
    if ('df2' in e) close(t.df2, e.df2, 'df2');
    close(t.p, e.p, 'p');
    if ('ciLow' in e) {
      close(t.difference!.ciLow, e.ciLow, 'ciLow');
      close(t.difference!.ciHigh, e.ciHigh, 'ciHigh');
    }
    if ('d' in e) close(t.effect.value, e.d, 'd');
    if ('r' in e) close(t.effect.value, e.r, 'r');
    if ('V' in e) close(t.effect.value, e.V, 'V');
  });
});
