/**
 * The cluster bootstrap of Borich MWDS (see priorities.ts for the method): from the per-JST sums of a
 * cell — for every item Σ(I − C), ΣI and the number of complete pairs — the percentile intervals of every
 * item's and area's MWDS. Pure and self-contained, so that it can run in a worker thread
 * (bootstrap-parallel.ts) while the main thread computes the other results.
 */
import { choleskySemidefinite } from '../stats/internal/cholesky.ts';
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

/**
 * Nonparametric bootstrap: resample the J clusters with replacement; O(J × width) per replicate. The clusters
 * drawn are added four at a time, so that each replicate total is read and written once per four clusters.
 */
function multinomialReplicates(sums: Float64Array, J: number, width: number, rng: Rng): () => Float64Array {
  const counts = new Int32Array(J);
  const drawn = new Int32Array(J + 3);
  const times = new Float64Array(J + 3);
  const acc = new Float64Array(width);
  return () => {
    counts.fill(0);
    for (let j = 0; j < J; j++) counts[rng.int(J)]!++;
    let m = 0;
    for (let j = 0; j < J; j++) {
      if (counts[j] === 0) continue;
      drawn[m] = j * width;
      times[m++] = counts[j]!;
    }
    acc.fill(0);
    let k = 0;
    for (; k + 4 <= m; k += 4) {
      const b0 = drawn[k]!, b1 = drawn[k + 1]!, b2 = drawn[k + 2]!, b3 = drawn[k + 3]!;
      const c0 = times[k]!, c1 = times[k + 1]!, c2 = times[k + 2]!, c3 = times[k + 3]!;
      for (let x = 0; x < width; x++) acc[x] = acc[x]! + (c0 * sums[b0 + x]! + c1 * sums[b1 + x]! + c2 * sums[b2 + x]! + c3 * sums[b3 + x]!);
    }
    for (; k < m; k++) {
      const b = drawn[k]!;
      const c = times[k]!;
      for (let x = 0; x < width; x++) acc[x] = acc[x]! + c * sums[b + x]!;
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
  const L = choleskySemidefinite(clusterCovariance(sums, total, J, width), width);
  // Replicates are made four at a time (their normals drawn in replicate order, as one at a time would), so
  // that each entry of L is read once per four replicates; each is then handed out in turn.
  const z = new Float64Array(4 * width);
  const batch = new Float64Array(4 * width);
  let next = 4;
  return () => {
    if (next === 4) {
      for (let x = 0; x < 4 * width; x++) z[x] = rng.normal();
      for (let x = 0; x < width; x++) {
        let v0 = total[x]!, v1 = v0, v2 = v0, v3 = v0;
        const row = x * width;
        for (let y = 0; y <= x; y++) {
          const l = L[row + y]!;
          v0 += l * z[y]!;
          v1 += l * z[width + y]!;
          v2 += l * z[2 * width + y]!;
          v3 += l * z[3 * width + y]!;
        }
        batch[x] = v0;
        batch[width + x] = v1;
        batch[2 * width + x] = v2;
        batch[3 * width + x] = v3;
      }
      next = 0;
    }
    return batch.subarray(width * next, width * ++next);
  };
}

/**
 * Σ_j (s_j − s̄)(s_j − s̄)ᵀ, lower triangle (row-major, width × width). Four clusters at a time: each entry is
 * read and written once per four clusters, the cost that bounds this loop.
 */
export function clusterCovariance(sums: Float64Array, total: Float64Array, J: number, width: number): Float64Array {
  const cov = new Float64Array(width * width);
  const dev = new Float64Array(4 * width);
  let j = 0;
  for (; j + 4 <= J; j += 4) {
    for (let u = 0; u < 4; u++) {
      const at = (j + u) * width;
      for (let x = 0; x < width; x++) dev[u * width + x] = sums[at + x]! - total[x]! / J;
    }
    for (let x = 0; x < width; x++) {
      const d0 = dev[x]!, d1 = dev[width + x]!, d2 = dev[2 * width + x]!, d3 = dev[3 * width + x]!;
      if (d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0) continue;
      const row = x * width;
      for (let y = 0; y <= x; y++) {
        cov[row + y] = cov[row + y]! + (d0 * dev[y]! + d1 * dev[width + y]! + d2 * dev[2 * width + y]! + d3 * dev[3 * width + y]!);
      }
    }
  }
  for (; j < J; j++) {
    const at = j * width;
    for (let x = 0; x < width; x++) dev[x] = sums[at + x]! - total[x]! / J;
    for (let x = 0; x < width; x++) {
      const dx = dev[x]!;
      if (dx === 0) continue;
      const row = x * width;
      for (let y = 0; y <= x; y++) cov[row + y] = cov[row + y]! + dx * dev[y]!;
    }
  }
  return cov;
}

/** Percentile interval (R quantile type 7) of one statistic's bootstrap replicates. */
function percentileInterval(reps: Float64Array, index: number, stride: number, B: number, level: number): [number | null, number | null] {
  const all = new Float64Array(B);
  let m = 0;
  for (let b = 0; b < B; b++) {
    const v = reps[b * stride + index]!;
    if (!Number.isNaN(v)) all[m++] = v;
  }
  if (m < 2) return [null, null];
  const values = all.subarray(0, m).sort();
  const q = (p: number) => {
    const h = (values.length - 1) * p;
    const lo = Math.floor(h);
    return values[lo]! + (h - lo) * ((values[Math.min(lo + 1, values.length - 1)]!) - values[lo]!);
  };
  const tail = (1 - level) / 2;
  return [q(tail), q(1 - tail)];
}
