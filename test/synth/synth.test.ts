import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResponsesCsv, writeResponsesCsv } from '../../src/responses/csv.ts';
import { writeFrameCsv } from '../../src/sampling/frame.ts';
import { generateSynthetic } from '../../src/synth/generate.ts';
import { validateResponse } from '../../src/questionnaire/validate.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { itemMean, ratings, segmentOf } from '../helpers/ratings.ts';

const q = shippedQuestionnaire();
const root = join(import.meta.dirname, '..', '..');

describe('synthetic data are reproducible', () => {
  it('the same seed gives byte-identical files; another seed gives other data', () => {
    const a = generateSynthetic(q, { respondents: 300, seed: 7 });
    const b = generateSynthetic(q, { respondents: 300, seed: 7 });
    const c = generateSynthetic(q, { respondents: 300, seed: 8 });
    expect(writeResponsesCsv(q, b.responses)).toBe(writeResponsesCsv(q, a.responses));
    expect(writeFrameCsv(b.frame)).toBe(writeFrameCsv(a.frame));
    expect(writeResponsesCsv(q, c.responses)).not.toBe(writeResponsesCsv(q, a.responses));
  });

  it('the shipped data-samples are exactly what `diag synth --respondents 1500 --seed 2026` writes', () => {
    const regenerated = generateSynthetic(q, { respondents: 1500, seed: 2026 });
    expect(writeResponsesCsv(q, regenerated.responses)).toBe(readFileSync(join(root, 'data-samples', 'responses.csv'), 'utf8'));
    expect(writeFrameCsv(regenerated.frame)).toBe(readFileSync(join(root, 'data-samples', 'frame.csv'), 'utf8'));
  });
});

