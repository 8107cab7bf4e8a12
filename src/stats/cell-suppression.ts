/**
 * Cell suppression for linked additive tables: which cells to withhold so that no withheld count can be
 * worked out from the published ones (statistical disclosure control of frequency and magnitude tables).
 *
 * A problem is a set of cells, each with a count of respondents, and the exact linear relations between
 * them that a reader knows: every additive grid (a table whose "total" category in a dimension is the sum
 * of the other categories — all staff = management + operational; all segments = the three segments) and
 * any further relation (e.g. a distribution's Σ value × count = n × mean when the mean is published).
 * Cells shared by several grids link the tables (a breakdown's categories add up to a cell of the main
 * table), so the reader's subtraction over pairs of tables is part of the same system.
 *
 * The threshold rule: a cell with 1 … k−1 respondents is *sensitive* and withheld (primary suppression).
 * Complementary cells are then withheld until the audit finds no withheld cell that the reader can
 * determine, where the reader
 *   - solves the linear system of all relations for the withheld unknowns (a cell is determined when its
 *     unit vector lies in the row space of the system restricted to the unknowns — Gaussian elimination),
 *     which covers counts, sums (n × mean) and sums of squares alike, since they obey the same relations;
 *   - and bounds every withheld count from the relations with the knowledge that it is a whole number of
 *     at least 1 (zero cells are published: they disclose nobody), so x₁ + x₂ = 2 gives both away.
 * Complements are chosen by the hypercube method (Giessing & Repsilber 2002, "Tools and strategies to
 * protect multiple tables with the GHQUAR cell suppression engine"): for a determined cell, every
 * hypercube of one grid with the cell at a corner and non-zero counts at all 2^d corners is a candidate;
 * withholding all its corners lets the reader move one respondent around the cube (+1, −1 alternating)
 * without changing any published total, so no corner is determined. The cheapest candidate (sum of the
 * costs of the corners not yet withheld) is taken; the audit is repeated until nothing is determined.
 *
 * Monotone in the threshold: the pattern for k is built from the pattern for k − 1 by adding the new
 * sensitive cells and protecting again, starting from threshold 2, so a larger threshold never publishes
 * a cell that a smaller one withholds (and two releases at different thresholds disclose nothing more
 * than the smaller-threshold one).
 *
 * Cost: each audit is one elimination over the relations touching withheld cells (tens of unknowns for
 * the tables of a diagnosis), so a problem takes microseconds to milliseconds.
 */
import { coordinates, forEachLine, lexLess, stridesOf } from './internal/grid.ts';

/** How a cell may be treated. */
export const CELL_FREE = 0;
/** published whatever happens (e.g. a total that other published figures already give away) */
export const CELL_PUBLISHED = 1;
/** never published (e.g. a cross-classification no table shows): unknown to the reader, withheld at no cost */
export const CELL_UNKNOWN = 2;

/** A table whose dimension j has shape[j] categories; when total[j], the last one is the sum of the others. */
export interface AdditiveGrid {
  shape: readonly number[];
  total: readonly boolean[];
  /** the cell id at each position, row-major over `shape` (last dimension fastest) */
  cells: ArrayLike<number>;
}

/** Σ coef_i × value(cells_i) + constant = 0, known to the reader. */
export interface LinearRelation {
  cells: readonly number[];
  coef: readonly number[];
  constant?: number;
}

export interface SuppressionProblem {
  /** respondents in each cell (≥ 0) */
  count: ArrayLike<number>;
  /** CELL_FREE, CELL_PUBLISHED or CELL_UNKNOWN per cell (default free) */
  status?: ArrayLike<number>;
  /** information lost by withholding each cell (default: its count) */
  cost?: ArrayLike<number>;
  grids: readonly AdditiveGrid[];
  relations?: readonly LinearRelation[];
  /**
   * what the reader knows as the least value of a withheld cell (default 1: zero cells are published, so a
   * withheld count is at least 1; 0 for a count inside a withheld group, such as one answer of a withheld
   * distribution). CELL_UNKNOWN cells always have 0.
   */
  floor?: ArrayLike<number>;
}

export interface SuppressionResult {
  /** 1 where the cell is withheld (not counting CELL_UNKNOWN cells, which are never published) */
  hidden: Uint8Array;
  /** 1 where the cell is withheld because it is sensitive (1 … threshold − 1 respondents) */
  primary: Uint8Array;
  /** false when some withheld cell could not be protected (every candidate was published or empty) */
  complete: boolean;
}

const EPS = 1e-9;

/**
 * The grids' relations (total = Σ parts, for every line along a dimension with a total, where the counts do
 * add up) and the extra ones.
 */
