/**
 * Respondent-level data-quality flags and the exclusion rule.
 *
 * - incomplete: fewer than `minRatedShare` (default 50 %) of the rating cells shown were answered;
 * - straightlining: at least `straightliningMinCells` (default 10) rating cells answered, all with one value;
 * - speeding: completion time below `speedingRatio` (default 0.4) × the median completion time of the
 *   data set (only where completion times exist);
 * - duplicate: the same JST and the same answer to every closed question as an earlier respondent (the
 *   first one is kept; open comments are not compared).
 *
 * By default a respondent with any flag is excluded; `exclude` names the flags that exclude. Counts are
 * reported per flag (a respondent may carry several) and in total.
 */
import { sameAnswers, type Dataset } from './dataset.ts';

export const QUALITY_FLAGS = ['duplicate', 'straightlining', 'speeding', 'incomplete'] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];

export interface QualityRules {
  minRatedShare: number;
  straightliningMinCells: number;
  speedingRatio: number;
  exclude: QualityFlag[];
}

export const DEFAULT_QUALITY_RULES: QualityRules = {
  minRatedShare: 0.5,
  straightliningMinCells: 10,
  speedingRatio: 0.4,
  exclude: [...QUALITY_FLAGS],
};

export interface QualityReport {
  /** flags of each respondent */
  flags: QualityFlag[][];
  /** respondents carrying each flag */
  counts: Record<QualityFlag, number>;
  /** respondents excluded (any excluding flag) */
  excluded: number;
  medianDurationSec: number | null;
  keep: Uint8Array;
}

export function assessQuality(d: Dataset, rules: QualityRules = DEFAULT_QUALITY_RULES): QualityReport {
  const q = d.questionnaire;
  const ratingColumns = q.variables.filter((v) => v.area && v.measure).map((v) => d.columns.get(v.name)!);
  const durations = Array.from(d.duration).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const median = durations.length ? medianOfSorted(durations) : null;
  const seen = new Map<number, number[]>();
  const flags: QualityFlag[][] = [];
  const counts = Object.fromEntries(QUALITY_FLAGS.map((f) => [f, 0])) as Record<QualityFlag, number>;
  const keep = new Uint8Array(d.n);
  let excluded = 0;
  for (let row = 0; row < d.n; row++) {
    const f: QualityFlag[] = [];
    const earlier = seen.get(d.fingerprint[row]!);
    if (earlier?.some((e) => sameAnswers(d, e, row))) f.push('duplicate');
    if (earlier) earlier.push(row);
    else seen.set(d.fingerprint[row]!, [row]);
    let answered = 0;
    let first = NaN;
    let same = true;
    for (const col of ratingColumns) {
      const v = col[row]!;
      if (Number.isNaN(v)) continue;
      if (answered === 0) first = v;
      else if (v !== first) same = false;
      answered++;
    }
    if (answered >= rules.straightliningMinCells && same) f.push('straightlining');
    const d0 = d.duration[row]!;
    if (median !== null && Number.isFinite(d0) && d0 < rules.speedingRatio * median) f.push('speeding');
    const cellsShown = 2 * d.itemsShown[row]!;
    if (cellsShown > 0 && answered < rules.minRatedShare * cellsShown) f.push('incomplete');
    for (const x of f) counts[x]++;
    const out = f.some((x) => rules.exclude.includes(x));
    keep[row] = out ? 0 : 1;
    if (out) excluded++;
    flags.push(f);
  }
  return { flags, counts, excluded, medianDurationSec: median, keep };
}

function medianOfSorted(a: number[]): number {
  const m = a.length >> 1;
  return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
}
