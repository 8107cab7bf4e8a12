/**
 * The streamed intake of responses CSV (src/responses/intake.ts) shared by `diag validate` and `diag import`:
 * rows cut the same whatever the chunk size (chunk ends inside a multi-byte character, a quoted cell with line
 * breaks, a CRLF), in every encoding and delimiter; the fast check giving exactly the reference's rows and
 * problems on mutated rows; validate and import reporting the same problems for the same bad files; a labelled
 * export refused in one line; repeated ids found after the ids moved to disk.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDiagError } from '../../src/errors.ts';
import { recordColumns, toRecord } from '../../src/questionnaire/record.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import { writeResponsesCsv } from '../../src/responses/csv.ts';
import { CsvFile } from '../../src/responses/csv-stream.ts';
import { checkResponsesFile, readResponseRows } from '../../src/responses/intake.ts';
import { RowReader, type ImportProblem } from '../../src/responses/row-reader.ts';
import { SeenIds } from '../../src/responses/seen-ids.ts';
import type { ImportRow } from '../../src/responses/store/types.ts';
import { generateSynthetic } from '../../src/synth/generate.ts';
import { Rng } from '../../src/util/rng.ts';
import { csvText, windows1250 } from '../dataset/csv-files.ts';
import { cellMutations } from '../dataset/mutations.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';

const q = shippedQuestionnaire();
const header = recordColumns(q);
const dir = mkdtempSync(join(tmpdir(), 'diag-intake-'));
let files = 0;
const write = (bytes: Uint8Array | string): string => {
  const path = join(dir, `f${++files}.csv`);
  writeFileSync(path, bytes);
  return path;
};
const cellsOf = (r: SurveyResponse): string[] => {
  const rec = toRecord(q, r);
  return header.map((c) => (rec[c] === null || rec[c] === undefined ? '' : String(rec[c])));
};

/** Every valid row and every problem of a file, read with the given chunk size. */
async function readAll(path: string, chunkSize?: number): Promise<{ rows: ImportRow[]; problems: ImportProblem[]; encoding: string; delimiter: string }> {
  const problems: ImportProblem[] = [];
  const { summary, batches } = readResponseRows(q, path, 'in.csv', { onProblem: (p) => problems.push(p), ...(chunkSize ? { chunkSize } : {}) });
  const rows: ImportRow[] = [];
  try {
    for await (const b of batches) rows.push(...b);
  } catch (e) {
    if (!(isDiagError(e) && e.code === 'RESPONSE_INVALID')) throw e;
  }
  return { rows, problems, encoding: summary.encoding, delimiter: summary.delimiter };
}

/** Responses whose open answers are hard for a CSV reader: Polish letters, line breaks, quotes, delimiters. */
function tricky(): SurveyResponse[] {
  const texts = ['Zażółć gęślą jaźń', 'wiersz 1\r\nwiersz 2; "cytat", dalej\ttab', 'ąęćłńóśźż ĄĘĆŁŃÓŚŹŻ „cudzysłów” — myślnik', 'a\nb\nc', '"', ';;;', 'x'.repeat(300) + 'ż'];
  return texts.map((comments, i) => {
    const r = completeResponse(q, (['rural', 'urban', 'county', 'city_county', 'urban_rural'] as const)[i % 5]!, i % 2 ? 'management' : 'operational', `T${i}`);
    return { ...r, data: { ...r.data, comments }, meta: { wave: 'w1', source: 'paper', durationSec: 60.5 + i } };
  });
}

