/**
 * Cell suppression, checked against the definition: after protection, every withheld count can take at
 * least two values among all tables of whole numbers (withheld cells ≥ 1, zeros published) that agree with
 * every published cell — found here by brute-force enumeration of small tables, independently of the
 * engine's algebra.
 */
import { describe, expect, it } from 'vitest';
import { CELL_PUBLISHED, CELL_UNKNOWN, exposedCells, protectCells, type AdditiveGrid, type SuppressionProblem } from '../../src/stats/cell-suppression.ts';
import { Rng } from '../../src/util/rng.ts';

/** An r × c table of interior counts with row totals, column totals and the grand total (an (r+1) × (c+1) grid). */
function withMargins(interior: number[][]): { count: number[]; grid: AdditiveGrid } {
  const r = interior.length;
  const c = interior[0]!.length;
  const count: number[] = [];
  for (let i = 0; i <= r; i++) {
    for (let j = 0; j <= c; j++) {
      let v = 0;
      for (let a = 0; a < r; a++) for (let b = 0; b < c; b++) if ((i === r || a === i) && (j === c || b === j)) v += interior[a]![b]!;
      count.push(v);
    }
  }
  return { count, grid: { shape: [r + 1, c + 1], total: [true, true], cells: count.map((_, i) => i) } };
}

/** Every value each withheld cell takes over all consistent tables (withheld cells in 1 … bound). */
function feasibleValues(count: number[], grid: AdditiveGrid, hidden: Uint8Array, bound: number): Map<number, Set<number>> {
  const [R, C] = grid.shape as [number, number];
  const lines = [
    ...Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => i * C + j)),
    ...Array.from({ length: C }, (_, j) => Array.from({ length: R }, (_, i) => i * C + j)),
  ];
  const cells = count.map((_, i) => i).filter((i) => hidden[i]);
  const order = new Map(cells.map((c, k) => [c, k]));
  // each line is checked once its last withheld cell (in enumeration order) is assigned
  const checkAt = cells.map(() => [] as number[][]);
  for (const line of lines) {
    const last = Math.max(-1, ...line.filter((c) => hidden[c]).map((c) => order.get(c)!));
    if (last >= 0) checkAt[last]!.push(line);
  }
  const values = new Map<number, Set<number>>(cells.map((c) => [c, new Set<number>()]));
  const x = [...count];
  const ok = (line: number[]) => line.slice(0, -1).reduce((a, k) => a + x[k]!, 0) === x[line[line.length - 1]!];
  const dfs = (k: number) => {
    if (k === cells.length) {
      for (const c of cells) values.get(c)!.add(x[c]!);
      return;
    }
    for (let v = 1; v <= bound; v++) {
      x[cells[k]!] = v;
      if (checkAt[k]!.every(ok)) dfs(k + 1);
    }
  };
  dfs(0);
  return values;
}

