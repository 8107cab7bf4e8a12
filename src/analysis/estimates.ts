/**
 * Estimates per cell for every item and area: importance, level and gap — n, mean, SD, median and a
 * t-based 95 % CI over respondents; with weights, the design-based weighted mean (JSTs as clusters within
 * strata, as R survey's svymean) with its CI and design effect — plus answer distributions.
 *
 * Each series is read once for all cells (series.ts); the frequency tables per segment × staff group
 * are kept (`SeriesCounts`) for the tests between segments and the priorities, which need nothing else.
 */
import { describe, svyMean, type SurveyDesign } from '../stats/index.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { AnalysisConfig } from './config.ts';
import { gather, type Cell } from './cells.ts';
import type { DistributionT, EstimateCellT, Results } from './results-schema.ts';
import { itemColumn, scoreLattice, type Scores } from './scores.ts';
import { mergeCounts, SeriesAccumulator, total, type BaseCounts, type Lattice, type Partition, type SeriesSums, type WeightedDesign } from './series.ts';
import type { TestRunner } from './tests.ts';
import { withInferenceRule } from './inference.ts';
import { suppressCounts, suppressedCell } from './suppression.ts';

export interface Designs {
  /** weights shared among all respondents of a JST */
  all: SurveyDesign;
  /** weights shared among the respondents of a JST in the same staff group */
  byGroup: SurveyDesign;
  /** both, as the series accumulators read them */
  weighted: WeightedDesign;
}

/** Frequency tables per base cell (segment × staff group) of the series read, by variable name. */
export type SeriesCounts = Map<string, BaseCounts>;

export class Estimator {
  private readonly buffer: Float64Array;
  private readonly acc: SeriesAccumulator;
  constructor(
    private readonly d: Dataset,
    private readonly config: AnalysisConfig,
    private readonly designs: Designs | null,
    private readonly partition: Partition,
    /** rows of each cell of the partition, for series off any lattice */
    private readonly cellRows: readonly Int32Array[],
  ) {
    this.buffer = new Float64Array(d.n);
    this.acc = new SeriesAccumulator(partition, designs?.weighted ?? null, config);
  }

  /** Estimates of a series in every cell of the partition, and its frequency tables where it lies on `lattice`. */
  series(y: Float64Array, lattice: Lattice | null): { estimates: EstimateCellT[]; counts: BaseCounts | null } {
    const counts = lattice ? this.acc.accumulate(y, lattice) : null;
    if (counts) return { estimates: this.acc.estimates(counts), counts };
    return { estimates: this.partition.cells.map((cell, c) => this.describeRows(y, cell.segment, cell.group, this.cellRows[c]!)), counts: null };
  }

  /** The weighted sums of the series just read (for the design-based tests). */
  sums(): SeriesSums | null {
    return this.acc.sums();
  }

  /** Estimates and frequency tables of the 0/1 series "the answer is `value`" of a categorical column. */
  indicator(col: Float64Array, value: number): { estimates: EstimateCellT[]; counts: BaseCounts } {
    const counts = this.acc.accumulateIndicator(col, value, this.buffer);
    return { estimates: this.acc.estimates(counts), counts };
  }

  /** The general path: the cell's values gathered and described, svyMean over its rows. */
  private describeRows(y: Float64Array, segment: string, group: Cell['group'], rows: Int32Array): EstimateCellT {
    const s = describe(gather(y, rows, this.buffer), this.config.level, this.buffer);
    if (s.n < this.config.suppressionThreshold) return suppressedCell(segment, group, this.config.suppressionThreshold, s.n);
    const out = { segment, group, n: s.n, mean: s.mean, sd: s.sd, median: s.median, ciLow: s.ciLow, ciHigh: s.ciHigh, lowPrecision: s.n < this.config.lowPrecisionBelow, weighted: null };
    if (!this.designs) return out;
    const w = svyMean(y, group === 'all' ? this.designs.all : this.designs.byGroup, this.config.level, rows);
    const weighted = { mean: w.mean, se: w.se, ciLow: w.ciLow, ciHigh: w.ciHigh, deff: w.deffReplace, nEff: w.nEff, df: w.df, jsts: w.psus };
    return withInferenceRule({ ...out, weighted }, w.psus, w.df);
  }

  /** Answer distributions of a whole-number series per cell, from its frequency tables. */
  distributions(counts: BaseCounts, values: number[]): DistributionT[] {
    const k = this.config.suppressionThreshold;
    return this.partition.cells.map((cell) => {
      const merged = mergeCounts(counts, cell.bases);
      const first = Math.round((values[0]! - counts.lattice.min) * counts.lattice.scale);
      const c = values.map((_, j) => merged[first + j] ?? 0);
      const n = total(c);
      if (n < k) return suppressedCell(cell.segment, cell.group, k, n);
      const shown = suppressCounts(c, k, true);
      return { segment: cell.segment, group: cell.group, n, values, counts: shown, percent: shown.map((x) => (x === null ? null : (100 * x) / n)) };
    });
  }
}

/**
 * Every item's and area's estimates, one series at a time; `tests` makes the tests of each series from
 * the sums the estimates just accumulated (tests.ts), before the next series is read.
 */
