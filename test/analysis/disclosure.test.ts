/**
 * Disclosure control under attack: an attacker who reads only results.json (attacker.ts, written apart from
 * the protection code) tries subtraction over every hierarchy and across tables that share a total, then
 * elimination and whole-number bounds; no withheld figure may come out, and no published figure may
 * describe fewer respondents than the threshold. Run on the shipped sample, on a deliberately small wave
 * (rural operational staff: 3 respondents, county operational staff: 1), with thresholds 5 and 10; and a
 * larger threshold must never publish what a smaller one withholds.
 */
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/analysis/results-schema.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import { shippedFrame, shippedSample, smallWave } from '../helpers/small-wave.ts';
import { objectsIn, runAnalysis } from '../helpers/analysis.ts';
import { readResults } from './attacker.ts';

const sample = shippedSample();
const frame = shippedFrame();

function attack(results: Results): string[] {
  return readResults(results).attack().map((e) => `${e.unknown} = ${e.value} (${e.how})`);
}

function smallPublished(results: Results, k: number): string[] {
  return readResults(results).published.filter((p) => p.n > 0 && p.n < k).map((p) => `${p.what} = ${p.n}`);
}

/** Every published figure, by a path that names it. */
function publishedFigures(results: Results): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number') out.set(path, v);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${keyOf(x) ?? i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'disclosure' && k !== 'tests' && k !== 'rank' && k !== 'quadrant' && k !== 'crosshairs') walk(x, `${path}.${k}`);
  };
  walk({ ...results, tests: undefined, disclosure: undefined, generatedAt: undefined }, '');
  return out;
}
const keyOf = (x: unknown): string | undefined => {
  if (!x || typeof x !== 'object') return undefined;
  const o = x as Record<string, unknown>;
  const parts = ['item', 'area', 'question', 'variable', 'value', 'segment', 'group', 'category', 'voivodeship', 'measure', 'code', 'table'].filter((k) => typeof o[k] === 'string').map((k) => o[k]);
  return parts.length ? parts.join('/') : undefined;
};

describe('disclosure control against an attacker who subtracts published numbers', () => {
  const cases: [string, SurveyResponse[]][] = [['the shipped sample', sample], ['a small wave (rural operational 3, county operational 1)', smallWave()]];
  for (const [name, responses] of cases) {
    for (const k of [5, 10]) {
      it(`${name}, threshold ${k}: nothing withheld can be worked out, nothing published describes fewer than ${k}`, () => {
        const results = runAnalysis(responses, { frame, config: { suppressionThreshold: k } });
        expect(smallPublished(results, k)).toEqual([]);
        expect(attack(results)).toEqual([]);
      });
    }
  }

  it('the small wave states no size of its small groups: segment and staff-group counts are withheld', () => {
    const results = runAnalysis(smallWave(), { frame });
    const rural = results.segments.find((s) => s.code === 'rural')!;
    const county = results.segments.find((s) => s.code === 'county')!;
    expect(rural.operational).toBeNull();
    expect(county.operational).toBeNull();
    // the managers' count and the segment's count cannot both be published beside a withheld third
    expect(rural.respondents === null || rural.management === null).toBe(true);
    expect(county.respondents === null || county.management === null).toBe(true);
    expect(results.disclosure.respondentCells).toEqual(expect.arrayContaining([{ segment: 'rural', group: 'operational' }, { segment: 'county', group: 'operational' }]));
    for (const o of objectsIn(results)) if (o.suppressed === true) expect(o).not.toHaveProperty('n');
    // the example: county PRAWO1 importance — all and management may not both stand beside the withheld one
    const prawo1 = results.estimates.items.find((i) => i.item === 'PRAWO1')!.importance;
    const cell = (s: string, g: string) => prawo1.find((c) => c.segment === s && c.group === g)!;
    expect('suppressed' in cell('county', 'operational')).toBe(true);
    expect('suppressed' in cell('county', 'all') || 'suppressed' in cell('county', 'management')).toBe(true);
  });

  it('a larger threshold never publishes what a smaller one withholds, and what both publish is the same', () => {
    for (const responses of [sample, smallWave()]) {
      const at5 = publishedFigures(runAnalysis(responses, { frame, config: { suppressionThreshold: 5 } }));
      const at10 = publishedFigures(runAnalysis(responses, { frame, config: { suppressionThreshold: 10 } }));
      const extra = [...at10.keys()].filter((path) => !at5.has(path) && !path.startsWith('.config'));
      expect(extra).toEqual([]);
      for (const [path, v] of at10) if (!path.startsWith('.config')) expect(at5.get(path), path).toBe(v);
    }
  });

  it('the attacker is not blind: on unprotected tables it finds the operational official of the issue', () => {
    const results = runAnalysis(smallWave(), { frame, config: { suppressionThreshold: 5 } });
    // undo the protection of one table the way a naive per-cell rule would have left it: the county
    // management cell published beside the withheld operational one
    const raw = runAnalysis(smallWave(), { frame, config: { suppressionThreshold: 1 } });
    const item = (r: Results) => r.estimates.items.find((i) => i.item === 'PRAWO1')!;
    const weak = structuredClone(results);
    const prawo = item(weak).importance;
    for (const g of ['management', 'all']) {
      const i = prawo.findIndex((c) => c.segment === 'county' && c.group === g);
      prawo[i] = item(raw).importance.find((c) => c.segment === 'county' && c.group === g)!;
    }
    const found = attack(weak);
    expect(found.some((f) => f.startsWith('est|PRAWO1|importance|county|operational|n = 1'))).toBe(true);
  });
});
