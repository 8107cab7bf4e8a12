/**
 * The three diagnostic reports as files: names, metadata, structure, language, determinism and the
 * suppression rule, read back with poppler. Chapter contents are tested in chapters-part1/part2.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameCsv } from '../../src/sampling/frame.ts';
import { renderSegmentReport, writeReports, type ReportInputs } from '../../src/report/report.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { runAnalysis } from '../helpers/analysis.ts';
import { findPoppler, pdfInfo, pdfText } from './poppler.ts';

const root = join(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses;
const frame = readFrameCsv(readFileSync(join(root, 'data-samples/frame.csv'), 'utf8'), 'f.csv');
const results = runAnalysis(responses, { frame });
const catalogue = loadCatalogue(q, ['rural', 'urban', 'county']);
const date = new Date('2026-11-24T12:00:00Z');
const inputs: ReportInputs = { results, questionnaire: q, catalogue, lang: 'pl', date };
const poppler = findPoppler();

describe('the three diagnostic reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diag-reports-'));
  let written: string[] = [];

  it('are written as raport-gminy-wiejskie.pdf, raport-gminy-miejskie.pdf and raport-powiaty.pdf', async () => {
    written = await writeReports(inputs, dir);
    expect(written.map((p) => basename(p))).toEqual(['raport-gminy-wiejskie.pdf', 'raport-gminy-miejskie.pdf', 'raport-powiaty.pdf']);
  });

  it('carry their title and language, are tagged, and number every page "Strona x z N"', () => {
    if (!poppler) return;
    for (const file of written) {
      const info = pdfInfo(file);
      expect(info.Title).toBe('Diagnoza kompetencji kadr JST w zarządzaniu oświatą');
      expect(info.Tagged).toBe('yes');
      expect(readFileSync(file).includes('/Lang (pl')).toBe(true);
      const pages = Number(info.Pages);
      expect(pages).toBeGreaterThan(10);
      for (let p = 2; p <= pages; p++) expect(pdfText(file, { page: p }), `${basename(file)} page ${p}`).toContain(`Strona ${p} z ${pages}`);
    }
  });

  it('name their segment on the cover, say the data are synthetic, and keep Polish letters intact', () => {
    if (!poppler) return;
    const covers = written.map((f) => pdfText(f, { page: 1 }));
    expect(covers[0]).toContain('Gminy wiejskie');
    expect(covers[1]).toContain('Gminy miejskie');
    expect(covers[2]).toContain('Powiaty');
    for (const c of covers) {
      expect(c).toContain('DANE SYNTETYCZNE');
      expect(c).toContain('Diagnoza kompetencji kadr JST');
      expect(c).toContain('24 listopada 2026');
    }
  });

  it('hold every chapter of a publishable report in the contents', () => {
    if (!poppler) return;
    // The contents start on page 2 and may continue; chapter 1 opens on the first later page that names it.
    const pages: string[] = [];
    for (let p = 2; p < 8; p++) {
      const text = pdfText(written[0]!, { page: p });
      if (p > 2 && text.includes('1. Najważniejsze wnioski')) break;
      pages.push(text);
    }
    const toc = pages.join('\n');
    expect(toc).toContain('Spis treści');
    for (const heading of ['Najważniejsze wnioski', 'O badaniu', 'Kompetencje', 'Priorytety szkoleniowe', 'Na tle innych JST', 'kompetencje kluczowe', 'Rekomendacje', 'Metodologia', 'Aneks']) {
      expect(toc, heading).toContain(heading);
    }
  });

  it('are byte-for-byte reproducible for the same data and date', async () => {
    const a = await renderSegmentReport(inputs, 'county');
    const b = await renderSegmentReport(inputs, 'county');
    expect(Buffer.compare(a, b)).toBe(0);
    const later = await renderSegmentReport({ ...inputs, date: new Date('2026-12-01T12:00:00Z') }, 'county');
    expect(Buffer.compare(a, later)).not.toBe(0);
  });

  it('come in English with English file names and text', async () => {
    const en = await writeReports({ ...inputs, lang: 'en' }, join(dir, 'en'));
    expect(en.map((p) => basename(p))).toEqual(['report-rural-gminas.pdf', 'report-urban-gminas.pdf', 'report-counties.pdf']);
    if (!poppler) return;
    const text = pdfText(en[0]!);
    expect(text).toContain('Rural gminas');
    expect(text).toContain('SYNTHETIC DATA');
    expect(text).not.toContain('Najważniejsze wnioski');
  });

  it('withhold small cells: with a threshold above a staff group size its cells become "–" with the footnote', async () => {
    if (!poppler) return;
    const strict = runAnalysis(responses, { frame, config: { suppressionThreshold: 120 } });
    // urban management (115 respondents) is under the threshold: withheld, and no count of the segment's staff groups is printed
    const urban = strict.segments.find((s) => s.code === 'urban')!;
    expect(urban.management).toBeNull();
    const bytes = await renderSegmentReport({ ...inputs, results: strict }, 'urban');
    const file = join(dir, 'strict.pdf');
    (await import('node:fs')).writeFileSync(file, bytes);
    const text = pdfText(file);
    expect(text).toContain('mniej niż 120 odpowiedzi');
    expect(text).toMatch(/liczebności obu grup\s+nie są podane/);
    expect(text).not.toMatch(/\b115 z kadry zarządzającej/);
    for (const bad of ['NaN', 'undefined']) expect(text).not.toContain(bad);
  });
});
