/**
 * Collapses Borich ratings (importance I and competence level C of k items) into resampling units for
 * the bootstrap (../mwds-bootstrap.ts). A unit is a respondent with at least one complete (I, C) pair;
 * each unit carries, per item, [present, I − C, I] (zeros when the pair is incomplete).
 *
 * Respondents with identical ratings are interchangeable under resampling, so when the ratings are
 * integers they are merged into distinct patterns with counts:
 * - each row is coded as one mixed-radix integer (per item: 0 = pair missing, else 1 + cell index);
 * - if the code space is small (≤ 4n + 1024 codes, always so for one Likert item: 26 codes) patterns
 *   are counted in a direct-address table, O(n + codes);
 * - otherwise codes are sorted, O(n log n), as long as they fit in 2^53 (and the caller allows it).
 * Non-integer ratings, or more distinct patterns than n/3, keep one unit per respondent.
 */
import { assertSameLength, invalid } from './validate.ts';

export interface RatingItem {
  importance: ArrayLike<number>;
  level: ArrayLike<number>;
}

export interface RatingUnits {
  k: number;
  /** unit-major: data[(u·k + j)·3 + {0, 1, 2}] = present, I − C, I */
  data: Float64Array;
  /** respondents per unit */
  counts: Float64Array;
  nUnits: number;
  /** respondents represented (Σ counts) */
  n: number;
  kind: 'patterns' | 'rows';
}

const MAX_SAFE = 2 ** 53;

/** One pass over the ratings: who has a complete pair, the value ranges, whether all are integers. */
export interface RatingScan {
  rows: number;
  /** 1 for a respondent with at least one complete (I, C) pair */
  keep: Uint8Array;
  /** respondents kept */
  n: number;
  /** per item: [min I, min C] at 2j, 2j+1 (Infinity when the item has no complete pair) */
  lo: Float64Array;
  hi: Float64Array;
  integral: boolean;
}

/** Validates the vectors (equal lengths; finite or NaN) and scans them. O(n·k). */
export function scanRatings(fn: string, items: readonly RatingItem[]): RatingScan {
  const k = items.length;
  const vectors: Record<string, ArrayLike<number>> = {};
  items.forEach((it, j) => {
    vectors[`items[${j}].importance`] = it.importance;
    vectors[`items[${j}].level`] = it.level;
  });
  const rows = assertSameLength(fn, vectors);
  // Item-outer loops keep every inner loop on two monomorphic arrays.
  const keep = new Uint8Array(rows);
  const lo = new Float64Array(2 * k);
  const hi = new Float64Array(2 * k);
  let integral = true;
  for (let j = 0; j < k; j++) {
    const I = items[j]!.importance;
    const C = items[j]!.level;
    let loI = Infinity, hiI = -Infinity, loC = Infinity, hiC = -Infinity;
    for (let r = 0; r < rows; r++) {
      const i = I[r]!;
      const c = C[r]!;
      if (i === Infinity || i === -Infinity || c === Infinity || c === -Infinity) {
        throw invalid(fn, `items[${j}] row ${r}: ratings must be finite or NaN for missing, got I = ${i}, C = ${c}`);
      }
      if (i !== i || c !== c) continue; // NaN: pair incomplete
      keep[r] = 1;
      if (Math.floor(i) !== i || Math.floor(c) !== c) integral = false;
      if (i < loI) loI = i;
      if (i > hiI) hiI = i;
      if (c < loC) loC = c;
      if (c > hiC) hiC = c;
    }
    lo[2 * j] = loI;
    hi[2 * j] = hiI;
    lo[2 * j + 1] = loC;
    hi[2 * j + 1] = hiC;
  }
  let n = 0;
  for (let r = 0; r < rows; r++) n += keep[r]!;
  return { rows, keep, n, lo, hi, integral };
}

/**
 * Units from a scan. `allowSort` = false skips the O(n log n) sort for large code spaces; a
 * direct-address table is still used. `allowRows` = false returns null instead of one unit per
 * respondent when the rows do not collapse (the caller then uses the normal approximation).
 */
