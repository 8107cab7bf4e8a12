/**
 * Training priorities per cell.
 *
 * Borich needs assessment (Borich 1980, J. Teacher Education 31(3):39–42): for item i,
 *   MWDS_i = mean over respondents of (I − C) × mean(I),
 * over the respondents who rated both importance I and level C of the item. An area's MWDS is the mean
 * of its items' MWDS. Items and areas are ranked by MWDS, 1 = highest priority (ties share the rank).
 *
 * Uncertainty: a percentile bootstrap 95 % CI that resamples JSTs — the clusters of the design — with
 * replacement within the cell (respondents of one JST answer alike, so resampling respondents would
 * understate the uncertainty). Per-JST sums are computed once; each replicate then costs O(JSTs × items),
 * independent of the number of respondents. In cells of more than `bootstrap.exactUpToJsts` JSTs (default
 * 500, the size of the programme's whole rollout) the replicate totals are drawn from their large-sample
 * normal distribution instead (see normalReplicates); each cell records which was used. Seeded: the same
 * seed gives the same intervals.
 *
 * Importance–performance analysis (Martilla & James 1977, J. Marketing 41(1):77–79): each area at
 * (mean level, mean importance) of its area scores; the cross-hairs are the means of those area means in
 * the cell (the "data-centred" variant); an area exactly on a cross-hair counts as high.
 */
import { ipaQuadrant } from './stats/index.ts';
import { choleskySemidefinite } from './stats/internal/cholesky.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { Rng } from '../util/rng.ts';
import type { AnalysisConfig } from './config.ts';
import type { Cell } from './cells.ts';
import type { PriorityAreaT, PriorityCellT, PriorityItemT } from './results-schema.ts';
import { itemColumn } from './scores.ts';
import type { SeriesCounts } from './estimates.ts';
import { mergeCounts, type Partition } from './series.ts';
import { suppressedCell } from './suppression.ts';

export const PRIORITY_METHOD =
  'Borich MWDS per item (pairwise-complete respondents) and per area (mean of item MWDS), ranked within each cell; percentile bootstrap CI resampling JSTs within the cell; IPA quadrants with data-centred cross-hairs (mean of the area means).';

export function priorities(d: Dataset, cells: Cell[], partition: Partition, config: AnalysisConfig, counts: SeriesCounts): PriorityCellT[] {
  const sums = jstGroupSums(d);
  return cells.map((cell, c) => priorityCell(d, cell, partition.cells[c]!.bases, sums, config, counts));
}

interface JstGroupSums {
  items: { area: string; code: string }[];
  /** number of distinct JSTs */
  J: number;
  /** per JST × staff group (index jst × 2 + group) and item: Σ(I − C), ΣI and the count of complete pairs */
  sums: Float64Array;
  /** first row (in data order) of each JST × staff group, −1 if none */
  firstRow: Int32Array;
  /** dense JST index of each row */
  jstOf: Int32Array;
}

/** One pass over the rows: per-JST, per-staff-group sums of every item, from which every cell's per-JST sums follow. */
function jstGroupSums(d: Dataset): JstGroupSums {
  const q = d.questionnaire;
  const items = q.areas.flatMap((a) => a.items.map((it) => ({ area: a.code, code: it.code, imp: itemColumn(d, it.code, 'importance'), lvl: itemColumn(d, it.code, 'level') })));
  const index = new Map<string, number>();
  const jstOf = new Int32Array(d.n);
  for (let r = 0; r < d.n; r++) {
    let j = index.get(d.jst[r]!);
    if (j === undefined) index.set(d.jst[r]!, (j = index.size));
    jstOf[r] = j;
  }
  const J = index.size;
  const I = items.length;
  const width = 3 * I;
  const sums = new Float64Array(J * 2 * width);
  const firstRow = new Int32Array(J * 2).fill(-1);
  for (let r = 0; r < d.n; r++) {
    const g = d.group[r]!;
    if (g < 0) continue;
    const jg = jstOf[r]! * 2 + g;
    if (firstRow[jg] === -1) firstRow[jg] = r;
    const base = jg * width;
    for (let i = 0; i < I; i++) {
      const imp = items[i]!.imp[r]!;
      const lvl = items[i]!.lvl[r]!;
      if (imp !== imp || lvl !== lvl) continue;
      const at = base + 3 * i;
      sums[at]! += imp - lvl;
      sums[at + 1]! += imp;
      sums[at + 2]! += 1;
    }
  }
  return { items: items.map(({ area, code }) => ({ area, code })), J, sums, firstRow, jstOf };
}

