/**
 * One pass per series for every cell at once.
 *
 * Every result of the analysis is computed for cells that are unions of a few disjoint *base cells*
 * (segment × staff group for the main cells; segment × category for breakdowns). A series — an item's
 * importance, an area score, a choice indicator — is therefore read once, accumulating per base cell:
 * - a frequency table on the series' lattice (ratings are whole numbers; an area score, the mean of at
 *   most m ratings, is a multiple of 1/lcm(1…m)), from which n, mean, SD, median, the t-interval, answer
 *   distributions and every rank test follow exactly;
 * - with survey weights, per PSU (JST) the sums Σw and Σw·y under both weightings (the JST weight shared
 *   among all its respondents, and among its respondents of the same staff group), and per base cell Σw²
 *   and Σw·y². From these the design-based mean of any union of base cells is the same Taylor-linearised
 *   estimator as `svyMean` (stats/svy-mean.ts, checked against R survey): the linearised PSU totals of a
 *   domain are Z_c = (A_c − ȳ W_c)/Σw, PSUs outside the domain have Z_c = 0 and still count in n_h.
 * test/analysis/series.test.ts checks every figure against `describe` and `svyMean` on the same rows.
 *
 * Cost: O(rows) per series plus O(cells × PSUs) to finish, instead of two passes over the rows of each of
 * the twelve cells.
 */
import { normalQuantile, tQuantile, type SurveyDesign } from '../stats/index.ts';
import type { EstimateCellT, GroupCode } from './results-schema.ts';
import { suppressedCell } from './suppression.ts';
import { withInferenceRule } from './inference.ts';
import { constantWeights, linearise, occupiedBins, psuTotals, spreadMoments, tabulate, tabulateIndicatorMoments, tabulateMoments, tabulateWeighted, withinStrata, type ConstantWeights } from './series-kernels.ts';

/** A series takes values min, min + 1/scale, …, max (a lattice); `scale` = 1 for whole numbers. */
export interface Lattice {
  min: number;
  max: number;
  scale: number;
}

export interface PartitionCell {
  segment: string;
  group: GroupCode;
  /** the base cells whose union this cell is */
  bases: number[];
  /** weights shared within staff group (cells of one staff group) rather than within the JST */
  byGroup: boolean;
}

export interface Partition {
  /** base cell of each row, −1 for rows in no cell */
  base: Int32Array;
  nBase: number;
  cells: PartitionCell[];
}

/** The survey design as the accumulators need it: PSU and stratum structure shared by both weightings. */
export interface WeightedDesign {
  psu: Int32Array;
  nPsu: number;
  psuStratum: Int32Array;
  nStrata: number;
  psuPerStratum: Int32Array;
  lonelyStrata: number;
  /** JST weight shared among all respondents of the JST */
  all: Float64Array;
  /** JST weight shared among the respondents of the JST in the same staff group */
  byGroup: Float64Array;
}

export function weightedDesign(all: SurveyDesign, byGroup: SurveyDesign): WeightedDesign {
  for (const w of [all.weights, byGroup.weights]) {
    for (let i = 0; i < w.length; i++) if (!(w[i]! > 0)) throw new Error(`weight of row ${i} is ${w[i]}: frame weights must be positive`);
  }
  return { psu: all.psu, nPsu: all.nPsu, psuStratum: all.psuStratum, nStrata: all.nStrata, psuPerStratum: all.psuPerStratum, lonelyStrata: all.lonelyStrata, all: all.weights, byGroup: byGroup.weights };
}

export interface EstimateOptions {
  level: number;
  suppressionThreshold: number;
  lowPrecisionBelow: number;
}

/** Frequency tables of one series per base cell: counts[b * bins + j] for value min + j/scale. */
export interface BaseCounts {
  lattice: Lattice;
  bins: number;
  counts: Float64Array;
}

/** Weighted accumulators of one series. */
interface WeightedSums {
  /**
   * per PSU × base cell (index (psu × bases + base) × 4): Σw(y − centre) and Σw under the JST-shared
   * weights, then the same under the staff-group-shared weights — interleaved, so a row touches one
   * cache line
   */
  psu: Float64Array;
  /** per base cell (index base × 4): Σw² and Σw(y − centre)², JST-shared then staff-group-shared weights */
  base: Float64Array;
  centre: number;
}

export interface WeightedEstimate {
  mean: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  deff: number | null;
  nEff: number | null;
  /** design degrees of freedom of the cell's data (R degf of the domain): JSTs with data − their strata */
  df: number | null;
  /** JSTs (PSUs) holding the cell's data */
  jsts: number | null;
}