export function itemAndAreaEstimates(d: Dataset, scores: Scores, est: Estimator, counts: SeriesCounts, tests?: TestRunner): Pick<Results['estimates'], 'items' | 'areas'> {
  const q = d.questionnaire;
  const items: Results['estimates']['items'] = [];
  const areas: Results['estimates']['areas'] = [];
  const suffix = (role: 'importance' | 'level') => q.measures.find((m) => m.role === role)!.column;
  const run = (name: string, y: Float64Array, lattice: Lattice | null) => {
    const r = est.series(y, lattice);
    if (r.counts) counts.set(name, r.counts);
    return r;
  };
  // Scratches reused item after item: each item's ratings and gaps are read (and tested) before the next.
  const gapScratch = new Float64Array(d.n);
  const ratingScratch = { importance: new Float64Array(d.n), level: new Float64Array(d.n) };
  for (const area of q.areas) {
    for (const item of area.items) {
      const scale = q.variables.find((v) => v.item === item.code)?.values?.map((v) => Number(v.value)) ?? [1, 2, 3, 4, 5];
      const whole = scale.every(Number.isInteger);
      const lo = scale[0]!;
      const hi = scale[scale.length - 1]!;
      const rating = (measure: 'importance' | 'level') => {
        const name = `${item.code}_${suffix(measure)}`;
        const y = itemColumn(d, item.code, measure, ratingScratch[measure]);
        const r = run(name, y, whole ? { min: lo, max: hi, scale: 1 } : null);
        tests?.item(name, y, r.counts);
        return r;
      };
      const imp = rating('importance');
      const lvl = rating('level');
      const gap = run(`${item.code}_gap`, scores.itemGap(item.code, gapScratch), whole ? { min: lo - hi, max: hi - lo, scale: 1 } : null);
      items.push({
        item: item.code, area: area.code, label: item.label,
        importance: imp.estimates, level: lvl.estimates, gap: gap.estimates,
        distribution: {
          importance: imp.counts ? est.distributions(imp.counts, scale) : [],
          level: lvl.counts ? est.distributions(lvl.counts, scale) : [],
        },
      });
    }
    const s = scores.area.get(area.code)!;
    const lattice = scoreLattice(q, area.code);
    const score = (name: string, y: Float64Array, l: Lattice | null) => {
      const r = run(name, y, l);
      tests?.area(name, y, r.counts, r.counts ? est.sums() : null);
      return r.estimates;
    };
    areas.push({
      area: area.code, label: area.label,
      importance: score(`${area.code}_${suffix('importance')}`, s.importance, lattice?.rating ?? null),
      level: score(`${area.code}_${suffix('level')}`, s.level, lattice?.rating ?? null),
      gap: score(`${area.code}_gap`, s.gap, lattice?.gap ?? null),
    });
  }
  return { items, areas };
}

/**
 * Area results within each segment, broken down by the categories of a categorical variable: one more
 * partition (segment × category, all staff) read once per area series.
 */
export function breakdownEstimates(d: Dataset, scores: Scores, segmentCells: Cell[], variables: string[], config: AnalysisConfig, designs: Designs | null): Results['estimates']['breakdowns'] {
  const q = d.questionnaire;
  return variables.map((name) => {
    const v = q.variables.find((x) => x.name === name)!;
    const column = d.columns.get(name)!;
    const categories = (v.values ?? []).map((x) => ({ value: String(x.value), label: x.label }));
    const C = categories.length;
    const base = new Int32Array(d.n).fill(-1);
    const cellRows: Int32Array[] = [];
    segmentCells.forEach((seg, s) => {
      const perCat: number[][] = categories.map(() => []);
      for (const r of seg.rows) {
        const c = column[r]!;
        if (c === c) {
          base[r] = s * C + c;
          perCat[c]!.push(r);
        }
      }
      for (const rows of perCat) cellRows.push(Int32Array.from(rows));
    });
    const partition: Partition = {
      base, nBase: segmentCells.length * C,
      cells: segmentCells.flatMap((seg, s) => categories.map((_, c) => ({ segment: seg.segment, group: 'all' as const, bases: [s * C + c], byGroup: false }))),
    };
    const est = new Estimator(d, config, designs, partition, cellRows);
    const perArea = q.areas.map((area) => {
      const s = scores.area.get(area.code)!;
      const lattice = scoreLattice(q, area.code);
      return {
        importance: est.series(s.importance, lattice?.rating ?? null).estimates,
        level: est.series(s.level, lattice?.rating ?? null).estimates,
        gap: est.series(s.gap, lattice?.gap ?? null).estimates,
      };
    });
    const out: Results['estimates']['breakdowns'][number]['cells'] = [];
    segmentCells.forEach((seg, s) => {
      categories.forEach((cat, c) => {
        q.areas.forEach((area, a) => {
          const e = perArea[a]!;
          const i = s * C + c;
          out.push({ area: area.code, segment: seg.segment, category: cat.value, importance: e.importance[i]!, level: e.level[i]!, gap: e.gap[i]! });
        });
      });
    });
    return { variable: name, label: v.label, categories, cells: out };
  });
}
