/**
 * Training priorities per cell.
 *
 * Borich needs assessment (Borich 1980, J. Teacher Education 31(3):39–42): for item i,
 *   MWDS_i = mean over respondents of (I − C) × mean(I),
 * over the respondents who rated both importance I and level C of the item. An area's MWDS is the same
 * formula on the respondents' area scores (stats/mwds.ts): mean area gap × mean area importance over the
 * respondents with both area scores — exactly the product of the mean gap and mean importance printed
 * beside it (meanGap × meanImportance of each row), not the mean of its items' MWDS.
 *
 * Two variants, side by side: the weighted (population) MWDS, D̄_w · Ī_w with the design's weights (the JST
 * weight shared among all its respondents in cells of all staff, among its respondents of the group in a
 * staff group's cells, as the estimates), and the classic unweighted MWDS on respondents (`unweighted`).
 * Policy (results.json priorities.mwdsPolicy): `mwds` — with its interval, rank, means, IPA quadrant and
 * cross-hairs — is the weighted one, and the recommendations use it; with --weights none the weights are
 * equal and the two coincide. Items and areas are ranked by MWDS within each variant, 1 = highest priority
 * (ties share the rank).
 *
 * Uncertainty: a percentile bootstrap CI that resamples JSTs — the clusters of the design — within the
 * strata of the design (Rao–Wu, bootstrap.ts): respondents of one JST answer alike, so resampling
 * respondents would understate the uncertainty. Per-JST sums are computed once; each replicate then costs
 * O(JSTs × statistics), independent of the number of respondents. In cells of more than
 * `bootstrap.exactUpToJsts` JSTs (default 500, the size of the programme's whole rollout) the replicate totals
 * are drawn from their large-sample normal distribution instead; each cell records which was used. Seeded:
 * the same seed gives the same intervals. A statistic whose data come from one JST, or one per stratum, gets
 * no interval (series.ts `noInferenceReason`). The bootstrap runs in a worker thread while the other results
 * are computed, when it is large (bootstrap-parallel.ts).
 *
 * Importance–performance analysis (Martilla & James 1977, J. Marketing 41(1):77–79): each area at
 * (mean level, mean importance) of its area scores (weighted); the cross-hairs are the means of those area
 * means in the cell (the "data-centred" variant); an area exactly on a cross-hair counts as high.
 */
import { ipaQuadrant } from '../stats/index.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { cellTotals, isExact, mwdsAt, type BootstrapCell, type BootstrapSpec } from './bootstrap.ts';
import { startBootstrap, type BootstrapRun, type Parallelism } from './bootstrap-parallel.ts';
import type { AnalysisConfig } from './config.ts';
import type { Cell } from './cells.ts';
import type { Designs } from './estimates.ts';
import type { PriorityAreaT, PriorityCellT, PriorityItemT, Results } from './results-schema.ts';
import { itemColumn, type Scores } from './scores.ts';
import type { SeriesCounts } from './estimates.ts';
import { mergeCounts, type Partition } from './series.ts';
import { suppressedCell } from './suppression.ts';
import { noInferenceReason } from './inference.ts';

export const PRIORITY_METHOD =
  'Borich MWDS = mean(I − C) × mean(I) over the respondents who rated both, per item; per area the same formula on the area scores (mean area gap × mean area importance over respondents with both area scores: the product of the means printed beside it). `mwds` is the weighted (population) MWDS with the design\'s weights, `unweighted` the classic one on respondents; each ranked within the cell. Percentile bootstrap CI resampling JSTs within the strata of the design (Rao–Wu: n_h − 1 of the n_h JSTs of each stratum drawn with replacement, each counting n_h/(n_h − 1)); no interval for data from one JST or one per stratum. IPA quadrants of the weighted area means with data-centred cross-hairs (mean of the area means).';

export function mwdsPolicy(config: AnalysisConfig): Results['priorities']['mwdsPolicy'] {
  return {
    mwds: 'weighted',
    unweighted: 'classic',
    weights: config.weights === 'frame' ? 'frame' : 'equal',
    statement: config.weights === 'frame'
      ? 'The recommendations use `mwds`: the weighted MWDS, a population estimate with the frame weights (its interval, rank, means, IPA quadrant and cross-hairs describe it). The classic unweighted MWDS on respondents is given beside it (`unweighted`), with its own interval and rank.'
      : 'The recommendations use `mwds`. With --weights none every respondent weighs the same, so the weighted MWDS equals the classic unweighted one (`unweighted` repeats it).',
  };
}

