/**
 * The fast CSV reader (src/dataset/from-csv/) against the reference path it replaces: readResponsesCsv,
 * validateResponse on every response, then buildDataset and the source counts. Every test compares whole
 * outcomes, the prepared data (every column, NaNs included) or the DiagError (code, message, details in
 * order), and checks through `readCsvFast` that the fast check really read the rows it should.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { prepareCsv, prepareCsvReference, readCsvFast } from '../../src/dataset/from-csv/index.ts';
import { recordColumns, toRecord } from '../../src/questionnaire/record.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import type { Questionnaire } from '../../src/questionnaire/types.ts';
import { writeResponsesCsv } from '../../src/responses/csv.ts';
import { generateSynthetic } from '../../src/synth/generate.ts';
import { Rng } from '../../src/util/rng.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { csvText, outcome, utf8, windows1250, type CsvStyle, type Outcome } from './csv-files.ts';
import { cellMutations, textMutations } from './mutations.ts';

const q = shippedQuestionnaire();
const header = recordColumns(q);
const at = (column: string) => header.indexOf(column);
const cellsOf = (r: SurveyResponse): string[] => {
  const rec = toRecord(q, r);
  return header.map((c) => (rec[c] === null || rec[c] === undefined ? '' : String(rec[c])));
};

/** Reads the bytes both ways, expects the same outcome and returns it. */
function same(bytes: Uint8Array, questionnaire: Questionnaire = q, file = 'answers.csv'): Outcome {
  const reference = outcome(() => prepareCsvReference(questionnaire, bytes, file));
  const fast = outcome(() => prepareCsv(questionnaire, bytes, file));
  expect(fast).toEqual(reference);
  return reference;
}

const valid = [
  completeResponse(q, 'rural', 'management', 'R1'),
  completeResponse(q, 'county', 'operational', 'C1'),
  completeResponse(q, 'city_county', 'management', 'M1'),
];

describe('prepareCsv reads valid files exactly as the reference path', () => {
  it('the shipped sample, every row checked by the fast path', () => {
    const bytes = readFileSync(new URL('../../data-samples/responses.csv', import.meta.url));
    const result = same(bytes);
    expect('ok' in result && result.ok.dataset.n).toBe(1500);
    expect(readCsvFast(q, bytes, 'answers.csv')).toMatchObject({ rows: 1500, checked: 1500 });
  });

  describe('3,000 synthetic respondents in every form a CSV comes in', () => {
    const text = writeResponsesCsv(q, generateSynthetic(q, { respondents: 3000, seed: 'x' }).responses);
    const [names, ...rows] = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    const variants: [string, Uint8Array | null][] = [
      ['as written: UTF-8 with BOM, ";", LF', utf8(text)],
      ['without BOM', utf8(text.slice(1))],
      ['CRLF', utf8(text.replace(/\n/g, '\r\n'))],
      ['comma-separated', utf8(csvText(names!, rows, { delimiter: ',' }))],
      ['tab-separated, no BOM', utf8(csvText(names!, rows, { delimiter: '\t', bom: false }))],
      ['Windows-1250, comma-separated, CRLF', windows1250(csvText(names!, rows, { delimiter: ',', newline: '\r\n', bom: false }))],
      ['every cell quoted, no final line break', utf8(csvText(names!, rows, { quoteAll: true, finalNewline: false }))],
    ];
    it.each(variants)('%s', (_, bytes) => {
      expect(bytes).not.toBeNull();
      const result = same(bytes!);
      expect('ok' in result && result.ok.dataset.n).toBe(3000);
      expect(readCsvFast(q, bytes!, 'answers.csv')).toMatchObject({ rows: 3000, checked: 3000 });
    });

    it('columns in another order, optional ones left out', () => {
      const rng = new Rng('order');
      const keep = rng.shuffle(names!.map((_, j) => j)).filter((j) => names![j] === 'respondent_id' || !['wave', 'started_at', 'comments', 'n_pupils'].includes(names![j]!));
      const bytes = utf8(csvText(keep.map((j) => names![j]!), rows.slice(0, 500).map((r) => keep.map((j) => r[j]!))));
      const result = same(bytes);
      expect('ok' in result && result.ok.dataset.n).toBe(500);
      expect(readCsvFast(q, bytes, 'answers.csv')).toMatchObject({ rows: 500, checked: 500 });
    });
  });

  it('bytes that are not UTF-8 read as Windows-1250 (the same verdict as the reference decoder)', () => {
    const text = csvText(header, valid.map(cellsOf), { bom: false });
    const comment = text.indexOf('Za');
    for (const odd of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xfe], [0xf0, 0x9f, 0x98, 0x80], [0xc5, 0xbc]]) {
      const bytes = utf8(text);
      const spoiled = new Uint8Array(bytes.length + odd.length);
      const cut = utf8(text.slice(0, comment)).length;
      spoiled.set(bytes.subarray(0, cut));
      spoiled.set(odd, cut);
      spoiled.set(bytes.subarray(cut), cut + odd.length);
      same(spoiled);
    }
  });

  it('a header without rows, blank lines anywhere, a last row without line break', () => {
    const rows = valid.map(cellsOf);
    expect(same(utf8(csvText(header, [])))).toMatchObject({ ok: { sources: {} } });
    const text = csvText(header, rows).replace('\n', '\n\n  \n' + ';'.repeat(182) + '\n').replace(/\n$/, '');
    expect(same(utf8(text))).toHaveProperty('ok');
  });
});

