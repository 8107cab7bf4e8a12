import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { recordColumns, toRecord } from '../../src/questionnaire/record.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import { runCli } from '../helpers/io.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { useDataDir, windows1250 } from './data-dir.ts';

const q = shippedQuestionnaire();
const data = useDataDir();

function sample(n = 6): SurveyResponse[] {
  const kinds = ['rural', 'urban_rural', 'urban', 'city_county', 'county'] as const;
  return Array.from({ length: n }, (_, i) => {
    const r = completeResponse(q, kinds[i % 5]!, i % 2 ? 'management' : 'operational', `P${String(i + 1).padStart(3, '0')}`);
    return { ...r, meta: { wave: 'w-paper', source: 'paper', submittedAt: '2026-03-01T10:00:00Z' } };
  });
}

/** The responses as CSV text in the flat format, with cells changed by `edit` (row index → column → text). */
function csvText(responses: SurveyResponse[], delimiter = ';', edit: Record<number, Record<string, string>> = {}): string {
  const columns = recordColumns(q);
  const rows = responses.map((r, i) => {
    const rec = toRecord(q, r);
    return columns.map((c) => edit[i]?.[c] ?? String(rec[c] ?? ''));
  });
  return Papa.unparse({ fields: columns, data: rows }, { delimiter, newline: '\r\n' });
}

function file(name: string, content: string | Buffer): string {
  const path = join(data.dir, name);
  writeFileSync(path, content);
  return path;
}