describe('the CSV stream cuts rows the same whatever the chunk size', () => {
  const responses = tricky();
  const rows = responses.map(cellsOf);
  const styles: [string, (text: string) => Uint8Array][] = [
    ['UTF-8 with BOM, ";", CRLF', (t) => Buffer.from(t)],
    ['UTF-8 without BOM, ",", LF', (t) => Buffer.from(t.replace(/^\uFEFF/, ''))],
    ['Windows-1250, tab, CRLF', (t) => windows1250(t.replace(/^\uFEFF/, ''))!],
  ];
  const texts: Record<string, string> = {
    'UTF-8 with BOM, ";", CRLF': csvText(header, rows, { delimiter: ';', newline: '\r\n' }),
    'UTF-8 without BOM, ",", LF': csvText(header, rows, { delimiter: ',', newline: '\n', quoteAll: true }),
    'Windows-1250, tab, CRLF': csvText(header, rows, { delimiter: '\t', newline: '\r\n', finalNewline: false }),
  };
  it.each(styles)('%s', async (name, encode) => {
    const path = write(encode(texts[name]!));
    const whole = await readAll(path);
    expect(whole.problems).toEqual([]);
    expect(whole.rows.map((r) => JSON.parse(r.dataJson))).toEqual(responses.map((r) => r.data));
    expect(whole.rows.map((r) => r.line)).toEqual(responses.map((_, i) => i + 2));
    expect(whole.delimiter).toBe(name.includes('tab') ? '\t' : name.includes('","') ? ',' : ';');
    expect(whole.encoding).toBe(name.startsWith('Windows') ? 'windows-1250' : name.includes('BOM,') && !name.includes('without') ? 'utf-8-bom' : 'utf-8');
    for (const chunkSize of [1, 3, 7, 64, 1000]) expect(await readAll(path, chunkSize)).toEqual(whole);
  });

  it('cuts a chunk inside a multi-byte character, a quoted line break and a CRLF alike', async () => {
    const text = csvText(header, rows, { delimiter: ';', newline: '\r\n' });
    expect(text).toContain('ż');
    expect(text).toContain('"wiersz 1\r\nwiersz 2');
    const path = write(Buffer.from(text));
    const whole = await readAll(path);
    // with chunks of 1 byte every offset is a chunk end: inside each two-byte letter, each quoted CRLF, each row's
    // CRLF; sizes 2 to 13 put the ends at every phase of them
    for (let size = 1; size <= 13; size++) expect((await readAll(path, size)).rows).toEqual(whole.rows);
  });

  it('reads old Mac line endings, blank lines and a last row without a line break', async () => {
    const text = csvText(header, rows.slice(0, 3), { delimiter: ';', newline: '\r', finalNewline: false }).replace('\r', '\r\r;;\r');
    const path = write(Buffer.from(text));
    // with CR line endings a quoted CRLF inside a comment stays in the cell, whatever the chunks
    const read = await readAll(path, 3);
    expect(await readAll(path)).toEqual(read);
    expect(read.problems).toEqual([]);
    expect(read.rows.map((r) => JSON.parse(r.dataJson))).toEqual(responses.slice(0, 3).map((r) => r.data));
    expect(read.rows.map((r) => r.line)).toEqual([4, 5, 6]); // blank rows 2 and 3 are counted, as a spreadsheet numbers them
  });

  it('names a quoted cell left open and a row of the wrong width', async () => {
    const good = csvText(header, rows.slice(0, 2), { delimiter: ';', newline: '\n' });
    const path = write(`${good}"open;1;2\n`);
    expect((await readAll(path, 4)).problems).toEqual([expect.objectContaining({ row: 4, code: 'csv', expected: expect.stringContaining('closing quote') })]);
    const path2 = write(`${good}a;b\n`);
    expect((await readAll(path2)).problems).toEqual([expect.objectContaining({ row: 4, code: 'csv', expected: `as many cells as the header: has 2 cells, the header has ${header.length}` })]);
  });
});

describe('the fast check gives exactly what the reference gives', () => {
  const synthetic = generateSynthetic(q, { respondents: 400, seed: 'intake' }).responses.map(cellsOf);
  const mutations = cellMutations(q);
  const at = (c: string) => header.indexOf(c);

  it('on 400 synthetic rows and 2,000 rows each changed by one of the mutations', async () => {
    const rng = new Rng('intake-mutations');
    const rows: string[][] = synthetic.map((r) => r.slice());
    const names: string[] = synthetic.map(() => 'none');
    for (let i = 0; i < 2000; i++) {
      const row = rng.pick(synthetic).slice();
      const m = rng.pick(mutations);
      m.apply(rng, row, at);
      row[at('respondent_id')] ||= '';
      rows.push(row);
      names.push(m.name);
    }
    const path = write(csvText(header, rows, { delimiter: ';', newline: '\n' }));
    const csv = new CsvFile(path, 'in.csv');
    let reader: RowReader | null = null;
    let fastRows = 0;
    let compared = 0;
    const noIds = () => undefined;
    for await (const row of csv.rows()) {
      if (row.blank()) continue;
      if (!reader) {
        reader = new RowReader(q, Array.from({ length: row.count }, (_, i) => row.text(i).trim()), 'in.csv', {}, noIds);
        continue;
      }
      const reference = reader.reference(row);
      const fast = reader.read(row);
      if (!Array.isArray(fast) && !Array.isArray(reference)) fastRows++;
      expect({ row: row.line, mutation: names[row.line - 2], out: fast }).toEqual({ row: row.line, mutation: names[row.line - 2], out: reference });
      compared++;
    }
    expect(reader!.fastCheck).toBe(true);
    expect(compared).toBe(2400);
    expect(fastRows).toBeGreaterThan(400);
  });

  it('stores canonical JSON whose SHA-256 is the content hash of the answers', async () => {
    const path = write(writeResponsesCsv(q, tricky()));
    const { rows } = await readAll(path);
    const { contentHash } = await import('../../src/responses/store/tokens.ts');
    for (const [i, r] of rows.entries()) expect(r.contentHash).toBe(contentHash(tricky()[i]!.data));
  });
});