describe('prepareCsv rejects invalid files with the reference path’s error', () => {
  const file = (rows: string[][], style?: CsvStyle) => utf8(csvText(header, rows, style));
  const spoil = (column: string, value: string) => {
    const rows = valid.map(cellsOf);
    rows[1]![at(column)] = value;
    return file(rows);
  };

  it('names the file, row and column of a cell that cannot be read', () => {
    const result = same(spoil('DANE1_imp', 'cztery'));
    expect(result).toEqual({ error: { code: 'INPUT_INVALID', message: 'answers.csv: 1 cell cannot be read', details: [{ file: 'answers.csv', row: 3, column: 'DANE1_imp', message: '"cztery" is not a whole number' }] } });
  });

  it('names the file and row of each validation issue', () => {
    const result = same(spoil('DANE1_imp', '7'));
    expect(result).toEqual({
      error: {
        code: 'INPUT_INVALID',
        message: 'answers.csv: 1 validation issues; fix them (see `diag validate`) before analysing',
        details: [{ file: 'answers.csv', column: 'row 3', message: 'respondent C1, DANE1_imp = 7: expected a rating 1, 2, 3, 4, 5 [invalid_value]' }],
      },
    });
  });

  it('names the row of a row with the wrong number of cells', () => {
    const rows = valid.map(cellsOf);
    rows[2]!.push('extra');
    expect(same(file(rows))).toEqual({ error: { code: 'INPUT_INVALID', message: 'answers.csv: the CSV cannot be read', details: [{ file: 'answers.csv', row: 4, message: 'has 184 cells, the header has 183' }] } });
  });

  it('reports quote errors as papaparse does', () => {
    const text = csvText(header, valid.map(cellsOf));
    const result = same(utf8(text.replace('\nC1;', '\n"C1;')));
    expect(result).toMatchObject({ error: { message: 'answers.csv: the CSV cannot be read' } });
    expect(JSON.stringify(result)).toContain('CSV syntax');
  });

  it('refuses what cannot be read as text, and an empty file', () => {
    const text = csvText(header, valid.map(cellsOf), { bom: false });
    for (const bytes of [Uint8Array.of(0xff, 0xfe, 0x41, 0), Uint8Array.of(0xef, 0xbb, 0xbf, 0xc3, 0x28), new Uint8Array(0), Uint8Array.of(0xef, 0xbb, 0xbf), utf8('\n \n'), utf8('\uFEFF\uFEFF' + text)]) {
      same(bytes);
    }
  });

  it('refuses an unknown, duplicate or missing column', () => {
    const rows = valid.map(cellsOf);
    for (const names of [[...header.slice(0, -1), 'bogus'], [...header.slice(0, -1), 'teryt'], ['id', ...header.slice(1)]]) {
      expect(same(utf8(csvText(names, rows)))).toHaveProperty('error.code', 'INPUT_INVALID');
    }
  });

  // Each change the reference always rejects, applied to a valid file: the fast check must not accept it.
  const mutations = cellMutations(q).filter((m) => m.rejects);
  it.each(mutations.map((m) => [m.name, m] as const))('rejects a row with: %s', (_, mutation) => {
    expect(same(file(valid.map(cellsOf)))).toHaveProperty('ok');
    for (let i = 0; i < 20; i++) {
      const rng = new Rng(`${mutation.name}:${i}`);
      const rows = valid.map(cellsOf);
      mutation.apply(rng, rows[rng.int(rows.length)]!, at);
      expect(same(file(rows))).toHaveProperty('error.code', 'INPUT_INVALID');
    }
  });
});