export function ratingUnits(items: readonly RatingItem[], scan: RatingScan, allowSort: true, allowRows: true): RatingUnits;
export function ratingUnits(items: readonly RatingItem[], scan: RatingScan, allowSort: boolean, allowRows: boolean): RatingUnits | null;
export function ratingUnits(items: readonly RatingItem[], scan: RatingScan, allowSort: boolean, allowRows: boolean): RatingUnits | null {
  const k = items.length;
  const { rows, keep, n, lo, hi, integral } = scan;
  // Mixed radix: item j has 1 + (#I values)(#C values) codes; 0 = pair missing.
  const width = new Float64Array(k); // number of C values (for decoding the cell)
  const radix = new Float64Array(k);
  let capacity = 1;
  for (let j = 0; j < k; j++) {
    const seen = Number.isFinite(lo[2 * j]!);
    width[j] = seen ? hi[2 * j + 1]! - lo[2 * j + 1]! + 1 : 1;
    radix[j] = seen ? (hi[2 * j]! - lo[2 * j]! + 1) * width[j]! + 1 : 1;
    capacity *= radix[j]!;
  }
  /** The code of every row (Horner's scheme from the last item), computed item by item. */
  const allCodes = (): Float64Array => {
    const codes = new Float64Array(rows);
    for (let j = k - 1; j >= 0; j--) {
      const I = items[j]!.importance;
      const C = items[j]!.level;
      const R = radix[j]!, W = width[j]!, loI = lo[2 * j]!, loC = lo[2 * j + 1]!;
      for (let r = 0; r < rows; r++) {
        const i = I[r]!;
        const c = C[r]!;
        const code = i !== i || c !== c ? 0 : 1 + (i - loI) * W + (c - loC);
        codes[r] = codes[r]! * R + code;
      }
    }
    return codes;
  };
  if (integral && n > 0 && capacity < MAX_SAFE && (allowSort || capacity <= 4 * n + 1024)) {
    let keys: Float64Array;
    let counts: Float64Array;
    const codes = allCodes();
    if (capacity <= 4 * n + 1024) {
      const table = new Float64Array(capacity);
      for (let r = 0; r < rows; r++) if (keep[r]) table[codes[r]!]! += 1;
      let distinct = 0;
      for (let q = 0; q < capacity; q++) if (table[q]! > 0) distinct++;
      keys = new Float64Array(distinct);
      counts = new Float64Array(distinct);
      for (let q = 0, p = 0; q < capacity; q++) {
        if (table[q]! > 0) {
          keys[p] = q;
          counts[p++] = table[q]!;
        }
      }
    } else {
      const all = new Float64Array(n);
      for (let r = 0, u = 0; r < rows; r++) if (keep[r]) all[u++] = codes[r]!;
      all.sort();
      let distinct = 0;
      for (let u = 0; u < n; u++) if (u === 0 || all[u] !== all[u - 1]) distinct++;
      keys = new Float64Array(distinct);
      counts = new Float64Array(distinct);
      for (let u = 0, p = -1; u < n; u++) {
        if (u === 0 || all[u] !== all[u - 1]) keys[++p] = all[u]!;
        counts[p] = counts[p]! + 1;
      }
    }
    if (keys.length <= n / 3) {
      const data = new Float64Array(keys.length * k * 3);
      keys.forEach((key0, p) => {
        let key = key0;
        for (let j = 0; j < k; j++) {
          const code = key % radix[j]!;
          key = (key - code) / radix[j]!;
          if (code === 0) continue;
          const i = lo[2 * j]! + Math.floor((code - 1) / width[j]!);
          const c = lo[2 * j + 1]! + ((code - 1) % width[j]!);
          const at = (p * k + j) * 3;
          data[at] = 1;
          data[at + 1] = i - c;
          data[at + 2] = i;
        }
      });
      return { k, data, counts, nUnits: keys.length, n, kind: 'patterns' };
    }
  }
  if (!allowRows) return null;
  const data = new Float64Array(n * k * 3);
  const unitOf = new Int32Array(rows);
  for (let r = 0, u = 0; r < rows; r++) unitOf[r] = keep[r] ? u++ : -1;
  for (let j = 0; j < k; j++) {
    const I = items[j]!.importance;
    const C = items[j]!.level;
    for (let r = 0; r < rows; r++) {
      const i = I[r]!;
      const c = C[r]!;
      if (i !== i || c !== c) continue;
      const at = (unitOf[r]! * k + j) * 3;
      data[at] = 1;
      data[at + 1] = i - c;
      data[at + 2] = i;
    }
  }
  return { k, data, counts: new Float64Array(n).fill(1), nUnits: n, n, kind: 'rows' };
}
