/**
 * Edge cases the analysis must handle without NaN, crashes or leaks of small cells: an empty segment,
 * one respondent, zero variance, an item nobody answered, ties in ranks (see hand-worked.test.ts), a
 * weighting stratum with a single JST, a cell whose respondents all come from one JST (or one JST per
 * stratum: no interval and no test anywhere, said in words), and an answer absent in one segment.
 */
import { describe, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import type { NumericEstimateT } from '../../src/analysis/results-schema.ts';
import type { FrameUnit } from '../../src/sampling/frame.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { cellOf, numbersIn, runAnalysis } from '../helpers/analysis.ts';

const q = shippedQuestionnaire();

/** n rural operational respondents in distinct JSTs, DANE1 importance set by `imp(i)`. */
function rural(n: number, imp: (i: number) => number, kind: 'rural' | 'urban' = 'rural'): SurveyResponse[] {
  return Array.from({ length: n }, (_, i) => {
    const r = completeResponse(q, kind, 'operational', `${kind}${i}`);
    r.data.teryt = `02${String(i + 1).padStart(2, '0')}01${kind === 'rural' ? 2 : 1}`;
    (r.data.DANE as Record<string, { imp: number; lvl: number }>).DANE1 = { imp: imp(i), lvl: 3 };
    r.data.comments = `r${i}`;
    return r;
  });
}
const dane1 = (results: ReturnType<typeof runAnalysis>) => results.estimates.items.find((i) => i.item === 'DANE1')!;
const noBadNumbers = (results: unknown) => {
  for (const [path, n] of numbersIn(results)) expect(Number.isFinite(n), path).toBe(true);
};

describe('analysis edge cases', () => {
  it('an empty segment: every cell of it is suppressed as "no answers" and its tests are omitted', () => {
    const results = runAnalysis(rural(12, (i) => 1 + (i % 5)));
    noBadNumbers(results);
    const urban = cellOf(dane1(results).importance, 'urban');
    expect(urban).toMatchObject({ suppressed: true, reason: 'no answers (not asked or not answered in this cell)' });
    expect(results.segments.find((s) => s.code === 'urban')).toMatchObject({ respondents: 0, jsts: 0 });
    expect(results.tests.results.filter((t) => t.family === 'items_segments_kw')).toEqual([]);
    expect(results.tests.families.find((f) => f.id === 'items_segments_kw')!.omitted).toBeGreaterThan(0);
    expect(results.priorities.cells.find((c) => c.segment === 'urban' && c.group === 'all')).toMatchObject({ suppressed: true });
  });

  it('one respondent: nothing is shown under the default threshold; with a threshold of 1 the mean is the answer and SD, CI are null', () => {
    const one = rural(1, () => 4);
    const results = runAnalysis(one);
    expect(cellOf(dane1(results).importance, 'rural')).toMatchObject({ suppressed: true, reason: expect.stringContaining('fewer than 5 respondents') });
    const open = runAnalysis(one, { config: { suppressionThreshold: 1 } });
    noBadNumbers(open);
    expect(cellOf(dane1(open).importance, 'rural')).toMatchObject({ n: 1, mean: 4, median: 4, sd: null, ciLow: null, ciHigh: null, lowPrecision: true });
  });

  it('zero variance: SD 0, a zero-width CI, and rank tests that report no p-value rather than a wrong one', () => {
    const results = runAnalysis([...rural(8, () => 4), ...rural(8, () => 4, 'urban')]);
    noBadNumbers(results);
    const e = cellOf(dane1(results).importance, 'rural') as NumericEstimateT;
    expect(e).toMatchObject({ n: 8, mean: 4, sd: 0, median: 4, ciLow: 4, ciHigh: 4 });
    const kw = results.tests.results.find((t) => t.family === 'items_segments_kw' && t.variable === 'DANE1_imp')!;
    expect(kw.p).toBeNull();
    expect(kw.significant).toBe(false);
    const design = results.tests.results.find((t) => t.family === 'items_segments_svyrank' && t.variable === 'DANE1_imp')!;
    expect(design).toMatchObject({ basis: 'design', p: null, significant: false });
  });

  it('an item nobody answered is suppressed as "no answers", and its area score uses the other items', () => {
    const rs = rural(10, (i) => 1 + (i % 5));
    for (const r of rs) delete (r.data.DANE as Record<string, unknown>).DANE2;
    const results = runAnalysis(rs);
    const dane2 = results.estimates.items.find((i) => i.item === 'DANE2')!;
    expect(cellOf(dane2.importance, 'rural')).toMatchObject({ suppressed: true, reason: 'no answers (not asked or not answered in this cell)' });
    expect(cellOf(results.estimates.areas.find((a) => a.area === 'DANE')!.importance, 'rural')).toMatchObject({ n: 10 });
  });

  it('a weighting stratum with a single JST gets a variance by the "adjust" rule, not a missing one', () => {
    const rs = [...rural(6, (i) => 1 + (i % 5)), ...rural(1, () => 5, 'urban')];
    const frame: FrameUnit[] = rs.map((r) => ({ teryt: r.data.teryt as string, name: String(r.id), kind: r.data.jst_kind as 'rural', voivodeship: '02', county: (r.data.teryt as string).slice(0, 4), synthetic: true }));
    const results = runAnalysis(rs, { frame, config: { minJstPerCell: 1, suppressionThreshold: 1 } });
    expect(results.weights.method).toBe('poststratified');
    const all = cellOf(dane1(results).importance, 'all') as NumericEstimateT;
    expect(all.weighted?.se).not.toBeNull();
    expect(all.weighted!.se!).toBeGreaterThan(0);
    noBadNumbers(results);
  });

  it('zero variance: the design-based tests report no statistic either', () => {
    const results = runAnalysis([...rural(8, () => 4), ...rural(8, () => 4, 'urban')]);
    const rank = results.tests.results.find((t) => t.family === 'items_segment_pairs_svyrank' && t.variable === 'DANE1_imp')!;
    expect(rank).toMatchObject({ basis: 'design', test: 'svyranktest', statistic: null, p: null, significant: false });
    const area = results.tests.results.find((t) => t.family === 'areas_segments_svyttest' && t.variable === 'PRAWO_imp')!;
    expect(area).toMatchObject({ statistic: null, p: null, significant: false, difference: { estimate: 0 } });
  });

  it('a cell whose respondents all come from one JST: no interval and no test, in every output, said in words', () => {
    // 12 rural respondents of 12 JSTs; 6 urban respondents of one JST (distinct answers, so no duplicates).
    const urban = rural(6, (i) => 1 + i, 'urban').map((r, i) => {
      r.data.teryt = '0201011';
      (r.data.DANE as Record<string, { imp: number; lvl: number }>).DANE1 = { imp: 1 + (i % 5), lvl: i < 5 ? 3 : 4 };
      return r;
    });
    const results = runAnalysis([...rural(12, (i) => 1 + (i % 5)), ...urban]);
    noBadNumbers(results);
    const e = cellOf(dane1(results).importance, 'urban') as NumericEstimateT;
    expect(e.n).toBe(6);
    expect(e.mean).not.toBeNull();
    expect(e).toMatchObject({ ciLow: null, ciHigh: null, noInference: 'all respondents of the cell come from one JST: no confidence interval and no test' });
    expect(e.weighted).toMatchObject({ jsts: 1, df: 0, se: null, ciLow: null, ciHigh: null });
    // The other cells keep their intervals (12 JSTs); --weights none is JSTs as clusters with equal weights.
    const r = cellOf(dane1(results).importance, 'rural') as NumericEstimateT;
    expect(r.ciLow).not.toBeNull();
    expect(r.noInference).toBeUndefined();
    expect(r.weighted!.mean).toBeCloseTo(r.mean!, 12);
    expect(r.weighted).toMatchObject({ jsts: 12, df: 11 });
    // choices and priorities
    const cuw = results.choices.find((c) => c.question === 'cuw')!.cells.find((c) => c.segment === 'urban' && c.group === 'all')!;
    expect(cuw).toMatchObject({ noInference: expect.stringContaining('one JST') });
    if ('options' in cuw) for (const o of cuw.options) expect([o.ciLow, o.ciHigh, o.weighted?.ciLow ?? null]).toEqual([null, null, null]);
    const prio = results.priorities.cells.find((c) => c.segment === 'urban' && c.group === 'all')!;
    expect(prio).toMatchObject({ noInference: expect.stringContaining('one JST') });
    if ('items' in prio) {
      expect(prio.items.length).toBeGreaterThan(0);
      for (const x of [...prio.items, ...prio.areas]) expect([x.ciLow, x.ciHigh, x.unweighted.ciLow, x.unweighted.ciHigh]).toEqual([null, null, null, null]);
    }
    // tests: the rural–urban comparisons are listed with the reason and no statistic, in both bases
    const pair = results.tests.results.filter((t) => t.variable === 'DANE_imp' && t.by === 'segment' && t.groups.join() === 'rural,urban');
    expect(pair.map((t) => t.basis).sort()).toEqual(['design', 'unweighted']);
    for (const t of pair) expect(t).toMatchObject({ statistic: null, p: null, pAdjusted: null, significant: false, jsts: [12, 1], noInference: 'no test: urban: data from one JST' });
    const fam = results.tests.families.find((f) => f.id === 'areas_segments_svyttest')!;
    expect(fam.omittedNoInference).toBeGreaterThan(0);
    expect(results.tests.results.some((t) => t.groups.includes('urban') && t.p !== null)).toBe(false);
  });

  it('one JST per weighting stratum (design df 0) is the same rule, with frame weights', () => {
    // Urban gminas of three voivodeships (three strata), two respondents each.
    const urban = [0, 1, 2].flatMap((v) => rural(2, (i) => 2 + i + v, 'urban').map((r, i) => {
      r.id = `u${v}-${i}`;
      r.data.voivodeship = `0${2 * v + 2}`;
      r.data.teryt = `0${2 * v + 2}01011`;
      (r.data.DANE as Record<string, { imp: number; lvl: number }>).DANE1 = { imp: 2 + i + v, lvl: 1 + i };
      return r;
    }));
    const rs = [...rural(12, (i) => 1 + (i % 5)), ...urban];
    const frame: FrameUnit[] = [...new Set(rs.map((r) => r.data.teryt as string))].map((teryt) => {
      const r = rs.find((x) => x.data.teryt === teryt)!;
      return { teryt, name: teryt, kind: r.data.jst_kind as 'rural', voivodeship: r.data.voivodeship as string, county: teryt.slice(0, 4), synthetic: true };
    });
    const results = runAnalysis(rs, { frame, config: { minJstPerCell: 1 } });
    expect(results.weights.method).toBe('poststratified');
    const e = cellOf(dane1(results).importance, 'urban') as NumericEstimateT;
    expect(e.weighted).toMatchObject({ jsts: 3, df: 0, se: null });
    expect(e).toMatchObject({ ciLow: null, noInference: expect.stringContaining('one JST in each weighting stratum') });
    const t = results.tests.results.find((x) => x.family === 'areas_segments_svyttest' && x.variable === 'DANE_imp')!;
    expect(t).toMatchObject({ p: null, jsts: [12, 3], noInference: expect.stringContaining('urban: data from one JST in each weighting stratum') });
  });

  it('an answer absent in one segment: the Rao–Scott test keeps it (its cell proportion is 0)', () => {
    const rs = [...rural(10, (i) => 1 + (i % 5)), ...rural(10, (i) => 1 + (i % 5), 'urban')];
    rs.forEach((r, i) => (r.data.cuw = i < 10 ? (i % 2 ? 'yes' : 'no') : 'yes'));
    const results = runAnalysis(rs);
    const t = results.tests.results.find((x) => x.family === 'choices_segments_svychisq' && x.variable === 'cuw')!;
    expect(t.statistic).not.toBeNull();
    expect(t.p).not.toBeNull();
    expect(t.effect.name).toBe('cramers_v');
  });

  it('respondents from a JST missing in the frame stop the weighting with a clear error', () => {
    const rs = rural(6, () => 4);
    const frame: FrameUnit[] = [{ teryt: '0299012', name: 'x', kind: 'rural', voivodeship: '02', county: '0299', synthetic: true }];
    expect(() => runAnalysis(rs, { frame })).toThrow(DiagError);
    try {
      runAnalysis(rs, { frame });
    } catch (e) {
      expect((e as DiagError).details[0]?.message).toBe('respondent rural0 (JST 0201012) is not in the frame');
    }
  });

  it('a configuration that puts one JST kind in two segments is refused', () => {
    expect(() => runAnalysis(rural(6, () => 4), { config: { segments: [
      { code: 'a', label: { pl: 'A', en: 'A' }, kinds: ['rural', 'urban'] },
      { code: 'b', label: { pl: 'B', en: 'B' }, kinds: ['urban'] },
    ] } })).toThrow(/JST kind "urban" is in segments "a" and "b"/);
  });
});