describe('differential test: mutated files read both ways give the same outcome', () => {
  const base = generateSynthetic(q, { respondents: 60, seed: 'mutations' }).responses.map(cellsOf);
  const mutations = cellMutations(q);

  it('2,000 seeded mutations of cells, formats and CSV text', () => {
    const tally = { accepted: 0, rejected: 0, checkedRows: 0, rows: 0 };
    for (let trial = 0; trial < 2000; trial++) {
      const rng = new Rng(`trial:${trial}`);
      const rows = Array.from({ length: 1 + rng.int(5) }, () => [...base[rng.int(base.length)]!]);
      const changes = rng.int(4);
      for (let k = 0; k < changes; k++) rng.pick(mutations).apply(rng, rows[rng.int(rows.length)]!, at);
      const style: CsvStyle = {
        delimiter: rng.chance(0.8) ? ';' : rng.pick([',', '\t']),
        newline: rng.chance(0.8) ? '\n' : '\r\n',
        bom: rng.chance(0.7),
        quoteAll: rng.chance(0.1),
        finalNewline: rng.chance(0.9),
      };
      let text = csvText(header, rows, style);
      if (rng.chance(0.2)) text = rng.pick(textMutations).apply(rng, text, style.delimiter!, style.newline!);
      const bytes = (rng.chance(0.15) ? windows1250(text.replace(/^\uFEFF/, '')) : null) ?? utf8(text);
      // prepareCsv is readCsvFast, else the reference path: read that way to see how many rows it checked
      let checked = 0;
      const reference = outcome(() => prepareCsvReference(q, bytes, 'answers.csv'));
      const fast = outcome(() => {
        const read = readCsvFast(q, bytes, 'answers.csv');
        checked = read?.checked ?? 0;
        return read?.prepared ?? prepareCsvReference(q, bytes, 'answers.csv');
      });
      expect(fast).toEqual(reference);
      if ('ok' in reference) {
        tally.accepted++;
        tally.rows += reference.ok.dataset.n;
        tally.checkedRows += checked;
      } else tally.rejected++;
    }
    // Both outcomes are common, and the fast check read most rows of the accepted files itself.
    expect(tally.accepted).toBeGreaterThan(400);
    expect(tally.rejected).toBeGreaterThan(400);
    expect(tally.checkedRows).toBeGreaterThan(tally.rows * 0.8);
  });
});

describe('questionnaire features the fast check does not model are read the reference way', () => {
  const variant = (change: (spec: Questionnaire['questions'][number]) => Questionnaire['questions'][number]): Questionnaire => ({ ...q, questions: q.questions.map(change) });
  const rows = [...valid, completeResponse(q, 'urban', 'operational', 'U1'), completeResponse(q, 'urban_rural', 'management', 'UR1')].map(cellsOf);

  it('a required rating column: required once the matrix holds an answer', () => {
    const required = variant((s) => (s.name === 'DANE' ? { ...s, columns: s.columns!.map((c, i) => ({ ...c, required: i === 0 })) } : s));
    expect(same(utf8(csvText(header, rows)), required)).toHaveProperty('ok');
    const missing = rows.map((r) => [...r]);
    missing[1]![at('DANE2_imp')] = '';
    expect(same(utf8(csvText(header, missing)), required)).toHaveProperty('error');
    const none = rows.map((r) => [...r]);
    for (const v of q.variables) if (v.question === 'DANE') none[1]![at(v.name)] = '';
    expect(same(utf8(csvText(header, none)), required)).toHaveProperty('ok');
    expect(readCsvFast(required, utf8(csvText(header, none)), 'answers.csv')).toMatchObject({ rows: 5, checked: 5 });
  });

  it('optional checkboxes: blank is an answer, every choice 0 is not', () => {
    const optional = variant((s) => (s.type === 'checkbox' ? { ...s, required: false } : s));
    const blank = rows.map((r) => [...r]);
    const zero = rows.map((r) => [...r]);
    for (const v of q.variables) {
      if (v.question !== 'tasks') continue;
      blank[3]![at(v.name)] = '';
      zero[3]![at(v.name)] = '0';
    }
    expect(same(utf8(csvText(header, blank)), optional)).toHaveProperty('ok');
    expect(readCsvFast(optional, utf8(csvText(header, blank)), 'answers.csv')).toMatchObject({ rows: 5, checked: 5 });
    expect(same(utf8(csvText(header, zero)), optional)).toMatchObject({ error: { message: 'answers.csv: 1 cell cannot be read' } });
  });

  it('requiredIf and expression validators: every row read the reference way', () => {
    const requiredIf = variant((s) => (s.name === 'n_schools' ? { ...s, requiredIf: "{staff_group} = 'management'" } : s));
    const blank = rows.map((r) => [...r]);
    blank[0]![at('n_schools')] = '';
    expect(same(utf8(csvText(header, blank)), requiredIf)).toHaveProperty('error');
    expect(same(utf8(csvText(header, rows)), requiredIf)).toHaveProperty('ok');
    expect(readCsvFast(requiredIf, utf8(csvText(header, rows)), 'answers.csv')).toMatchObject({ rows: 5, checked: 0 });
    const expression = variant((s) => (s.name === 'n_pupils' ? { ...s, validators: [{ type: 'expression', expression: '{n_schools} > 0', message: { pl: 'szkoły', en: 'schools' } }] } : s));
    const zero = rows.map((r) => [...r]);
    zero[2]![at('n_schools')] = '0';
    expect(same(utf8(csvText(header, zero)), expression)).toHaveProperty('error');
  });
});
