/**
 * The catalogue change list of the pilot report (src/report/pilot/changes.ts, changes-files.ts and the PDF
 * chapter): on the shipped synthetic pilot it names the planted poorly rated module with the right reason, lists
 * every module of the current catalogue exactly once, shows no figure the decisions do not use, and writes an
 * Excel-ready CSV; the report's chapters follow on a page with room, so no page but the last is near-empty.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/analysis/config.ts';
import { analyzePilot } from '../../src/analysis/pilot/analyze.ts';
import { DEFAULT_PILOT_CONFIG, type PilotResults } from '../../src/analysis/pilot/types.ts';
import { readPilotInput } from '../../src/pipeline/pilot.ts';
import { shippedPilotInstruments } from '../../src/questionnaire/instrument.ts';
import { loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { CHANGES_CSV_COLUMNS, catalogueChangesCsv } from '../../src/report/pilot/changes-files.ts';
import { catalogueChanges, type CatalogueChanges } from '../../src/report/pilot/changes.ts';
import { RULES } from '../../src/report/pilot/decisions.ts';
import { renderPilotReport } from '../../src/report/pilot/render.ts';
import { REACTION } from '../../src/synth/pilot-params.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { findPoppler, pdfInfo, pdfText } from './poppler.ts';

const dir = join(import.meta.dirname, '..', '..', 'data-samples', 'pilot');
const ref = (f: string) => ({ path: join(dir, f), cwd: dir });
const { input, inputs } = readPilotInput(
  { diagnosis: ref('pilot-diagnosis.csv'), register: ref('pilot-register.csv'), reaction: ref('pilot-reactions.csv'), post: ref('pilot-post.csv'), followup: ref('pilot-followup.csv') },
  { diagnosis: shippedQuestionnaire(), ...shippedPilotInstruments() },
);
const date = new Date('2027-10-01T12:00:00Z');
const results = analyzePilot(input, { config: DEFAULT_PILOT_CONFIG, inputs, date });
const catalogue = loadCatalogue(shippedQuestionnaire(), DEFAULT_CONFIG.segments.map((s) => s.code));
const changesOf = (r: PilotResults): CatalogueChanges => catalogueChanges({
  catalogue, catalogueFile: { file: 'catalogue.json', sha256: 'c'.repeat(64) }, results: r, resultsFile: { file: 'pilot-results.json', sha256: 'r'.repeat(64) },
});
const list = changesOf(results);
const find = (l: CatalogueChanges, programme: string, module: string) => l.changes.find((c) => c.programme === programme && c.module === module)!;

describe('the catalogue change list of the shipped pilot', () => {
  it('lists every module of every programme of the current catalogue exactly once, and nothing else', () => {
    const expected = catalogue.programmes.flatMap((p) => p.modules.map((m) => `${p.code}/${m.module}`));
    const listed = list.changes.map((c) => `${c.programme}/${c.module}`);
    expect(listed).toEqual(expected);
    expect(new Set(listed).size).toBe(listed.length);
    expect(list.unmatched).toEqual([]);
    expect(list.catalogue).toEqual({ file: 'catalogue.json', version: catalogue.version, sha256: 'c'.repeat(64) });
    expect(list.pilot).toMatchObject({ results: { file: 'pilot-results.json', sha256: 'r'.repeat(64) }, generatedAt: results.generatedAt, minN: 5, inputs: results.inputs });
  });

  it(`revises the planted poorly rated module (${REACTION.poorModule.module}) in every programme for its delivery, as its rating is low though the level rose`, () => {
    const poor = list.changes.filter((c) => c.module === REACTION.poorModule.module);
    expect(poor).toHaveLength(6);
    for (const c of poor) {
      expect(c.decision).toBe('revise');
      expect(c.rule).toMatch(/^revise-delivery/);
      expect(c.reaction!.mean).toBeLessThan(RULES.keepReaction);
      expect(c.gain!.ciLow).toBeGreaterThan(0);
      expect(c.change.pl).toContain('Poprawić sposób prowadzenia');
      expect(c.change.en).toMatch(/^Revise (both )?the delivery/);
      expect(c.change.pl).toContain(`w programie ${c.programme}`);
    }
    // where the rise is also under the bar, the content is revised too
    for (const c of poor.filter((x) => x.gain!.mean < RULES.keepGain)) expect(c.rule).toBe('revise-delivery-content');
  });

  it('keeps well rated, effective modules, and revises the content of well rated ones without a clear rise', () => {
    expect(find(list, 'GW-K', 'DANE')).toMatchObject({ decision: 'keep', rule: 'keep', hoursFreed: null });
    for (const c of list.changes.filter((x) => x.rule === 'revise-content')) {
      expect(c.reaction!.mean).toBeGreaterThanOrEqual(RULES.keepReaction);
      expect(c.gain!.mean < RULES.keepGain || c.gain!.ciLow <= 0).toBe(true);
      expect(c.change.pl).toContain('Poprawić treść');
    }
  });

  it('shows only figures the decisions use: published cells of at least the threshold', () => {
    for (const c of list.changes) {
      if (c.reaction) expect(c.reaction.n).toBeGreaterThanOrEqual(results.config.minN);
      if (c.gain) expect(c.gain.n).toBeGreaterThanOrEqual(results.config.minN);
    }
  });

  it('a drop names the hours it frees; a withheld cell stays "no decision" with no figure; an unpiloted programme gets no decision', () => {
    const clone: PilotResults = structuredClone(results);
    const rx = clone.reactions.find((r) => r.programme === 'GM_O' && r.module === 'KADRY')!.result;
    if ('withheld' in rx) throw new Error('withheld');
    for (const s of rx.scales) s.mean = 2.5;
    const ch = clone.change.find((c) => c.programme === 'GM_O' && c.staffGroup === 'all' && c.area === 'KADRY' && c.item === undefined)!;
    if ('withheld' in ch.stats) throw new Error('withheld');
    ch.stats.clustered.ciLow = -0.05;
    clone.change.find((c) => c.programme === 'GM_K' && c.staffGroup === 'all' && c.area === 'SIEC' && c.item === undefined)!.stats = { withheld: true };
    delete clone.labels.programmes.PW_O;
    const l = changesOf(clone);
    const drop = find(l, 'GM-O', 'KADRY');
    expect(drop).toMatchObject({ decision: 'drop', rule: 'drop' });
    expect(drop.hoursFreed).toEqual(drop.hours);
    expect(drop.hours).toEqual({ min: 8, max: 16 });
    expect(drop.change.pl).toMatch(/^Usunąć moduł „.+” z programu GM-O; zwalnia to 8–16 godz\. \(e-learning 2–4 godz\., warsztaty 6–12 godz\.\)/);
    expect(drop.change.en).toMatch(/^Remove module ".+" from programme GM-O; this frees 8–16 h/);
    expect(l.programmes.find((p) => p.programme === 'GM-O')!.hoursFreed).toEqual({ min: 8, max: 16 });
    expect(find(l, 'GM-K', 'SIEC')).toMatchObject({ decision: 'none', rule: 'withheld', gain: null });
    for (const c of l.changes.filter((x) => x.programme === 'PW-O')) expect(c).toMatchObject({ pilotProgramme: null, decision: 'none', rule: 'not-piloted', reaction: null, gain: null });
    const csv = Papa.parse<string[]>(catalogueChangesCsv(l).slice(1), { delimiter: ';' }).data;
    const col = (name: string) => CHANGES_CSV_COLUMNS.indexOf(name as (typeof CHANGES_CSV_COLUMNS)[number]);
    const siec = csv.find((r) => r[0] === 'GM-K' && r[2] === 'SIEC')!;
    expect(siec[col('decision')]).toBe('none');
    expect(siec[col('decision_en')]).toBe('no decision');
    for (const k of ['gain_mean', 'gain_ci_low', 'gain_ci_high', 'gain_n']) expect(siec[col(k)]).toBe('');
  });

  it('a pilot programme the catalogue lacks is reported as unmatched', () => {
    const clone: PilotResults = structuredClone(results);
    clone.labels.programmes.XX_K = { pl: 'x', en: 'x' };
    for (const r of clone.reactions.filter((x) => x.programme === 'GW_K')) clone.reactions.push({ ...r, programme: 'XX_K' });
    expect(changesOf(clone).unmatched).toEqual(expect.arrayContaining(['XX_K/PRAWO', 'XX_K/PLAN']));
  });
});

describe('catalogue-changes.csv', () => {
  const text = catalogueChangesCsv(list);
  it('opens with a BOM and a ;-separated header, ends its lines in CRLF and writes a decimal comma', () => {
    expect(text.startsWith('\uFEFFprogramme;pilot_programme;module;module_code;')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(list.changes.length + 2);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    const rows = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...CHANGES_CSV_COLUMNS]);
    const fin = rows.find((r) => r[0] === 'GW-K' && r[2] === REACTION.poorModule.module)!;
    const col = (name: string) => CHANGES_CSV_COLUMNS.indexOf(name as (typeof CHANGES_CSV_COLUMNS)[number]);
    expect(fin[col('decision')]).toBe('revise');
    expect(fin[col('reaction_mean')]).toMatch(/^2,\d\d?$/);
    expect(fin[col('change_pl')]).toContain('„Finansowanie oświaty i koszty zadań”');
    expect(fin[col('catalogue_version')]).toBe(catalogue.version);
  });
});

const hasPoppler = findPoppler();
describe.skipIf(!hasPoppler)('the report chapter and its layout', () => {
  const write = async (lang: 'pl' | 'en') => {
    const file = join(mkdtempSync(join(tmpdir(), 'diag-pilot-changes-')), 'r.pdf');
    writeFileSync(file, await renderPilotReport(results, { lang, date, synthetic: true, changes: list }));
    return file;
  };

  it('prints the change list in Polish, with its diacritics, and in English', async () => {
    const pl = pdfText(await write('pl'));
    expect(pl).toContain('Zmiany w katalogu programów');
    expect(pl).toContain('Co zmienić w programie GW-K?');
    expect(pl).toMatch(/Finansowanie oświaty\s/);
    expect(pl).toContain('Poprawić sposób prowadzenia');
    expect(pl).toContain(`zachować ${list.changes.filter((c) => c.decision === 'keep').length}, poprawić ${list.changes.filter((c) => c.decision === 'revise').length}`);
    const en = pdfText(await write('en'));
    expect(en).toContain('Changes to the programme catalogue');
    expect(en).toContain('What changes in programme PW-O?');
  });

  it('no page but the last is near-empty: a chapter follows on the page when its heading and first block fit', async () => {
    const file = await write('pl');
    const pages = Number(pdfInfo(file).Pages);
    const bodyLines = (p: number) => pdfText(file, { page: p, layout: true }).split('\n').map((l) => l.trim()).filter(Boolean).length - 2;
    const thin = Array.from({ length: pages - 3 }, (_, i) => i + 3).filter((p) => bodyLines(p) < 25);
    expect(thin).toEqual([]);
    // programme chapters share pages now: fewer pages than chapters on pages of their own would take
    expect(pages).toBeLessThan(24);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});
