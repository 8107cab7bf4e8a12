/**
 * Protection of the tables that publish only counts of respondents, or a statistic beside its n:
 * - respondents per segment × staff group (the segments table, each priorities cell's n; all segments and
 *   all staff together is the number analysed, public through the data-quality counts), linked to the
 *   coverage table (respondents per segment × voivodeship, adding up to the segment; the national total of
 *   a voivodeship is never published);
 * - reliability: complete answers per area, measure and cell (a line of the grid is a relation only where
 *   its cells use the same items, which the engine checks from the counts).
 */
import { CELL_PUBLISHED, CELL_UNKNOWN, type AdditiveGrid } from '../../stats/cell-suppression.ts';
import type { CoverageT, ReliabilityT, Results } from '../results-schema.ts';
import { additiveGrid, cellCost, type CellGrid } from './cell-grid.ts';
import { ProblemProtector, withheldReason, type Protector, type TableName, type Tally } from './protector.ts';

export class RespondentProtector implements Protector {
  readonly core: ProblemProtector;
  private readonly coverageIds: { row: CoverageT; id: number }[] = [];

  constructor(private readonly g: CellGrid, private readonly results: Results) {
    const count: number[] = new Array(g.size).fill(0);
    for (const c of results.priorities.cells) {
      const p = g.pos(c.segment, c.group);
      if (p >= 0 && !('suppressed' in c)) count[p] = c.n;
    }
    const status: number[] = new Array(g.size).fill(0);
    status[g.pos('all', 'all')] = CELL_PUBLISHED;
    const cost = count.map((n, p) => cellCost(g, p, n));
    const grids: AdditiveGrid[] = [additiveGrid(g)];
    const segments = g.segments.slice(0, -1);
    const voivodeships = [...new Set(results.coverage.map((c) => c.voivodeship))].sort();
    if (voivodeships.length) {
      const ids: number[] = [];
      for (const s of segments) {
        for (const v of voivodeships) {
          const row = results.coverage.find((c) => c.segment === s && c.voivodeship === v);
          const id = count.length;
          count.push(row?.respondents ?? 0);
          cost.push(4 * (row?.respondents ?? 0));
          status.push(0);
          if (row) this.coverageIds.push({ row, id });
          ids.push(id);
        }
        ids.push(g.pos(s, 'all'));
      }
      voivodeships.forEach((_, v) => {
        let n = 0;
        for (let s = 0; s < segments.length; s++) n += count[ids[s * (voivodeships.length + 1) + v]!]!;
        ids.push(count.length);
        count.push(n);
        cost.push(0);
        status.push(CELL_UNKNOWN);
      });
      ids.push(g.pos('all', 'all'));
      grids.push({ shape: [segments.length + 1, voivodeships.length + 1], total: [true, true], cells: ids });
    }
    this.core = new ProblemProtector({ count, cost, status, grids });
  }

  step(t: number): void {
    this.core.step(t);
  }

  hiddenAt(segment: string, group: string): boolean {
    const p = this.g.pos(segment, group);
    return p < 0 || this.core.hidden[p] === 1;
  }

  apply(k: number): [TableName, Tally][] {
    const r = this.results;
    for (const s of r.segments) {
      if (this.hiddenAt(s.code, 'all')) s.respondents = null;
      if (this.hiddenAt(s.code, 'management')) s.management = null;
      if (this.hiddenAt(s.code, 'operational')) s.operational = null;
    }
    for (const { row, id } of this.coverageIds) if (this.core.hidden[id]) row.respondents = null;
    r.disclosure.respondentCells = Array.from({ length: this.g.size }, (_, p) => p)
      .filter((p) => this.core.hidden[p])
      .map((p) => ({ segment: this.g.segmentOf(p), group: this.g.groupOf(p) }));
    return [
      ['respondents', this.core.tally(Array.from({ length: this.g.size }, (_, p) => p), k)],
      ['coverage', this.core.tally(this.coverageIds.map((x) => x.id), k)],
    ];
  }
}

export class ReliabilityProtector implements Protector {
  readonly core: ProblemProtector;
  private readonly at: number[];

  /** `rows`: the reliability entries of one area and measure (mutated by apply through `all`). */
  constructor(private readonly g: CellGrid, private readonly all: ReliabilityT[], private readonly indices: number[]) {
    const count: number[] = new Array(g.size).fill(0);
    this.at = indices.map((i) => {
      const e = all[i]!;
      const p = g.pos(e.segment, e.group);
      if (p >= 0 && !('suppressed' in e)) count[p] = e.n;
      return p;
    });
    this.core = new ProblemProtector({ count, cost: count.map((n, p) => cellCost(g, p, n)), grids: [additiveGrid(g)] });
  }

  step(t: number): void {
    this.core.step(t);
  }

  apply(k: number): [TableName, Tally][] {
    this.indices.forEach((i, j) => {
      const e = this.all[i]!;
      const p = this.at[j]!;
      if (p >= 0 && this.core.hidden[p]) this.all[i] = { area: e.area, measure: e.measure, segment: e.segment, group: e.group, suppressed: true, reason: withheldReason(k) };
    });
    return [['reliability', this.core.tally(Array.from({ length: this.g.size }, (_, p) => p), k)]];
  }
}
