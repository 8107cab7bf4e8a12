import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { checkCatalogue, DEFAULT_CATALOGUE, loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { recommend } from '../../src/recommendations/rules.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameCsv } from '../../src/sampling/frame.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { runAnalysis } from '../helpers/analysis.ts';

const root = join(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const segments = ['rural', 'urban', 'county'];
const catalogue = loadCatalogue(q, segments);
const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses;
const frame = readFrameCsv(readFileSync(join(root, 'data-samples/frame.csv'), 'utf8'), 'f.csv');
const results = runAnalysis(responses, { frame });
const recs = recommend(results, catalogue);
const rec = (segment: string, group: string) => recs.find((r) => r.segment === segment && r.group === group)!;

describe('the programme catalogue', () => {
  it('holds six programmes, one per segment and staff group, each ending in the local-plan module', () => {
    expect(catalogue.programmes).toHaveLength(6);
    for (const p of catalogue.programmes) expect(p.modules.filter((m) => m.capstone)).toHaveLength(1);
  });

  it.each([
    { case: 'an unknown competence area', edit: (c: any) => (c.programmes[0].modules[0].areas = ['DANEE']), message: /unknown competence area "DANEE"/ },
    { case: 'an unknown form', edit: (c: any) => (c.programmes[0].modules[0].forms[0].form = 'lecture'), message: /forms\/0\/form/ },
    { case: 'a duplicate module code', edit: (c: any) => (c.programmes[0].modules[1].code = c.programmes[0].modules[0].code), message: /duplicate module code/ },
    { case: 'a missing programme', edit: (c: any) => c.programmes.pop(), message: /expected exactly one programme for segment "county" and operational, found 0/ },
    { case: 'a module training nothing', edit: (c: any) => (c.programmes[0].modules[0].areas = []), message: /must train at least one competence area/ },
  ])('rejects $case with the place named', ({ edit, message }) => {
    const c = JSON.parse(readFileSync(DEFAULT_CATALOGUE, 'utf8'));
    edit(c);
    try {
      checkCatalogue(c, q, segments, 'cat.json');
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(DiagError);
      const text = [(e as DiagError).message, ...(e as DiagError).details.map((d) => `${d.column}: ${d.message}`)].join('\n');
      expect(text).toMatch(message);
      expect((e as DiagError).details.every((d) => d.file === 'cat.json')).toBe(true);
    }
  });
});

describe('recommendations from the shipped sample', () => {
  it.each([
    { segment: 'rural', group: 'operational', first: 'GW-O-DANE' },
    { segment: 'rural', group: 'management', first: 'GW-K-DANE' },
    { segment: 'urban', group: 'operational', first: 'GM-O-PARTN' },
    { segment: 'county', group: 'operational', first: 'PW-O-ZAWOD' },
    { segment: 'county', group: 'management', first: 'PW-K-ZAWOD' },
  ])('$segment / $group: the first core module trains the top Borich area ($first)', ({ segment, group, first }) => {
    const r = rec(segment, group);
    expect(r.insufficient).toBeNull();
    expect(r.modules[0]).toMatchObject({ code: first, role: 'core', order: 1, year: 1 });
    expect(r.modules[0]!.reasons).toContain('top_rank');
  });

  it('every module except the capstone cites its evidence: area, MWDS with CI, rank, quadrant and n', () => {
    for (const r of recs) {
      expect(r.modules.at(-1)?.role === 'capstone' || r.modules.some((m) => m.role === 'capstone')).toBe(true);
      for (const m of r.modules.filter((x) => x.role !== 'capstone')) {
        expect(m.evidence.length).toBeGreaterThan(0);
        for (const e of m.evidence) {
          expect(e.n).toBeGreaterThanOrEqual(5);
          expect(e.mwds).not.toBeNull();
          expect(e.ciLow!).toBeLessThanOrEqual(e.mwds!);
          expect(e.rank).not.toBeNull();
          expect(['strong', 'moderate', 'thin']).toContain(e.strength);
        }
      }
    }
  });

  it('the core matches the priority ranking: ranks 1–3 are core, no possible-overkill area is recommended', () => {
    for (const r of recs) {
      const cell = results.priorities.cells.find((c) => c.segment === r.segment && c.group === r.group);
      if (!cell || 'suppressed' in cell) continue;
      const top3 = cell.areas.filter((a) => a.rank! <= 3).map((a) => a.area);
      const coreAreas = r.modules.filter((m) => m.role === 'core').flatMap((m) => m.evidence.map((e) => e.area));
      for (const a of top3) expect(coreAreas).toContain(a);
      for (const m of r.modules) for (const e of m.evidence) expect(e.quadrant).not.toBe('possible_overkill');
    }
  });

  it('orders forms by the share of respondents preferring them, and fits year 1 to the days available', () => {
    const r = rec('rural', 'operational');
    expect(r.preferredForms[0]!.form).toBe('workshops');
    expect(r.daysAvailable).not.toBeNull();
    expect(r.hoursBudget).toBe(r.daysAvailable!.days * catalogue.hoursPerDay);
    const year1 = r.modules.filter((m) => m.year === 1).reduce((s, m) => s + m.hours, 0);
    expect(year1 <= r.hoursBudget! || r.modules.filter((m) => m.year === 1).length === 1).toBe(true);
    for (const m of r.modules) {
      const shares = m.forms.map((f) => f.preferredShare ?? -1);
      expect([...shares].sort((a, b) => b - a)).toEqual(shares);
    }
  });

  it('is deterministic', () => {
    expect(recommend(results, catalogue)).toEqual(recs);
  });

  it('says so when a cell has too few respondents for a programme', () => {
    const small = runAnalysis(responses.filter((r) => r.data.jst_kind !== 'urban' || r.data.staff_group !== 'management' || Number(r.id.slice(1)) % 50 === 0), { frame });
    const r = recommend(small, catalogue).find((x) => x.segment === 'urban' && x.group === 'management')!;
    expect(r.insufficient).toMatch(/^withheld: fewer than 5 respondents/);
    expect(r.modules).toEqual([]);
  });
});
