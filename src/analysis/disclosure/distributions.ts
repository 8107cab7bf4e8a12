/**
 * Protection of answer distributions (the count of each rating per cell). A distribution is published
 * beside its cell's n, mean and SD, which are three exact relations over its counts (Σ count = n,
 * Σ value × count = n × mean, Σ value² × count = (n − 1) SD² + n × mean²): withholding one or two counts
 * of a cell would let a reader solve for them. So a distribution is published whole or withheld whole:
 * withheld when any of its counts is 1 … k − 1 or its cell's estimate is withheld, and then with whole
 * complementary distributions (rectangles of the segment × staff-group grid), until the audit of every
 * count — per rating across the grid, and within each cell through n, mean and SD — finds none determined.
 */
import { CELL_PUBLISHED, cellIndex, cheapestHypercube, exposedCells, problemRelations, protectStep, type CellIndex, type LinearRelation, type SuppressionProblem } from '../../stats/cell-suppression.ts';
import type { DistributionT, EstimateCellT } from '../results-schema.ts';
import { additiveGrid, cellCost, type CellGrid } from './cell-grid.ts';
import type { EstimateProtector } from './estimates.ts';
import { withheldCell, type Protector, type TableName, type Tally } from './protector.ts';

export class DistributionProtector implements Protector {
  /** 1 where the whole distribution of the grid position is withheld */
  readonly hidden: Uint8Array;
  complete = true;
  private readonly V: number;
  /** counts per position × rating */
  private readonly counts: Float64Array;
  private readonly n: Float64Array;
  /** n × mean and Σ y² per position, where the cell has an estimate */
  private readonly sums: { s: number; q: number }[];
  private readonly vectors: SuppressionProblem;
  private readonly vectorRelations: LinearRelation[];
  private readonly vectorIndex: CellIndex;
  /** whether the current withheld set has passed the audit of every count */
  private audited = false;

  constructor(private readonly g: CellGrid, private readonly dists: DistributionT[], private readonly values: readonly number[], estimates: readonly EstimateCellT[], private readonly estimate: EstimateProtector) {
    const V = (this.V = values.length);
    this.hidden = new Uint8Array(g.size);
    this.counts = new Float64Array(g.size * V);
    this.n = new Float64Array(g.size);
    for (const d of dists) {
      const p = g.pos(d.segment, d.group);
      if (p < 0 || 'suppressed' in d) continue;
      d.counts.forEach((c, j) => (this.counts[p * V + j] = c ?? 0));
      this.n[p] = d.n;
    }
    this.sums = Array.from({ length: g.size }, () => ({ s: NaN, q: NaN }));
    for (const e of estimates) {
      const p = g.pos(e.segment, e.group);
      if (p < 0 || 'suppressed' in e || e.mean === null) continue;
      const sd = e.sd ?? 0;
      this.sums[p] = { s: e.n * e.mean, q: (e.n - 1) * sd * sd + e.n * e.mean * e.mean };
    }
    this.vectors = { count: this.n, cost: Array.from(this.n, (n, p) => cellCost(g, p, n)), grids: [additiveGrid(g)] };
    this.vectorRelations = problemRelations(this.vectors);
    this.vectorIndex = cellIndex(this.vectors, this.vectorRelations);
  }

  step(t: number): void {
    const { g, V } = this;
    const start = Uint8Array.from(this.hidden);
    for (let p = 0; p < g.size; p++) {
      if (this.n[p] === 0) continue;
      if (this.estimate.hiddenAt(g.segmentOf(p), g.groupOf(p))) start[p] = 1;
      for (let j = 0; j < V; j++) {
        const c = this.counts[p * V + j]!;
        if (c > 0 && c < t) start[p] = 1;
      }
    }
    if (this.audited && start.every((x, p) => x === this.hidden[p])) return;
    // whole distributions as the cells of the segment × staff-group grid first (cheap), then the audit of
    // every count, which adds whole distributions in the rare case it still finds one determined. That audit
    // needs no algebra: once the grid of whole distributions passes it, every withheld count lies on a null
    // vector of the full system (a null vector d of the grid times a null vector of the within-cell relations
    // Σ c, Σ v·c, Σ v²·c, which exists for scales of 4 or more values), so only the bounds are checked.
    this.hidden.set(protectStep(this.vectors, t, start, this.vectorRelations).hidden);
    const problem = this.countsProblem();
    const relations = [...problemRelations(problem), ...this.meanRelations()];
    for (let round = 0; round < 4 * g.size + 8; round++) {
      const exposed = exposedCells(problem, this.expanded(), t, relations, { linear: this.V < 4, bounds: true });
      if (exposed.length === 0) {
        this.audited = true;
        return;
      }
      const p = Math.floor(exposed[0]! / (V + 1));
      const cube = cheapestHypercube(this.vectors, p, this.hidden, this.vectorIndex);
      if (cube) {
        for (const c of cube) if (this.n[c]! > 0) this.hidden[c] = 1;
        continue;
      }
      if (!this.hideNeighbour(p)) break;
    }
    this.complete = false;
    this.audited = true;
  }

