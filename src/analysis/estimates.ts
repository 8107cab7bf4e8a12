/**
 * Estimates per cell for every item and area: importance, level and gap — n, mean, SD, median and a
 * t-based 95 % CI over respondents; with weights, the design-based weighted mean (JSTs as clusters within
 * strata, as R survey's svymean) with its CI and design effect — plus answer distributions.
 */
import { describe, svyMean, tQuantile, type Description, type SurveyDesign } from './stats/index.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { AnalysisConfig } from './config.ts';
import { gather, type Cell } from './cells.ts';
import type { DistributionT, EstimateCellT, Results } from './results-schema.ts';
import { itemColumn, type Scores } from './scores.ts';
import { suppressCounts, suppressedCell } from './suppression.ts';

export interface Designs {
  /** weights shared among all respondents of a JST */
  all: SurveyDesign;
  /** weights shared among the respondents of a JST in the same staff group */
  byGroup: SurveyDesign;
}

export class Estimator {
  private readonly buffer: Float64Array;
  constructor(
    private readonly d: Dataset,
    private readonly config: AnalysisConfig,
    private readonly designs: Designs | null,
  ) {
    this.buffer = new Float64Array(d.n);
  }

  /**
   * `range`: the series takes whole values in [min, max] (ratings, rating gaps): its summary then comes from
   * a frequency table in one pass (median from the cumulative counts), which equals describe() exactly up
   * to rounding (test/analysis/estimates-fast.test.ts).
   */
  estimate(column: Float64Array, cell: Cell, range?: { min: number; max: number }): EstimateCellT {
    const s = range ? this.describeWholeNumbers(column, cell.rows, range.min, range.max) : describe(gather(column, cell.rows, this.buffer), this.config.level, this.buffer);
    if (s.n < this.config.suppressionThreshold) return suppressedCell(cell.segment, cell.group, this.config.suppressionThreshold, s.n);
    let weighted = null;
    if (this.designs) {
      const w = svyMean(column, cell.group === 'all' ? this.designs.all : this.designs.byGroup, this.config.level, cell.rows);
      // Design effect against simple random sampling WITH replacement (R deff = "replace"): the weights add up to
      // JSTs while n counts officials, so the without-replacement version's finite-population correction is meaningless here.
      weighted = { mean: w.mean, se: w.se, ciLow: w.ciLow, ciHigh: w.ciHigh, deff: w.deffReplace, nEff: w.nEff };
    }
    return {
      segment: cell.segment, group: cell.group,
      n: s.n, mean: s.mean, sd: s.sd, median: s.median, ciLow: s.ciLow, ciHigh: s.ciHigh,
      lowPrecision: s.n < this.config.lowPrecisionBelow,
      weighted,
    };
  }

  private readonly tCache = new Map<number, number>();
  private describeWholeNumbers(column: Float64Array, rows: Int32Array, min: number, max: number): Description {
    const K = max - min + 1;
    const counts = new Float64Array(K);
    for (let k = 0; k < rows.length; k++) {
      const v = column[rows[k]!]!;
      if (v === v) counts[v - min]! += 1;
    }
    let n = 0;
    let sx = 0;
    for (let j = 0; j < K; j++) {
      n += counts[j]!;
      sx += counts[j]! * (min + j);
    }
    const level = this.config.level;
    const empty: Description = { n, mean: null, sd: null, se: null, median: null, min: null, max: null, level, ciLow: null, ciHigh: null };
    if (n === 0) return empty;
    const mean = sx / n;
    let ss = 0;
    let lo: number | null = null;
    let hi: number | null = null;
    for (let j = 0; j < K; j++) {
      if (counts[j]! === 0) continue;
      const d = min + j - mean;
      ss += counts[j]! * d * d;
      lo ??= min + j;
      hi = min + j;
    }
    // Median: the value(s) at positions ⌊(n−1)/2⌋ and ⌊n/2⌋ (0-based) of the sorted data.
    const at = (pos: number) => {
      let cum = 0;
      for (let j = 0; j < K; j++) {
        cum += counts[j]!;
        if (cum > pos) return min + j;
      }
      return max;
    };
    const median = (at(Math.floor((n - 1) / 2)) + at(Math.floor(n / 2))) / 2;
    if (n < 2) return { ...empty, mean, median, min: lo, max: hi };
    const sd = Math.sqrt(ss / (n - 1));
    const se = sd / Math.sqrt(n);
    let t = this.tCache.get(n - 1);
    if (t === undefined) {
      t = tQuantile(1 - (1 - level) / 2, n - 1);
      this.tCache.set(n - 1, t);
    }
    return { n, mean, sd, se, median, min: lo, max: hi, level, ciLow: mean - t * se, ciHigh: mean + t * se };
  }

