/**
 * Chapters 1–4 of the segment reports (key findings, about the survey, competences, priorities), read
 * back from the PDF: a fresh analysis of the shipped synthetic sample (with the frame, so weighted),
 * the rural and county reports rendered with a fixed date, their text extracted with pdftotext. Without
 * poppler the read-back tests are skipped locally and fail under CI (see poppler.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/analysis/results-schema.ts';
import { loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { formatNumber } from '../../src/report/kit/format.ts';
import { renderSegmentReport } from '../../src/report/report.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameCsv } from '../../src/sampling/frame.ts';
import { runAnalysis } from '../helpers/analysis.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { findPoppler, pdfText } from './poppler.ts';

const root = resolve(import.meta.dirname, '..', '..');
const OUT = join(root, '.tmp', 'part1-test');
const hasPoppler = findPoppler();
const DATE = new Date(Date.UTC(2026, 10, 24));
const SEGMENTS = ['rural', 'county'] as const;
type Seg = (typeof SEGMENTS)[number];

const HEADINGS_PL = ['Najważniejsze wnioski', 'O badaniu', 'Kompetencje: ważność a poziom', 'Priorytety szkoleniowe'];

let results: Results;
/** the whole text and the text of chapters 1–4 only, whitespace collapsed, per segment */
const text: Record<string, { all: string; part1: string }> = {};

/** Collapses every run of white space (including no-break spaces) to one space. */
const flat = (s: string) => s.replace(/[\s\u00A0\u202F]+/gu, ' ').trim();

/** The pages of chapters 1–4: from chapter 1's page to the page before chapter 5, as the contents list them. */
function part1Pages(file: string): string {
  const pages = pdfText(file).split('\f');
  const toc = pages.slice(1, 4).join('\n');
  const pageOf = (chapter: number) => {
    const m = new RegExp(`^${chapter}\\. [^\\n]+\\n+(\\d+)$`, 'mu').exec(toc);
    return m ? Number(m[1]) : undefined;
  };
  const start = pageOf(1);
  const end = pageOf(5);
  if (!start) throw new Error(`no chapter 1 in the contents of ${file}`);
  return pages.slice(start - 1, end ? end - 1 : undefined).join('\n');
}

beforeAll(async () => {
  const q = shippedQuestionnaire();
  const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'responses.csv').responses;
  const frame = readFrameCsv(readFileSync(join(root, 'data-samples/frame.csv'), 'utf8'), 'frame.csv');
  results = runAnalysis(responses, { frame });
  const catalogue = loadCatalogue(q, results.config.segments.map((s) => s.code));
  mkdirSync(OUT, { recursive: true });
  for (const seg of SEGMENTS) {
    for (const lang of ['pl', 'en'] as const) {
      const bytes = await renderSegmentReport({ results, questionnaire: q, catalogue, lang, date: DATE }, seg);
      const file = join(OUT, `${seg}-${lang}.pdf`);
      writeFileSync(file, bytes);
      if (hasPoppler) text[`${seg}-${lang}`] = { all: flat(pdfText(file)), part1: flat(part1Pages(file)) };
    }
  }
});

const topArea = (seg: Seg) => {
  const cell = results.priorities.cells.find((c) => c.segment === seg && c.group === 'all');
  if (!cell || 'suppressed' in cell) throw new Error(`no priorities for ${seg}`);
  const top = cell.areas.find((a) => a.rank === 1)!;
  const label = shippedQuestionnaire().areas.find((a) => a.code === top.area)!.label;
  return { code: top.area, mwds: top.mwds!, label };
};

