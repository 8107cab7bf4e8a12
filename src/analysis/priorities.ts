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
import { itemColumn, type Scores } from './scores.ts';
import { suppressedCell } from './suppression.ts';

export const PRIORITY_METHOD =
  'Borich MWDS per item (pairwise-complete respondents) and per area (mean of item MWDS), ranked within each cell; percentile bootstrap CI resampling JSTs within the cell; IPA quadrants with data-centred cross-hairs (mean of the area means).';

export function priorities(d: Dataset, scores: Scores, cells: Cell[], config: AnalysisConfig): PriorityCellT[] {
  return cells.map((cell) => priorityCell(d, scores, cell, config));
}

function priorityCell(d: Dataset, scores: Scores, cell: Cell, config: AnalysisConfig): PriorityCellT {
  const q = d.questionnaire;
  const k = config.suppressionThreshold;
  if (cell.rows.length < k) return suppressedCell(cell.segment, cell.group, k, cell.rows.length);

  // JSTs of the cell and per-JST sums (Σ(I − C), ΣI, count) of every item over complete pairs.
  const items = q.areas.flatMap((a) => a.items.map((it) => ({ area: a.code, code: it.code, imp: itemColumn(d, it.code, 'importance'), lvl: itemColumn(d, it.code, 'level') })));
  const jstIndex = new Map<string, number>();
  for (const r of cell.rows) if (!jstIndex.has(d.jst[r]!)) jstIndex.set(d.jst[r]!, jstIndex.size);
  const J = jstIndex.size;
  const I = items.length;
  const width = 3 * I;
  const sums = new Float64Array(J * width);
  for (const r of cell.rows) {
    const base = jstIndex.get(d.jst[r]!)! * width;
    for (let i = 0; i < I; i++) {
      const imp = items[i]!.imp[r]!;
      const lvl = items[i]!.lvl[r]!;
      if (Number.isNaN(imp) || Number.isNaN(lvl)) continue;
      const at = base + 3 * i;
      sums[at] = sums[at]! + imp - lvl;
      sums[at + 1] = sums[at + 1]! + imp;
      sums[at + 2] = sums[at + 2]! + 1;
    }
  }
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
  const demandVar = (code: string) => d.columns.get(`${q.roles.trainingAreas}_${code}`);
  q.areas.forEach((area, a) => {
    const s = scores.area.get(area.code)!;
    const imp = meanOn(s.importance, cell.rows);
    const lvl = meanOn(s.level, cell.rows);
    const gap = meanOn(s.gap, cell.rows);
    const value = areaMwds(total, a);
    if (imp.n < k || Number.isNaN(value)) return;
    const [lo, hi] = percentileInterval(areaReps, a, areaCodes.length, B, config.level);
    const demand = demandVar(area.code);
    let chose = 0;
    let asked = 0;
    if (demand) for (const r of cell.rows) if (!Number.isNaN(demand[r]!)) { asked++; chose += demand[r]!; }
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

function meanOn(col: Float64Array, rows: Int32Array): { n: number; mean: number | null } {
  let s = 0;
  let n = 0;
  for (const r of rows) {
    const v = col[r]!;
    if (!Number.isNaN(v)) { s += v; n++; }
  }
  return { n, mean: n ? s / n : null };
}

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}
