/**
 * Mid-ranks ("average" ranks) of a sample and the tie term Σ(t³ − t) over groups of tied values,
 * as used by the rank tests (Kruskal & Wallis 1952; Mann & Whitney 1947; scipy.stats.rankdata with
 * method='average').
 *
 * Two paths, same result:
 * - values that are all integers within a range of at most 4n + 1024 (Likert scales, counts): a
 *   counting pass, O(n + range), no comparison sort;
 * - otherwise a numeric sort of a copy (O(n log n)) and a binary search of each value among the
 *   distinct sorted values.
 * The mid-rank of a value v is (number of values < v) + (t_v + 1)/2, t_v = number of values equal to v.
 */

export interface Ranks {
  /** mid-rank of values[i], 1-based */
  ranks: Float64Array;
  /** Σ over tie groups of t³ − t (0 without ties) */
  tieTerm: number;
}

export function midRanks(values: Float64Array): Ranks {
  const n = values.length;
  const ranks = new Float64Array(n);
  if (n === 0) return { ranks, tieTerm: 0 };
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && !Number.isInteger(v)) integral = false;
  }
  if (integral && max - min <= 4 * n + 1024) {
    const range = max - min + 1;
    const count = new Float64Array(range);
    for (let i = 0; i < n; i++) {
      const k = values[i]! - min;
      count[k] = count[k]! + 1;
    }
    const midRank = new Float64Array(range);
    let below = 0;
    let tieTerm = 0;
    for (let k = 0; k < range; k++) {
      const t = count[k]!;
      midRank[k] = below + (t + 1) / 2;
      below += t;
      tieTerm += t * t * t - t;
    }
    for (let i = 0; i < n; i++) ranks[i] = midRank[values[i]! - min]!;
    return { ranks, tieTerm };
  }
  const sorted = Float64Array.from(values).sort();
  // distinct values with their mid-ranks
  const distinct = new Float64Array(n);
  const midRank = new Float64Array(n);
  let m = 0;
  let tieTerm = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && sorted[end] === sorted[start]) end++;
    const t = end - start;
    distinct[m] = sorted[start]!;
    midRank[m] = start + (t + 1) / 2;
    m++;
    tieTerm += t * t * t - t;
    start = end;
  }
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = midRank[lo]!;
  }
  return { ranks, tieTerm };
}
