/**
 * Dropping rows (selectRows, copied or in place) and the duplicate flag of the quality rules, against plain
 * definitions: the kept rows of every column one by one, and "same JST and closed answers as any earlier row"
 * by comparing every pair of rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset, sameAnswers, selectRows, type Dataset } from '../../src/dataset/dataset.ts';
import { assessQuality, QUALITY_FLAGS } from '../../src/dataset/quality.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const root = join(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses;
const fresh = () => buildDataset(q, responses);
const keep = (i: number) => i % 7 !== 3 && i % 11 !== 0;

function expectRowsOf(out: Dataset, from: Dataset, rows: number[]) {
  expect(out.n).toBe(rows.length);
  expect(out.ids).toEqual(rows.map((r) => from.ids[r]));
  expect(out.jst).toEqual(rows.map((r) => from.jst[r]));
  expect(out.voivodeship).toEqual(rows.map((r) => from.voivodeship[r]));
  expect([...out.kind]).toEqual(rows.map((r) => from.kind[r]));
  expect([...out.group]).toEqual(rows.map((r) => from.group[r]));
  expect([...out.duration]).toEqual(rows.map((r) => from.duration[r]));
  expect([...out.itemsShown]).toEqual(rows.map((r) => from.itemsShown[r]));
  expect([...out.fingerprint]).toEqual(rows.map((r) => from.fingerprint[r]));
  expect([...out.columns.keys()]).toEqual([...from.columns.keys()]);
  for (const [name, col] of from.columns) expect([...out.columns.get(name)!], name).toEqual(rows.map((r) => col[r]));
  for (const [item, col] of from.shown) expect([...out.shown.get(item)!], item).toEqual(rows.map((r) => col[r]));
}

describe('selectRows', () => {
  const original = fresh();
  const rows = Array.from({ length: original.n }, (_, i) => i).filter(keep);

  it('copies the kept rows of every column, leaving the dataset as it was', () => {
    const before = fresh();
    expectRowsOf(selectRows(original, keep), before, rows);
    expectRowsOf(original, before, Array.from({ length: before.n }, (_, i) => i));
  });

  it('in place: the same dataset, its columns compacted and reused; the lists and n of the original intact', () => {
    const reference = fresh();
    const d = fresh();
    const column = d.columns.get('DANE1_imp')!;
    const out = selectRows(d, keep, true);
    expectRowsOf(out, reference, rows);
    expect(out.columns.get('DANE1_imp')!.buffer).toBe(column.buffer);
    expect(d.n).toBe(reference.n);
    expect(d.jst).toEqual(reference.jst);
  });
});

describe('duplicate flag', () => {
  it('flags exactly the rows whose JST and closed answers equal an earlier row\'s', () => {
    const d = fresh();
    const flags = assessQuality(d).flags;
    const bit = 1 << QUALITY_FLAGS.indexOf('duplicate');
    const expected: number[] = [];
    for (let b = 0; b < d.n; b++) {
      for (let a = 0; a < b; a++) {
        if (sameAnswers(d, a, b)) {
          expected.push(b);
          break;
        }
      }
    }
    expect(expected.length).toBeGreaterThan(0); // the sample has planted duplicates
    expect([...flags.keys()].filter((r) => flags[r]! & bit)).toEqual(expected);
  });
});
