/**
 * Chapters 5–9 of the segment reports (differences, key competences, recommendations, methodology,
 * annex), read back with poppler from reports rendered from a fresh analysis of data-samples: headings,
 * the data hash in the annex, a significant difference with its effect-size word, the top module of a
 * programme, the suppression threshold in the methodology, and no NaN / undefined / raw codes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/analysis/results-schema.ts';
import { loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { programmesOf } from '../../src/report/report.ts';
import { formatNumber } from '../../src/report/kit/format.ts';
import { renderSegmentReport, type ReportInputs } from '../../src/report/report.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameCsv } from '../../src/sampling/frame.ts';
import { runAnalysis } from '../helpers/analysis.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { findPoppler, pdfText } from './poppler.ts';

const root = resolve(import.meta.dirname, '..', '..');
const OUT = resolve(root, '.tmp/chapters-part2');
const hasPoppler = findPoppler();
const DATE = new Date(Date.UTC(2026, 10, 24));

const q = shippedQuestionnaire();
let results: Results;
let inputs: ReportInputs;
const text: Record<string, string> = {};
/** Whitespace (including no-break and thin spaces) folded to one space, so wrapped lines read as prose. */
const flat = (s: string) => s.replace(/[\s\u00A0\u202F\u2060]+/g, ' ');
/** The text from a chapter heading to the next chapter heading. */
function chapter(all: string, no: number, title: string): string {
  const body = all.split(`\f`).join('\n');
  const starts = [...body.matchAll(new RegExp(`^${no}\\. ${title}`, 'gm'))].map((m) => m.index ?? 0);
  const start = starts.at(-1) ?? -1; // the last one: the first is the table of contents
  if (start < 0) return '';
  const rest = body.slice(start + 1);
  const next = rest.search(new RegExp(`^${no + 1}\\. `, 'm'));
  return flat(next < 0 ? rest : rest.slice(0, next));
}

beforeAll(async () => {
  if (!hasPoppler) return;
  const dataFile = join(root, 'data-samples/responses.csv');
  const data = readFileSync(dataFile);
  const responses = readResponsesCsv(q, data, 'responses.csv').responses;
  const frame = readFrameCsv(readFileSync(join(root, 'data-samples/frame.csv'), 'utf8'), 'frame.csv');
  results = runAnalysis(responses, { frame });
  // the test helper records a placeholder hash: record the real one, as `diag analyze` does
  results.input.data = { file: 'data-samples/responses.csv', sha256: createHash('sha256').update(data).digest('hex') };
  const catalogue = loadCatalogue(q, results.config.segments.map((s) => s.code));
  mkdirSync(OUT, { recursive: true });
  for (const [segment, lang] of [['rural', 'pl'], ['county', 'pl'], ['rural', 'en']] as const) {
    inputs = { results, questionnaire: q, catalogue, lang, date: DATE };
    const file = join(OUT, `${segment}-${lang}.pdf`);
    writeFileSync(file, await renderSegmentReport(inputs, segment));
    text[`${segment}-${lang}`] = pdfText(file);
  }
  inputs = { ...inputs, lang: 'pl' };
}, 180_000);

