/**
 * The six programme documents as files, read back with poppler: names, JSON beside each PDF, determinism,
 * the first page for decision makers, and the number policy — every number in the text traced to
 * results.json or the programme's JSON, formatted as the policy says, and no quantity printed with two
 * values across the six programmes and the pages of the reports that summarise them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { resolveKey } from '../../src/recommendations/figures.ts';
import { buildProgrammes, populationOf, type ProgrammeDoc } from '../../src/recommendations/programme.ts';
import { DEFAULT_PLAN } from '../../src/recommendations/rollout.ts';
import { Ledger, printedNumber, type LedgerEntry } from '../../src/report/ledger.ts';
import { renderProgramme, writeProgrammes } from '../../src/report/programme/render.ts';
import { renderSegmentReport } from '../../src/report/report.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameCsv } from '../../src/sampling/frame.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { runAnalysis } from '../helpers/analysis.ts';
import { nearlyEmptyPages } from './layout.ts';
import { findPoppler, pdfInfo, pdfText } from './poppler.ts';

const root = join(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses;
const frame = readFrameCsv(readFileSync(join(root, 'data-samples/frame.csv'), 'utf8'), 'f.csv');
const results = runAnalysis(responses, { frame });
const catalogue = loadCatalogue(q, ['rural', 'urban', 'county']);
const docs = buildProgrammes({ results, questionnaire: q, catalogue, plan: DEFAULT_PLAN, population: populationOf(results, frame) });
const date = new Date('2026-11-24T12:00:00Z');
const opts = { lang: 'pl' as const, date, synthetic: true, suppressionThreshold: 5 };
const poppler = findPoppler();
const dir = mkdtempSync(join(tmpdir(), 'diag-programmes-'));

/** Printed numbers as pdftotext gives them: thin and no-break spaces become spaces, the minus sign a hyphen. */
const norm = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ').replace(/\u2212/g, '-').replace(/\u2060/g, '');

/** Every number in a text, after removing what is not data: page numbers, captions, headings, dates, hashes, versions. */
function numberTokens(text: string): string[] {
  const s = norm(text)
    .replace(/Strona \d+ z \d+/g, ' ')
    .replace(/\b(Tabela|Wykres|tabela|tabeli|tabelę|wykres|wykresie)\s+\d+\.?/g, ' ')
    .replace(/^\s*\d+(\.\d+)*\.\s/gm, ' ')
    .replace(/\d{4}-\d{2}-\d{2}/g, ' ')
    .replace(/\b[0-9a-f]{12}…/g, ' ')
    .replace(/\b\d+\.\d+\.\d+\b/g, ' ')
    .replace(/SHA-256/g, ' ');
  return s.match(/-?\d+(?: \d{3})*(?:,\d+)?/g) ?? [];
}

