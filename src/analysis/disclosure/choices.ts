/**
 * Protection of choice questions. A single-choice question is a three-way table: rating option × segment ×
 * staff group, each cell's options adding up to its n. A checkbox question gives each option a table of
 * chosen / not chosen / shown (the option's base) per cell — "not chosen" is published implicitly as base −
 * count, so it is protected like any count — beside the question's count of respondents who answered; an
 * option shown to everyone who answered shares those cells.
 */
import type { AdditiveGrid } from '../../stats/cell-suppression.ts';
import type { ChoiceCellT, ChoiceT } from '../results-schema.ts';
import { additiveGrid, cellCost, type CellGrid } from './cell-grid.ts';
import { ProblemProtector, withheldCell, type Protector, type TableName, type Tally } from './protector.ts';

type OpenCell = Exclude<ChoiceCellT, { suppressed: true }>;

export class ChoiceProtector implements Protector {
  readonly core: ProblemProtector;
  /** per option: the ids of its count cells (single) or its chosen / not chosen / base cells (multiple), by position */
  private readonly ids: { chosen: number[]; notChosen: number[]; base: number[] }[] = [];
  /** ids of each position's n */
  private readonly total: number[];

  constructor(private readonly g: CellGrid, private readonly choice: ChoiceT) {
    const count: number[] = [];
    const cost: number[] = [];
    const grids: AdditiveGrid[] = [];
    const byPos: (OpenCell | null)[] = new Array(g.size).fill(null);
    for (const c of choice.cells) {
      const p = g.pos(c.segment, c.group);
      if (p >= 0 && !('suppressed' in c)) byPos[p] = c;
    }
    const options = choice.cells.find((c): c is OpenCell => !('suppressed' in c))?.options.map((o) => o.value) ?? [];
    const O = options.length;
    const add = (n: number, weight: number) => {
      count.push(n);
      cost.push(weight * n);
      return count.length - 1;
    };
    const option = (p: number, j: number) => byPos[p]?.options[j];
    if (choice.type === 'single') {
      // ids: position × (options, n), row-major
      const cells: number[] = [];
      for (let p = 0; p < g.size; p++) {
        for (let j = 0; j < O; j++) cells.push(add(option(p, j)?.count ?? 0, cellCost(g, p, 1)));
        cells.push(add(byPos[p]?.n ?? 0, 2 * cellCost(g, p, 1)));
      }
      grids.push({ shape: [g.segments.length, 3, O + 1], total: [true, true, true], cells });
      this.total = Array.from({ length: g.size }, (_, p) => cells[p * (O + 1) + O]!);
      for (let j = 0; j < O; j++) {
        const chosen = Array.from({ length: g.size }, (_, p) => cells[p * (O + 1) + j]!);
        this.ids.push({ chosen, notChosen: [], base: this.total });
      }
    } else {
      this.total = Array.from({ length: g.size }, (_, p) => add(byPos[p]?.n ?? 0, 2 * cellCost(g, p, 1)));
      grids.push(additiveGrid(g, (p) => this.total[p]!));
      for (let j = 0; j < O; j++) {
        const shownToAll = Array.from({ length: g.size }, (_, p) => (option(p, j)?.n ?? 0) === (byPos[p]?.n ?? 0)).every(Boolean);
        const chosen: number[] = [];
        const notChosen: number[] = [];
        const base: number[] = [];
        for (let p = 0; p < g.size; p++) {
          const o = option(p, j);
          const n = o?.n ?? 0;
          const k = o?.count ?? 0;
          chosen.push(add(k, cellCost(g, p, 1)));
          notChosen.push(add(n - k, cellCost(g, p, 1)));
          base.push(shownToAll ? this.total[p]! : add(n, 2 * cellCost(g, p, 1)));
        }
        const cells: number[] = [];
        for (let p = 0; p < g.size; p++) cells.push(chosen[p]!, notChosen[p]!, base[p]!);
        grids.push({ shape: [g.segments.length, 3, 3], total: [true, true, true], cells });
        this.ids.push({ chosen, notChosen, base });
      }
    }
    this.core = new ProblemProtector({ count, cost, grids });
  }

  step(t: number): void {
    this.core.step(t);
  }

  /** Whether option j's figures (count, share, interval) are published at grid position p. */
  optionPublished(j: number, p: number): boolean {
    const h = this.core.hidden;
    const ids = this.ids[j]!;
    if (h[this.total[p]!] || h[ids.chosen[p]!] || h[ids.base[p]!]) return false;
    return ids.notChosen.length === 0 || !h[ids.notChosen[p]!];
  }

  /** Whether the whole cell (n and every option) of the question is published: what a test of its table needs. */
  cellPublished(segment: string, group: string): boolean {
    const p = this.g.pos(segment, group);
    if (p < 0 || this.core.problem.count[this.total[p]!] === 0) return false;
    return this.ids.every((_, j) => this.optionPublished(j, p));
  }

  /** Whether option `value` of a checkbox question is published in the cell. */
  optionPublishedAt(value: string, segment: string, group: string): boolean {
    const p = this.g.pos(segment, group);
    const open = this.choice.cells.find((c): c is OpenCell => !('suppressed' in c));
    const j = open?.options.findIndex((o) => o.value === value) ?? -1;
    return p >= 0 && j >= 0 && this.core.problem.count[this.total[p]!]! > 0 && this.optionPublished(j, p);
  }

  apply(k: number): [TableName, Tally][] {
    const h = this.core.hidden;
    this.choice.cells = this.choice.cells.map((c) => {
      const p = this.g.pos(c.segment, c.group);
      if (p < 0 || 'suppressed' in c) return c;
      if (h[this.total[p]!]) return withheldCell(c.segment, c.group, k);
      return {
        ...c,
        options: c.options.map((o, j) => (this.optionPublished(j, p) ? o : { value: o.value, label: o.label, n: null, count: null, proportion: null, ciLow: null, ciHigh: null, weighted: null, suppressed: 'withheld (see disclosure)' })),
      };
    });
    const cells = this.ids.flatMap((x) => [...x.chosen, ...x.notChosen]);
    return [['choices', this.core.tally(cells, k)]];
  }
}
