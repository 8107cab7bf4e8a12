/**
 * The cluster bootstrap of Borich MWDS (see priorities.ts for the method): from the per-JST sums of a cell —
 * for every statistic (item or area) and variant (weighted, unweighted) Σ(I − C), ΣI and the total weight (the
 * count, unweighted) — the percentile intervals of every MWDS. Pure and self-contained, so that it can run in
 * a worker thread (bootstrap-parallel.ts) while the main thread computes the other results.
 *
 * Resampling follows the design: JSTs within strata, by the Rao–Wu rescaling bootstrap (Rao & Wu 1988,
 * JASA 83:231–241; R survey as.svrepdesign(type = "subbootstrap")): in each stratum with n_h JSTs in the
 * whole design (n_h ≥ 2), n_h − 1 JSTs are drawn with replacement from its n_h and each draw counts
 * n_h/(n_h − 1) times; JSTs of the stratum outside the cell contribute nothing, so a cell's size varies
 * between replicates as a domain's does. For a linear statistic the replicate variance is then the Taylor
 * variance with n_h/(n_h − 1) Σ(Z − Z̄_h)² per stratum (svy-mean.ts). A stratum with a single JST enters
 * every replicate once (it adds no variance). Under --weights none the design has one stratum: all JSTs.
 *
 * In cells of more than `exactUpToJsts` JSTs the replicate totals are drawn from their large-sample normal
 * distribution, N(T, Σ_h n_h/(n_h − 1) Σ_{c∈h} (s_c − s̄_h)(s_c − s̄_h)ᵀ) (the covariance of the Rao–Wu
 * replicate totals), statistic by statistic: each MWDS depends on its own three sums, and a percentile
 * interval only on the distribution of its own statistic.
 */
import { choleskySemidefinite } from '../stats/internal/cholesky.ts';
import { Rng } from '../util/rng.ts';

export interface BootstrapSpec {
  /** statistics per cell (items, then areas) */
  stats: number;
  /** 1: the weighted and unweighted MWDS coincide (equal weights), one set of sums; 2: weighted, then unweighted */
  variants: number;
  replicates: number;
  seed: string;
  level: number;
  exactUpToJsts: number;
}

export interface BootstrapCell {
  /** seeds the cell's random stream together with spec.seed: "<segment>:<group>" */
  key: string;
  /**
   * J × width per-JST sums, width = 3 × stats × variants: statistic s, variant v at 3 (v · stats + s); with
   * `omega`, only the unweighted half (J × 3 × stats)
   */
  sums: Float64Array;
  /**
   * when each JST has one weight in the cell (frame weights: a JST's weight shared among its respondents,
   * or those of a staff group), that weight: the weighted variant's sums of JST j are omega[j] × its
   * unweighted sums, which are all `sums` then holds (half the memory and reads)
   */
  omega?: Float64Array | null;
  J: number;
  /** stratum of each of the cell's JSTs (an index into strataSize) */
  stratum: Int32Array;
  /** JSTs of each stratum in the whole design */
  strataSize: Int32Array;
}

/** MWDS from totals t at offset o (Σ(I − C), ΣI, Σw): mean gap × mean importance. */
export function mwdsAt(t: ArrayLike<number>, o: number): number {
  const w = t[o + 2]!;
  return w > 0 ? (t[o]! / w) * (t[o + 1]! / w) : NaN;
}

/** The cell's totals over its JSTs, full width (both variants). */
export function cellTotals(cell: BootstrapCell, width: number): Float64Array {
  const total = new Float64Array(width);
  const omega = cell.omega;
  if (!omega) {
    for (let j = 0; j < cell.J; j++) for (let x = 0; x < width; x++) total[x] = total[x]! + cell.sums[j * width + x]!;
    return total;
  }
  const part = width / 2;
  for (let j = 0; j < cell.J; j++) {
    const w = omega[j]!;
    for (let x = 0; x < part; x++) {
      const v = cell.sums[j * part + x]!;
      total[x] = total[x]! + w * v;
      total[part + x] = total[part + x]! + v;
    }
  }
  return total;
}

/** Three sums (full-width offset o) of JST j, into `to`. */
function jstSums(cell: BootstrapCell, width: number, j: number, o: number, to: Float64Array): void {
  if (!cell.omega) {
    for (let x = 0; x < 3; x++) to[x] = cell.sums[j * width + o + x]!;
    return;
  }
  const part = width / 2;
  const w = o < part ? cell.omega[j]! : 1;
  const at = j * part + (o < part ? o : o - part);
  for (let x = 0; x < 3; x++) to[x] = w * cell.sums[at + x]!;
}