describe('the shipped sample (1,500 synthetic respondents)', () => {
  const shipped = readResponsesCsv(q, readFileSync(join(root, 'data-samples', 'responses.csv')), 'responses.csv').responses;
  const synth = generateSynthetic(q, { respondents: 1500, seed: 2026 });

  it('is valid, labelled synthetic, and about 3 respondents in each of 500 JSTs', () => {
    expect(shipped).toHaveLength(1500);
    for (const r of shipped) expect(validateResponse(q, r).issues).toEqual([]);
    expect(shipped.every((r) => r.meta.source === 'synthetic')).toBe(true);
    const jsts = new Set(shipped.map((r) => r.data.teryt));
    expect(jsts.size).toBe(500);
    expect(synth.frame.every((u) => u.synthetic && u.name.includes(' S-'))).toBe(true);
    const frameCodes = new Set(synth.frame.map((u) => u.teryt));
    expect([...jsts].every((t) => frameCodes.has(t as string))).toBe(true);
  });

  it('over-represents the small JST kinds, so that weighting matters', () => {
    const share = (kind: string, list: { kind: string }[]) => list.filter((u) => u.kind === kind).length / list.length;
    expect(share('county', synth.sampled)).toBeGreaterThan(1.5 * share('county', synth.frame));
    expect(share('rural', synth.sampled)).toBeLessThan(share('rural', synth.frame) / 2);
  });

  // Planted effects, with tolerances for sampling noise at n ≈ 300–600 per group (SE of a mean ≈ 0.03–0.05).
  it('rural gminas analyse data about 0.6 points worse than urban gminas (planted −0.3 / +0.3)', () => {
    const rural = shipped.filter((r) => segmentOf(r) === 'rural');
    const urban = shipped.filter((r) => r.data.jst_kind === 'urban');
    const diff = itemMean(urban, 'DANE', 'lvl') - itemMean(rural, 'DANE', 'lvl');
    expect(diff).toBeGreaterThan(0.45);
    expect(diff).toBeLessThan(0.8);
  });

  it('importance exceeds level in data analysis and support for schools, but hardly in law or staff management', () => {
    const gap = (area: string) => itemMean(shipped, area, 'imp') - itemMean(shipped, area, 'lvl');
    expect(gap('DANE')).toBeGreaterThan(0.6);
    expect(gap('WSPAR')).toBeGreaterThan(0.6);
    expect(Math.abs(gap('PRAWO'))).toBeLessThan(0.25);
    expect(Math.abs(gap('KADRY'))).toBeLessThan(0.25);
  });

  it('management rates strategy more important and its own planning better than operational staff', () => {
    const m = shipped.filter((r) => r.data.staff_group === 'management');
    const o = shipped.filter((r) => r.data.staff_group === 'operational');
    expect(itemMean(m, 'STRAT', 'imp') - itemMean(o, 'STRAT', 'imp')).toBeGreaterThan(0.2);
    expect(itemMean(m, 'STRAT', 'lvl') - itemMean(o, 'STRAT', 'lvl')).toBeGreaterThan(0.2);
    expect(itemMean(o, 'FIN', 'lvl') - itemMean(m, 'FIN', 'lvl')).toBeGreaterThan(0.1);
    expect(m.length / shipped.length).toBeGreaterThan(0.3);
    expect(m.length / shipped.length).toBeLessThan(0.4);
  });

  it('only county-level JSTs rate vocational education, and its gap is the largest there', () => {
    const counties = shipped.filter((r) => segmentOf(r) === 'county');
    expect(shipped.filter((r) => r.data.ZAWOD !== undefined).every((r) => segmentOf(r) === 'county')).toBe(true);
    const gaps = q.areas.map((a) => ({ area: a.code, gap: itemMean(counties, a.code, 'imp') - itemMean(counties, a.code, 'lvl') }));
    gaps.sort((a, b) => b.gap - a.gap);
    expect(gaps[0]?.area).toBe('ZAWOD');
  });

  it('leaves about 3 % of rated cells empty', () => {
    let cells = 0;
    let empty = 0;
    for (const r of shipped) {
      for (const a of q.areas) {
        const rows = r.data[a.question] as Record<string, Record<string, number>> | undefined;
        if (!rows) continue;
        for (const row of Object.values(rows)) {
          cells += 2;
          empty += 2 - Object.keys(row).length;
        }
      }
    }
    // Rows with both cells empty disappear from the data; count them through the visible items instead.
    const shownCells = shipped.reduce((n, r) => n + ratings(q, r).shown * 2, 0);
    const missing = (shownCells - cells + empty) / shownCells;
    expect(missing).toBeGreaterThan(0.02);
    expect(missing).toBeLessThan(0.04);
  });

  it('plants straight-liners, speeders and duplicate submissions that can be found', () => {
    const straight = shipped.filter((r) => ratings(q, r).distinct === 1).map((r) => r.id);
    expect(straight).toEqual(expect.arrayContaining(synth.planted.straightLiners));
    expect(synth.planted.straightLiners.length).toBeGreaterThanOrEqual(15);
    expect(synth.planted.straightLiners.length).toBeLessThanOrEqual(45);

    const durations = shipped.map((r) => r.meta.durationSec ?? 0).sort((a, b) => a - b);
    const median = durations[Math.floor(durations.length / 2)]!;
    const fast = shipped.filter((r) => (r.meta.durationSec ?? 0) < 0.35 * median).map((r) => r.id).sort();
    // A duplicate copies its original's completion time, so copies of speeders are fast too.
    const speederIds = new Set(synth.planted.speeders);
    const copiesOfSpeeders = synth.planted.duplicates.filter((d) => speederIds.has(d.copyOf)).map((d) => d.id);
    expect(fast).toEqual([...synth.planted.speeders, ...copiesOfSpeeders].sort());

    const byAnswers = new Map<string, SurveyResponse[]>();
    for (const r of shipped) {
      const key = JSON.stringify(r.data);
      byAnswers.set(key, [...(byAnswers.get(key) ?? []), r]);
    }
    const copies = [...byAnswers.values()].filter((g) => g.length > 1).map((g) => g.map((r) => r.id).sort());
    expect(copies).toEqual(expect.arrayContaining(synth.planted.duplicates.map((d) => [d.copyOf, d.id].sort())));
    expect(copies.length).toBe(synth.planted.duplicates.length);
  });
});
