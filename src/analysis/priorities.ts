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
import type { Scores } from './scores.ts';
import { cellSums, jstGroupSums, type PriorityStat } from './priority-sums.ts';
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
  stats: PriorityStat[];
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