export function problemRelations(p: SuppressionProblem): LinearRelation[] {
  const out: LinearRelation[] = [];
  for (const g of p.grids) {
    const strides = stridesOf(g.shape);
    g.shape.forEach((size, j) => {
      if (!g.total[j]) return;
      forEachLine(g.shape, j, (base) => {
        const cells: number[] = [];
        const coef: number[] = [];
        let balance = 0;
        for (let i = 0; i < size; i++) {
          const c = g.cells[base + i * strides[j]!]!;
          cells.push(c);
          coef.push(i === size - 1 ? -1 : 1);
          balance += (i === size - 1 ? -1 : 1) * p.count[c]!;
        }
        // a line whose parts do not add up to its total (respondents outside every part) is no relation the
        // reader can use (never-published cells carry their true counts too, so every line can be checked)
        if (balance === 0) out.push({ cells, coef });
      });
    });
  }
  for (const r of p.relations ?? []) out.push(r);
  return out;
}

/**
 * The withheld cells a reader can determine, given the withheld set: those whose value follows from the
 * relations exactly, or whose whole-number bounds collapse to one value. CELL_UNKNOWN cells count when
 * they are sensitive (a small cell worked out as a sum of others is disclosed as well).
 */
export function exposedCells(p: SuppressionProblem, hidden: ArrayLike<number>, threshold: number, relations = problemRelations(p), checks: { linear: boolean; bounds: boolean } = { linear: true, bounds: true }): number[] {
  const n = p.count.length;
  const unknown = new Uint8Array(n);
  for (let c = 0; c < n; c++) unknown[c] = hidden[c] || statusOf(p, c) === CELL_UNKNOWN ? 1 : 0;
  const watched = (c: number) => hidden[c] === 1 || (statusOf(p, c) === CELL_UNKNOWN && p.count[c]! > 0 && p.count[c]! < threshold);
  const out = new Set<number>();
  if (checks.linear) for (const c of linearlyDetermined(relations, unknown)) if (watched(c)) out.add(c);
  if (checks.bounds) for (const c of boundedToOneValue(p, relations, unknown)) if (watched(c)) out.add(c);
  return [...out].sort((a, b) => a - b);
}

/**
 * Primary and complementary suppression at `threshold`, monotone in it: the steps t = 2 … threshold of
 * `protectStep`, each starting from the cells the previous step withheld.
 */
export function protectCells(p: SuppressionProblem, threshold: number, start?: ArrayLike<number>): SuppressionResult {
  let hidden: Uint8Array = Uint8Array.from(start ?? new Uint8Array(p.count.length));
  let complete = true;
  const relations = problemRelations(p);
  for (let t = 2; t <= threshold; t++) {
    const step = protectStep(p, t, hidden, relations);
    hidden = step.hidden;
    complete = step.complete && complete;
  }
  const primary = new Uint8Array(p.count.length);
  for (let c = 0; c < primary.length; c++) if (hidden[c] && p.count[c]! > 0 && p.count[c]! < threshold) primary[c] = 1;
  return { hidden, primary, complete };
}

/**
 * One step: withholds the cells of `start` and the sensitive cells (1 … threshold − 1 respondents), then
 * complements until the audit finds nothing. Callers protecting linked problems in lockstep run the steps
 * t = 2 … k themselves, each from the previous step's result, so that the outcome is monotone in k.
 */
export function protectStep(p: SuppressionProblem, threshold: number, start?: ArrayLike<number>, relations = problemRelations(p)): { hidden: Uint8Array; complete: boolean } {
  const n = p.count.length;
  const hidden = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    if (statusOf(p, c) !== CELL_FREE || !(p.count[c]! > 0)) continue;
    if ((start && start[c]) || p.count[c]! < threshold) hidden[c] = 1;
  }
  const index = cellIndex(p, relations);
  const limit = 4 * n + 16;
  for (let round = 0; round < limit; round++) {
    const exposed = exposedCells(p, hidden, threshold, relations);
    if (exposed.length === 0) return { hidden, complete: true };
    const target = exposed[0]!;
    if (!hideCheapestHypercube(p, target, hidden, index) && !hideCheapestNeighbour(p, target, hidden, relations, index)) return { hidden, complete: false };
  }
  return { hidden, complete: false };
}

// ---------------------------------------------------------------- the reader's algebra