describe.skipIf(!hasPoppler)('report chapters 5–9', () => {
  it.each(['rural', 'county'])('the %s report has the five chapter headings', (segment) => {
    const all = text[`${segment}-pl`]!;
    for (const h of ['5. Na tle innych JST', '6. Rozwiązania wspierające kompetencje kluczowe uczniów', '7. Rekomendacje', '8. Metodologia', '9. Aneks']) {
      expect(flat(all)).toContain(h);
    }
    expect(flat(text['rural-en']!)).toContain('Compared with other JSTs');
  });

  it('prints the SHA-256 of the data in the annex, equal to the one in the results', () => {
    const annex = chapter(text['rural-pl']!, 9, 'Aneks');
    expect(results.input.data.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(annex).toContain(results.input.data.sha256);
    expect(annex).toContain(results.input.questionnaire.sha256);
  });

  it('names a difference that holds after correction with its effect-size word', () => {
    const sig = results.tests.results
      .filter((t) => t.family === 'areas_segments_svyttest' && t.significant && t.groups.includes('rural'))
      .sort((a, b) => Math.abs(b.effect.value ?? 0) - Math.abs(a.effect.value ?? 0))[0]!;
    expect(sig).toBeDefined();
    const sign = sig.groups[0] === 'rural' ? 1 : -1;
    const words: Record<string, string> = { small: 'mały', medium: 'średni', large: 'duży' };
    const diff = formatNumber(sign * sig.difference!.estimate!, { decimals: 2, lang: 'pl', signed: true });
    const area = q.areas.find((a) => sig.variable.startsWith(`${a.code}_`))!;
    const ch = chapter(text['rural-pl']!, 5, 'Na tle innych JST');
    expect(ch).toContain(`„${area.label.pl}”`);
    expect(ch).toContain(flat(`${diff} pkt; efekt ${words[sig.effect.magnitude!]}`));
    // and no test that failed the correction is reported as a difference
    expect(ch).toContain('poprawce Holma');
  });

  it('summarises both programmes of the segment, module by module, and points to their documents', () => {
    const docs = programmesOf(inputs);
    for (const segment of ['rural', 'county']) {
      // pdftotext joins a word hyphenated at a line end ("miejsko-\nwiejskich" → "miejskowiejskich"): compare without hyphens
      const squash = (s: string) => flat(s).replace(/-/g, '');
      const ch = squash(chapter(text[`${segment}-pl`]!, 7, 'Rekomendacje'));
      for (const group of ['management', 'operational']) {
        const d = docs.find((x) => x.segment.code === segment && x.staffGroup === group)!;
        expect(ch).toContain(squash(`„${d.title.pl}” trwa dwa lata`));
        for (const m of d.modules) expect(ch).toContain(squash(m.title.pl));
      }
    }
    const ruralOp = docs.find((d) => d.segment.code === 'rural' && d.staffGroup === 'operational')!;
    expect(ruralOp.modules[0]!.evidence!.area).toBe('DANE');
    const ch = flat(chapter(text['rural-pl']!, 7, 'Rekomendacje'));
    expect(ch.replace(/-/g, '')).toContain('programgminywiejskiekadrazarzadzajaca.pdf');
    expect(ch.replace(/-/g, '')).toContain('programgminywiejskiepracownicyoperacyjni.pdf');
    // the one evidence language: "podstawowy" never beside a quadrant other than "Skoncentruj się tutaj"
    expect(ch).not.toMatch(/podstawowy[^„]{0,60}„(Niski priorytet|Utrzymaj|Możliwy nadmiar)”/u);
  });

  it('states the suppression threshold in the methodology, with the box for non-specialists', () => {
    const ch = chapter(text['rural-pl']!, 8, 'Metodologia');
    expect(results.config.suppressionThreshold).toBe(5);
    expect(ch).toContain('żadna liczba w tym raporcie nie opisuje mniej niż 5 osób');
    expect(ch).toContain('Co ukryto, by chronić anonimowość badanych?');
    expect(ch).toContain('Przedział ufności 95 %');
    expect(ch).toContain('Istotne statystycznie');
  });

  it('never prints NaN, undefined, null or a raw variable name', () => {
    for (const [key, all] of Object.entries(text)) {
      const body = flat(all);
      expect(body, key).not.toMatch(/\bNaN\b|undefined|\bnull\b|\[object/);
      expect(body, key).not.toMatch(/\b[A-Z]{3,6}\d?_(imp|lvl|gap)\b|\bkc_[a-z_]+|\btrain_[a-z]+/);
      expect(body, key).not.toMatch(/\b(concentrate_here|keep_up|low_priority|possible_overkill|urban_rural|city_county)\b/);
    }
  });
});
