/**
 * Wilcoxon signed-rank test for paired data (e.g. a competence rated before and after a training
 * programme), with the matched-pairs rank-biserial correlation.
 *
 * Definitions (Wilcoxon 1945, Biometrics Bulletin 1(6):80–83): d_i = after_i − before_i; zero differences
 * are dropped ("wilcox" zero method); the n' non-zero |d_i| get mid-ranks; W⁺ = Σ ranks of positive d,
 * W⁻ = Σ ranks of negative d, W⁺ + W⁻ = n'(n'+1)/2. The statistic reported is min(W⁺, W⁻).
 *
 * p-value, two-sided, chosen exactly as scipy.stats.wilcoxon(d) chooses it by default (method="auto",
 * correction=False; scipy 1.17), so that the two agree:
 *   - no ties among |d| and no zero d, n ≤ 50: the exact null distribution of W⁺ (all 2^n' sign patterns
 *     equally likely), p = min(1, 2·min(P(W⁺ ≤ w), P(W⁺ ≥ w)));
 *   - ties or zeros, n ≤ 13 (n counts the zeros): the same exact sign-flip distribution, now of the tied
 *     mid-ranks (what scipy's permutation test enumerates);
 *   - otherwise the normal approximation z = (W⁺ − n'(n'+1)/4)/σ,
 *     σ² = (n'(n'+1)(2n'+1) − Σ(t³ − t)/2)/24 over tie groups t of |d|, without continuity correction.
 * The exact distribution is a convolution over the ranks, doubled so that mid-ranks are whole numbers:
 * O(n'·n'(n'+1)) time.
 *
 * Effect size (Kerby 2014, "The simple difference formula", Comprehensive Psychology 3:11.IT.3.1):
 * r = (W⁺ − W⁻)/(W⁺ + W⁻), from −1 (every pair fell) to +1 (every pair rose); 0 when nothing changed.
 *
 * Small samples (policy in index.ts): pairs with a missing value are skipped; n' = 0 → statistic, p and
 * r null.
 * Example: d = [1, 2, 2, −1, 3, 0, 1, 1, −2, 4, 2, 1] → W⁻ = 10.5, p = 0.0498046875 (12 pairs with ties
 * and a zero: exact sign-flip distribution), r = 0.6818…
 */
import { midRanks } from './internal/ranks.ts';
import { normalSf } from './normal.ts';

export interface WilcoxonSignedRankResult {
  /** pairs with both values */
  n: number;
  /** pairs whose difference is not zero (the ones ranked) */
  nNonZero: number;
  /** W⁺, the rank sum of the positive differences */
  wPlus: number | null;
  /** min(W⁺, W⁻), scipy's two-sided statistic */
  statistic: number | null;
  /** z of the normal approximation (null when the exact distribution gave p) */
  z: number | null;
  p: number | null;
  method: 'exact' | 'normal' | null;
  /** matched-pairs rank-biserial correlation, positive when the second values tend to be larger */
  rankBiserial: number | null;
}

/** Wilcoxon signed-rank test of after − before over the pairs where both are present. */
export function wilcoxonSignedRank(before: ArrayLike<number>, after: ArrayLike<number>): WilcoxonSignedRankResult {
  const d: number[] = [];
  for (let i = 0; i < Math.min(before.length, after.length); i++) {
    const x = before[i]!;
    const y = after[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    d.push(y - x);
  }
  return wilcoxonOfDifferences(d);
}

/** The test on differences already formed (NaN skipped). */
export function wilcoxonOfDifferences(differences: ArrayLike<number>): WilcoxonSignedRankResult {
  const all: number[] = [];
  for (let i = 0; i < differences.length; i++) if (!Number.isNaN(differences[i]!)) all.push(differences[i]!);
  const nonZero = all.filter((x) => x !== 0);
  const n = all.length;
  const m = nonZero.length;
  const result: WilcoxonSignedRankResult = { n, nNonZero: m, wPlus: null, statistic: null, z: null, p: null, method: null, rankBiserial: null };
  if (m === 0) return result;
  const { ranks, tieTerm } = midRanks(Float64Array.from(nonZero, Math.abs));
  let wPlus = 0;
  for (let i = 0; i < m; i++) if (nonZero[i]! > 0) wPlus += ranks[i]!;
  const total = (m * (m + 1)) / 2;
  const wMinus = total - wPlus;
  result.wPlus = wPlus;
  result.statistic = Math.min(wPlus, wMinus);
  result.rankBiserial = (wPlus - wMinus) / total;
  const ties = tieTerm > 0;
  const zeros = n > m;
  if ((!ties && !zeros && n <= 50) || ((ties || zeros) && n <= 13)) {
    result.method = 'exact';
    result.p = exactP(ranks, wPlus);
  } else {
    const sd = Math.sqrt((m * (m + 1) * (2 * m + 1) - tieTerm / 2) / 24);
    result.method = 'normal';
    if (sd > 0) {
      result.z = (wPlus - total / 2) / sd;
      result.p = Math.min(1, 2 * normalSf(Math.abs(result.z)));
    }
  }
  return result;
}

/** Two-sided p of W⁺ = w under random signs of the given ranks: min(1, 2·min(P(W⁺ ≤ w), P(W⁺ ≥ w))). */
function exactP(ranks: Float64Array, w: number): number {
  // doubled ranks are whole numbers (mid-ranks are multiples of ½)
  const doubled = Array.from(ranks, (r) => Math.round(2 * r));
  const max = doubled.reduce((a, b) => a + b, 0);
  let ways = new Float64Array(max + 1);
  ways[0] = 1;
  let reach = 0;
  for (const r of doubled) {
    const next = new Float64Array(max + 1);
    for (let s = 0; s <= reach; s++) {
      const c = ways[s]!;
      if (c === 0) continue;
      next[s]! += c;
      next[s + r]! += c;
    }
    reach += r;
    ways = next;
  }
  const target = Math.round(2 * w);
  let le = 0;
  let ge = 0;
  let all = 0;
  for (let s = 0; s <= max; s++) {
    const c = ways[s]!;
    all += c;
    if (s <= target) le += c;
    if (s >= target) ge += c;
  }
  return Math.min(1, (2 * Math.min(le, ge)) / all);
}