/** Whether a cell gets the exact bootstrap (else its large-sample normal form). */
export const isExact = (cell: BootstrapCell, spec: BootstrapSpec) => cell.J <= spec.exactUpToJsts;

/** The cell's JSTs of each stratum, in the cell's order. */
export function strataMembers(cell: BootstrapCell): Int32Array[] {
  const lists: number[][] = Array.from({ length: cell.strataSize.length }, () => []);
  for (let j = 0; j < cell.J; j++) lists[cell.stratum[j]!]!.push(j);
  return lists.map((l) => Int32Array.from(l));
}

/**
 * Percentile intervals of a cell: [lo, hi] of every statistic × variant (index v · stats + s), NaN where
 * there is none.
 */
export function bootstrapIntervals(cell: BootstrapCell, spec: BootstrapSpec): Float64Array {
  const blocks = spec.stats * spec.variants;
  const width = 3 * blocks;
  const B = spec.replicates;
  const reps = new Float64Array(B * blocks);
  const rng = new Rng(`${spec.seed}:${cell.key}`);
  if (isExact(cell, spec)) {
    const draw = raoWuReplicates(cell, width, rng);
    for (let b = 0; b < B; b++) {
      const acc = draw();
      for (let k = 0; k < blocks; k++) reps[b * blocks + k] = mwdsAt(acc, 3 * k);
    }
  } else {
    normalReplicates(cell, blocks, B, rng, reps);
  }
  const out = new Float64Array(2 * blocks);
  for (let k = 0; k < blocks; k++) {
    const [lo, hi] = percentileInterval(reps, k, blocks, B, spec.level);
    out[2 * k] = lo ?? NaN;
    out[2 * k + 1] = hi ?? NaN;
  }
  return out;
}

/**
 * The Rao–Wu replicates: per stratum n_h − 1 draws from its n_h JSTs, a draw on a JST of the cell adding
 * n_h/(n_h − 1) to its multiplier; the replicate total Σ_j m_j s_j is formed four JSTs at a time over the
 * JSTs drawn.
 */
export function raoWuReplicates(cell: BootstrapCell, width: number, rng: Rng): () => Float64Array {
  const members = strataMembers(cell);
  const J = cell.J;
  const mult = new Float64Array(J);
  const drawn = new Int32Array(J + 3);
  const times = new Float64Array(J + 3);
  const acc = new Float64Array(width);
  const sums = cell.sums;
  const omega = cell.omega ?? null;
  return () => {
    mult.fill(0);
    for (let h = 0; h < members.length; h++) {
      const m = members[h]!;
      if (m.length === 0) continue;
      const nh = cell.strataSize[h]!;
      if (nh < 2) {
        for (let u = 0; u < m.length; u++) mult[m[u]!]! += 1;
        continue;
      }
      const f = nh / (nh - 1);
      for (let d = 0; d < nh - 1; d++) {
        const u = rng.int(nh);
        if (u < m.length) mult[m[u]!]! += f;
      }
    }
    let n = 0;
    for (let j = 0; j < J; j++) {
      if (mult[j] === 0) continue;
      drawn[n] = j;
      times[n++] = mult[j]!;
    }
    acc.fill(0);
    if (omega) addScaledRows(sums, omega, drawn, times, n, width / 2, acc);
    else addRows(sums, drawn, times, n, width, acc);
    return acc;
  };
}

/** acc += Σ_k times_k · sums[drawn_k], four JSTs at a time (each replicate total read and written once per four). */
function addRows(sums: Float64Array, drawn: Int32Array, times: Float64Array, n: number, width: number, acc: Float64Array): void {
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const b0 = drawn[k]! * width, b1 = drawn[k + 1]! * width, b2 = drawn[k + 2]! * width, b3 = drawn[k + 3]! * width;
    const c0 = times[k]!, c1 = times[k + 1]!, c2 = times[k + 2]!, c3 = times[k + 3]!;
    for (let x = 0; x < width; x++) acc[x] = acc[x]! + (c0 * sums[b0 + x]! + c1 * sums[b1 + x]! + c2 * sums[b2 + x]! + c3 * sums[b3 + x]!);
  }
  for (; k < n; k++) {
    const b = drawn[k]! * width;
    const c = times[k]!;
    for (let x = 0; x < width; x++) acc[x] = acc[x]! + c * sums[b + x]!;
  }
}