  distribution(column: Float64Array, cell: Cell, values: number[]): DistributionT {
    // Scale points are consecutive whole numbers: count by offset from the first.
    const counts = new Array<number>(values.length).fill(0);
    const first = values[0]!;
    let n = 0;
    for (const r of cell.rows) {
      const j = column[r]! - first;
      if (j >= 0 && j < counts.length) {
        counts[j]!++;
        n++;
      }
    }
    const k = this.config.suppressionThreshold;
    if (n < k) return suppressedCell(cell.segment, cell.group, k, n);
    const shown = suppressCounts(counts, k, true);
    return { segment: cell.segment, group: cell.group, n, values, counts: shown, percent: shown.map((c) => (c === null ? null : (100 * c) / n)) };
  }
}

export function itemAndAreaEstimates(d: Dataset, scores: Scores, cells: Cell[], est: Estimator): Pick<Results['estimates'], 'items' | 'areas'> {
  const q = d.questionnaire;
  const items: Results['estimates']['items'] = [];
  const areas: Results['estimates']['areas'] = [];
  for (const area of q.areas) {
    for (const item of area.items) {
      const imp = itemColumn(d, item.code, 'importance');
      const lvl = itemColumn(d, item.code, 'level');
      const gap = scores.itemGap.get(item.code)!;
      const scale = q.variables.find((v) => v.item === item.code)?.values?.map((v) => Number(v.value)) ?? [1, 2, 3, 4, 5];
      const lo = scale[0]!;
      const hi = scale[scale.length - 1]!;
      const ratingRange = { min: lo, max: hi };
      const gapRange = { min: lo - hi, max: hi - lo };
      items.push({
        item: item.code, area: area.code, label: item.label,
        importance: cells.map((c) => est.estimate(imp, c, ratingRange)),
        level: cells.map((c) => est.estimate(lvl, c, ratingRange)),
        gap: cells.map((c) => est.estimate(gap, c, gapRange)),
        distribution: {
          importance: cells.map((c) => est.distribution(imp, c, scale)),
          level: cells.map((c) => est.distribution(lvl, c, scale)),
        },
      });
    }
    const s = scores.area.get(area.code)!;
    areas.push({
      area: area.code, label: area.label,
      importance: cells.map((c) => est.estimate(s.importance, c)),
      level: cells.map((c) => est.estimate(s.level, c)),
      gap: cells.map((c) => est.estimate(s.gap, c)),
    });
  }
  return { items, areas };
}

/** Area results within each segment, broken down by the categories of a categorical variable. */
export function breakdownEstimates(d: Dataset, scores: Scores, segmentCells: Cell[], variables: string[], est: Estimator): Results['estimates']['breakdowns'] {
  const q = d.questionnaire;
  return variables.map((name) => {
    const v = q.variables.find((x) => x.name === name)!;
    const column = d.columns.get(name)!;
    const categories = (v.values ?? []).map((x) => ({ value: String(x.value), label: x.label }));
    const out: Results['estimates']['breakdowns'][number]['cells'] = [];
    for (const seg of segmentCells) {
      categories.forEach((cat, code) => {
        const rows = Int32Array.from([...seg.rows].filter((r) => column[r] === code));
        const cell: Cell = { segment: seg.segment, group: 'all', rows };
        for (const area of q.areas) {
          const s = scores.area.get(area.code)!;
          out.push({ area: area.code, segment: seg.segment, category: cat.value, importance: est.estimate(s.importance, cell), level: est.estimate(s.level, cell), gap: est.estimate(s.gap, cell) });
        }
      });
    }
    return { variable: name, label: v.label, categories, cells: out };
  });
}