/** Unknowns (cells with unknown[c] = 1) whose value the relations fix: Gaussian elimination to reduced row echelon form. */
function linearlyDetermined(relations: readonly LinearRelation[], unknown: Uint8Array): number[] {
  const cols: number[] = [];
  const colOf = new Int32Array(unknown.length).fill(-1);
  const touching: LinearRelation[] = [];
  for (const r of relations) {
    let touches = false;
    for (const c of r.cells) if (unknown[c]) touches = true;
    if (!touches) continue;
    touching.push(r);
    for (const c of r.cells) if (unknown[c] && colOf[c] === -1) { colOf[c] = cols.length; cols.push(c); }
  }
  if (cols.length === 0) return [];
  const rows: Float64Array[] = [];
  for (const r of touching) {
    const row = new Float64Array(cols.length);
    for (let i = 0; i < r.cells.length; i++) {
      const c = r.cells[i]!;
      if (unknown[c]) row[colOf[c]!]! += r.coef[i]!;
    }
    rows.push(row);
  }
  const m = cols.length;
  const pivotOfRow: number[] = [];
  let rank = 0;
  for (let j = 0; j < m && rank < rows.length; j++) {
    let best = -1;
    for (let i = rank; i < rows.length; i++) if (Math.abs(rows[i]![j]!) > EPS && (best < 0 || Math.abs(rows[i]![j]!) > Math.abs(rows[best]![j]!))) best = i;
    if (best < 0) continue;
    [rows[rank], rows[best]] = [rows[best]!, rows[rank]!];
    const pr = rows[rank]!;
    const pv = pr[j]!;
    for (let x = 0; x < m; x++) pr[x]! /= pv;
    for (let i = 0; i < rows.length; i++) {
      if (i === rank) continue;
      const f = rows[i]![j]!;
      if (Math.abs(f) <= EPS) continue;
      const ri = rows[i]!;
      for (let x = 0; x < m; x++) ri[x]! -= f * pr[x]!;
    }
    pivotOfRow.push(j);
    rank++;
  }
  const isPivot = new Uint8Array(m);
  for (const j of pivotOfRow) isPivot[j] = 1;
  const out: number[] = [];
  pivotOfRow.forEach((j, i) => {
    const row = rows[i]!;
    for (let x = 0; x < m; x++) if (!isPivot[x] && Math.abs(row[x]!) > EPS) return;
    out.push(cols[j]!);
  });
  return out;
}

/** Unknown counts whose bounds (whole numbers, ≥ 1 when withheld, ≥ 0 when never published) close on one value. */
function boundedToOneValue(p: SuppressionProblem, relations: readonly LinearRelation[], unknown: Uint8Array): number[] {
  const active = relations.filter((r) => r.cells.some((c) => unknown[c]));
  if (active.length === 0) return [];
  const lo = new Float64Array(unknown.length);
  const hi = new Float64Array(unknown.length).fill(Infinity);
  const seen = new Uint8Array(unknown.length);
  for (const r of active) for (const c of r.cells) if (unknown[c]) { seen[c] = 1; lo[c] = statusOf(p, c) === CELL_UNKNOWN ? 0 : p.floor ? p.floor[c]! : 1; }
  // each relation: a_c·x_c = −known − Σ_{others} a·x, with each a·x within [min, max] of a·lo, a·hi
  const termLo = new Float64Array(64);
  const termHi = new Float64Array(64);
  for (let round = 0; round < 20; round++) {
    let changed = false;
    for (const r of active) {
      let known = r.constant ?? 0;
      let sumLo = 0;
      let sumHi = 0;
      let infLo = 0;
      let infHi = 0;
      const m = r.cells.length;
      const tl = m <= 64 ? termLo : new Float64Array(m);
      const th = m <= 64 ? termHi : new Float64Array(m);
      for (let i = 0; i < m; i++) {
        const c = r.cells[i]!;
        const a = r.coef[i]!;
        if (!unknown[c]) { known += a * p.count[c]!; tl[i] = th[i] = 0; continue; }
        const x = a * lo[c]!;
        const y = a * hi[c]!;
        tl[i] = Math.min(x, y);
        th[i] = Math.max(x, y);
        if (tl[i] === -Infinity) infLo++; else sumLo += tl[i]!;
        if (th[i] === Infinity) infHi++; else sumHi += th[i]!;
      }
      for (let i = 0; i < m; i++) {
        const c = r.cells[i]!;
        if (!unknown[c]) continue;
        const a = r.coef[i]!;
        // the others' range, leaving this term out without subtracting infinities
        const restLo = tl[i] === -Infinity ? (infLo > 1 ? -Infinity : sumLo) : infLo > 0 ? -Infinity : sumLo - tl[i]!;
        const restHi = th[i] === Infinity ? (infHi > 1 ? Infinity : sumHi) : infHi > 0 ? Infinity : sumHi - th[i]!;
        const b1 = (-known - restHi) / a;
        const b2 = (-known - restLo) / a;
        const newLo = Math.ceil(Math.min(b1, b2) - EPS);
        const newHi = Math.floor(Math.max(b1, b2) + EPS);
        if (Number.isFinite(newLo) && newLo > lo[c]!) { lo[c] = newLo; changed = true; }
        if (Number.isFinite(newHi) && newHi < hi[c]!) { hi[c] = newHi; changed = true; }
      }
    }
    if (!changed) break;
  }
  const out: number[] = [];
  for (let c = 0; c < unknown.length; c++) if (seen[c] && hi[c]! <= lo[c]!) out.push(c);
  return out;
}