/** The same with the weighted half formed as omega_j × the stored unweighted sums (acc: weighted half, then unweighted). */
function addScaledRows(sums: Float64Array, omega: Float64Array, drawn: Int32Array, times: Float64Array, n: number, part: number, acc: Float64Array): void {
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const j0 = drawn[k]!, j1 = drawn[k + 1]!, j2 = drawn[k + 2]!, j3 = drawn[k + 3]!;
    const b0 = j0 * part, b1 = j1 * part, b2 = j2 * part, b3 = j3 * part;
    const c0 = times[k]!, c1 = times[k + 1]!, c2 = times[k + 2]!, c3 = times[k + 3]!;
    const w0 = c0 * omega[j0]!, w1 = c1 * omega[j1]!, w2 = c2 * omega[j2]!, w3 = c3 * omega[j3]!;
    for (let x = 0; x < part; x++) {
      const s0 = sums[b0 + x]!, s1 = sums[b1 + x]!, s2 = sums[b2 + x]!, s3 = sums[b3 + x]!;
      acc[x] = acc[x]! + (w0 * s0 + w1 * s1 + w2 * s2 + w3 * s3);
      acc[part + x] = acc[part + x]! + (c0 * s0 + c1 * s1 + c2 * s2 + c3 * s3);
    }
  }
  for (; k < n; k++) {
    const j = drawn[k]!;
    const b = j * part;
    const c = times[k]!;
    const w = c * omega[j]!;
    for (let x = 0; x < part; x++) {
      const v = sums[b + x]!;
      acc[x] = acc[x]! + w * v;
      acc[part + x] = acc[part + x]! + c * v;
    }
  }
}

/**
 * Σ_h n_h/(n_h − 1) [Σ_{c∈h} s_c s_cᵀ − S_h S_hᵀ/n_h] of one statistic's three sums (at offset o), the
 * cell's JSTs of a stratum being some of its n_h (the others have s = 0); lonely strata add nothing.
 * 3 × 3, row-major.
 */
export function blockCovariance(cell: BootstrapCell, members: Int32Array[], width: number, o: number): Float64Array {
  const cov = new Float64Array(9);
  const S = new Float64Array(3);
  const P = new Float64Array(9);
  const row = new Float64Array(3);
  for (let h = 0; h < members.length; h++) {
    const m = members[h]!;
    const nh = cell.strataSize[h]!;
    if (m.length === 0 || nh < 2) continue;
    S.fill(0);
    P.fill(0);
    for (let u = 0; u < m.length; u++) {
      jstSums(cell, width, m[u]!, o, row);
      const s0 = row[0]!, s1 = row[1]!, s2 = row[2]!;
      S[0]! += s0; S[1]! += s1; S[2]! += s2;
      P[0]! += s0 * s0; P[1]! += s0 * s1; P[2]! += s0 * s2;
      P[4]! += s1 * s1; P[5]! += s1 * s2; P[8]! += s2 * s2;
    }
    const f = nh / (nh - 1);
    for (let x = 0; x < 3; x++) {
      for (let y = x; y < 3; y++) {
        const v = f * (P[x * 3 + y]! - (S[x]! * S[y]!) / nh);
        cov[x * 3 + y]! += v;
        if (y !== x) cov[y * 3 + x]! += v;
      }
    }
  }
  return cov;
}

/** The normal form: per statistic × variant, B replicate totals T + L z (z standard normal, L L ᵀ = the block's covariance). */
function normalReplicates(cell: BootstrapCell, blocks: number, B: number, rng: Rng, reps: Float64Array): void {
  const width = 3 * blocks;
  const members = strataMembers(cell);
  const total = cellTotals(cell, width);
  const t = new Float64Array(3);
  for (let k = 0; k < blocks; k++) {
    const L = choleskySemidefinite(blockCovariance(cell, members, width, 3 * k), 3);
    const T0 = total[3 * k]!, T1 = total[3 * k + 1]!, T2 = total[3 * k + 2]!;
    for (let b = 0; b < B; b++) {
      const z0 = rng.normal(), z1 = rng.normal(), z2 = rng.normal();
      t[0] = T0 + L[0]! * z0;
      t[1] = T1 + L[3]! * z0 + L[4]! * z1;
      t[2] = T2 + L[6]! * z0 + L[7]! * z1 + L[8]! * z2;
      reps[b * blocks + k] = mwdsAt(t, 0);
    }
  }
}

/** Percentile interval (R quantile type 7) of one statistic's bootstrap replicates. */
export function percentileInterval(reps: Float64Array, index: number, stride: number, B: number, level: number): [number | null, number | null] {
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
