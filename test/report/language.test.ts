/**
 * Polish as a ministry reader reads it: every count with its noun in agreement in the case the sentence puts
 * it (1 / 2–4 / 5+, with 12–14 and 22–24), one register (formal Pan/Pani in the questionnaire and its
 * interface, impersonal in the reports), effect sizes that cannot be misread, and the defects once found in
 * the reports gone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { buildProgrammes, populationOf } from '../../src/recommendations/programme.ts';
import { DEFAULT_PLAN } from '../../src/recommendations/rollout.ts';
import {
  AREAS_GEN, counted, DAYS, GROUPS, GROUPS_LOC, HOURS, HOURS_GEN, MODULES_GEN, PEOPLE, PEOPLE_ACC, PEOPLE_GEN, programmeContext,
} from '../../src/report/programme/context.ts';
import { renderProgramme } from '../../src/report/programme/render.ts';
import { renderSegmentReport } from '../../src/report/report.ts';
import { SURVEY_LOCALE_PL } from '../../src/server/respondent/page.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameCsv } from '../../src/sampling/frame.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { runAnalysis } from '../helpers/analysis.ts';
import { findPoppler } from './poppler.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const root = join(import.meta.dirname, '..', '..');
const NB = '\u00A0';

describe('numeral agreement', () => {
  const q = shippedQuestionnaire();
  const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses.slice(0, 300);
  const results = runAnalysis(responses);
  const docs = buildProgrammes({ results, questionnaire: q, catalogue: loadCatalogue(q, ['rural', 'urban', 'county']), plan: DEFAULT_PLAN, population: populationOf(results) });
  const ctx = programmeContext(docs[0]!, 'pl', true);
  const say = (n: number, forms: { pl: [string, string, string]; en: [string, string] }) => counted(ctx, String(n), n, forms.pl, forms.en).replace(NB, ' ');

  // [n, nominative, genitive, accusative of "osoba", locative of "grupa"] worked out by hand
  it.each([
    [1, '1 godzina', '1 godziny', '1 osobę', '1 grupie', '1 dzień', '1 modułu'],
    [2, '2 godziny', '2 godzin', '2 osoby', '2 grupach', '2 dni', '2 modułów'],
    [4, '4 godziny', '4 godzin', '4 osoby', '4 grupach', '4 dni', '4 modułów'],
    [5, '5 godzin', '5 godzin', '5 osób', '5 grupach', '5 dni', '5 modułów'],
    [11, '11 godzin', '11 godzin', '11 osób', '11 grupach', '11 dni', '11 modułów'],
    [12, '12 godzin', '12 godzin', '12 osób', '12 grupach', '12 dni', '12 modułów'],
    [13, '13 godzin', '13 godzin', '13 osób', '13 grupach', '13 dni', '13 modułów'],
    [14, '14 godzin', '14 godzin', '14 osób', '14 grupach', '14 dni', '14 modułów'],
    [21, '21 godzin', '21 godzin', '21 osób', '21 grupach', '21 dni', '21 modułów'],
    [22, '22 godziny', '22 godzin', '22 osoby', '22 grupach', '22 dni', '22 modułów'],
    [24, '24 godziny', '24 godzin', '24 osoby', '24 grupach', '24 dni', '24 modułów'],
    [25, '25 godzin', '25 godzin', '25 osób', '25 grupach', '25 dni', '25 modułów'],
    [112, '112 godzin', '112 godzin', '112 osób', '112 grupach', '112 dni', '112 modułów'],
    [122, '122 godziny', '122 godzin', '122 osoby', '122 grupach', '122 dni', '122 modułów'],
  ])('%i: %s, %s, %s, %s, %s, %s', (n, nom, gen, acc, loc, days, modules) => {
    expect(say(n, HOURS)).toBe(nom);
    expect(say(n, HOURS_GEN)).toBe(gen);
    expect(say(n, PEOPLE_ACC)).toBe(acc);
    expect(say(n, GROUPS_LOC)).toBe(loc);
    expect(say(n, DAYS)).toBe(days);
    expect(say(n, MODULES_GEN)).toBe(modules);
  });

  it('people and groups in the nominative and genitive, areas in the genitive', () => {
    expect([1, 3, 13, 23].map((n) => say(n, PEOPLE))).toEqual(['1 osoba', '3 osoby', '13 osób', '23 osoby']);
    expect([1, 3, 13, 23].map((n) => say(n, PEOPLE_GEN))).toEqual(['1 osoby', '3 osób', '13 osób', '23 osób']);
    expect([1, 3, 13, 23].map((n) => say(n, GROUPS))).toEqual(['1 grupa', '3 grupy', '13 grup', '23 grupy']);
    expect([1, 10, 11].map((n) => say(n, AREAS_GEN))).toEqual(['1 obszaru', '10 obszarów', '11 obszarów']);
  });
});

/** Second-person informal forms ("ty"): imperatives and "twój" a formal questionnaire must not use. */
const INFORMAL = /(?<!\p{L})(twoj\p{L}*|twoi\p{L}*|możesz|sprawdź|kliknij|wybierz|wpisz|skopiuj|kopiuj|napisz|odczekaj|odśwież|spróbuj|prześlij|przekazuj|otwórz|dokończ|zakończ|wyślij|utwórz|wypełniłeś|spędziłeś|jesteś|chcesz|podpisz|przeciągnij|upuść|zrób|wprowadź)(?!\p{L})/iu;