describe('validate and import report the same problems', () => {
  it('from the same bad files: an unparseable cell does not hide an out-of-range value on another row', async () => {
    const { runCli } = await import('../helpers/io.ts');
    const data = mkdtempSync(join(tmpdir(), 'diag-intake-store-'));
    const saved = { dir: process.env.DIAG_DATA_DIR, url: process.env.DATABASE_URL };
    process.env.DIAG_DATA_DIR = data;
    delete process.env.DATABASE_URL;
    try {
      const base = generateSynthetic(q, { respondents: 40, seed: 'same' }).responses.map(cellsOf);
      const rng = new Rng('same-problems');
      const mutations = cellMutations(q).filter((m) => m.rejects);
      for (let file = 0; file < 6; file++) {
        const rows = base.map((r) => r.slice());
        rows[3]![header.indexOf('n_schools')] = 'dużo'; // cannot be read
        rows[7]![header.indexOf('PRAWO1_imp')] = '9'; // read, out of range
        for (let k = 0; k < 5; k++) rng.pick(mutations).apply(rng, rng.pick(rows), (c) => header.indexOf(c));
        rows[20]![0] = rows[10]![0]!; // a repeated id
        const path = write(csvText(header, rows, { delimiter: ';', newline: '\r\n' }));
        const validate = await runCli(['validate', path, '--max', '0'], dir);
        const imported = await runCli(['import', path], dir);
        expect(validate.code).toBe(1);
        expect(imported.code).toBe(4);
        const name = path.slice(dir.length + 1);
        const fromValidate = validate.out.split('\n').filter((l) => l.startsWith(`${name}, row`));
        const fromImport = imported.err.split('\n').filter((l) => l.startsWith('  - ')).map((l) => l.slice(4));
        expect(fromValidate.length).toBeGreaterThan(3);
        expect(fromImport).toEqual(fromValidate);
        expect(fromValidate.some((l) => l.includes('row 5, n_schools: value "dużo"'))).toBe(true);
        expect(fromValidate.some((l) => l.includes('row 9, PRAWO1_imp: value "9"'))).toBe(true);
        expect(fromValidate.some((l) => l.includes('row 22, respondent_id') && l.includes('also on row 12'))).toBe(true);
      }
    } finally {
      if (saved.dir === undefined) delete process.env.DIAG_DATA_DIR;
      else process.env.DIAG_DATA_DIR = saved.dir;
      if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    }
  });

  it('counts rows and problems in the summary', async () => {
    const rows = tricky().map(cellsOf);
    rows[1]![header.indexOf('PRAWO1_imp')] = '7';
    rows[2]![header.indexOf('PRAWO1_imp')] = 'x';
    rows[2]![header.indexOf('jst_kind')] = 'gmina';
    const summary = await checkResponsesFile(q, write(csvText(header, rows)), 'bad.csv');
    expect(summary).toMatchObject({ rows: 7, badRows: 2, fastCheck: true });
    expect(summary.problems).toBe(summary.kept.length);
    expect(summary.kept.map((p) => `${p.row} ${p.column} ${p.code}`)).toEqual(expect.arrayContaining(['3 PRAWO1_imp invalid_value', '4 PRAWO1_imp unreadable', '4 jst_kind invalid_value']));
  });
});

describe('a labelled export fed to import', () => {
  it('is recognised and refused in one line', async () => {
    const { responsesCsv } = await import('../../src/responses/export.ts');
    const labelled = responsesCsv(q, generateSynthetic(q, { respondents: 30, seed: 'lab' }).responses, 'labelled').text;
    const path = write(labelled);
    const problems: ImportProblem[] = [];
    const error = await checkResponsesFile(q, path, 'responses-all-labelled.csv', { onProblem: (p) => problems.push(p) }).catch((e) => e);
    expect(error).toMatchObject({ code: 'INPUT_INVALID', details: [] });
    expect(error.message).toMatch(/^responses-all-labelled\.csv is a labelled export \(value labels such as \w+ = ".+" instead of codes such as ".+"\), which cannot be imported: import the raw export instead/);
    expect(error.message).not.toContain('\n');
    expect(problems.length).toBeLessThan(200); // only the first bad row was read
  });

  it('is not confused with a raw file holding a label typed by hand', async () => {
    const rows = tricky().map(cellsOf);
    rows[0]![header.indexOf('jst_kind')] = 'gmina wiejska';
    const summary = await checkResponsesFile(q, write(csvText(header, rows)), 'raw.csv');
    expect(summary.badRows).toBe(1);
  });
});

describe('repeated respondent ids on bounded memory', () => {
  it('are found before and after the ids move to disk', () => {
    const ids = new SeenIds(3);
    expect(['a', 'b', 'c'].map((id, i) => ids.add(id, i + 2))).toEqual([undefined, undefined, undefined]);
    expect(ids.where).toBe('disk');
    expect(ids.add('b', 9)).toBe(3);
    expect(ids.add('d', 10)).toBeUndefined();
    expect(ids.add('d', 11)).toBe(10);
    ids.close();
  });

  it('the intake finds them across the move', async () => {
    const rows = generateSynthetic(q, { respondents: 30, seed: 'ids' }).responses.map(cellsOf);
    rows[25]![0] = rows[1]![0]!;
    const problems: ImportProblem[] = [];
    await checkResponsesFile(q, write(csvText(header, rows)), 'ids.csv', { idsInMemory: 5, onProblem: (p) => problems.push(p) });
    expect(problems).toEqual([expect.objectContaining({ row: 27, column: 'respondent_id', code: 'duplicate_id', expected: expect.stringContaining('also on row 3') })]);
  });
});



