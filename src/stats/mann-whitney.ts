/**
 * Mann–Whitney U test (Wilcoxon rank-sum) for two independent samples, normal approximation with
 * tie and continuity corrections, and the rank-biserial correlation.
 *
 * Definitions (Mann & Whitney 1947, Ann. Math. Stat. 18:50–60): pool the n₁ + n₂ = N values, mid-rank
 * them, R₁ = rank sum of sample a.
 *   U₁ = R₁ − n₁(n₁+1)/2 (pairs (aᵢ, bⱼ) with aᵢ > bⱼ, ties counting ½),  U₂ = n₁n₂ − U₁,
 *   μ = n₁n₂/2,  σ = √(n₁n₂/12 · ((N+1) − Σ(t³ − t)/(N(N−1)))),
 *   z = sign(U₁ − μ) · max(0, |U₁ − μ| − ½) / σ,  p = min(1, 2·(1 − Φ(|z|))).
 * This is exactly scipy.stats.mannwhitneyu(a, b, method='asymptotic', use_continuity=True,
 * alternative='two-sided'), which uses max(U₁, U₂) − μ − ½ (the same |U₁ − μ| − ½) and clips p at 1.
 * `u` reports U₁, the statistic scipy returns for the first sample.
 *
 * Rank-biserial correlation (Kerby 2014, "The simple difference formula", Comprehensive Psychology
 * 3:11.IT.3.1): r = (U₁ − U₂)/(n₁n₂) = 2U₁/(n₁n₂) − 1 = 1 − 2U₂/(n₁n₂), the probability that a random
 * a exceeds a random b minus the reverse. Sign convention: r > 0 when sample a tends to be larger.
 *
 * Complexity: O(N) for integer-valued data, O(N log N) otherwise.
 * Small samples: an empty sample → u, z, p, r null; all values tied (σ = 0) → z and p null.
 * Example: a = [19, 22, 16, 29, 24], b = [20, 11, 17, 12] → U₁ 17, p = 0.1113…, r = 0.7.
 */
import { midRanks } from './internal/ranks.ts';
import { normalSf } from './normal.ts';

export interface MannWhitneyResult {
  n1: number;
  n2: number;
  /** U₁ for sample a */
  u: number | null;
  z: number | null;
  p: number | null;
  /** rank-biserial r, positive when a tends to exceed b */
  rankBiserial: number | null;
}

export function mannWhitney(a: ArrayLike<number>, b: ArrayLike<number>): MannWhitneyResult {
  let n1 = 0;
  let n2 = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]!)) n1++;
  for (let i = 0; i < b.length; i++) if (!Number.isNaN(b[i]!)) n2++;
  const result: MannWhitneyResult = { n1, n2, u: null, z: null, p: null, rankBiserial: null };
  if (n1 === 0 || n2 === 0) return result;
  const N = n1 + n2;
  const pooled = new Float64Array(N);
  let at = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]!)) pooled[at++] = a[i]!;
  for (let i = 0; i < b.length; i++) if (!Number.isNaN(b[i]!)) pooled[at++] = b[i]!;
  const { ranks, tieTerm } = midRanks(pooled);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i]!;
  return fromRankSum(result, r1, tieTerm);
}


/**
 * Mann–Whitney from the frequencies of an ordinal variable in two samples (`a[v]`, `b[v]` respondents gave
 * the v-th value, ascending): the same statistic as mannWhitney on the raw values, in O(values).
 */
export function mannWhitneyFromCounts(a: ArrayLike<number>, b: ArrayLike<number>): MannWhitneyResult {
  let n1 = 0;
  let n2 = 0;
  for (let v = 0; v < a.length; v++) n1 += a[v]!;
  for (let v = 0; v < b.length; v++) n2 += b[v]!;
  const result: MannWhitneyResult = { n1, n2, u: null, z: null, p: null, rankBiserial: null };
  if (n1 === 0 || n2 === 0) return result;
  let below = 0;
  let tieTerm = 0;
  let r1 = 0;
  for (let v = 0; v < Math.max(a.length, b.length); v++) {
    const ta = a[v] ?? 0;
    const t = ta + (b[v] ?? 0);
    r1 += ta * (below + (t + 1) / 2);
    below += t;
    tieTerm += t * t * t - t;
  }
  return fromRankSum(result, r1, tieTerm);
}

function fromRankSum(result: MannWhitneyResult, r1: number, tieTerm: number): MannWhitneyResult {
  const { n1, n2 } = result;
  const N = n1 + n2;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const nn = n1 * n2;
  result.u = u1;
  result.rankBiserial = (2 * u1) / nn - 1;
  const mu = nn / 2;
  const sigma2 = (nn / 12) * (N + 1 - tieTerm / (N * (N - 1)));
  if (!(sigma2 > 0)) return result;
  const dev = u1 - mu;
  const z = (Math.sign(dev) * Math.max(0, Math.abs(dev) - 0.5)) / Math.sqrt(sigma2) || 0; // no −0
  result.z = z;
  result.p = Math.min(1, 2 * normalSf(Math.abs(z)));
  return result;
}
