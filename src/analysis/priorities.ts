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
 * normal distribution instead (see bootstrap.ts); each cell records which was used. Seeded: the same
 * seed gives the same intervals. The bootstrap runs in a worker thread while the other results are
 * computed, when it is large (bootstrap-parallel.ts).
 *
 * Importance–performance analysis (Martilla & James 1977, J. Marketing 41(1):77–79): each area at
 * (mean level, mean importance) of its area scores; the cross-hairs are the means of those area means in
 * the cell (the "data-centred" variant); an area exactly on a cross-hair counts as high.
 */
import { ipaQuadrant } from '../stats/index.ts';
import { jstIndex, type Dataset } from '../dataset/dataset.ts';
import { areaItems, areaMwds, cellTotals, isExact, itemMwds, type BootstrapCell, type BootstrapSpec } from './bootstrap.ts';
import { startBootstrap, type BootstrapRun, type Parallelism } from './bootstrap-parallel.ts';
import type { AnalysisConfig } from './config.ts';
import type { Cell } from './cells.ts';
import type { PriorityAreaT, PriorityCellT, PriorityItemT } from './results-schema.ts';
import { itemColumn } from './scores.ts';
import type { SeriesCounts } from './estimates.ts';
import { mergeCounts, type Partition } from './series.ts';
import { suppressedCell } from './suppression.ts';

export const PRIORITY_METHOD =
  'Borich MWDS per item (pairwise-complete respondents) and per area (mean of item MWDS), ranked within each cell; percentile bootstrap CI resampling JSTs within the cell; IPA quadrants with data-centred cross-hairs (mean of the area means).';

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
}

/**
 * Reads the item ratings once (per-JST × staff-group sums), forms each cell's per-JST sums and starts
 * their bootstrap, in a worker thread when it is large (bootstrap-parallel.ts).
 */
export function startPriorities(d: Dataset, cells: Cell[], partition: Partition, config: AnalysisConfig, parallel: Parallelism = 'auto'): PriorityInputs {
  const all = jstGroupSums(d);
  const q = d.questionnaire;
  const areaCodes = q.areas.map((a) => a.code);
  const spec: BootstrapSpec = {
    itemArea: Int32Array.from(all.items, (it) => areaCodes.indexOf(it.area)),
    nAreas: areaCodes.length,
    threshold: config.suppressionThreshold,
    replicates: config.bootstrap.replicates,
    seed: config.bootstrap.seed,
    level: config.level,
    exactUpToJsts: config.bootstrap.exactUpToJsts,
  };
  const job: BootstrapCell[] = [];
  const perCell = cells.map((cell) => {
    // every non-empty cell: small cells are withheld afterwards, with their complements (disclosure/)
    if (cell.rows.length === 0) return null;
    const boot = cellSums(all, cell);
    job.push(boot);
    return { boot, index: job.length - 1 };
  });
  return { d, cells, partition, config, perCell, spec, run: startBootstrap(job, spec, parallel, d.n) };
}

export function priorities(p: PriorityInputs, counts: SeriesCounts): PriorityCellT[] {
  return p.cells.map((cell, c) => priorityCell(p, c, counts));
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
  const { jstOf, codes } = jstIndex(d);
  const J = codes.length;
  const I = items.length;
  const width = 3 * I;
  const sums = new Float64Array(J * 2 * width);
  const firstRow = new Int32Array(J * 2).fill(-1);
  // Row r's JST × staff group (−1: no staff group); the items are then read a column at a time.
  const jg = new Int32Array(d.n);
  for (let r = 0; r < d.n; r++) {
    const g = d.group[r]!;
    jg[r] = g < 0 ? -1 : jstOf[r]! * 2 + g;
    if (g >= 0 && firstRow[jg[r]!] === -1) firstRow[jg[r]!] = r;
  }
  for (let i = 0; i < I; i++) addItemSums(items[i]!.imp, items[i]!.lvl, jg, sums, width, 3 * i);
  return { items: items.map(({ area, code }) => ({ area, code })), J, sums, firstRow, jstOf };
}

