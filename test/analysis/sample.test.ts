/**
 * The analysis of the shipped synthetic sample finds the effects planted in it (data-samples/README.md),
 * produces results that match the committed JSON Schema, and shows no cell under the threshold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ResultsSchema, type NumericEstimateT, type TestResultT } from '../../src/analysis/results-schema.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameCsv } from '../../src/sampling/frame.ts';
import { generateSynthetic } from '../../src/synth/generate.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { cellOf, numbersIn, objectsIn, runAnalysis, runAnalysisWithWeights } from '../helpers/analysis.ts';

const root = join(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'responses.csv').responses;
const frame = readFrameCsv(readFileSync(join(root, 'data-samples/frame.csv'), 'utf8'), 'frame.csv');
const { results, respondentWeights } = runAnalysisWithWeights(responses, { frame });
const planted = generateSynthetic(q, { respondents: 1500, seed: 2026 }).planted;

const test = (family: string, variable: string, groups: string[], within?: string): TestResultT => {
  const t = results.tests.results.find((r) => r.family === family && r.variable === variable && r.groups.join() === groups.join() && (within === undefined || r.within.segment === within));
  if (!t) throw new Error(`no test ${family} ${variable} ${groups}`);
  return t;
};

describe('results.json', () => {
  it('matches the committed JSON Schema, which matches the TypeBox definition', () => {
    const committed = JSON.parse(readFileSync(join(root, 'src/analysis/results.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(ResultsSchema)));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(committed);
    expect(validate(JSON.parse(JSON.stringify(results))), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
  });

  it('holds no NaN or infinite number', () => {
    for (const [path, n] of numbersIn(results)) expect(Number.isFinite(n), path).toBe(true);
  });

  it('shows no cell with fewer respondents than the threshold, anywhere', () => {
    for (const o of objectsIn(results)) {
      if (typeof o.n === 'number' && o.n > 0 && !('families' in o)) expect(o.n, JSON.stringify(o).slice(0, 200)).toBeGreaterThanOrEqual(5);
      if (Array.isArray(o.counts)) for (const c of o.counts) expect(c === null || c === 0 || c >= 5).toBe(true);
      if (typeof o.count === 'number') expect(o.count === 0 || o.count >= 5).toBe(true);
      if (o.suppressed === true) expect(Object.keys(o).sort()).toEqual(['group', 'reason', 'segment', 'suppressed'].concat('area' in o ? ['area', 'measure'] : []).sort());
    }
  });
});

describe('the analysis of the shipped sample recovers the planted effects', () => {
  it('flags exactly the planted duplicates, straight-liners and speeders', () => {
    expect(results.dataset.respondents).toBe(1500);
    expect(results.dataset.flagged.duplicate).toBe(planted.duplicates.length);
    expect(results.dataset.flagged.straightlining).toBe(planted.straightLiners.length);
    const speederIds = new Set(planted.speeders);
    const copiedSpeeders = planted.duplicates.filter((d) => speederIds.has(d.copyOf)).length;
    expect(results.dataset.flagged.speeding).toBe(planted.speeders.length + copiedSpeeders);
    expect(results.dataset.flagged.incomplete).toBe(0);
  });

  it('rural gminas analyse data about 0.6 points worse than urban gminas: significant after Holm (design-based), large', () => {
    const t = test('areas_segments_svyttest', 'DANE_lvl', ['rural', 'urban']);
    expect(t).toMatchObject({ basis: 'design', test: 'svyttest', effect: { name: 'cohens_d' } });
    expect(t.difference!.estimate!).toBeGreaterThan(-0.8);
    expect(t.difference!.estimate!).toBeLessThan(-0.45);
    expect(t.significant).toBe(true);
    expect(['medium', 'large']).toContain(t.effect.magnitude);
  });

  it('the school network matters more to rural gminas, communication more to urban ones', () => {
    expect(test('areas_segments_svyttest', 'SIEC_imp', ['rural', 'urban']).difference!.estimate!).toBeGreaterThan(0.25);
    expect(test('areas_segments_svyttest', 'SIEC_imp', ['rural', 'urban']).significant).toBe(true);
    expect(test('areas_segments_svyttest', 'PARTN_imp', ['rural', 'urban']).difference!.estimate!).toBeLessThan(-0.2);
    expect(test('areas_segments_svyttest', 'PARTN_imp', ['rural', 'urban']).significant).toBe(true);
  });

  it('keeps the unweighted tests as sensitivity twins of the same comparisons, and reports more of them significant', () => {
    const twin = test('areas_segments_welch', 'DANE_lvl', ['rural', 'urban']);
    expect(twin).toMatchObject({ basis: 'unweighted', test: 'welch_t', effect: { name: 'hedges_g' } });
    const key = (t: TestResultT) => `${t.variable}|${t.groups.join()}|${t.within.segment ?? t.within.group}`;
    const pairs = [['items_groups_svyrank', 'items_groups_mw'], ['areas_segments_svyttest', 'areas_segments_welch'], ['choices_segments_svychisq', 'choices_segments_chisq']] as const;
    for (const [design, unweighted] of pairs) {
      const a = results.tests.results.filter((t) => t.family === design).map(key).sort();
      const b = results.tests.results.filter((t) => t.family === unweighted).map(key).sort();
      // An unweighted rank test needs its cells' answer distributions published (disclosure control), a
      // design-based one only their estimates: every unweighted twin has its design-based test, and the
      // other families are tested on the same comparisons.
      if (design === 'items_groups_svyrank') {
        expect(b.filter((k) => !a.includes(k))).toEqual([]);
        expect(b.length).toBeGreaterThan(0);
      } else expect(a).toEqual(b);
    }
    // Officials of one JST answer alike: treating them as independent finds more "differences" (counted on
    // the comparisons both bases publish).
    const both = new Set(results.tests.results.filter((t) => t.family === 'items_groups_mw').map(key));
    const sig = (f: string) => results.tests.results.filter((t) => t.family === f && t.significant && both.has(key(t))).length;
    expect(sig('items_groups_mw')).toBeGreaterThan(sig('items_groups_svyrank'));
    for (const f of results.tests.families) expect(f.basis).toBe(f.id.includes('svy') ? 'design' : 'unweighted');
  });

  it('management rates strategy higher, operational staff their finance skills', () => {
    const strat = test('areas_groups_svyttest', 'STRAT_imp', ['management', 'operational'], 'all');
    expect(strat.significant).toBe(true);
    expect(strat.difference!.estimate!).toBeGreaterThan(0.2);
    const fin = test('areas_groups_svyttest', 'FIN_lvl', ['management', 'operational'], 'all');
    expect(fin.significant).toBe(true);
    expect(fin.difference!.estimate!).toBeLessThan(-0.1);
  });

  it('finds no real gap in law and staff management, a clear one in data analysis', () => {
    for (const area of ['PRAWO', 'KADRY']) {
      const gap = cellOf(results.estimates.areas.find((a) => a.area === area)!.gap, 'all') as NumericEstimateT;
      expect(Math.abs(gap.mean!), area).toBeLessThan(0.25);
    }
    const dane = cellOf(results.estimates.areas.find((a) => a.area === 'DANE')!.gap, 'all') as NumericEstimateT;
    expect(dane.ciLow!).toBeGreaterThan(0.6);
  });

  it.each([
    { segment: 'rural', top: 'DANE' },
    { segment: 'urban', top: 'PARTN' },
    { segment: 'county', top: 'ZAWOD' },
  ])('ranks $top first among training priorities in segment $segment', ({ segment, top }) => {
    const cell = results.priorities.cells.find((c) => c.segment === segment && c.group === 'all');
    if (!cell || 'suppressed' in cell) throw new Error('suppressed');
    const first = cell.areas.find((a) => a.rank === 1)!;
    expect(first.area).toBe(top);
    expect(cell.areas.find((a) => a.unweighted.rank === 1)!.area).toBe(top);
    expect(first.mwds).toBeCloseTo(first.meanGap! * first.meanImportance!, 12);
    expect(first.quadrant).toBe('concentrate_here');
    expect(first.ciLow!).toBeLessThan(first.mwds!);
    expect(first.ciHigh!).toBeGreaterThan(first.mwds!);
  });

  it('estimates reliability within the planted range (alpha 0.7–0.9)', () => {
    const alphas = results.reliability.flatMap((r) => ('alpha' in r && r.alpha !== null ? [r.alpha] : []));
    expect(alphas.length).toBeGreaterThan(100);
    for (const a of alphas) {
      expect(a).toBeGreaterThan(0.65);
      expect(a).toBeLessThan(0.93);
    }
  });

  it('weights the JSTs to the frame: the weights of each kind add up to its JSTs in the frame', () => {
    expect(['poststratified', 'raked']).toContain(results.weights.method);
    const perJst = new Map<string, number>();
    respondentWeights!.jst.forEach((jst, i) => perJst.set(jst, (perJst.get(jst) ?? 0) + respondentWeights!.weight[i]!));
    const kindOf = new Map(frame.map((u) => [u.teryt, u.kind]));
    const byKind = new Map<string, number>();
    for (const [jst, w] of perJst) byKind.set(kindOf.get(jst)!, (byKind.get(kindOf.get(jst)!) ?? 0) + w);
    for (const [kind, w] of byKind) expect(w, kind).toBeCloseTo(frame.filter((u) => u.kind === kind).length, 6);
    expect(results.weights.kishDesignEffect!).toBeGreaterThan(1);
  });

  it('changes the bootstrap intervals, and nothing else, with another seed', () => {
    const other = runAnalysis(responses, { frame, config: { bootstrap: { replicates: 1000, seed: 'another' } } });
    const pick = (r: typeof results) => r.priorities.cells.find((c) => c.segment === 'rural' && c.group === 'all') as Extract<(typeof results.priorities.cells)[number], { areas: unknown }>;
    expect(pick(other).areas.map((a) => a.mwds)).toEqual(pick(results).areas.map((a) => a.mwds));
    expect(pick(other).areas.map((a) => a.ciLow)).not.toEqual(pick(results).areas.map((a) => a.ciLow));
    expect(other.estimates).toEqual(results.estimates);
  });

  it('gives nearly the same intervals with the large-sample approximation of the cluster bootstrap', () => {
    const approx = runAnalysis(responses, { frame, config: { bootstrap: { exactUpToJsts: 2 } } });
    for (const segment of ['rural', 'urban', 'county']) {
      const exact = results.priorities.cells.find((c) => c.segment === segment && c.group === 'all') as Extract<(typeof results.priorities.cells)[number], { areas: unknown }>;
      const normal = approx.priorities.cells.find((c) => c.segment === segment && c.group === 'all') as typeof exact;
      expect(exact.interval).toBe('cluster_bootstrap');
      expect(normal.interval).toBe('cluster_bootstrap_normal_approximation');
      for (const a of exact.areas) {
        const b = normal.areas.find((x) => x.area === a.area)!;
        expect(b.mwds).toBe(a.mwds);
        // Interval ends agree within a tenth of the interval's width (Monte Carlo error of 1,000 replicates included).
        const width = a.ciHigh! - a.ciLow!;
        expect(Math.abs(b.ciLow! - a.ciLow!), `${segment} ${a.area}`).toBeLessThan(0.1 * width + 0.02);
        expect(Math.abs(b.ciHigh! - a.ciHigh!), `${segment} ${a.area}`).toBeLessThan(0.1 * width + 0.02);
      }
    }
  });
});
