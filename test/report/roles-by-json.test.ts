/**
 * Nothing in the code names a question id of the shipped questionnaire: the recommendations and the report read
 * the programme metadata's roles. A copy of the questionnaire and its metadata with other ids (changed by JSON
 * alone) gives the same results, programmes and report text; a metadata without the optional roles still loads,
 * analyses and renders, leaving out what it did not ask. The PDF read-back needs poppler (see poppler.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analysis/analyze.ts';
import { DEFAULT_CONFIG } from '../../src/analysis/config.ts';
import type { Results } from '../../src/analysis/results-schema.ts';
import { loadQuestionnaire } from '../../src/questionnaire/load.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import type { Questionnaire } from '../../src/questionnaire/types.ts';
import { loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { renderSegmentReport, programmesOf } from '../../src/report/report.ts';
import type { ProgrammeDoc } from '../../src/recommendations/programme.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameCsv, type FrameUnit } from '../../src/sampling/frame.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { findPoppler, pdfText } from './poppler.ts';

const root = resolve(import.meta.dirname, '..', '..');
const hasPoppler = findPoppler();
const DATE = new Date(Date.UTC(2026, 10, 24));

/** Old id → new id: the questions every optional role names, and some required ones. */
const RENAMES: Record<string, string> = {
  train_mode: 'forma_szkolenia', train_forms: 'formy_nauki', train_days: 'dni_w_roku', train_areas: 'obszary_potrzeb',
  kc_priorities: 'kk_priorytety', kc_now: 'kk_dzialania', kc_lack: 'kk_braki', kc_support: 'kk_wsparcie',
  cuw: 'centrum_uslug', strategy: 'strategia_oswiaty', coalition: 'koalicja_lokalna',
  position: 'stanowisko_badanego', years_admin: 'staz_w_administracji', tasks: 'zadania_badanego',
  population_class: 'wielkosc_jst', n_schools: 'liczba_szkol', jst_kind: 'rodzaj_jst', staff_group: 'grupa_stanowisk',
};

/** Renames question names and the `{name}` of every expression in a SurveyJS element tree (choice values stay). */
function renameSurvey(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(renameSurvey);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'name' && typeof v === 'string' && RENAMES[v]) out[k] = RENAMES[v];
    else if (typeof v === 'string' && /If$|^expression$/.test(k)) out[k] = v.replace(/\{([^}]+)\}/g, (m, n: string) => (RENAMES[n] ? `{${RENAMES[n]}}` : m));
    else out[k] = renameSurvey(v);
  }
  return out;
}

/** Renames the question names in the metadata's roles (every string value under "roles"). */
function renameRoles(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(renameRoles);
  if (typeof node === 'string') return RENAMES[node] ?? node;
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'value' ? v : renameRoles(v)]));
}

/** Writes diagnoza-jst.json and its metadata to a fresh folder and loads them. */
function writeAndLoad(survey: unknown, programme: unknown): Questionnaire {
  const dir = mkdtempSync(join(tmpdir(), 'diag-roles-'));
  writeFileSync(join(dir, 'diagnoza-jst.json'), JSON.stringify(survey, null, 2));
  writeFileSync(join(dir, 'diagnoza-jst.programme.json'), JSON.stringify(programme, null, 2));
  return loadQuestionnaire(join(dir, 'diagnoza-jst.json'));
}

/** The new ids back to the old ones, anywhere in a text (the new ids occur nowhere else). */
const back = (s: string) => Object.entries(RENAMES).sort((a, b) => b[1].length - a[1].length).reduce((acc, [o, n]) => acc.split(n).join(o), s);
const flat = (s: string) => s.replace(/[\s\u00A0\u202F]+/gu, ' ').trim();

interface Run { q: Questionnaire; results: Results; programmes: ProgrammeDoc[]; text: Record<'pl' | 'en', string> }

async function run(q: Questionnaire, responses: SurveyResponse[], frame: FrameUnit[], langs: readonly ('pl' | 'en')[], out: string): Promise<Run> {
  const results = runAnalysis({ questionnaire: q, responses, frame, config: { ...DEFAULT_CONFIG, weights: 'frame' }, source: { dataFile: 'test', dataSha256: '0'.repeat(64) }, now: new Date('2026-11-24T12:00:00Z') }).results;
  const catalogue = loadCatalogue(q, results.config.segments.map((s) => s.code));
  const programmes = programmesOf({ results, questionnaire: q, catalogue, lang: 'pl', date: DATE });
  const text = { pl: '', en: '' };
  if (hasPoppler) {
    mkdirSync(out, { recursive: true });
    for (const lang of langs) {
      const file = join(out, `rural-${lang}.pdf`);
      writeFileSync(file, await renderSegmentReport({ results, questionnaire: q, catalogue, lang, date: DATE, programmes }, 'rural'));
      text[lang] = flat(pdfText(file));
    }
  }
  return { q, results, programmes, text };
}

let shipped: Run;
let renamed: Run;
let bare: Run;