describe('one register', () => {
  it('the questionnaire and its page address the respondent formally, never as "ty"', () => {
    const survey = JSON.stringify(JSON.parse(readFileSync(join(root, 'surveys/diagnoza-jst.json'), 'utf8')));
    const polish = [...survey.matchAll(/"pl":"([^"]*)"/g)].map((m) => m[1]!);
    for (const s of polish) expect(s, s).not.toMatch(INFORMAL);
    const page = readFileSync(join(root, 'src/server/respondent/page.ts'), 'utf8');
    const html = readFileSync(join(root, 'src/server/html.ts'), 'utf8');
    const texts = [...`${page}\n${html}`.matchAll(/(?:pl: \{[^}]*\}|\w+: '[^']*')/g)].map((m) => m[0]).filter((s) => /[ąćęłńóśźż]|pl: \{/.test(s));
    for (const s of texts) expect(s, s).not.toMatch(INFORMAL);
    for (const [k, v] of Object.entries(SURVEY_LOCALE_PL)) expect(v, k).not.toMatch(INFORMAL);
    // every SurveyJS Polish string in the informal register is overridden
    const locale = readFileSync(join(root, 'node_modules/survey-core/i18n/polish.js'), 'utf8');
    const informal = [...locale.matchAll(/(\w+): "([^"]*)"/g)].filter((m) => INFORMAL.test(m[2]!)).map((m) => m[1]!);
    expect(informal.length).toBeGreaterThan(5);
    for (const key of informal) expect(Object.keys(SURVEY_LOCALE_PL), key).toContain(key);
  });

  it.skipIf(!findPoppler())('reports and programmes speak impersonally, say "efekt średni", and keep the defects once found out', async () => {
    const q = shippedQuestionnaire();
    const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses;
    const frame = readFrameCsv(readFileSync(join(root, 'data-samples/frame.csv'), 'utf8'), 'f.csv');
    const results = runAnalysis(responses, { frame });
    const catalogue = loadCatalogue(q, ['rural', 'urban', 'county']);
    const programmes = buildProgrammes({ results, questionnaire: q, catalogue, plan: DEFAULT_PLAN, population: populationOf(results, frame) });
    const dir = mkdtempSync(join(tmpdir(), 'diag-language-'));
    const date = new Date('2026-11-24T12:00:00Z');
    const files: string[] = [];
    for (const s of ['rural', 'county']) {
      const f = join(dir, `${s}.pdf`);
      writeFileSync(f, await renderSegmentReport({ results, questionnaire: q, catalogue, lang: 'pl', date, programmes }, s));
      files.push(f);
    }
    const p = join(dir, 'programme.pdf');
    writeFileSync(p, (await renderProgramme(programmes[0]!, { lang: 'pl', date, synthetic: true, suppressionThreshold: 5 })).bytes);
    files.push(p);
    for (const f of files) {
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { encoding: 'utf8' });
      const flat = text.replace(/\s+/g, ' ');
      // first person plural ("analizujemy", "rekomendujemy") has no place in an impersonal report
      const we = [...flat.matchAll(/(?<!\p{L})\p{L}{3,}(?:emy|imy|amy|ymy)(?!\p{L})/gu)].map((m) => m[0]).filter((w) => !/^(programy|problemy|systemy|formy|normy|tematy|schematy|reformy)$/iu.test(w));
      expect(we, f).toEqual([]);
      expect(flat).not.toMatch(/różnica (znikoma|mała|średnia|duża)\b/u);
      expect(flat).not.toMatch(/ważonych ankiet niesie|\b1 pracowników|\b1 osób\b|\b[2-4] osób\b/u);
      // a lone full stop at the start of a line
      expect(text.split('\n').filter((l) => /^\s*[.,;:]\s*$/.test(l)), f).toEqual([]);
      expect(flat).not.toMatch(/w trybie (łączony|zdalny|stacjonarny)\b/u);
      expect(flat).not.toMatch(/składa się z \d+ moduły|nie przekracza \d*[2-4] godziny\b/u);
    }
  }, 120_000);
});
