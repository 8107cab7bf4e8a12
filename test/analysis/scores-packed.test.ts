/**
 * Area scores kept packed (whole-number sums and counts of the byte-stored ratings, as on a large dataset)
 * against the same scores kept as doubles: every importance, level and gap of every respondent identical
 * (Object.is: the same doubles, NaN where there is no score), whichever area is read in whichever order, and
 * against the definition (mean of the ratings answered if at least half the items shown were answered).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeScores, itemColumn } from '../../src/analysis/scores.ts';
import { buildDataset } from '../../src/dataset/dataset.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const root = join(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const d = buildDataset(q, readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses);

const same = (a: Float64Array, b: Float64Array, what: string) => {
  expect(a.length, what).toBe(b.length);
  const differ = [...a.keys()].filter((i) => !Object.is(a[i], b[i]));
  expect(differ, what).toEqual([]);
};

describe('packed area scores', () => {
  const doubles = computeScores(d, Infinity);
  const packed = computeScores(d, 0);

  it('equal the scores kept as doubles, read in any order', () => {
    const areas = q.areas.map((a) => a.code);
    for (const order of [areas, [...areas].reverse()]) {
      for (const a of order) {
        const p = packed.area.get(a)!;
        const x = doubles.area.get(a)!;
        same(p.gap, x.gap, `${a} gap`);
        same(p.importance, x.importance, `${a} importance`);
        same(p.level, x.level, `${a} level`);
      }
    }
  });

  it('follow the definition', () => {
    for (const area of q.areas) {
      const s = packed.area.get(area.code)!;
      for (const [measure, got] of [['importance', s.importance], ['level', s.level]] as const) {
        const cols = area.items.map((it) => itemColumn(d, it.code, measure));
        const shown = area.items.map((it) => d.shown.get(it.code)!);
        for (let r = 0; r < d.n; r++) {
          const values = cols.filter((_, j) => shown[j]![r]).map((c) => c[r]!);
          const answered = values.filter((v) => !Number.isNaN(v));
          const expected = values.length > 0 && answered.length * 2 >= values.length ? answered.reduce((x, y) => x + y, 0) / answered.length : NaN;
          expect(Object.is(got[r], expected), `${area.code} ${measure} row ${r}`).toBe(true);
        }
      }
    }
  });

  it('item gaps from the stored bytes equal importance − level of the decoded ratings', () => {
    for (const item of q.areas.flatMap((a) => a.items)) {
      const imp = itemColumn(d, item.code, 'importance');
      const lvl = itemColumn(d, item.code, 'level');
      same(packed.itemGap(item.code), imp.map((v, i) => v - lvl[i]!), item.code);
    }
  });
});
