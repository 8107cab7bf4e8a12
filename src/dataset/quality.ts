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
import { MISSING } from './column-store.ts';
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
  /** flags of each respondent, one bit per flag in the order of QUALITY_FLAGS */
  flags: Uint8Array;
  /** respondents carrying each flag */
  counts: Record<QualityFlag, number>;
  /** respondents excluded (any excluding flag) */
  excluded: number;
  medianDurationSec: number | null;
  keep: Uint8Array;
}

const BIT: Record<QualityFlag, number> = Object.fromEntries(QUALITY_FLAGS.map((f, i) => [f, 1 << i])) as Record<QualityFlag, number>;

export function assessQuality(d: Dataset, rules: QualityRules = DEFAULT_QUALITY_RULES): QualityReport {
  const q = d.questionnaire;
  const ratingColumns = q.variables.filter((v) => v.area && v.measure).map((v) => d.columns.stored.get(v.name)!);
  const durations = finiteSorted(d.duration);
  const median = durations.length ? medianOfSorted(durations) : null;
  const n = d.n;
  // Rating cells answered per respondent and whether they all take one value, column by column
  // (contiguous reads): first = the first value met, −1 once a second value is met.
  const answered = new Int32Array(n);
  const first = new Float64Array(n).fill(NaN);
  const mixed = new Uint8Array(n);
  for (const col of ratingColumns) {
    if (col instanceof Uint8Array) tallyBytes(col, answered, first, mixed);
    else tallyDoubles(col, answered, first, mixed);
  }
  const excludeMask = rules.exclude.reduce((m, f) => m | BIT[f], 0);
  const duplicate = duplicates(d);
  const flags = new Uint8Array(n);
  const keep = new Uint8Array(n);
  let excluded = 0;
  for (let row = 0; row < n; row++) {
    let f = 0;
    if (duplicate[row]) f |= BIT.duplicate;
    if (answered[row]! >= rules.straightliningMinCells && !mixed[row]) f |= BIT.straightlining;
    const d0 = d.duration[row]!;
    if (median !== null && Number.isFinite(d0) && d0 < rules.speedingRatio * median) f |= BIT.speeding;
    const cellsShown = 2 * d.itemsShown[row]!;
    if (cellsShown > 0 && answered[row]! < rules.minRatedShare * cellsShown) f |= BIT.incomplete;
    flags[row] = f;
    const out = (f & excludeMask) !== 0;
    keep[row] = out ? 0 : 1;
    if (out) excluded++;
  }
  const counts = Object.fromEntries(QUALITY_FLAGS.map((flag) => {
    let c = 0;
    for (let row = 0; row < n; row++) if (flags[row]! & BIT[flag]) c++;
    return [flag, c];
  })) as Record<QualityFlag, number>;
  return { flags, counts, excluded, medianDurationSec: median, keep };
}

// One loop per column type, so that V8 optimises each for its array (see fillFingerprints).
function tallyDoubles(col: Float64Array, answered: Int32Array, first: Float64Array, mixed: Uint8Array): void {
  for (let row = 0; row < col.length; row++) {
    const v = col[row]!;
    if (v !== v) continue;
    if (answered[row] === 0) first[row] = v;
    else if (v !== first[row]) mixed[row] = 1;
    answered[row]!++;
  }
}

function tallyBytes(col: Uint8Array, answered: Int32Array, first: Float64Array, mixed: Uint8Array): void {
  for (let row = 0; row < col.length; row++) {
    const v = col[row]!;
    if (v === MISSING) continue;
    if (answered[row] === 0) first[row] = v;
    else if (v !== first[row]) mixed[row] = 1;
    answered[row]!++;
  }
}

/**
 * 1 for each respondent whose closed answers and JST equal an earlier respondent's. Candidates are the earlier
 * rows of equal fingerprint (a hash of those answers), chained per slot of an open hash table on typed arrays.
 */
function duplicates(d: Dataset): Uint8Array {
  const n = d.n;
  const fp = d.fingerprint;
  let bits = 4;
  while (1 << bits < 2 * n) bits++;
  const head = new Int32Array(1 << bits).fill(-1);
  const next = new Int32Array(n);
  const out = new Uint8Array(n);
  for (let row = 0; row < n; row++) {
    const f = fp[row]!;
    const slot = Math.imul(f, 0x9e3779b1) >>> (32 - bits); // Fibonacci hashing: the product's top bits
    for (let e = head[slot]!; e >= 0; e = next[e]!) {
      if (fp[e] === f && sameAnswers(d, e, row)) {
        out[row] = 1;
        break;
      }
    }
    next[row] = head[slot]!;
    head[slot] = row;
  }
  return out;
}

/** The finite values, ascending (a typed array sorts numerically, natively). */
function finiteSorted(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) out[m++] = values[i]!;
  return out.subarray(0, m).sort();
}

function medianOfSorted(a: Float64Array): number {
  const m = a.length >> 1;
  return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
}
