/**
 * The per-JST sums the MWDS bootstrap resamples: one pass per item and area over the rows gives, per JST × staff
 * group, Σ(I − C), ΣI and Σw (unweighted and under both weight sharings); each cell's per-JST sums follow from
 * those without reading the rows again.
 */
import type { Dataset } from '../dataset/dataset.ts';
import type { BootstrapCell } from './bootstrap.ts';
import type { Cell } from './cells.ts';
import type { Designs } from './estimates.ts';
import { itemColumn, type Scores } from './scores.ts';

/** A statistic of every cell: an item (with its area) or an area (item null). */
export interface PriorityStat {
  area: string;
  item: string | null;
}

export interface JstGroupSums {
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
export function jstGroupSums(d: Dataset, designs: Designs, scores: Scores, stats: readonly PriorityStat[], equal: boolean): JstGroupSums {
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
export function cellSums(all: JstGroupSums, cell: Cell, designs: Designs, variants: number): BootstrapCell {
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