/**
 * The weighted sums of the last series read, for the design-based tests (tests-design.ts): per PSU × base
 * cell (index (psu × bases + base) × 4) Σw(y − centre) and Σw under the JST-shared weights, then under the
 * staff-group-shared weights; per base cell (index base × 4) Σw², Σw(y − centre)², the same again.
 */
export interface SeriesSums {
  bases: number;
  psu: Float64Array;
  base: Float64Array;
  centre: number;
  /** the PSU × base cells that can hold data (psu × bases + base), ascending */
  keys: Int32Array;
}

/**
 * Accumulates series over one partition of the rows. Scratch buffers are allocated once per partition
 * and reused by every series.
 */
export class SeriesAccumulator {
  private readonly weighted: WeightedSums | null;
  private readonly z: number;
  private readonly tCache = new Map<number, number>();
  private readonly stratumSum: Float64Array;
  private readonly stratumIn: Int32Array;
  private readonly zBuffer: Float64Array;
  private readonly wBuffer: Float64Array;
  private readonly totals = new Float64Array(2);
  /**
   * per cell of the partition: its base cells; the strata of its PSUs (those holding any of its rows: the
   * others have Z = 0 for every series); and for each of these PSUs and its base cells the index of their
   * sums in WeightedSums.psu ((psu × bases + base) × 4). Without a design, no PSUs.
   */
  private readonly cellLayout: { bases: Int32Array; strata: Int32Array; pairs: Int32Array }[];
  /**
   * When every PSU × base cell has one weight under each weighting (frame weights: a JST's weight shared
   * among its respondents, or among those of one staff group), its weights per PSU × base cell
   * (index (psu × bases + base) × 2: JST-shared, staff-group-shared; NaN for a weighting that varies and
   * no cell uses), and a scratch of n, Σ(y − centre), Σ(y − centre)² per PSU × base cell: rows then add
   * three numbers, and the weighted sums follow per PSU × base cell. Null: weights vary, sums row by row.
   */
  private readonly constantWeights: ConstantWeights | null;

  constructor(
    readonly partition: Partition,
    private readonly design: WeightedDesign | null,
    private readonly options: EstimateOptions,
  ) {
    const B = partition.nBase;
    this.z = normalQuantile(1 - (1 - options.level) / 2);
    if (design) {
      const size = design.nPsu * B;
      this.weighted = {
        psu: new Float64Array(4 * size), base: new Float64Array(4 * B), centre: 0,
      };
      this.stratumSum = new Float64Array(design.nStrata);
      this.stratumIn = new Int32Array(design.nStrata);
      const psuInBase = new Uint8Array(design.nPsu * B);
      for (let r = 0; r < partition.base.length; r++) if (partition.base[r]! >= 0) psuInBase[design.psu[r]! * B + partition.base[r]!] = 1;
      this.cellLayout = partition.cells.map((cell) => {
        const bases = Int32Array.from(cell.bases);
        const psus: number[] = [];
        for (let p = 0; p < design.nPsu; p++) if (cell.bases.some((b) => psuInBase[p * B + b])) psus.push(p);
        const pairs = new Int32Array(psus.length * bases.length);
        psus.forEach((p, u) => bases.forEach((b, k) => (pairs[u * bases.length + k] = (p * B + b) * 4)));
        return { bases, strata: Int32Array.from(psus, (p) => design.psuStratum[p]!), pairs };
      });
      this.zBuffer = new Float64Array(design.nPsu);
      this.wBuffer = new Float64Array(design.nPsu);
      this.constantWeights = constantWeights(partition, design);
    } else {
      this.constantWeights = null;
      this.weighted = null;
      this.stratumSum = new Float64Array(0);
      this.stratumIn = new Int32Array(0);
      this.zBuffer = new Float64Array(0);
      this.wBuffer = new Float64Array(0);
      this.cellLayout = partition.cells.map((cell) => ({ bases: Int32Array.from(cell.bases), strata: new Int32Array(0), pairs: new Int32Array(0) }));
    }
  }

  /**
   * Reads a series once: its frequency table per base cell, and with a design the weighted sums.
   * Returns null when a value is off the lattice (the caller then describes the cells from their rows).
   */
  accumulate(y: Float64Array, lattice: Lattice): BaseCounts | null {
    const { base, nBase: B } = this.partition;
    const bins = Math.round((lattice.max - lattice.min) * lattice.scale) + 1;
    const counts = new Float64Array(B * bins);
    const ws = this.weighted;
    if (!ws) return tabulate(y, base, lattice, bins, counts) ? { lattice, bins, counts } : null;
    const d = this.design!;
    // Sums about the middle of the scale keep Σw·y² − (Σw·y)²/Σw free of cancellation.
    ws.centre = (lattice.min + lattice.max) / 2;
    const cw = this.constantWeights;
    if (cw) {
      const ok = tabulateMoments(y, base, B, lattice, bins, counts, d.psu, ws.centre, cw.sums);
      if (!ok) {
        for (const k of cw.occupied) cw.sums.fill(0, 3 * k, 3 * k + 3);
        return null;
      }
      spreadMoments(cw, B, ws.psu, ws.base);
      return { lattice, bins, counts };
    }
    ws.psu.fill(0);
    ws.base.fill(0);
    const ok = tabulateWeighted(y, base, B, lattice, bins, counts, d.psu, d.all, d.byGroup, ws.centre, ws.psu, ws.base);
    return ok ? { lattice, bins, counts } : null;
  }

