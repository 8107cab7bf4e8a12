/**
 * The cluster bootstrap of Borich MWDS (see priorities.ts for the method): from the per-JST sums of a
 * cell — for every item Σ(I − C), ΣI and the number of complete pairs — the percentile intervals of every
 * item's and area's MWDS. Pure and self-contained, so that it can run in a worker thread
 * (bootstrap-parallel.ts) while the main thread computes the other results.
 */
import { choleskySemidefinite } from './stats/internal/cholesky.ts';
import { Rng } from '../util/rng.ts';

export interface BootstrapSpec {
  /** area index of each item */
  itemArea: Int32Array;
  nAreas: number;
  /** items with fewer complete pairs in the cell are left out of their area's MWDS */
  threshold: number;
  replicates: number;
  seed: string;
  level: number;
  exactUpToJsts: number;
}

export interface BootstrapCell {
  /** seeds the cell's random stream together with spec.seed: "<segment>:<group>" */
  key: string;
  /** J × width per-JST sums, width = 3 × items */
  sums: Float64Array;
  J: number;
}

/** MWDS of item i from totals t (Σ(I − C), ΣI, n per item): mean gap × mean importance. */
export function itemMwds(t: ArrayLike<number>, i: number): number {
  const n = t[3 * i + 2]!;
  return n > 0 ? (t[3 * i]! / n) * (t[3 * i + 1]! / n) : NaN;
}

/** Items of each area that enter its MWDS: those with at least `threshold` complete pairs in the cell. */
export function areaItems(total: ArrayLike<number>, spec: BootstrapSpec): number[][] {
  const out: number[][] = Array.from({ length: spec.nAreas }, () => []);
  for (let i = 0; i < spec.itemArea.length; i++) if (total[3 * i + 2]! >= spec.threshold) out[spec.itemArea[i]!]!.push(i);
  return out;
}

/** An area's MWDS: the mean of its items' MWDS. */
export function areaMwds(t: ArrayLike<number>, items: readonly number[]): number {
  let sum = 0;
  let m = 0;
  for (const i of items) {
    const v = itemMwds(t, i);
    if (!Number.isNaN(v)) { sum += v; m++; }
  }
  return m ? sum / m : NaN;
}

export function cellTotals(cell: BootstrapCell, width: number): Float64Array {
  const total = new Float64Array(width);
  for (let j = 0; j < cell.J; j++) for (let x = 0; x < width; x++) total[x] = total[x]! + cell.sums[j * width + x]!;
  return total;
}

/** Whether a cell gets the exact bootstrap (else its large-sample normal form). */
export const isExact = (cell: BootstrapCell, spec: BootstrapSpec) => cell.J <= spec.exactUpToJsts;

/**
 * Percentile intervals of a cell: [lo, hi] of every item, then of every area, NaN where there is none.
 * Replicate totals T_b = Σ_j c_j s_j with multinomial counts c (exact), or drawn from N(total, Cov).
 */
export function bootstrapIntervals(cell: BootstrapCell, spec: BootstrapSpec): Float64Array {
  const I = spec.itemArea.length;
  const A = spec.nAreas;
  const width = 3 * I;
  const B = spec.replicates;
  const total = cellTotals(cell, width);
  const members = areaItems(total, spec);
  const rng = new Rng(`${spec.seed}:${cell.key}`);
  const itemReps = new Float64Array(B * I);
  const areaReps = new Float64Array(B * A);
  const draw = isExact(cell, spec) ? multinomialReplicates(cell.sums, cell.J, width, rng) : normalReplicates(cell.sums, total, cell.J, width, rng);
  for (let b = 0; b < B; b++) {
    const acc = draw();
    for (let i = 0; i < I; i++) itemReps[b * I + i] = itemMwds(acc, i);
    for (let a = 0; a < A; a++) areaReps[b * A + a] = areaMwds(acc, members[a]!);
  }
  const out = new Float64Array(2 * (I + A));
  for (let i = 0; i < I; i++) {
    const [lo, hi] = percentileInterval(itemReps, i, I, B, spec.level);
    out[2 * i] = lo ?? NaN;
    out[2 * i + 1] = hi ?? NaN;
  }
  for (let a = 0; a < A; a++) {
    const [lo, hi] = percentileInterval(areaReps, a, A, B, spec.level);
    out[2 * (I + a)] = lo ?? NaN;
    out[2 * (I + a) + 1] = hi ?? NaN;
  }
  return out;
}

/** Nonparametric bootstrap: resample the J clusters with replacement; O(J × width) per replicate. */
function multinomialReplicates(sums: Float64Array, J: number, width: number, rng: Rng): () => Float64Array {
  const counts = new Int32Array(J);
  const acc = new Float64Array(width);
  return () => {
    counts.fill(0);
    for (let j = 0; j < J; j++) counts[rng.int(J)]!++;
    acc.fill(0);
    for (let j = 0; j < J; j++) {
      const c = counts[j]!;
      if (c === 0) continue;
      const base = j * width;
      for (let x = 0; x < width; x++) acc[x] = acc[x]! + c * sums[base + x]!;
    }
    return acc;
  };
}

/**
 * The large-sample form of the same bootstrap: multinomial resampling gives E[T_b] = Σ_j s_j and
 * Cov[T_b] = Σ_j (s_j − s̄)(s_j − s̄)ᵀ, and T_b is a sum of J independent draws, so for many clusters
 * T_b ≈ N(total, Cov). Replicates are drawn from that normal (Cholesky factor, O(width²) each) and go
 * through the same non-linear MWDS as the exact bootstrap. Used above `exactUpToJsts` clusters.
 */
function normalReplicates(sums: Float64Array, total: Float64Array, J: number, width: number, rng: Rng): () => Float64Array {
  const mean = total.map((t) => t / J);
  const cov = new Float64Array(width * width);
  const dev = new Float64Array(width);
  for (let j = 0; j < J; j++) {
    for (let x = 0; x < width; x++) dev[x] = sums[j * width + x]! - mean[x]!;
    for (let x = 0; x < width; x++) {
      const dx = dev[x]!;
      if (dx === 0) continue;
      const row = x * width;
      for (let y = 0; y <= x; y++) cov[row + y] = cov[row + y]! + dx * dev[y]!;
    }
  }
  const L = choleskySemidefinite(cov, width);
  const z = new Float64Array(width);
  const acc = new Float64Array(width);
  return () => {
    for (let x = 0; x < width; x++) z[x] = rng.normal();
    for (let x = 0; x < width; x++) {
      let v = total[x]!;
      const row = x * width;
      for (let y = 0; y <= x; y++) v += L[row + y]! * z[y]!;
      acc[x] = v;
    }
    return acc;
  };
}

/** Percentile interval (R quantile type 7) of one statistic's bootstrap replicates. */
function percentileInterval(reps: Float64Array, index: number, stride: number, B: number, level: number): [number | null, number | null] {
  const values: number[] = [];
  for (let b = 0; b < B; b++) {
    const v = reps[b * stride + index]!;
    if (!Number.isNaN(v)) values.push(v);
  }
  if (values.length < 2) return [null, null];
  values.sort((x, y) => x - y);
  const q = (p: number) => {
    const h = (values.length - 1) * p;
    const lo = Math.floor(h);
    return values[lo]! + (h - lo) * ((values[Math.min(lo + 1, values.length - 1)]!) - values[lo]!);
  };
  const tail = (1 - level) / 2;
  return [q(tail), q(1 - tail)];
}