describe('diag import', () => {
  it.each([
    ['UTF-8 with BOM, ";"', (t: string) => Buffer.from(`\uFEFF${t}`), ';'],
    ['UTF-8 without BOM, ","', (t: string) => Buffer.from(t), ','],
    ['Windows-1250, tab', windows1250, '\t'],
  ])('stores every response of a %s file exactly', async (_, encode, delimiter) => {
    const responses = sample();
    const path = file('in.csv', encode(csvText(responses, delimiter)));
    const run = await runCli(['import', path]);
    expect(run.err).toBe('');
    expect(run.out).toContain('6 rows read');
    expect(run.out).toContain('6 new, 0 already present');
    const store = await data.open();
    const stored = await store.listResponses();
    await store.close();
    expect(stored.map(({ id, data: d, meta }) => ({ id, data: d, meta }))).toEqual(responses);
  });

  it('stores nothing when one row is bad, and names every bad row and column', async () => {
    const path = file('bad.csv', csvText(sample(), ';', { 2: { PRAWO1_imp: '9' }, 4: { n_schools: 'dużo', jst_kind: 'gmina' } }));
    const run = await runCli(['import', path]);
    expect(run.code).toBe(4);
    expect(run.out).toBe('');
    expect(run.err).toContain('nothing was imported');
    expect(run.err).toMatch(/bad\.csv, row 4, PRAWO1_imp: value "9": expected a rating 1, 2, 3, 4, 5/);
    expect(run.err).toMatch(/bad\.csv, row 6, n_schools: value "dużo": expected a number/);
    expect(run.err).toMatch(/bad\.csv, row 6, jst_kind: value "gmina": expected one of rural, urban_rural/);
    const store = await data.open();
    expect(await store.countResponses()).toBe(0);
    expect(await store.listImportBatches()).toEqual([]);
    await store.close();
  });

  it('stores nothing when the one bad row comes after rows already written in the open transaction', async () => {
    const { generateSynthetic } = await import('../../src/synth/generate.ts');
    const many = generateSynthetic(q, { respondents: 700, seed: 'late' }).responses;
    const path = file('late.csv', csvText(many, ';', { 699: { PRAWO1_imp: '6' } }));
    const run = await runCli(['import', path]);
    expect(run.code).toBe(4);
    expect(run.err).toMatch(/late\.csv, row 701, PRAWO1_imp: value "6"/);
    expect(run.err).toMatch(/RESPONSE_INVALID: \S*late\.csv: 1 problem in 1 of 700 rows; nothing was imported/);
    const store = await data.open();
    expect(await store.countResponses()).toBe(0);
    expect(await store.listImportBatches()).toEqual([]);
    await store.close();
    const fixed = await runCli(['import', file('late.csv', csvText(many))]);
    expect(fixed.out).toContain('700 new, 0 already present');
  });

  it('recognises a labelled export and says in one line to import the raw export', async () => {
    const store = await data.open();
    await store.importResponses({ fileName: 'fixture', sha256: '0'.repeat(64) }, sample());
    await store.close();
    const out = join(data.dir, 'out');
    expect((await runCli(['export', '--out', out, '--format', 'labelled'])).code).toBe(0);
    const run = await runCli(['import', join(out, 'responses-all-labelled.csv')]);
    expect(run.code).toBe(4);
    expect(run.err.trim().split('\n')).toHaveLength(1);
    expect(run.err).toMatch(/is a labelled export .* import the raw export instead \(`diag export --format raw`/);
  });

  it('refuses NUL characters in any cell (ids, wave, answers), naming row and column, and stores nothing', async () => {
    const path = file('nul.csv', csvText(sample(), ';', { 0: { comments: 'uwagi\u0000ukryte' }, 1: { respondent_id: 'P\u0000002' }, 2: { wave: 'w\u0000' } }));
    const run = await runCli(['import', path]);
    expect(run.code).toBe(4);
    expect(run.err).toMatch(/nul\.csv, row 2, comments: value .*: expected text without NUL characters \(U\+0000\) or unpaired surrogates/);
    expect(run.err).toMatch(/nul\.csv, row 3, respondent_id: value .*: expected text without NUL characters/);
    expect(run.err).toMatch(/nul\.csv, row 4, wave: value .*: expected text without NUL characters/);
    const store = await data.open();
    expect(await store.countResponses()).toBe(0);
    await store.close();
  });

  it('refuses a --wave holding a NUL character (a usage error naming the option)', async () => {
    const run = await runCli(['import', file('ok.csv', csvText(sample())), '--wave', 'w\u0000x']);
    expect(run.code).toBe(64);
    expect(run.err).toContain('--wave contains a NUL character (U+0000)');
  });

  it('echoes at most 80 characters of a bad cell', async () => {
    const run = await runCli(['import', file('long.csv', csvText(sample(), ';', { 0: { jst_kind: 'x'.repeat(5000) } }))]);
    expect(run.code).toBe(4);
    expect(run.err).toContain(`value "${'x'.repeat(80)}…"`);
    expect(run.err).not.toContain('x'.repeat(81));
  });

  it('adds nothing when the same file is imported twice', async () => {
    const path = file('in.csv', csvText(sample()));
    await runCli(['import', path]);
    const again = await runCli(['import', path]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('0 new, 6 already present');
    const store = await data.open();
    expect(await store.countResponses()).toBe(6);
    await store.close();
  });

  it.each([
    ['a respondent id twice in the file', { 3: { respondent_id: 'P001' } }, /row 5, respondent_id: value "P001": expected a respondent id not used before in the file \(also on row 2\)/],
    ['a row of another wave than --wave', { 1: { wave: 'inna' } }, /row 3, wave: value "inna": expected empty or "w-paper" \(--wave\)/],
  ])('refuses %s', async (_, edit, message) => {
    const path = file('in.csv', csvText(sample(), ';', edit));
    const run = await runCli(['import', path, '--wave', 'w-paper']);
    expect(run.code).toBe(4);
    expect(run.err).toMatch(message);
  });

  it('refuses, with its row, a respondent id already stored with other answers', async () => {
    const responses = sample();
    await runCli(['import', file('a.csv', csvText(responses))]);
    const run = await runCli(['import', file('b.csv', csvText(responses, ';', { 1: { comments: 'poprawiona odpowiedź' } }))]);
    expect(run.code).toBe(4);
    expect(run.err).toMatch(/RESPONSE_CONFLICT: \S*b\.csv: 1 respondent id is already stored with different answers; nothing was imported/);
    expect(run.err).toMatch(/b\.csv, row 3, respondent_id: value "P002"/);
  });

  it('fills empty wave and source cells from --wave and --source', async () => {
    const responses = sample(2).map((r) => ({ ...r, meta: {} }));
    const run = await runCli(['import', file('in.csv', csvText(responses)), '--wave', 'w2', '--source', 'phone']);
    expect(run.code).toBe(0);
    const store = await data.open();
    expect((await store.listResponses({ wave: 'w2' })).map((r) => r.meta)).toEqual([{ wave: 'w2', source: 'phone' }, { wave: 'w2', source: 'phone' }]);
    await store.close();
  });

  it.each([
    [['import'], 64, 'give exactly one FILE'],
    [['import', 'x.csv', '--source', 'fax'], 64, '--source must be one of paper, phone, other'],
    [['import', 'missing.csv'], 2, 'cannot read missing.csv'],
  ])('answers %j with exit status %i', async (args, code, message) => {
    const run = await runCli(args, data.dir);
    expect(run.code).toBe(code);
    expect(run.err).toContain(message);
  });
});