  apply(k: number): [TableName, Tally][] {
    const tally: Tally = { published: 0, primary: 0, complementary: 0 };
    this.dists.forEach((d, i) => {
      const p = this.g.pos(d.segment, d.group);
      if (p < 0 || this.n[p] === 0) return;
      if (!this.hidden[p]) { tally.published++; return; }
      this.dists[i] = withheldCell(d.segment, d.group, k);
      let small = this.n[p]! < k;
      for (let j = 0; j < this.V; j++) if (this.counts[p * this.V + j]! > 0 && this.counts[p * this.V + j]! < k) small = true;
      if (small) tally.primary++;
      else tally.complementary++;
    });
    return [['distributions', tally]];
  }

  /** The counts as a problem: positions × (ratings, n), every dimension additive; a cell's n is published with its estimate. */
  private countsProblem(): SuppressionProblem {
    const { g, V } = this;
    const count = new Float64Array(g.size * (V + 1));
    const status = new Uint8Array(count.length);
    const floor = new Uint8Array(count.length);
    for (let p = 0; p < g.size; p++) {
      for (let j = 0; j < V; j++) count[p * (V + 1) + j] = this.counts[p * V + j]!;
      count[p * (V + 1) + V] = this.n[p]!;
      floor[p * (V + 1) + V] = 1;
      if (!this.estimate.hiddenAt(g.segmentOf(p), g.groupOf(p))) status[p * (V + 1) + V] = CELL_PUBLISHED;
    }
    return { count, status, floor, grids: [{ shape: [g.segments.length, 3, V + 1], total: [true, true, true], cells: Array.from(count, (_, i) => i) }] };
  }

  /** Σ value × count = n × mean and Σ value² × count = Σ y² of every cell whose estimate is published. */
  private meanRelations(): LinearRelation[] {
    const { g, V } = this;
    const out: LinearRelation[] = [];
    for (let p = 0; p < g.size; p++) {
      const { s, q } = this.sums[p]!;
      if (Number.isNaN(s) || this.estimate.hiddenAt(g.segmentOf(p), g.groupOf(p))) continue;
      const cells = Array.from({ length: V }, (_, j) => p * (V + 1) + j);
      out.push({ cells, coef: [...this.values], constant: -s });
      out.push({ cells, coef: this.values.map((v) => v * v), constant: -q });
    }
    return out;
  }

  /** The withheld cells of the counts problem: every count and the n of a withheld distribution whose estimate is withheld too. */
  private expanded(): Uint8Array {
    const { g, V } = this;
    const out = new Uint8Array(g.size * (V + 1));
    for (let p = 0; p < g.size; p++) {
      if (!this.hidden[p]) continue;
      for (let j = 0; j < V; j++) out[p * (V + 1) + j] = 1;
      if (this.estimate.hiddenAt(g.segmentOf(p), g.groupOf(p))) out[p * (V + 1) + V] = 1;
    }
    return out;
  }

  /** Fallback: the cheapest non-empty, published distribution in the same row or column of the grid. */
  private hideNeighbour(p: number): boolean {
    const { g } = this;
    const row = Math.floor(p / 3);
    const col = p % 3;
    let best = -1;
    for (let q = 0; q < g.size; q++) {
      if (q === p || this.hidden[q] || this.n[q] === 0 || (Math.floor(q / 3) !== row && q % 3 !== col)) continue;
      if (best < 0 || (this.vectors.cost![q] as number) < (this.vectors.cost![best] as number)) best = q;
    }
    if (best < 0) return false;
    this.hidden[best] = 1;
    return true;
  }
}