/** What the priorities need before the other results are computed: per-JST sums of each cell, the bootstrap under way. */
export interface PriorityInputs {
  d: Dataset;
  cells: Cell[];
  partition: Partition;
  config: AnalysisConfig;
  /** per cell: its bootstrap cell (null when suppressed) and its index in the bootstrap job */
  perCell: ({ boot: BootstrapCell; index: number } | null)[];
  spec: BootstrapSpec;
  run: BootstrapRun;
  /** items then areas: the statistics of every cell */
  stats: { area: string; item: string | null }[];
}

/**
 * Reads the item ratings and area scores once (per-JST × staff-group sums under both weight sharings),
 * forms each cell's per-JST sums and starts their bootstrap, in a worker thread when it is large.
 */
export function startPriorities(d: Dataset, cells: Cell[], partition: Partition, config: AnalysisConfig, designs: Designs, scores: Scores, parallel: Parallelism = 'auto'): PriorityInputs {
  const q = d.questionnaire;
  const stats = [
    ...q.areas.flatMap((a) => a.items.map((it) => ({ area: a.code, item: it.code as string | null }))),
    ...q.areas.map((a) => ({ area: a.code, item: null })),
  ];
  const equal = config.weights !== 'frame';
  const variants = equal ? 1 : 2;
  const all = jstGroupSums(d, designs, scores, stats, equal);
  const spec: BootstrapSpec = {
    stats: stats.length, variants,
    replicates: config.bootstrap.replicates,
    seed: config.bootstrap.seed,
    level: config.level,
    exactUpToJsts: config.bootstrap.exactUpToJsts,
  };
  const job: BootstrapCell[] = [];
  const perCell = cells.map((cell) => {
    // every non-empty cell: small cells are withheld afterwards, with their complements (disclosure/)
    if (cell.rows.length === 0) return null;
    const boot = cellSums(all, cell, designs, variants);
    job.push(boot);
    return { boot, index: job.length - 1 };
  });
  return { d, cells, partition, config, perCell, spec, run: startBootstrap(job, spec, parallel, d.n), stats };
}

export function priorities(p: PriorityInputs, counts: SeriesCounts): PriorityCellT[] {
  return p.cells.map((cell, c) => priorityCell(p, c, counts));
}

interface JstGroupSums {
  /** number of JSTs (the PSUs of the design) */
  J: number;
  /**
   * with weights one per JST × staff group (frame weights always are: a JST's weight shared among its
   * respondents, or those of a group), per JST × staff group the JST-shared and the group-shared weight:
   * the weighted sums are then these times the unweighted ones (per = 3); null: sums row by row (per = 9)
   */
  omega: { all: Float64Array; group: Float64Array } | null;
  /** numbers per JST × staff group: per statistic 3 (unweighted) or 9 (unweighted, JST-shared, group-shared weights) */
  width: number;
  per: number;
  /** per JST × staff group (index jst × 2 + group): Σ(I − C), ΣI, Σw per statistic and weighting */
  sums: Float64Array;
  /** first row (in data order) of each JST × staff group, −1 if none */
  firstRow: Int32Array;
  jstOf: Int32Array;
}

/** One pass per item and area over the rows: per JST × staff group sums, from which every cell's per-JST sums follow. */
function jstGroupSums(d: Dataset, designs: Designs, scores: Scores, stats: PriorityInputs['stats'], equal: boolean): JstGroupSums {
  const jstOf = designs.weighted.psu;
  const J = designs.weighted.nPsu;
  const omega = equal ? null : constantWeights(d, jstOf, J, designs);
  const per = equal || omega ? 3 : 9;
  const width = per * stats.length;
  const sums = new Float64Array(J * 2 * width);
  const firstRow = new Int32Array(J * 2).fill(-1);
  const jg = new Int32Array(d.n);
  for (let r = 0; r < d.n; r++) {
    const g = d.group[r]!;
    jg[r] = g < 0 ? -1 : jstOf[r]! * 2 + g;
    if (g >= 0 && firstRow[jg[r]!] === -1) firstRow[jg[r]!] = r;
  }
  const scratch = [new Float64Array(d.n), new Float64Array(d.n)] as const;
  stats.forEach((s, k) => {
    // An item: its two ratings; an area: its importance score and its gap score (importance − level).
    const imp = s.item ? itemColumn(d, s.item, 'importance', scratch[0]) : scores.area.get(s.area)!.importance;
    const other = s.item ? itemColumn(d, s.item, 'level', scratch[1]) : scores.area.get(s.area)!.gap;
    if (per === 3) addSums(imp, other, !s.item, jg, sums, width, per * k);
    else addWeightedSums(imp, other, !s.item, jg, designs.weighted.all, designs.weighted.byGroup, sums, width, per * k);
  });
  return { J, omega, width, per, sums, firstRow, jstOf };
}