  /**
   * The 0/1 series "the answer is `value`" of a categorical column (missing where the column is), as
   * `accumulate` would read it; with frame weights without making it (`scratch` holds it otherwise).
   */
  accumulateIndicator(col: Float64Array, value: number, scratch: Float64Array): BaseCounts {
    const ws = this.weighted;
    const cw = this.constantWeights;
    if (!ws || !cw) {
      for (let r = 0; r < col.length; r++) {
        const v = col[r]!;
        scratch[r] = v !== v ? NaN : v === value ? 1 : 0;
      }
      return this.accumulate(scratch, INDICATOR)!;
    }
    const B = this.partition.nBase;
    const counts = new Float64Array(B * 2);
    ws.centre = 0.5;
    tabulateIndicatorMoments(col, value, this.partition.base, B, counts, this.design!.psu, cw.sums);
    spreadMoments(cw, B, ws.psu, ws.base);
    return { lattice: INDICATOR, bins: 2, counts };
  }

  /** Whether weighted sums are formed per PSU × base cell (one weight in each) rather than row by row. */
  get oneWeightPerCell(): boolean {
    return this.constantWeights !== null;
  }

  /** Estimates of every cell of the partition from the last `accumulate` of this series. */
  estimates(acc: BaseCounts): EstimateCellT[] {
    return this.partition.cells.map((cell, c) => {
      const merged = mergeCounts(acc, cell.bases);
      const n = total(merged);
      const k = this.options.suppressionThreshold;
      if (n < k) return suppressedCell(cell.segment, cell.group, k, n);
      const s = this.summary(merged, acc.lattice, n);
      const weighted = this.design ? this.weightedEstimate(c, n, occupiedBins(merged) <= 1) : null;
      const out: EstimateCellT = {
        segment: cell.segment, group: cell.group,
        n, mean: s.mean, sd: s.sd, median: s.median, ciLow: s.ciLow, ciHigh: s.ciHigh,
        lowPrecision: n < this.options.lowPrecisionBelow,
        weighted,
      };
      return weighted ? withInferenceRule(out, weighted.jsts, weighted.df) : out;
    });
  }

  /** The weighted sums of the last series read (null without a design). */
  sums(): SeriesSums | null {
    const ws = this.weighted;
    if (!ws || !this.design) return null;
    return { bases: this.partition.nBase, psu: ws.psu, base: ws.base, centre: ws.centre, keys: this.keys };
  }

  private keysCache: Int32Array | null = null;
  private get keys(): Int32Array {
    if (!this.keysCache) {
      const B = this.partition.nBase;
      this.keysCache = this.constantWeights ? this.constantWeights.occupied : Int32Array.from({ length: this.design!.nPsu * B }, (_, k) => k);
    }
    return this.keysCache;
  }

  /** n, mean, SD, median and t-interval from a frequency table (exact up to rounding; median from the cumulative counts). */
  summary(counts: Float64Array, lattice: Lattice, n: number): { mean: number | null; sd: number | null; median: number | null; ciLow: number | null; ciHigh: number | null } {
    if (n === 0) return { mean: null, sd: null, median: null, ciLow: null, ciHigh: null };
    const value = (j: number) => lattice.min + j / lattice.scale;
    let sx = 0;
    for (let j = 0; j < counts.length; j++) sx += counts[j]! * value(j);
    const mean = sx / n;
    let ss = 0;
    for (let j = 0; j < counts.length; j++) {
      if (counts[j]! === 0) continue;
      const dv = value(j) - mean;
      ss += counts[j]! * dv * dv;
    }
    // Median: the values at 0-based positions ⌊(n−1)/2⌋ and ⌊n/2⌋ of the sorted data.
    const at = (pos: number) => {
      let cum = 0;
      for (let j = 0; j < counts.length; j++) {
        cum += counts[j]!;
        if (cum > pos) return value(j);
      }
      return lattice.max;
    };
    const median = (at(Math.floor((n - 1) / 2)) + at(Math.floor(n / 2))) / 2;
    if (n < 2) return { mean, sd: null, median, ciLow: null, ciHigh: null };
    const sd = Math.sqrt(ss / (n - 1));
    const se = sd / Math.sqrt(n);
    let t = this.tCache.get(n - 1);
    if (t === undefined) {
      t = tQuantile(1 - (1 - this.options.level) / 2, n - 1);
      this.tCache.set(n - 1, t);
    }
    return { mean, sd, median, ciLow: mean - t * se, ciHigh: mean + t * se };
  }

