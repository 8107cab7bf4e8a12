/**
 * The one rule for cells that cannot support inference, as the report words it: in a copy of the shipped
 * sample where every manager of urban gminas works in one JST, the urban report prints their MWDS without
 * an interval and says why, and the differences chapter names the staff-group comparisons it could not test.
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { renderSegmentReport } from '../../src/report/report.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { runAnalysis } from '../helpers/analysis.ts';
import { findPoppler, pdfText } from './poppler.ts';

const root = join(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses;
const managers = responses.filter((r) => r.data.jst_kind === 'urban' && r.data.staff_group === 'management');
for (const r of managers) r.data.teryt = managers[0]!.data.teryt;
const results = runAnalysis(responses);
const flat = (s: string) => s.replace(/[\s\u00A0\u202F\u2060]+/g, ' ');

describe.skipIf(!findPoppler())('a staff group whose answers all come from one JST', () => {
  it('has no interval and no test, and the report says so in words', async () => {
    const cell = results.priorities.cells.find((c) => c.segment === 'urban' && c.group === 'management')!;
    expect(cell).toMatchObject({ noInference: expect.stringContaining('one JST') });
    const catalogue = loadCatalogue(q, ['rural', 'urban', 'county']);
    const file = join(mkdtempSync(join(tmpdir(), 'diag-noinf-')), 'urban.pdf');
    writeFileSync(file, await renderSegmentReport({ results, questionnaire: q, catalogue, lang: 'pl', date: new Date('2026-11-24T12:00:00Z') }, 'urban'));
    const text = flat(pdfText(file));
    expect(text).toContain('Wynik bez przedziału ufności: wszystkie odpowiedzi pochodzą z jednej JST');
    expect(text).toMatch(/Nie testowano \d+ porówna\S*, w których odpowiedzi [^:.]*kadry zarządzającej pochodzą z jednej JST/);
  });
});
