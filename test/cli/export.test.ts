import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import { neutraliseCell, restoreCell } from '../../src/responses/csv-safe.ts';
import { spssString } from '../../src/responses/spss.ts';
import { openStore } from '../../src/responses/store/open.ts';
import { runCli } from '../helpers/io.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { useDataDir } from './data-dir.ts';

const q = shippedQuestionnaire();
const data = useDataDir();

const TRICKY = ['=cmd()', '+48 123', '-2+3', '@SUM(A1)', "'=już ucieczka", 'wiersz 1\r\nwiersz 2; "cytat"', 'zwykły tekst'];

/** Valid responses whose open answers are hard for a spreadsheet, stored through the store API. */
async function storeTricky(extra: SurveyResponse[] = []): Promise<SurveyResponse[]> {
  const responses = TRICKY.map((comment, i) => {
    const r = completeResponse(q, i % 2 ? 'rural' : 'county', i % 2 ? 'management' : 'operational', `T${i + 1}`);
    return { ...r, data: { ...r.data, comments: comment }, meta: { wave: 'w1', source: 'web', startedAt: '2026-03-01T10:00:00Z', durationSec: 90.5 } };
  });
  const store = await data.open();
  await store.importResponses({ fileName: 'fixture', sha256: '0'.repeat(64) }, [...responses, ...extra]);
  await store.close();
  return responses;
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

describe('diag export', () => {
  it.each([
    ['=cmd()', "'=cmd()"],
    ['+48', "'+48"],
    ['-x', "'-x"],
    ['@a', "'@a"],
    ['\tx', "'\tx"],
    ["'=x", "''=x"],
    ['tekst', 'tekst'],
    [-1, -1],
    [2.5, 2.5],
  ])('neutralises %j as %j, and reads it back', (cell, written) => {
    expect(neutraliseCell(cell)).toEqual(written);
    if (typeof cell === 'string') expect(restoreCell(written as string)).toBe(cell);
  });

  it('writes raw CSV for a Polish Excel: BOM, ";", CRLF, formulas neutralised in text but never in numbers', async () => {
    const negative = completeResponse(q, 'urban', 'management', 'NEG');
    await storeTricky([{ ...negative, data: { ...negative.data, n_schools: -1 } }]);
    const out = join(data.dir, 'out');
    const run = await runCli(['export', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('8 responses exported (raw); 5 text cells neutralised');
    const csv = read(out, 'responses-all.csv');
    expect(csv.startsWith('\uFEFFrespondent_id;wave;source;')).toBe(true);
    expect(csv.split('\r\n').length).toBeGreaterThan(8);
    expect(csv).not.toMatch(/[^\r]\n/);
    expect(csv).toContain(";'=cmd()\r\n");
    expect(csv).toContain(";'@SUM(A1)\r\n");
    expect(csv).toContain(";''=już ucieczka\r\n");
    expect(csv).toMatch(/^NEG;[^\r\n]*;-1;/m);
    expect(csv).not.toContain("'-1");
    expect(csv).toContain(';90,5;');
  });

  it('re-imports the raw CSV to identical responses', async () => {
    const original = await storeTricky();
    const out = join(data.dir, 'out');
    await runCli(['export', '--out', out, '--wave', 'w1']);
    const before = await data.open();
    const stored = await before.listResponses();
    await before.close();

    process.env.DIAG_DATA_DIR = join(data.dir, 'second');
    const run = await runCli(['import', join(out, 'responses-w1.csv')]);
    expect(run.out).toContain('7 new, 0 already present');
    const after = await openStore({ dataDir: join(data.dir, 'second'), databaseUrl: '' });
    const reimported = await after.listResponses();
    await after.close();
    const strip = (r: SurveyResponse) => ({ id: r.id, data: r.data, meta: r.meta });
    expect(reimported.map(strip)).toEqual(stored.map(strip));
    expect(reimported.map((r) => r.data.comments)).toEqual(original.map((r) => r.data.comments));
    expect(reimported.map((r) => r.contentHash)).toEqual(stored.map((r) => (r as { contentHash: string }).contentHash));
  });

  it('writes SPSS syntax with the delimiter, encoding and Polish labels, beside the codebook', async () => {
    await storeTricky();
    const out = join(data.dir, 'out');
    await runCli(['export', '--out', out]);
    expect(readdirSync(out).sort()).toEqual(['codebook.csv', 'responses-all-spss.csv', 'responses-all.csv', 'responses-all.sps']);
    const sps = read(out, 'responses-all.sps');
    expect(sps.startsWith('\uFEFF* Encoding: UTF-8.')).toBe(true);
    for (const line of ['GET DATA', "  /FILE='responses-all-spss.csv'", "  /ENCODING='UTF8'", "  /DELIMITERS=';'", `  /QUALIFIER='"'`, '  /FIRSTCASE=2', 'SET DECIMAL=COMMA.', '    PRAWO1_imp F1.0']) {
      expect(sps.split('\r\n')).toContain(line);
    }
    expect(sps).toContain("'rural' 'gmina wiejska'");
    expect(sps).toContain("/source 'źródło odpowiedzi'");
    expect(sps).toMatch(/VALUE LABELS cuw_n 1 'tak' 2 'nie' 9 'nie wiem'\./);
    expect(sps).toContain('MISSING VALUES cuw_n (9).');
    expect(sps).not.toMatch(/[^\r]\n/);
    // the SPSS copy has no line break inside a record, the raw CSV keeps it
    expect(read(out, 'responses-all-spss.csv')).toContain('wiersz 1 wiersz 2');
    expect(read(out, 'responses-all.csv')).toContain('wiersz 1\r\nwiersz 2');
    expect(read(out, 'codebook.csv').startsWith('\uFEFFname;')).toBe(true);
  });

  it.each([
    ["Rada 'Oświaty'", "'Rada ''Oświaty'''"],
    ['a'.repeat(70), `'${'a'.repeat(60)}'\n    + '${'a'.repeat(10)}'`],
    ['', "''"],
  ])('quotes %j for SPSS as %j', (text, literal) => {
    expect(spssString(text)).toBe(literal);
  });

  it('writes Polish value labels in the labelled CSV', async () => {
    await storeTricky();
    const out = join(data.dir, 'out');
    const run = await runCli(['export', '--out', out, '--format', 'labelled']);
    expect(run.code).toBe(0);
    const csv = read(out, 'responses-all-labelled.csv');
    expect(csv.startsWith('\uFEFFrespondent_id;')).toBe(true);
    expect(csv).toContain(';powiat;');
    expect(csv).toContain(';gmina wiejska;');
    expect(csv).toContain(';zaznaczono;');
    expect(csv).toContain(";'=cmd()\r\n");
  });

  it('exports only the wave asked for', async () => {
    await storeTricky();
    const out = join(data.dir, 'out');
    const run = await runCli(['export', '--out', out, '--wave', 'none']);
    expect(run.out).toContain('0 responses of wave none exported');
    expect(read(out, 'responses-none.csv').split('\r\n').filter(Boolean)).toHaveLength(1);
  });
});
