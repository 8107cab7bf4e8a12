/**
 * The fast CSV reader stages ratings and checkbox choices a block of rows at a time (8,192) and writes each
 * block into the dataset's columns: a file of several blocks, with ratings written unusually (read from
 * their text) scattered through them and on a block's edges, gives exactly the reference path's prepared data.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { prepareCsvReference, readCsvFast } from '../../src/dataset/from-csv/index.ts';
import { writeResponsesCsv } from '../../src/responses/csv.ts';
import { generateSynthetic } from '../../src/synth/generate.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { csvText, outcome, utf8 } from './csv-files.ts';

const q = shippedQuestionnaire();

describe('prepareCsv over several staging blocks', () => {
  it('20,000 rows equal the reference path', () => {
    const text = writeResponsesCsv(q, generateSynthetic(q, { respondents: 20_000, seed: 'blocks' }).responses);
    const [names, ...rows] = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    const ratingCols = names!.flatMap((name, j) => (/_(imp|lvl)$/.test(name) ? [j] : []));
    // a rating written "4.0": read from its text, then checked in full
    const unusual = new Set([0, 8191, 8192, 8193, 16383, 16384, 19_999]);
    for (let r = 0; r < rows.length; r += 613) unusual.add(r);
    for (const r of unusual) {
      const row = rows[r]!;
      const j = ratingCols.find((c) => row[c] !== '');
      if (j !== undefined) row[j] = `${row[j]}.0`;
    }
    const bytes = utf8(csvText(names!, rows));
    const fast = readCsvFast(q, bytes, 'answers.csv')!;
    expect(fast.rows).toBe(20_000);
    expect(fast.checked).toBe(20_000);
    expect(outcome(() => fast.prepared)).toEqual(outcome(() => prepareCsvReference(q, bytes, 'answers.csv')));
  });
});