// ---------------------------------------------------------------- choosing complements

export interface CellIndex {
  /** per cell: the grids and positions it occupies */
  places: { grid: number; position: number }[][];
  /** per cell: the relations it is in */
  relationsOf: number[][];
}

export function cellIndex(p: SuppressionProblem, relations: readonly LinearRelation[]): CellIndex {
  const places: CellIndex['places'] = Array.from({ length: p.count.length }, () => []);
  p.grids.forEach((g, gi) => {
    for (let pos = 0; pos < g.cells.length; pos++) places[g.cells[pos]!]!.push({ grid: gi, position: pos });
  });
  const relationsOf: number[][] = Array.from({ length: p.count.length }, () => []);
  relations.forEach((r, ri) => { for (const c of r.cells) relationsOf[c]!.push(ri); });
  return { places, relationsOf };
}

/** Withholds the corners of the cheapest valid hypercube through `target`; false when there is none. */
function hideCheapestHypercube(p: SuppressionProblem, target: number, hidden: Uint8Array, index: CellIndex): boolean {
  const best = cheapestHypercube(p, target, hidden, index);
  if (!best) return false;
  for (const c of best) if (statusOf(p, c) === CELL_FREE) hidden[c] = 1;
  return true;
}

/**
 * The corners of the cheapest hypercube through `target` (in any grid holding it) whose corners are all
 * withheld already, never published, or free and non-empty, and which withholds at least one more cell;
 * null when there is none.
 */
export function cheapestHypercube(p: SuppressionProblem, target: number, hidden: ArrayLike<number>, index = cellIndex(p, problemRelations(p))): number[] | null {
  let best: number[] | null = null;
  let bestCost = Infinity;
  for (const { grid, position } of index.places[target]!) {
    const g = p.grids[grid]!;
    const d = g.shape.length;
    const strides = stridesOf(g.shape);
    const at = coordinates(position, g.shape);
    const alt = new Array<number>(d).fill(0);
    // every choice of one other category per dimension
    const visit = (j: number) => {
      if (j === d) {
        const corners: number[] = [];
        for (let mask = 0; mask < 1 << d; mask++) {
          let pos = 0;
          for (let x = 0; x < d; x++) pos += (mask & (1 << x) ? alt[x]! : at[x]!) * strides[x]!;
          corners.push(g.cells[pos]!);
        }
        let cost = 0;
        let fresh = 0;
        for (const c of corners) {
          if (hidden[c] || statusOf(p, c) === CELL_UNKNOWN) continue;
          if (statusOf(p, c) === CELL_PUBLISHED || !(p.count[c]! > 0)) return;
          cost += costOf(p, c);
          fresh++;
        }
        if (fresh > 0 && (cost < bestCost || (cost === bestCost && best !== null && lexLess(corners, best)))) {
          bestCost = cost;
          best = corners;
        }
        return;
      }
      for (let i = 0; i < g.shape[j]!; i++) {
        if (i === at[j]) continue;
        alt[j] = i;
        visit(j + 1);
      }
    };
    visit(0);
  }
  return best;
}

/** Fallback: withholds the cheapest free, non-empty cell that shares a relation with `target`. */
function hideCheapestNeighbour(p: SuppressionProblem, target: number, hidden: Uint8Array, relations: readonly LinearRelation[], index: CellIndex): boolean {
  let best = -1;
  for (const ri of index.relationsOf[target]!) {
    for (const c of relations[ri]!.cells) {
      if (hidden[c] || statusOf(p, c) !== CELL_FREE || !(p.count[c]! > 0)) continue;
      if (best < 0 || costOf(p, c) < costOf(p, best) || (costOf(p, c) === costOf(p, best) && c < best)) best = c;
    }
  }
  if (best < 0) return false;
  hidden[best] = 1;
  return true;
}

// ---------------------------------------------------------------- helpers

function statusOf(p: SuppressionProblem, c: number): number {
  return p.status ? p.status[c]! : CELL_FREE;
}

function costOf(p: SuppressionProblem, c: number): number {
  return p.cost ? p.cost[c]! : p.count[c]!;
}
