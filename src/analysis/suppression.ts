/**
 * Small-cell suppression, applied here once for every cell any output shows.
 *
 * - An estimate on fewer than `threshold` respondents is replaced by { suppressed, reason }: no mean,
 *   no interval, not even its n.
 * - In a frequency table, a count of 1 … threshold−1 is suppressed (primary suppression). When exactly
 *   one count of a table that adds up to a shown total is suppressed, the next smallest non-zero count
 *   is suppressed too (secondary suppression), so that the hidden count cannot be recovered by
 *   subtraction. Zero counts are shown: they reveal no one's answer.
 */
import type { GroupCode, SuppressedT } from './results-schema.ts';

export function suppressedCell(segment: string, group: GroupCode, threshold: number, n: number): SuppressedT {
  return { segment, group, suppressed: true, reason: n === 0 ? 'no answers (not asked or not answered in this cell)' : `fewer than ${threshold} respondents` };
}

/** Counts with small cells replaced by null. `additive`: the counts add up to a total that is shown. */
export function suppressCounts(counts: readonly number[], threshold: number, additive: boolean): (number | null)[] {
  const out: (number | null)[] = counts.map((c) => (c > 0 && c < threshold ? null : c));
  const hidden = out.filter((c) => c === null).length;
  if (additive && hidden === 1) {
    let best = -1;
    out.forEach((c, i) => {
      if (c !== null && c > 0 && (best < 0 || c < (out[best] as number))) best = i;
    });
    if (best >= 0) out[best] = null;
  }
  return out;
}