function priorityCell(d: Dataset, cell: Cell, bases: number[], all: JstGroupSums, config: AnalysisConfig, counts: SeriesCounts): PriorityCellT {
  const q = d.questionnaire;
  const k = config.suppressionThreshold;
  if (cell.rows.length < k) return suppressedCell(cell.segment, cell.group, k, cell.rows.length);

  // The cell's JSTs in order of their first respondent in the cell (the bootstrap draws index this order),
  // and their sums over the cell's staff groups.
  const groups = cell.group === 'all' ? [0, 1] : [cell.group === 'management' ? 0 : 1];
  const inCell = new Uint8Array(all.J);
  for (const r of cell.rows) inCell[all.jstOf[r]!] = 1;
  const first = new Int32Array(all.J);
  const order: number[] = [];
  for (let j = 0; j < all.J; j++) {
    if (!inCell[j]) continue;
    order.push(j);
    first[j] = Math.min(...groups.map((g) => all.firstRow[j * 2 + g]!).filter((x) => x >= 0));
  }
  order.sort((a, b) => first[a]! - first[b]!);
  const items = all.items;
  const J = order.length;
  const I = items.length;
  const width = 3 * I;
  const sums = new Float64Array(J * width);
  order.forEach((j, u) => {
    for (const g of groups) {
      const from = (j * 2 + g) * width;
      for (let x = 0; x < width; x++) sums[u * width + x]! += all.sums[from + x]!;
    }
  });
  const total = new Float64Array(width);
  for (let j = 0; j < J; j++) for (let x = 0; x < width; x++) total[x] = total[x]! + sums[j * width + x]!;
  const itemMwds = (t: Float64Array, i: number) => (t[3 * i + 2]! > 0 ? (t[3 * i]! / t[3 * i + 2]!) * (t[3 * i + 1]! / t[3 * i + 2]!) : NaN);
  const areaCodes = q.areas.map((a) => a.code);
  const areaItems = areaCodes.map((a) => items.map((it, i) => (it.area === a && total[3 * i + 2]! >= k ? i : -1)).filter((i) => i >= 0));
  const areaMwds = (t: Float64Array, a: number) => {
    let sum = 0;
    let m = 0;
    for (const i of areaItems[a]!) {
      const v = itemMwds(t, i);
      if (!Number.isNaN(v)) { sum += v; m++; }
    }
    return m ? sum / m : NaN;
  };

  // Bootstrap over JSTs: replicate totals T_b = Σ_j c_j s_j with multinomial counts c.
  const B = config.bootstrap.replicates;
  const rng = new Rng(`${config.bootstrap.seed}:${cell.segment}:${cell.group}`);
  const itemReps = new Float64Array(B * I);
  const areaReps = new Float64Array(B * areaCodes.length);
  const exact = J <= config.bootstrap.exactUpToJsts;
  const draw = exact ? multinomialReplicates(sums, J, width, rng) : normalReplicates(sums, total, J, width, rng);
  for (let b = 0; b < B; b++) {
    const acc = draw();
    for (let i = 0; i < I; i++) itemReps[b * I + i] = itemMwds(acc, i);
    for (let a = 0; a < areaCodes.length; a++) areaReps[b * areaCodes.length + a] = areaMwds(acc, a);
  }

  const itemOut: PriorityItemT[] = [];
  items.forEach((it, i) => {
    const n = total[3 * i + 2]!;
    if (n < k) return;
    const meanGap = total[3 * i]! / n;
    const meanImportance = total[3 * i + 1]! / n;
    const [lo, hi] = percentileInterval(itemReps, i, I, B, config.level);
    itemOut.push({ item: it.code, area: it.area, n, meanImportance, meanLevel: meanImportance - meanGap, meanGap, mwds: itemMwds(total, i), ciLow: lo, ciHigh: hi, rank: null });
  });
  rank(itemOut);

  const areaOut: PriorityAreaT[] = [];
  const suffix = (role: 'importance' | 'level') => q.measures.find((m) => m.role === role)!.column;
  const meanOf = (name: string) => {
    const c = counts.get(name);
    if (!c) return { n: 0, mean: null };
    const merged = mergeCounts(c, bases);
    let n = 0;
    let sx = 0;
    for (let j = 0; j < c.bins; j++) {
      n += merged[j]!;
      sx += merged[j]! * (c.lattice.min + j / c.lattice.scale);
    }
    return { n, mean: n ? sx / n : null, merged };
  };
  q.areas.forEach((area, a) => {
    const imp = meanOf(`${area.code}_${suffix('importance')}`);
    const lvl = meanOf(`${area.code}_${suffix('level')}`);
    const gap = meanOf(`${area.code}_gap`);
    const value = areaMwds(total, a);
    if (imp.n < k || Number.isNaN(value)) return;
    const [lo, hi] = percentileInterval(areaReps, a, areaCodes.length, B, config.level);
    // Declared demand: a 0/1 checkbox option, missing where not asked.
    const demand = meanOf(`${q.roles.trainingAreas}_${area.code}`);
    const asked = demand.n;
    const chose = demand.merged ? demand.merged[1] ?? 0 : 0;
    const demandShown = asked >= k && !(chose > 0 && chose < k);
    areaOut.push({
      area: area.code, n: imp.n, meanImportance: imp.mean, meanLevel: lvl.mean, meanGap: gap.mean,
      mwds: value, ciLow: lo, ciHigh: hi, rank: null, quadrant: null,
      trainingDemand: { count: demandShown ? chose : null, proportion: demandShown ? chose / asked : null },
    });
  });
  rank(areaOut);
  const crossImportance = mean(areaOut.map((x) => x.meanImportance!));
  const crossLevel = mean(areaOut.map((x) => x.meanLevel!));
  for (const x of areaOut) x.quadrant = ipaQuadrant(x.meanImportance!, x.meanLevel!, crossImportance, crossLevel);

  return {
    segment: cell.segment, group: cell.group, n: cell.rows.length, jsts: J, lowPrecision: cell.rows.length < config.lowPrecisionBelow,
    interval: exact ? 'cluster_bootstrap' : 'cluster_bootstrap_normal_approximation',
    crosshairs: { importance: crossImportance, level: crossLevel },
    items: itemOut, areas: areaOut,
  };
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

/** Competition ranking by MWDS, highest first ("1224"). */
function rank(rows: { mwds: number | null; rank: number | null }[]): void {
  const sorted = rows.filter((r) => r.mwds !== null && Number.isFinite(r.mwds)).sort((a, b) => b.mwds! - a.mwds!);
  sorted.forEach((r, i) => (r.rank = i > 0 && sorted[i - 1]!.mwds === r.mwds ? sorted[i - 1]!.rank : i + 1));
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

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

