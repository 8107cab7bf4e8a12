/**
 * Protection of the estimate tables: one segment × staff-group grid per variable (an item's importance,
 * level or gap; an area score), whose cells publish n, mean, SD, median, the interval and the weighted
 * estimate — n, Σy and Σy² obey the grid's relations, so one pattern of withheld cells protects them all.
 * An area score's grid is linked to its breakdown (segment × category of e.g. population class, all staff),
 * whose categories add up to the segment's cell; the national total of a category is never published.
 */
import { CELL_UNKNOWN, type AdditiveGrid } from '../../stats/cell-suppression.ts';
import type { EstimateCellT } from '../results-schema.ts';
import { additiveGrid, cellCost, type CellGrid } from './cell-grid.ts';
import { ProblemProtector, withheldCell, type Protector, type TableName, type Tally } from './protector.ts';

export const countOf = (e: EstimateCellT | undefined): number => (e && !('suppressed' in e) ? e.n : 0);

/** The cells of one breakdown variable for one area and measure, by segment and category. */
export interface BreakdownCells {
  categories: readonly string[];
  get(segment: string, category: string): EstimateCellT;
  set(segment: string, category: string, cell: EstimateCellT): void;
}

export class EstimateProtector implements Protector {
  readonly core: ProblemProtector;
  private readonly breakdownIds: { b: number; segment: string; category: string; id: number }[] = [];

  /**
   * `cells`: the variable's estimate cells (mutated by apply); `breakdowns`: linked breakdown tables of the
   * same variable.
   */
  constructor(private readonly g: CellGrid, private readonly cells: EstimateCellT[], private readonly breakdowns: BreakdownCells[] = []) {
    const count: number[] = new Array(g.size).fill(0);
    for (const e of cells) {
      const p = g.pos(e.segment, e.group);
      if (p >= 0) count[p] = countOf(e);
    }
    const cost = count.map((n, p) => cellCost(g, p, n));
    const status: number[] = new Array(g.size).fill(0);
    const grids: AdditiveGrid[] = [additiveGrid(g)];
    const segments = g.segments.slice(0, -1);
    breakdowns.forEach((b, bi) => {
      const C = b.categories.length;
      const ids: number[] = [];
      for (const s of segments) {
        for (const c of b.categories) {
          const id = count.length;
          const n = countOf(b.get(s, c));
          count.push(n);
          cost.push(4 * n);
          status.push(0);
          this.breakdownIds.push({ b: bi, segment: s, category: c, id });
          ids.push(id);
        }
        ids.push(g.pos(s, 'all'));
      }
      // the national total of each category: never published
      for (let c = 0; c < C; c++) {
        let n = 0;
        for (let s = 0; s < segments.length; s++) n += count[ids[s * (C + 1) + c]!]!;
        ids.push(count.length);
        count.push(n);
        cost.push(0);
        status.push(CELL_UNKNOWN);
      }
      ids.push(g.pos('all', 'all'));
      grids.push({ shape: [segments.length + 1, C + 1], total: [true, true], cells: ids });
    });
    this.core = new ProblemProtector({ count, cost, status, grids });
  }

  step(t: number): void {
    this.core.step(t);
  }

  /** Whether the cell of this variable at (segment, group) is withheld. */
  hiddenAt(segment: string, group: string): boolean {
    const p = this.g.pos(segment, group);
    return p < 0 || this.core.hidden[p] === 1 || this.core.problem.count[p] === 0;
  }

  apply(k: number): [TableName, Tally][] {
    this.cells.forEach((e, i) => {
      const p = this.g.pos(e.segment, e.group);
      if (p >= 0 && this.core.hidden[p]) this.cells[i] = withheldCell(e.segment, e.group, k);
    });
    for (const { b, segment, category, id } of this.breakdownIds) {
      if (this.core.hidden[id]) this.breakdowns[b]!.set(segment, category, withheldCell(segment, 'all', k));
    }
    const out: [TableName, Tally][] = [['estimates', this.core.tally(Array.from({ length: this.g.size }, (_, c) => c), k)]];
    if (this.breakdownIds.length) out.push(['breakdowns', this.core.tally(this.breakdownIds.map((x) => x.id), k)]);
    return out;
  }
}