/** Numbers that may appear without being data: those inside the catalogue's and the questionnaire's own texts, the 1–5 scale, the 95 % level. */
function textNumbers(): Set<string> {
  const out = new Set<string>(['1', '5', String(Math.round(results.config.level * 100))]);
  const walk = (v: unknown) => {
    if (typeof v === 'string') for (const n of numberTokens(v)) out.add(n);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(catalogue);
  walk(q.areas);
  walk(results.choices.map((c) => c.cells.map((x) => ('options' in x ? x.options.map((o) => o.label) : []))));
  return out;
}

function explained(tokens: string[], allowed: Set<string>): string[] {
  return tokens.filter((tok) => !allowed.has(tok) && !(tok.includes(' ') && tok.split(' ').every((p) => allowed.has(p))));
}

/** Checks a ledger entry against its source: its printed text is the source's value formatted the same way. */
function checkEntry(e: LedgerEntry, programmeJson: Map<string, unknown>, from: unknown = results): string | null {
  if (e.key.startsWith('text:')) return null;
  let value: unknown;
  if (e.key.startsWith('programme:')) {
    const [, code, path] = /^programme:([^:]+):(.*)$/.exec(e.key)!;
    value = resolveKey(programmeJson.get(code!), path!);
  } else value = resolveKey(from, e.key);
  if (typeof value !== 'number') return `${e.key}: no number at this key (${String(value)})`;
  const expected = printedNumber(value, e.decimals, e.percent, 'pl');
  if (expected !== e.text) return `${e.key}: printed ${e.text}, the source gives ${expected}`;
  // the number policy: population estimates weighted, counts not
  const weighted = results.weights.method !== 'none';
  if ((e.kind === 'mean' || e.kind === 'share') && !e.key.startsWith('priorities.') && weighted !== e.key.includes('.weighted.')) return `${e.key}: a ${e.kind} must be ${weighted ? 'weighted' : 'unweighted'}`;
  if (e.kind === 'count' && e.key.includes('.weighted.')) return `${e.key}: a count is never weighted`;
  if (e.key.includes('trainingDemand')) return `${e.key}: the declared demand is printed as the (weighted) share of train_areas`;
  return null;
}

describe('the six programme documents', () => {
  let written: string[] = [];
  const ledgers = new Map<string, LedgerEntry[]>();
  const json = new Map<string, unknown>();
  let reportLedger: LedgerEntry[] = [];
  let reportFile = '';

  beforeAll(async () => {
    written = await writeProgrammes(docs, opts, dir);
    for (const d of docs) {
      ledgers.set(d.code, (await renderProgramme(d, opts)).ledger);
      json.set(d.code, JSON.parse(readFileSync(join(dir, `${basename(written.find((p) => p.endsWith('.json') && JSON.parse(readFileSync(p, 'utf8')).code === d.code)!)}`), 'utf8')));
    }
    const ledger = new Ledger('pl');
    reportFile = join(dir, 'raport.pdf');
    writeFileSync(reportFile, await renderSegmentReport({ results, questionnaire: q, catalogue, lang: 'pl', date, programmes: docs, ledger }, 'rural'));
    reportLedger = ledger.entries;
  }, 120_000);

  it('are written as program-<kind>-<group>.pdf with the same programme as JSON beside each', () => {
    expect(written.map((p) => basename(p)).sort()).toEqual([
      'program-gminy-miejskie-kadra-zarzadzajaca', 'program-gminy-miejskie-pracownicy-operacyjni', 'program-gminy-wiejskie-kadra-zarzadzajaca',
      'program-gminy-wiejskie-pracownicy-operacyjni', 'program-powiaty-kadra-zarzadzajaca', 'program-powiaty-pracownicy-operacyjni',
    ].flatMap((b) => [`${b}.json`, `${b}.pdf`]));
    for (const d of docs) expect(json.get(d.code)).toEqual(JSON.parse(JSON.stringify(d)));
  });

  it('are byte-for-byte reproducible for the same inputs and date', async () => {
    const d = docs[0]!;
    expect((await renderProgramme(d, opts)).bytes.equals((await renderProgramme(d, opts)).bytes)).toBe(true);
  });

  it.skipIf(!poppler)('carry their title, are tagged, and number every page', () => {
    for (const file of written.filter((p) => p.endsWith('.pdf'))) {
      const info = pdfInfo(file);
      expect(info.Title).toMatch(/^Program szkoleniowo-doradczy dla /);
      expect(info.Tagged).toBe('yes');
      const pages = Number(info.Pages);
      expect(pages).toBeGreaterThan(8);
      for (let p = 2; p <= pages; p++) expect(pdfText(file, { page: p })).toContain(`Strona ${p} z ${pages}`);
    }
  });

  it.skipIf(!poppler)('open with one page for decision makers: what, whom, hours by year, form — no statistics, no unexplained abbreviation', () => {
    for (const d of docs) {
      const file = written.find((p) => p.endsWith('.pdf') && json.get(d.code) && p.includes(basename(p)) && pdfInfo(p).Title === d.title.pl)!;
      const page = norm(pdfText(file, { page: 2 })).replace(/\s+/g, ' ');
      expect(page).toContain('1. Program w skrócie');
      expect(page).toContain('jednostek samorządu terytorialnego (JST)');
      expect(page).toMatch(/Trwa dwa lata: \d+ godzin\w* zajęć w pierwszym roku i \d+ godzin\w* w drugim/u);
      expect(page).toMatch(/tryb (stacjonarny|zdalny|łączony)/u);
      for (const m of d.modules) expect(page).toContain(m.title.pl.slice(0, 30));
      expect(page).not.toMatch(/\bMWDS\b|\bPU\b|\bIPA\b|przedział ufności/u);
    }
  });

  it.skipIf(!poppler)('print only numbers traced to results.json or the programme, each formatted as the number policy says', () => {
    const allowed0 = textNumbers();
    const problems: string[] = [];
    for (const d of docs) {
      const ledger = ledgers.get(d.code)!;
      for (const e of ledger) {
        const p = checkEntry(e, json);
        if (p) problems.push(`${d.code} ${p}`);
      }
      const allowed = new Set([...allowed0, ...ledger.map((e) => norm(e.text))]);
      const file = written.find((p) => p.endsWith('.pdf') && pdfInfo(p).Title === d.title.pl)!;
      const pages = Number(pdfInfo(file).Pages);
      for (let p = 2; p <= pages; p++) {
        const text = pdfText(file, { page: p });
        if (text.includes('Spis treści')) continue;
        for (const tok of explained(numberTokens(text), allowed)) problems.push(`${d.code} page ${p}: "${tok}" is not traced to any source`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.skipIf(!poppler)('the report page that summarises the programmes prints only traced numbers, with the programmes\' values', () => {
    const problems = reportLedger.map((e) => checkEntry(e, json)).filter((p): p is string => !!p);
    const allowed = new Set([...textNumbers(), ...reportLedger.map((e) => norm(e.text))]);
    const pages = Number(pdfInfo(reportFile).Pages);
    let first = 0;
    for (let p = 2; p <= pages && !first; p++) if (/^1\. Najważniejsze wnioski/m.test(pdfText(reportFile, { page: p })) && !pdfText(reportFile, { page: p }).includes('Spis treści')) first = p;
    expect(first).toBeGreaterThan(0);
    for (const tok of explained(numberTokens(pdfText(reportFile, { page: first })), allowed)) problems.push(`report page ${first}: "${tok}" is not traced to any source`);
    expect(problems).toEqual([]);
  });

  it('never print one quantity with two values, nor one estimate in two variants', () => {
    const byKey = new Map<string, Set<string>>();
    const variants = new Map<string, Set<string>>();
    for (const e of [...[...ledgers.values()].flat(), ...reportLedger]) {
      if (e.key.startsWith('text:')) continue;
      byKey.set(e.key, (byKey.get(e.key) ?? new Set()).add(e.text));
      // the same estimate weighted and unweighted would be one quantity with two values
      const quantity = e.key.replace(/\.weighted(?=\.)/, '');
      variants.set(quantity, (variants.get(quantity) ?? new Set()).add(e.key.includes('.weighted.') ? 'weighted' : 'unweighted'));
    }
    expect([...byKey].filter(([, texts]) => texts.size > 1)).toEqual([]);
    expect([...variants].filter(([, v]) => v.size > 1)).toEqual([]);
    expect(byKey.size).toBeGreaterThan(100);
    // the priorities' own means are never printed beside an MWDS while they differ in weighting from the estimates
    expect([...byKey.keys()].filter((k) => /^priorities\..*\.mean(Importance|Level|Gap)$/.test(k))).toEqual([]);
  });

  it.skipIf(!poppler)('leave no near-empty page in the middle of a chapter', () => {
    for (const file of written.filter((p) => p.endsWith('.pdf'))) expect(nearlyEmptyPages(file), basename(file)).toEqual([]);
  });
});

describe('programmes from results that withhold cells', () => {
  // a threshold above most staff-group cells: priorities, preferences and days are withheld for them
  const withheld = runAnalysis(responses, { frame, config: { suppressionThreshold: 220 } as never });
  const docs2 = buildProgrammes({ results: withheld, questionnaire: q, catalogue, plan: DEFAULT_PLAN, population: populationOf(withheld, frame) });

  it('fall back on the whole segment and on the plan, say so, and print no withheld number', async () => {
    const d = docs2.find((x) => x.code === 'GM-K')!;
    expect(d.basis.evidenceFrom).toBe('segment');
    expect(d.time.source).toBe('plan');
    expect(d.mode.source).toBe('plan');
    for (const doc of docs2) expect(doc.schedule.years.every((h) => h <= doc.time.hoursPerYear)).toBe(true);
    if (!poppler) return;
    const file = join(dir, 'withheld.pdf');
    const r = await renderProgramme(d, { ...opts, suppressionThreshold: 220 });
    writeFileSync(file, r.bytes);
    const text = norm(pdfText(file)).replace(/\s+/g, ' ');
    expect(text).toContain('dlatego program opiera się na odpowiedziach wszystkich badanych z gmin miejskich');
    expect(text).toContain('budżet czasu przyjęty w planie wdrożenia');
    expect(text).toContain('preferencje badanych nie są publikowane');
    expect(text).not.toMatch(/NaN|undefined|null/);
    const json = JSON.parse(JSON.stringify(d));
    for (const e of r.ledger) if (!e.key.startsWith('text:')) expect(checkEntry(e, new Map([[d.code, json]]), withheld)).toBeNull();
  }, 60_000);
});

describe('the programmes in English', () => {
  it('are written with English names and text', async () => {
    const d: ProgrammeDoc = docs.find((x) => x.code === 'PW-O')!;
    const en = join(dir, 'en');
    const files = await writeProgrammes([d], { ...opts, lang: 'en' }, en);
    expect(files.map((f) => basename(f))).toEqual(['programme-counties-operational-staff.pdf', 'programme-counties-operational-staff.json']);
    if (!poppler) return;
    const text = pdfText(files[0]!);
    expect(text).toContain('The programme at a glance');
    expect(text).toContain('Vocational education close to the labour market');
    expect(text).not.toMatch(/Program w skrócie|godzin/u);
  });
});