beforeAll(async () => {
  const q = shippedQuestionnaire();
  const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'responses.csv').responses;
  const frame = readFrameCsv(readFileSync(join(root, 'data-samples/frame.csv'), 'utf8'), 'frame.csv');
  const survey = JSON.parse(readFileSync(join(root, 'surveys/diagnoza-jst.json'), 'utf8'));
  const programme = JSON.parse(readFileSync(join(root, 'surveys/diagnoza-jst.programme.json'), 'utf8'));
  const out = join(root, '.tmp', 'roles-by-json');

  shipped = await run(q, responses, frame, ['pl', 'en'], join(out, 'shipped'));

  const rq = writeAndLoad(renameSurvey(survey), { ...programme, roles: renameRoles(programme.roles) });
  const rr = responses.map((r) => ({ ...r, data: Object.fromEntries(Object.entries(r.data).map(([k, v]) => [RENAMES[k] ?? k, v])) }));
  renamed = await run(rq, rr, frame, ['pl', 'en'], join(out, 'renamed'));

  const required = ['jstKind', 'staffGroup', 'teryt', 'voivodeship', 'populationClass', 'trainingAreas'];
  const bq = writeAndLoad(survey, { ...programme, roles: Object.fromEntries(required.map((k) => [k, programme.roles[k]])) });
  bare = await run(bq, responses, frame, ['pl'], join(out, 'bare'));
}, 300_000);

describe('a questionnaire with other question ids, by JSON alone', () => {
  it('is read with the renamed ids in its roles', () => {
    expect(renamed.q.roles.trainingMode).toBe('forma_szkolenia');
    expect(renamed.q.roles.keyCompetences?.lack).toBe('kk_braki');
    expect(renamed.q.roles.jstConditions?.localCoalition).toEqual({ question: 'koalicja_lokalna', value: 'yes' });
    expect(renamed.results.choices.some((c) => c.question === 'forma_szkolenia')).toBe(true);
    expect(renamed.results.config.breakdowns).toEqual(['wielkosc_jst']);
  });

  it('gives the same results (the questionnaire checksum aside)', () => {
    const strip = (r: Results) => JSON.stringify({ ...r, input: { ...r.input, questionnaire: { ...r.input.questionnaire, sha256: '' } } });
    expect(back(strip(renamed.results))).toBe(strip(shipped.results));
  });

  it('gives the same recommendations: programmes, their lacks, conditions, mode, forms and days', () => {
    expect(shipped.programmes.some((d) => d.lacks.length > 0)).toBe(true);
    expect(shipped.programmes.every((d) => d.conditions.length === 3 && d.mode.source !== 'plan' && d.preferredForms.length > 0)).toBe(true);
    expect(back(JSON.stringify(renamed.programmes))).toBe(JSON.stringify(shipped.programmes));
  });

  it.skipIf(!hasPoppler)('gives the same report text in both languages (the questionnaire checksum aside)', () => {
    for (const lang of ['pl', 'en'] as const) {
      const sha = (r: Run) => r.results.input.questionnaire.sha256;
      expect(renamed.text[lang].replace(sha(renamed), '<sha>'), lang).toBe(shipped.text[lang].replace(sha(shipped), '<sha>'));
      expect(shipped.text[lang]).toMatch(lang === 'pl' ? /Centrum usług wspólnych, strategia i lokalna koalicja/ : /Shared-service centre, strategy and local coalition/);
    }
  });
});

describe('a metadata without the optional roles', () => {
  it('loads, and the programmes fall back on the plan where the preferences were not asked', () => {
    for (const k of ['trainingMode', 'keyCompetences', 'jstConditions', 'topics'] as const) expect(bare.q.roles[k], k).toBeUndefined();
    expect(bare.programmes).toHaveLength(shipped.programmes.length);
    for (const d of bare.programmes) {
      expect(d.conditions).toEqual([]);
      expect(d.lacks).toEqual([]);
      expect(d.preferredForms).toEqual([]);
      expect(d.mode).toEqual({ preferred: 'hybrid', source: 'plan', shares: [] });
      expect(d.time.source).toBe('plan');
      expect(d.areas.every((a) => !a.reasons.includes('lacking_solution'))).toBe(true);
    }
    // the evidence rule still labels and schedules modules from the competence ratings
    expect(bare.programmes.every((d) => d.modules.some((m) => m.label === 'core' || m.label === 'supplementary'))).toBe(true);
  });

  it.skipIf(!hasPoppler)('renders the report without the key-competence chapter and the conditions it did not ask', () => {
    const text = bare.text.pl;
    expect(text).toMatch(/Najważniejsze wnioski/);
    expect(text).toMatch(/Na tle innych JST/);
    expect(text).not.toMatch(/Rozwiązania wspierające kompetencje kluczowe uczniów/);
    expect(shipped.text.pl).toMatch(/Rozwiązania wspierające kompetencje kluczowe uczniów/);
    expect(text).not.toMatch(/strategię rozwoju oświaty ma/);
    // the annex lists what the roles name: the JST and respondent questions, the training areas
    const annex = text.slice(text.indexOf('Poza ocenami zadań kwestionariusz pyta o:'), text.indexOf('8.2. Rzetelność'));
    expect(annex).toMatch(/^Poza ocenami zadań kwestionariusz pyta o: • JST: rodzaj JST, w której badany pracuje; województwo; liczba mieszkańców JST\. • Badanego: grupa stanowisk\. • Potrzeby szkoleniowe: /);
    expect(annex).not.toMatch(/Kompetencje kluczowe uczniów: /);
    expect(shipped.text.pl).toMatch(/• Kompetencje kluczowe uczniów: /);
  });
});