/** The weights of each JST × staff group, when each has one under both sharings (else null). */
function constantWeights(d: Dataset, jstOf: Int32Array, J: number, designs: Designs): JstGroupSums['omega'] {
  const all = new Float64Array(J * 2).fill(NaN);
  const group = new Float64Array(J * 2).fill(NaN);
  const wa = designs.weighted.all;
  const wb = designs.weighted.byGroup;
  for (let r = 0; r < d.n; r++) {
    const g = d.group[r]!;
    if (g < 0) continue;
    const at = jstOf[r]! * 2 + g;
    if (all[at] !== all[at]) {
      all[at] = wa[r]!;
      group[at] = wb[r]!;
    } else if (all[at] !== wa[r] || group[at] !== wb[r]) return null;
  }
  return { all, group };
}

/** Σ(I − C), ΣI and the count of complete pairs; `isGap`: the second column already holds I − C. */
function addSums(imp: Float64Array, other: Float64Array, isGap: boolean, jg: Int32Array, sums: Float64Array, width: number, offset: number): void {
  for (let r = 0; r < jg.length; r++) {
    const i = imp[r]!;
    const c = other[r]!;
    const g = jg[r]!;
    if (i !== i || c !== c || g < 0) continue;
    const at = g * width + offset;
    sums[at]! += isGap ? c : i - c;
    sums[at + 1]! += i;
    sums[at + 2]! += 1;
  }
}

/** The same, and again under the JST-shared and the staff-group-shared weights. */
function addWeightedSums(imp: Float64Array, other: Float64Array, isGap: boolean, jg: Int32Array, wa: Float64Array, wb: Float64Array, sums: Float64Array, width: number, offset: number): void {
  for (let r = 0; r < jg.length; r++) {
    const i = imp[r]!;
    const c = other[r]!;
    const g = jg[r]!;
    if (i !== i || c !== c || g < 0) continue;
    const at = g * width + offset;
    const gap = isGap ? c : i - c;
    const w1 = wa[r]!;
    const w2 = wb[r]!;
    sums[at]! += gap;
    sums[at + 1]! += i;
    sums[at + 2]! += 1;
    sums[at + 3]! += w1 * gap;
    sums[at + 4]! += w1 * i;
    sums[at + 5]! += w1;
    sums[at + 6]! += w2 * gap;
    sums[at + 7]! += w2 * i;
    sums[at + 8]! += w2;
  }
}

/**
 * The cell's JSTs in order of their first respondent in the cell (the bootstrap draws index this order),
 * their strata, and per JST and statistic the sums of the cell's staff groups: the weighted variant (the
 * JST-shared weights in cells of all staff, the group-shared ones in a group's cells) then the unweighted.
 */
