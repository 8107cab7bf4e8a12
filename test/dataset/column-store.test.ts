/**
 * The compact answer columns (src/dataset/column-store.ts): which columns are bytes, the doubles they are
 * read as, and the guard against a number a byte column cannot hold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Columns, fitsBytes, MISSING, put } from '../../src/dataset/column-store.ts';
import { buildDataset } from '../../src/dataset/dataset.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const root = join(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const responses = readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses;

describe('compact columns', () => {
  it('ratings, codes and checkbox choices are bytes; free numbers are doubles', () => {
    const d = buildDataset(q, responses);
    const kinds = Object.fromEntries([...d.columns.stored].map(([name, c]) => [name, c instanceof Uint8Array ? 'bytes' : 'doubles']));
    expect(kinds).toMatchObject({ DANE1_imp: 'bytes', DANE1_lvl: 'bytes', jst_kind: 'bytes', position: 'bytes', train_areas_DANE: 'bytes', n_schools: 'doubles', n_pupils: 'doubles' });
    expect(Object.values(kinds).filter((k) => k === 'doubles')).toHaveLength(2);
  });

  it('read as the doubles of the answers: ratings as given, a choice as its index, NaN where unanswered', () => {
    const d = buildDataset(q, responses);
    const imp = d.columns.get('DANE1_imp')!;
    const position = d.columns.get('position')!;
    const choices = q.variables.find((v) => v.name === 'position')!.values!.map((v) => String(v.value));
    responses.forEach((r, i) => {
      const rating = (r.data.DANE as Record<string, Record<string, unknown>> | undefined)?.DANE1?.imp;
      expect(Object.is(imp[i], typeof rating === 'number' ? rating : NaN), `row ${i}`).toBe(true);
      const p = r.data.position;
      expect(Object.is(position[i], p === undefined ? NaN : choices.indexOf(String(p))), `row ${i}`).toBe(true);
    });
  });

  it("decode into a caller's scratch, or into an array kept for the next read", () => {
    const cols = new Columns(new Map([['a', Uint8Array.from([1, MISSING, 254, 0])]]));
    const scratch = new Float64Array(4);
    expect(cols.get('a', scratch)).toBe(scratch);
    expect([...scratch]).toEqual([1, NaN, 254, 0]);
    expect(cols.get('a')).toBe(cols.get('a'));
    expect(cols.get('b')).toBeUndefined();
  });

  it('a byte column holds whole numbers 0–254 and missing; anything else is refused', () => {
    expect(fitsBytes([1, 2, 3, 4, 5, 6])).toBe(true);
    expect(fitsBytes([0, 254])).toBe(true);
    for (const bad of [[-1, 1], [1, 255], [1.5], ['a']]) expect(fitsBytes(bad)).toBe(false);
    const col = new Uint8Array(3);
    put(col, 0, 7);
    put(col, 1, NaN);
    expect([...col]).toEqual([7, MISSING, 0]);
    expect(() => put(col, 2, 2.5)).toThrow(/does not fit a byte column/);
    expect(() => put(col, 2, 255)).toThrow(/does not fit a byte column/);
  });
});
