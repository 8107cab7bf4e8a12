/**
 * Small-cell protection of the pilot's tables with the diagnosis' engine (stats/cell-suppression.ts): a cell
 * describing 1 … minN − 1 participants is withheld (primary), and further cells are withheld until no withheld
 * count can be worked out from the published ones by subtraction along a table's totals (complementary: "all
 * staff" = management + operational, "all programmes" = the programmes, all = completers + drop-outs).
 * Each table is protected on its own; a withheld cell publishes neither its n nor any figure computed from it.
 */
import { protectCells, type AdditiveGrid } from '../../stats/cell-suppression.ts';

export interface Protection {
  hidden: Uint8Array;
  primary: number;
  complementary: number;
  published: number;
}

/**
 * `counts[i]` participants in cell i; each line lists cells whose last is the sum of the others (a reader knows
 * that relation). Zero cells are published (they disclose nobody).
 */
export function protectLines(counts: readonly number[], lines: readonly (readonly number[])[], minN: number): Protection {
  return protectTable(counts, lines.map((cells) => ({ shape: [cells.length], total: [true], cells })), minN);
}

/**
 * The same for tables of any shape (a two-way table is one grid, so that its complements can be chosen as
 * rectangles); `status` marks cells another table already publishes (CELL_PUBLISHED: never withheld, and known to
 * the reader). Complements are chosen among the parts before the totals (a total costs 1,000 times its count):
 * an "all programmes" or "all staff" figure is the last to go.
 */
export function protectTable(counts: readonly number[], grids: readonly AdditiveGrid[], minN: number, status?: ArrayLike<number>): Protection {
  const cost = Float64Array.from(counts);
  for (const g of grids) {
    const size = g.shape.reduce((a, b) => a * b, 1);
    for (let pos = 0; pos < size; pos++) {
      let rest = pos;
      let isTotal = false;
      for (let j = g.shape.length - 1; j >= 0; j--) {
        const k = rest % g.shape[j]!;
        rest = Math.floor(rest / g.shape[j]!);
        if (g.total[j] && k === g.shape[j]! - 1 && g.shape[j]! > 1) isTotal = true;
      }
      const c = g.cells[pos]!;
      if (isTotal) cost[c] = 1000 * (counts[c]! + 1);
    }
  }
  const result = protectCells({ count: counts, grids, cost, ...(status ? { status } : {}) }, minN);
  let primary = 0;
  let complementary = 0;
  let published = 0;
  for (let i = 0; i < counts.length; i++) {
    if (result.hidden[i]) {
      if (result.primary[i]) primary++;
      else complementary++;
    } else published++;
  }
  if (!result.complete) {
    // a withheld cell that no complement can protect (every candidate empty): withhold the whole table
    result.hidden.fill(1);
    return { hidden: result.hidden, primary, complementary: counts.length - primary, published: 0 };
  }
  return { hidden: result.hidden, primary, complementary, published };
}