function cellSums(all: JstGroupSums, cell: Cell, designs: Designs, variants: number): BootstrapCell {
  const groups = cell.group === 'all' ? [0, 1] : [cell.group === 'management' ? 0 : 1];
  const inCell = new Uint8Array(all.J);
  for (const r of cell.rows) inCell[all.jstOf[r]!] = 1;
  const first = new Int32Array(all.J);
  const order: number[] = [];
  for (let j = 0; j < all.J; j++) {
    if (!inCell[j]) continue;
    order.push(j);
    let f = -1;
    for (const g of groups) {
      const r = all.firstRow[j * 2 + g]!;
      if (r >= 0 && (f < 0 || r < f)) f = r;
    }
    first[j] = f;
  }
  order.sort((a, b) => first[a]! - first[b]!);
  const nStats = all.width / all.per;
  const part = 3 * nStats;
  const src = all.sums;
  const firstRow = all.firstRow;
  const omegaOf = variants === 2 && all.omega ? (cell.group === 'all' ? all.omega.all : all.omega.group) : null;
  // One weight per JST in the cell (frame weights): the bootstrap forms the weighted sums from it.
  const omega: Float64Array | null = omegaOf ? oneWeightPerJst(order, groups, firstRow, omegaOf) : null;
  const stored = omega || variants === 1 ? part : 2 * part;
  // In shared memory, so that a worker thread reads it without a copy (bootstrap-parallel.ts).
  const sums = new Float64Array(new SharedArrayBuffer(8 * order.length * stored));
  const weighted = cell.group === 'all' ? 3 : 6;
  for (let u = 0; u < order.length; u++) {
    const dst = u * stored;
    for (let gi = 0; gi < groups.length; gi++) {
      const jg = order[u]! * 2 + groups[gi]!;
      if (firstRow[jg]! < 0) continue; // no respondent of this JST in the group
      const from = jg * all.width;
      if (stored === part && all.per === 3) {
        addRow(src, from, sums, dst, part);
      } else if (all.per === 3) {
        // weights one per JST × group but not one per JST in this cell: weighted = that weight × unweighted
        addScaled(src, from, omegaOf![jg]!, sums, dst, part);
        addRow(src, from, sums, dst + part, part);
      } else {
        for (let st = 0; st < nStats; st++) {
          for (let x = 0; x < 3; x++) {
            sums[dst + 3 * st + x]! += src[from + 9 * st + weighted + x]!;
            sums[dst + part + 3 * st + x]! += src[from + 9 * st + x]!;
          }
        }
      }
    }
  }
  const w = designs.weighted;
  return {
    key: `${cell.segment}:${cell.group}`, sums, omega, J: order.length,
    stratum: Int32Array.from(order, (j) => w.psuStratum[j]!),
    strataSize: w.psuPerStratum,
  };
}

/** The one weight of each of the cell's JSTs (over its staff groups), or null when a JST has two. */
function oneWeightPerJst(order: readonly number[], groups: readonly number[], firstRow: Int32Array, weightOf: Float64Array): Float64Array | null {
  const omega = new Float64Array(order.length).fill(NaN);
  for (let u = 0; u < order.length; u++) {
    for (const g of groups) {
      const jg = order[u]! * 2 + g;
      if (firstRow[jg]! < 0) continue;
      if (omega[u] !== omega[u]) omega[u] = weightOf[jg]!;
      else if (omega[u] !== weightOf[jg]) return null;
    }
  }
  return omega;
}

function addRow(from: Float64Array, at: number, to: Float64Array, into: number, width: number): void {
  for (let x = 0; x < width; x++) to[into + x]! += from[at + x]!;
}

function addScaled(from: Float64Array, at: number, w: number, to: Float64Array, into: number, width: number): void {
  for (let x = 0; x < width; x++) to[into + x]! += w * from[at + x]!;
}