describe('cell suppression of linked additive tables', () => {
  it('withholds nothing when every cell has at least k respondents or none', () => {
    const { count, grid } = withMargins([[12, 0], [7, 30]]);
    const r = protectCells({ count, grids: [grid] }, 5);
    expect([...r.hidden]).toEqual(new Array(count.length).fill(0));
    expect(r.complete).toBe(true);
  });

  it('protects one small cell of a segment × staff-group table with a rectangle: no withheld count is unique', () => {
    // rural: 200 management, 3 operational; urban: 115 / 187 (the situation, scaled down below for enumeration)
    const { count, grid } = withMargins([[9, 3], [6, 8]]);
    const r = protectCells({ count, grids: [grid] }, 5);
    const hidden = r.hidden;
    expect(hidden[1]).toBe(1); // the 3
    expect(r.primary[1]).toBe(1);
    expect(hidden.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4);
    const values = feasibleValues(count, grid, hidden, 40);
    for (const [cell, vs] of values) expect(vs.size, `cell ${cell} takes only ${[...vs]}`).toBeGreaterThanOrEqual(2);
    expect(exposedCells({ count, grids: [grid] }, hidden, 5)).toEqual([]);
  });

  it('finds what subtraction finds: one withheld cell of a line with a published total', () => {
    const { count, grid } = withMargins([[9, 3], [6, 8]]);
    const hidden = new Uint8Array(count.length);
    hidden[1] = 1;
    expect(exposedCells({ count, grids: [grid] }, hidden, 5)).toEqual([1]);
    hidden[0] = 1; // the row is safe, the column is not
    expect(exposedCells({ count, grids: [grid] }, hidden, 5)).toEqual([0, 1]);
  });

  it('knows that withheld counts are at least 1: x + y = 2 gives both away', () => {
    // a line 1 + 1 = 2 with the total published
    const count = [1, 1, 2];
    const p: SuppressionProblem = { count, grids: [{ shape: [3], total: [true], cells: [0, 1, 2] }] };
    const hidden = Uint8Array.from([1, 1, 0]);
    expect(exposedCells(p, hidden, 5)).toEqual([0, 1]);
    const r = protectCells(p, 5);
    expect([...r.hidden]).toEqual([1, 1, 1]);
  });

  it('never takes an empty or a published cell as a complement', () => {
    const { count, grid } = withMargins([[9, 3], [0, 8]]);
    const status = new Array(count.length).fill(0);
    status[8] = CELL_PUBLISHED; // the grand total
    const r = protectCells({ count, grids: [grid], status }, 5);
    for (let c = 0; c < count.length; c++) {
      if (r.hidden[c]) expect(count[c]).toBeGreaterThan(0);
    }
    expect(r.hidden[8]).toBe(0);
    expect(exposedCells({ count, grids: [grid], status }, r.hidden, 5)).toEqual([]);
  });

  it('protects linked tables: a breakdown whose categories add up to a cell of the main table', () => {
    // main: segments A, B and all × (all staff) = cells 0, 1, 2 ; breakdown of A by 3 categories = cells 3, 4, 5 (sum = cell 0)
    const count = [20, 30, 50, 2, 10, 8];
    const grids: AdditiveGrid[] = [
      { shape: [3], total: [true], cells: [0, 1, 2] },
      { shape: [4], total: [true], cells: [3, 4, 5, 0] },
    ];
    const r = protectCells({ count, grids }, 5);
    expect(r.hidden[3]).toBe(1);
    expect(exposedCells({ count, grids }, r.hidden, 5)).toEqual([]);
    // the cheapest complement is another category, not the segment's total
    expect(r.hidden[0]).toBe(0);
    expect(r.hidden[5]).toBe(1);
  });

  it('watches a never-published cell that would be a small sum of published ones', () => {
    // categories of one segment: 3 published cells + an unpublished national total = 2 + … is not possible when the parts are published;
    // but a withheld pair whose sum is an unpublished small margin must not give the margin away
    const count = [2, 0, 2, 4];
    const status = [0, 0, 0, CELL_UNKNOWN];
    const p: SuppressionProblem = { count, status, grids: [{ shape: [4], total: [true], cells: [0, 1, 2, 3] }] };
    const r = protectCells(p, 5);
    expect(exposedCells(p, r.hidden, 5)).toEqual([]);
  });

  it('a larger threshold never publishes what a smaller one withholds; every pattern passes the brute-force reader', () => {
    const rng = new Rng('cell-suppression');
    for (let trial = 0; trial < 80; trial++) {
      const interior = [0, 1].map(() => [0, 1].map(() => (rng.next() < 0.15 ? 0 : 1 + Math.floor(rng.next() * 7))));
      const { count, grid } = withMargins(interior);
      const p = { count, grids: [grid] };
      let previous: Uint8Array = new Uint8Array(count.length);
      for (const k of [2, 3, 5, 7, 10]) {
        const r = protectCells(p, k);
        for (let c = 0; c < count.length; c++) if (previous[c]) expect(r.hidden[c], `k=${k} publishes cell ${c} of ${JSON.stringify(interior)}`).toBe(1);
        previous = r.hidden;
        if (!r.complete) continue;
        // a withheld cell cannot exceed the grand total, or, when that is withheld too, every count of the table together
        const bound = r.hidden[count.length - 1] ? count[count.length - 1]! + 2 : count[count.length - 1]!;
        const values = feasibleValues(count, grid, r.hidden, bound);
        for (const [cell, vs] of values) expect(vs.size, `k=${k}, ${JSON.stringify(interior)}: cell ${cell} is unique`).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