describe.skipIf(!hasPoppler)('chapters 1–4 read back from the PDF', () => {
  it.each(SEGMENTS)('%s: has the four chapter headings and the key section titles', (seg) => {
    const { all, part1 } = text[`${seg}-pl`]!;
    HEADINGS_PL.forEach((h, i) => expect(all).toContain(`${i + 1}. ${h}`));
    for (const s of ['Kogo zapytano i ile osób odpowiedziało?', 'Jak ważono wyniki?', 'Które obszary wymagają szkoleń w pierwszej kolejności?', 'Gdzie ważność jest wysoka, a poziom niski?']) expect(part1).toContain(s);
    expect(part1.length).toBeGreaterThan(5000);
  });

  it.each(SEGMENTS)('%s: prints the top priority area and its MWDS exactly as formatNumber gives it', (seg) => {
    const { part1 } = text[`${seg}-pl`]!;
    const top = topArea(seg);
    const mwds = formatNumber(top.mwds, { lang: 'pl' });
    expect(mwds).toMatch(/^\d,\d\d$/u);
    expect(part1).toContain(`MWDS ${mwds}`);
    expect(part1).toContain(top.label.pl);
    // the ranking sentence names the area, lower-case, with its MWDS right after it
    const inText = top.label.pl.charAt(0).toLowerCase() + top.label.pl.slice(1);
    expect(part1).toContain(`${inText} (MWDS ${mwds}`);
  });

  it('rural: the analysis of the shipped data puts education data first, at 4,65 weighted (4,74 classic)', () => {
    expect(topArea('rural').code).toBe('DANE');
    expect(text['rural-pl']!.part1).toContain('analiza danych oświatowych (MWDS 4,65');
    // the priorities table prints the classic unweighted MWDS beside it, with its rank
    expect(text['rural-pl']!.part1).toMatch(/Analiza danych oświatowych\s+4,65 \(4,\d\d–5,\d\d\)\s+4,74 \(1\)/);
  });

  it.each(SEGMENTS)('%s: Polish sentences keep their diacritics and numbers their decimal commas', (seg) => {
    const { part1 } = text[`${seg}-pl`]!;
    expect(part1).toContain('Największa luka między ważnością zadań a poziomem, na jakim badani je wykonują');
    expect(part1).toMatch(/zbyt szybkie wypełnienie/u);
    expect(part1).toMatch(/ważność \d,\d\d, poziom \d,\d\d/u);
    // intervals as 3,95–5,07 and per cents with a space: 50 %
    expect(part1).toMatch(/\d,\d\d–\d,\d\d/u);
    expect(part1).toMatch(/\d %/u);
    // no decimal point in a number of the Polish chapters
    expect(part1).not.toMatch(/(?<![\d.])\d+\.\d{2}(?![\d.])/u);
  });

  it.each(SEGMENTS)('%s: no NaN, undefined, null or raw variable codes', (seg) => {
    for (const lang of ['pl', 'en']) {
      const { part1 } = text[`${seg}-${lang}`]!;
      expect(part1).not.toMatch(/\bNaN\b|\bundefined\b|\bnull\b|\[object/u);
      expect(part1).not.toMatch(/\b[A-Z]{3,6}\d?_(imp|lvl|gap)\b/u);
      expect(part1).not.toMatch(/\b(PRAWO|STRAT|FIN|SIEC|KADRY|WSPAR|INKL|ZAWOD|PRZED|PARTN)\d?\b/u);
      expect(part1).not.toMatch(/\bDANE\d\b|concentrate_here|possible_overkill|keep_up|low_priority|cluster_bootstrap/u);
    }
  });

  it('county: vocational education is shown to counties and the rural report leaves it out', () => {
    expect(text['county-pl']!.part1).toContain('Kształcenie zawodowe i doradztwo zawodowe');
    expect(text['rural-pl']!.part1).not.toContain('Kształcenie zawodowe i doradztwo zawodowe');
  });

  it.each(SEGMENTS)('%s: every figure and table of the chapters is referred to and carries the synthetic source line', (seg) => {
    const { part1 } = text[`${seg}-pl`]!;
    const figures = [...part1.matchAll(/Wykres (\d+)\. /gu)].map((m) => m[1]);
    expect(figures.length).toBeGreaterThanOrEqual(5);
    expect(part1).toMatch(/Wykres \d+ (pokazuje|zestawia|porządkuje|umieszcza)/u);
    expect(part1).toMatch(/Tabela \d+ (łączy|pokazuje|zbiera)/u);
    const sources = part1.split('Źródło: diagnoza kompetencji kadr JST, dane syntetyczne').length - 1;
    const blocks = [...part1.matchAll(/(Wykres|Tabela) \d+\. /gu)].length;
    expect(sources).toBe(blocks);
  });

  it('English: the same chapters in English, with decimal points', () => {
    const { part1 } = text['rural-en']!;
    for (const h of ['1. Key findings', '2. About the survey', '3. Competences: importance and level', '4. Training priorities']) expect(part1).toContain(h);
    expect(part1).toContain(`MWDS ${formatNumber(topArea('rural').mwds, { lang: 'en' })}`);
    expect(part1).not.toMatch(/\b\d,\d\d\b/u);
  });
});