/** Per JST × staff group, Σ(I − C), ΣI and the count of complete pairs of one item (at `offset` in each row of `sums`). */
function addItemSums(imp: Float64Array, lvl: Float64Array, jg: Int32Array, sums: Float64Array, width: number, offset: number): void {
  for (let r = 0; r < jg.length; r++) {
    const i = imp[r]!;
    const c = lvl[r]!;
    const g = jg[r]!;
    if (i !== i || c !== c || g < 0) continue;
    const at = g * width + offset;
    sums[at]! += i - c;
    sums[at + 1]! += i;
    sums[at + 2]! += 1;
  }
}

/**
 * The cell's JSTs in order of their first respondent in the cell (the bootstrap draws index this order)
 * and their sums over the cell's staff groups.
 */
function cellSums(all: JstGroupSums, cell: Cell): BootstrapCell {
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
  const width = 3 * all.items.length;
  const sums = new Float64Array(order.length * width);
  for (let u = 0; u < order.length; u++) {
    for (const g of groups) addRow(all.sums, (order[u]! * 2 + g) * width, sums, u * width, width);
  }
  return { key: `${cell.segment}:${cell.group}`, sums, J: order.length };
}

function addRow(from: Float64Array, at: number, to: Float64Array, into: number, width: number): void {
  for (let x = 0; x < width; x++) to[into + x]! += from[at + x]!;
}

function priorityCell(p: PriorityInputs, c: number, counts: SeriesCounts): PriorityCellT {
  const { d, config, spec } = p;
  const cell = p.cells[c]!;
  const bases = p.partition.cells[c]!.bases;
  const q = d.questionnaire;
  const own = p.perCell[c];
  if (!own) return suppressedCell(cell.segment, cell.group, config.suppressionThreshold, cell.rows.length);
  const I = spec.itemArea.length;
  const total = cellTotals(own.boot, 3 * I);
  const members = areaItems(total, spec);
  const intervals = p.run.intervals(own.index);
  const bound = (x: number) => (Number.isNaN(x) ? null : x);
  const items = q.areas.flatMap((a) => a.items.map((it) => ({ area: a.code, code: it.code })));

  const itemOut: PriorityItemT[] = [];
  items.forEach((it, i) => {
    const n = total[3 * i + 2]!;
    if (n === 0) return;
    const meanGap = total[3 * i]! / n;
    const meanImportance = total[3 * i + 1]! / n;
    const lo = bound(intervals[2 * i]!);
    const hi = bound(intervals[2 * i + 1]!);
    itemOut.push({ item: it.code, area: it.area, n, meanImportance, meanLevel: meanImportance - meanGap, meanGap, mwds: itemMwds(total, i), ciLow: lo, ciHigh: hi, rank: null });
  });

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
    const value = areaMwds(total, members[a]!);
    if (imp.n === 0 || Number.isNaN(value)) return;
    const lo = bound(intervals[2 * (I + a)]!);
    const hi = bound(intervals[2 * (I + a) + 1]!);
    // Declared demand: a 0/1 checkbox option, missing where not asked.
    const demand = meanOf(`${q.roles.trainingAreas}_${area.code}`);
    const asked = demand.n;
    const chose = demand.merged ? demand.merged[1] ?? 0 : 0;
    const demandShown = asked > 0;
    areaOut.push({
      area: area.code, n: imp.n, meanImportance: imp.mean, meanLevel: lvl.mean, meanGap: gap.mean,
      mwds: value, ciLow: lo, ciHigh: hi, rank: null, quadrant: null,
      trainingDemand: { count: demandShown ? chose : null, proportion: demandShown ? chose / asked : null },
    });
  });
  const crosshairs = rankAndPlace(itemOut, areaOut);

  return {
    segment: cell.segment, group: cell.group, n: cell.rows.length, jsts: own.boot.J, lowPrecision: cell.rows.length < config.lowPrecisionBelow,
    interval: isExact(own.boot, spec) ? 'cluster_bootstrap' : 'cluster_bootstrap_normal_approximation',
    crosshairs,
    items: itemOut, areas: areaOut,
  };
}



/**
 * Ranks the items and areas of a cell by MWDS and places the areas in the IPA quadrants around the
 * cross-hairs of the areas listed; run again when some are withheld (disclosure/), so that neither the
 * ranks nor the cross-hairs carry anything of a withheld area.
 */
export function rankAndPlace(items: PriorityItemT[], areas: PriorityAreaT[]): { importance: number | null; level: number | null } {
  rank(items);
  rank(areas);
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