/** The priority cell: items and areas with both variants, ranks, IPA quadrants; intervals where inference is possible. */
function priorityCell(p: PriorityInputs, c: number, counts: SeriesCounts): PriorityCellT {
  const { d, config, spec } = p;
  const cell = p.cells[c]!;
  const bases = p.partition.cells[c]!.bases;
  const q = d.questionnaire;
  const own = p.perCell[c];
  if (!own) return suppressedCell(cell.segment, cell.group, config.suppressionThreshold, cell.rows.length);
  const V = spec.variants;
  const width = 3 * spec.stats * V;
  const total = cellTotals(own.boot, width);
  const intervals = p.run.intervals(own.index);
  const inference = statInference(own.boot, width, spec);
  const bound = (x: number) => (Number.isNaN(x) ? null : x);

  /** One statistic's two variants: means, MWDS, interval (null without inference). */
  const variant = (s: number, v: number) => {
    const o = 3 * (v * spec.stats + s);
    const w = total[o + 2]!;
    const ok = inference[s] === null;
    const meanGap = w > 0 ? total[o]! / w : null;
    const meanImportance = w > 0 ? total[o + 1]! / w : null;
    return {
      meanImportance, meanGap,
      meanLevel: meanImportance === null ? null : meanImportance - meanGap!,
      mwds: w > 0 ? mwdsAt(total, o) : null,
      ciLow: ok ? bound(intervals[2 * (v * spec.stats + s)]!) : null,
      ciHigh: ok ? bound(intervals[2 * (v * spec.stats + s) + 1]!) : null,
      rank: null as number | null,
    };
  };
  const row = (s: number) => {
    const weighted = variant(s, 0);
    const classic = V === 2 ? variant(s, 1) : { ...weighted };
    const n = total[3 * ((V - 1) * spec.stats + s) + 2]!;
    return { n, ...weighted, unweighted: classic, ...(inference[s] ? { noInference: inference[s]! } : {}) };
  };

  const itemOut: PriorityItemT[] = [];
  const areaOut: PriorityAreaT[] = [];
  p.stats.forEach((st, s) => {
    const r = row(s);
    if (r.n === 0 || r.mwds === null) return;
    if (st.item) {
      itemOut.push({ item: st.item, area: st.area, ...r });
      return;
    }
    // Declared demand: a 0/1 checkbox option, missing where not asked.
    const demandCounts = counts.get(`${q.roles.trainingAreas}_${st.area}`);
    const merged = demandCounts ? mergeCounts(demandCounts, bases) : null;
    const asked = merged ? merged[0]! + merged[1]! : 0;
    const chose = merged ? merged[1]! : 0;
    const demandShown = asked > 0;
    areaOut.push({
      area: st.area, ...r, quadrant: null,
      trainingDemand: { count: demandShown ? chose : null, proportion: demandShown ? chose / asked : null },
    });
  });
  const crosshairs = rankAndPlace(itemOut, areaOut);
  const cellReason = noInferenceReason(own.boot.J, own.boot.J - new Set(own.boot.stratum).size);

  return {
    segment: cell.segment, group: cell.group, n: cell.rows.length, jsts: own.boot.J, lowPrecision: cell.rows.length < config.lowPrecisionBelow,
    interval: isExact(own.boot, spec) ? 'cluster_bootstrap' : 'cluster_bootstrap_normal_approximation',
    crosshairs,
    items: itemOut, areas: areaOut,
    ...(cellReason ? { noInference: cellReason } : {}),
  };
}

/** Per statistic, why it cannot support inference (its data from one JST, or one per stratum), or null. */
function statInference(cell: BootstrapCell, width: number, spec: BootstrapSpec): (string | null)[] {
  const stored = cell.omega ? width / 2 : width;
  return Array.from({ length: spec.stats }, (_, s) => {
    // the unweighted count of the statistic: in the stored half with omega, else in the last variant
    const o = cell.omega ? 3 * s + 2 : 3 * ((spec.variants - 1) * spec.stats + s) + 2;
    const strata = new Set<number>();
    let jsts = 0;
    for (let u = 0; u < cell.J; u++) {
      if (!(cell.sums[u * stored + o]! > 0)) continue;
      jsts++;
      strata.add(cell.stratum[u]!);
    }
    return noInferenceReason(jsts, jsts - strata.size);
  });
}

/**
 * Ranks the items and areas of a cell by MWDS (both variants) and places the areas in the IPA quadrants
 * around the cross-hairs of the areas listed; run again when some are withheld (disclosure/), so that
 * neither the ranks nor the cross-hairs carry anything of a withheld area.
 */
export function rankAndPlace(items: PriorityItemT[], areas: PriorityAreaT[]): { importance: number | null; level: number | null } {
  for (const rows of [items, areas] as { mwds: number | null; rank: number | null; unweighted: { mwds: number | null; rank: number | null } }[][]) {
    rank(rows);
    rank(rows.map((x) => x.unweighted));
  }
  const importance = mean(areas.map((x) => x.meanImportance!));
  const level = mean(areas.map((x) => x.meanLevel!));
  for (const x of areas) x.quadrant = ipaQuadrant(x.meanImportance!, x.meanLevel!, importance, level);
  return { importance, level };
}

/** Competition ranking by MWDS, highest first ("1224"). */
function rank(rows: { mwds: number | null; rank: number | null }[]): void {
  for (const r of rows) r.rank = null;
  const sorted = rows.filter((r) => r.mwds !== null && Number.isFinite(r.mwds)).sort((a, b) => b.mwds! - a.mwds!);
  sorted.forEach((r, i) => (r.rank = i > 0 && sorted[i - 1]!.mwds === r.mwds ? sorted[i - 1]!.rank : i + 1));
}

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}
