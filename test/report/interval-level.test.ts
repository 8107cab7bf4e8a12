/**
 * Every interval label of the segment reports names the confidence level the results were computed at
 * (`results.config.level`), never a fixed 95 %: a report of results at 90 % says "PU 90 %" / "90% CI" in its
 * text, tables and chart notes, and nowhere 95 %. Read back from the PDF with pdftotext (skipped without poppler
 * locally, as the other read-back tests), and from the charts' specifications.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/analysis/results-schema.ts';
import { loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { dumbbellChart, groupedChart, levelPercent, rankingChart } from '../../src/report/kit/index.ts';
import { renderSegmentReport } from '../../src/report/report.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameCsv } from '../../src/sampling/frame.ts';
import { runAnalysis } from '../helpers/analysis.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { findPoppler, pdfText } from './poppler.ts';

const root = resolve(import.meta.dirname, '..', '..');
const OUT = join(root, '.tmp', 'interval-level-test');
const hasPoppler = findPoppler();
const flat = (s: string) => s.replace(/[\s\u00A0\u202F]+/gu, ' ').trim();

describe('the confidence level in interval labels', () => {
  it('is written in the report language\'s typography', () => {
    expect(levelPercent(0.95, 'pl')).toBe('95');
    expect(levelPercent(0.9, 'en')).toBe('90');
    expect(levelPercent(0.975, 'pl')).toBe('97,5');
    expect(levelPercent(0.975, 'en')).toBe('97.5');
  });

  it('names the chart whiskers at the level given (95 % by default)', () => {
    const row = { label: 'A', importance: { value: 4, lo: 3.8, hi: 4.2 }, level: { value: 3, lo: 2.8, hi: 3.2 }, n: 30 };
    const axisTitles = (spec: { build(): unknown }) => JSON.stringify(spec.build());
    expect(axisTitles(dumbbellChart([row], { lang: 'pl', ciLevel: 0.9 }))).toContain('wąsy: przedział ufności 90\u00A0%');
    expect(axisTitles(dumbbellChart([row], { lang: 'pl' }))).toContain('wąsy: przedział ufności 95\u00A0%');
    expect(axisTitles(rankingChart([{ label: 'A', value: 2, lo: 1, hi: 3 }], { lang: 'en', valueLabel: 'MWDS', ciLevel: 0.9 }))).toContain('whiskers: 90% confidence interval');
    const grouped = groupedChart([{ label: 'A', management: { value: 2, lo: 1, hi: 3 }, operational: { value: 2, lo: 1, hi: 3 } }], { lang: 'en', valueLabel: 'MWDS', ciLevel: 0.9 });
    expect(axisTitles(grouped)).toContain('whiskers: 90% confidence interval');
    expect(axisTitles(grouped)).not.toContain('95%');
  });

  describe.skipIf(!hasPoppler && !process.env.CI)('in a report of results at 90 %', () => {
    const text: Record<string, string> = {};
    let results: Results;
    beforeAll(async () => {
      const q = shippedQuestionnaire();
      const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'responses.csv').responses;
      const frame = readFrameCsv(readFileSync(join(root, 'data-samples/frame.csv'), 'utf8'), 'frame.csv');
      results = runAnalysis(responses, { frame, config: { level: 0.9 } });
      const catalogue = loadCatalogue(q, results.config.segments.map((s) => s.code));
      mkdirSync(OUT, { recursive: true });
      for (const lang of ['pl', 'en'] as const) {
        const file = join(OUT, `rural-${lang}.pdf`);
        writeFileSync(file, await renderSegmentReport({ results, questionnaire: q, catalogue, lang, date: new Date(Date.UTC(2026, 10, 24)) }, 'rural'));
        text[lang] = flat(pdfText(file));
      }
    }, 240_000);

    it('says 90 % wherever it names an interval, in Polish and English, and 95 % nowhere', () => {
      expect(results.config.level).toBe(0.9);
      const pl = text.pl!;
      const en = text.en!;
      for (const label of ['PU 90 %', 'przedział ufności 90 %', 'Ważność (PU 90 %)', 'MWDS (PU 90 %)']) expect(pl).toContain(label);
      for (const label of ['90% CI', '90% confidence interval', 'Importance (90% CI)', 'MWDS (90% CI)']) expect(en).toContain(label);
      expect(pl).not.toMatch(/PU 95|ufności 95/u);
      expect(en).not.toMatch(/95% CI|95% confidence/u);
    });
  });
});
