/**
 * What every table's protection has in common: a suppression problem (cells, counts, costs, additive grids),
 * the cells withheld so far, and a step to the next threshold. Tables are protected in lockstep over the
 * thresholds 2 … k (protect.ts), so the withheld set only ever grows with k.
 */
import { CELL_FREE, problemRelations, protectStep, type LinearRelation, type SuppressionProblem } from '../../stats/cell-suppression.ts';
import type { SuppressedT, WithheldT } from '../results-schema.ts';

export interface Tally {
  published: number;
  primary: number;
  complementary: number;
}

export type TableName = WithheldT['table'];

export interface Protector {
  /** withholds what threshold t requires, on top of what the previous step withheld */
  step(t: number): void;
  /** writes the withheld cells into the results; what was published and withheld, by table */
  apply(k: number): [TableName, Tally][];
}

/** The reason a withheld cell gives (the same for primary and complementary cells, so it tells nothing). */
export function withheldReason(k: number): string {
  return `withheld: fewer than ${k} respondents, or needed so that such a cell cannot be worked out from the published figures`;
}

export const NO_ANSWERS = 'no answers (not asked or not answered in this cell)';

export function withheldCell(segment: string, group: SuppressedT['group'], k: number): SuppressedT {
  return { segment, group, suppressed: true, reason: withheldReason(k) };
}

/** A protector over one fixed suppression problem. */
export class ProblemProtector {
  readonly hidden: Uint8Array;
  private readonly relations: LinearRelation[];
  complete = true;
  private stepped = false;
  constructor(readonly problem: SuppressionProblem, private readonly extraStart?: () => ArrayLike<number>) {
    this.hidden = new Uint8Array(problem.count.length);
    this.relations = problemRelations(problem);
  }

  step(t: number): void {
    const start = Uint8Array.from(this.hidden);
    const extra = this.extraStart?.();
    if (extra) for (let c = 0; c < start.length; c++) if (extra[c]) start[c] = 1;
    // nothing new to protect at t: no cell with t − 1 respondents (newly sensitive, or a never-published
    // sum newly watched) and nothing added from outside — the previous step's result stands
    const count = this.problem.count;
    let changed = !this.stepped;
    for (let c = 0; c < start.length && !changed; c++) if (start[c] !== this.hidden[c] || count[c] === t - 1) changed = true;
    this.stepped = true;
    if (!changed) return;
    const r = protectStep(this.problem, t, start, this.relations);
    this.hidden.set(r.hidden);
    this.complete &&= r.complete;
  }

  /** Counts of published, primary and complementary cells among `cells` (free cells with a count only). */
  tally(cells: Iterable<number>, k: number): Tally {
    const out: Tally = { published: 0, primary: 0, complementary: 0 };
    for (const c of cells) {
      const n = this.problem.count[c]!;
      if (n === 0 || (this.problem.status && this.problem.status[c] !== CELL_FREE)) continue;
      if (!this.hidden[c]) out.published++;
      else if (n < k) out.primary++;
      else out.complementary++;
    }
    return out;
  }
}

export function addTally(a: Tally, b: Tally): Tally {
  return { published: a.published + b.published, primary: a.primary + b.primary, complementary: a.complementary + b.complementary };
}

export const EMPTY_TALLY: Tally = { published: 0, primary: 0, complementary: 0 };