  /**
   * The design-based mean of one cell from the last accumulated series, as `svyMean(y, design, level,
   * rows of the cell)`: Σ_h n_h/(n_h − 1) Σ_c (Z_hc − Z̄_h)² over all PSUs of the design, PSUs outside the
   * cell contributing Z = 0; a lonely stratum's PSU is centred at the grand mean of the PSU totals.
   * Design effect against SRS with replacement (R deff = "replace"); `constant` says that every value of
   * the cell is the same (S² = 0, no design effect).
   */
  weightedEstimate(c: number, n: number, constant = false): WeightedEstimate {
    const d = this.design!;
    const ws = this.weighted!;
    const layout = this.cellLayout[c]!;
    const off = this.partition.cells[c]!.byGroup ? 2 : 0;
    let sw2 = 0;
    let sy2 = 0;
    for (let k = 0; k < layout.bases.length; k++) {
      sw2 += ws.base[layout.bases[k]! * 4 + off]!;
      sy2 += ws.base[layout.bases[k]! * 4 + off + 1]!;
    }
    // Per PSU of the cell: A = Σw(y − centre) and W = Σw over the cell's rows (W = 0: no present row).
    const zA = this.zBuffer;
    const wOf = this.wBuffer;
    const totals = this.totals;
    psuTotals(ws.psu, layout.pairs, layout.bases.length, off, zA, wOf, totals);
    const sw = totals[0]!;
    const sa = totals[1]!;
    const none: WeightedEstimate = { mean: null, se: null, ciLow: null, ciHigh: null, deff: null, nEff: null, df: null, jsts: null };
    if (n === 0 || !(sw > 0)) return none;
    const delta = sa / sw;
    const mean = ws.centre + delta;
    const out: WeightedEstimate = { ...none, mean, nEff: (sw * sw) / sw2 };
    // Linearised PSU totals Z = (A − δW)/Σw; per stratum their sum and the PSUs of the cell holding data.
    const stratumSum = this.stratumSum.fill(0);
    const stratumIn = this.stratumIn.fill(0);
    const psuWithData = linearise(zA, wOf, layout.strata, delta, sw, stratumSum, stratumIn, totals);
    const grand = totals[0]!;
    let strataWithData = 0;
    for (let h = 0; h < d.nStrata; h++) if (stratumIn[h]! > 0) strataWithData++;
    out.df = psuWithData - strataWithData;
    out.jsts = psuWithData;
    if (n < 2 || psuWithData < 2) return out;
    const centre = grand / d.nPsu;
    let variance = withinStrata(zA, layout.strata, d.psuPerStratum, stratumSum, centre, totals);
    const lonelyIn = totals[0]!;
    // PSUs of the design outside the cell: Z = 0.
    for (let s = 0; s < d.nStrata; s++) {
      const nh = d.psuPerStratum[s]!;
      const out0 = nh - stratumIn[s]!;
      if (nh > 1 && out0 > 0) {
        const mh = stratumSum[s]! / nh;
        variance += (nh / (nh - 1)) * out0 * mh * mh;
      }
    }
    variance += (d.lonelyStrata - lonelyIn) * centre * centre;
    const se = Math.sqrt(variance);
    out.se = se;
    out.ciLow = mean - this.z * se;
    out.ciHigh = mean + this.z * se;
    // S² from the sums about the centre; exactly 0 when every value of the cell is the same (`constant`, known
    // from its frequency table), where the sums would leave a rounding residue.
    const swd2 = constant ? 0 : Math.max(0, sy2 - sw * delta * delta);
    const s2 = (swd2 / sw) * (n / (n - 1));
    if (s2 > 0) {
      const deff = variance / (s2 / n);
      out.deff = Number.isFinite(deff) ? deff : null;
    }
    return out;
  }

}

export function mergeCounts(acc: BaseCounts, bases: readonly number[]): Float64Array {
  const out = new Float64Array(acc.bins);
  for (const b of bases) {
    const off = b * acc.bins;
    for (let j = 0; j < acc.bins; j++) out[j]! += acc.counts[off + j]!;
  }
  return out;
}

export function total(counts: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < counts.length; j++) s += counts[j]!;
  return s;
}

/** A 0/1 series. */
export const INDICATOR: Lattice = { min: 0, max: 1, scale: 1 };
