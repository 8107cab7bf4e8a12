/**
 * Kruskal–Wallis H test for k independent groups, with tie correction and epsilon-squared.
 *
 * Definitions (Kruskal & Wallis 1952, JASA 47:583–621): pool the N non-missing values, give them
 * mid-ranks, let R_g be the rank sum of group g with n_g values. Then
 *   H₀ = 12 / (N(N+1)) · Σ R_g²/n_g − 3(N+1),
 *   H = H₀ / C with the tie correction C = 1 − Σ(t³ − t)/(N³ − N),
 *   df = k − 1 and p = P(χ²_df > H) (large-sample approximation, as scipy.stats.kruskal and R
 *   kruskal.test).
 * Effect size: ε²_R = H / ((N² − 1)/(N + 1)) = H / (N − 1) (Tomczak & Tomczak 2014, "The need to report
 * effect size estimates revisited", Trends in Sport Sciences 21(1):19–25, eq. for E²_R; implemented so
 * in R rcompanion::epsilonSquared and effectsize's h_to_epsilon). It lies in [0, 1].
 *
 * Empty groups (after dropping NaN) are ignored and not counted in k.
 * Complexity: O(N) for integer-valued data (Likert) by counting, O(N log N) otherwise.
 * Small samples: fewer than two non-empty groups, or all values tied (C = 0, H undefined) →
 * statistic, p and epsilonSquared null.
 * Example: groups [1, 2, 3], [4, 5, 6] → H = 3.857…, df 1, p = 0.0495…, ε² = 0.771….
 */
import { chiSquareSf } from './chi-square.ts';
import { midRanks } from './internal/ranks.ts';

export interface KruskalWallisResult {
  /** N, values used */
  n: number;
  /** non-empty groups */
  groups: number;
  groupSizes: number[];
  /** mean rank of each input group (null for an empty group) */
  meanRanks: (number | null)[];
  statistic: number | null;
  df: number | null;
  p: number | null;
  epsilonSquared: number | null;
}

export function kruskalWallis(groups: readonly ArrayLike<number>[]): KruskalWallisResult {
  const sizes = groups.map((g) => {
    let m = 0;
    for (let i = 0; i < g.length; i++) if (!Number.isNaN(g[i]!)) m++;
    return m;
  });
  const N = sizes.reduce((a, b) => a + b, 0);
  const pooled = new Float64Array(N);
  let at = 0;
  for (const g of groups) for (let i = 0; i < g.length; i++) if (!Number.isNaN(g[i]!)) pooled[at++] = g[i]!;
  const { ranks, tieTerm } = midRanks(pooled);
  const rankSums = new Float64Array(groups.length);
  at = 0;
  sizes.forEach((m, g) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += ranks[at++]!;
    rankSums[g] = s;
  });
  return fromRankSums(sizes, rankSums, tieTerm, N);
}



/**
 * Kruskal–Wallis from a frequency table of an ordinal variable: `counts[g][v]` respondents of group g gave
 * the v-th value (values in ascending order). The same statistic as kruskalWallis on the raw values, in
 * O(groups × values) with nothing allocated per respondent — what the analysis uses for 1–5 ratings.
 */
export function kruskalWallisFromCounts(counts: readonly ArrayLike<number>[]): KruskalWallisResult {
  const values = counts.reduce((m, c) => Math.max(m, c.length), 0);
  const sizes = counts.map((c) => {
    let m = 0;
    for (let v = 0; v < c.length; v++) m += c[v]!;
    return m;
  });
  const N = sizes.reduce((a, b) => a + b, 0);
  const rankSums = new Float64Array(counts.length);
  let below = 0;
  let tieTerm = 0;
  for (let v = 0; v < values; v++) {
    let t = 0;
    for (const c of counts) t += c[v] ?? 0;
    const mid = below + (t + 1) / 2;
    counts.forEach((c, g) => (rankSums[g] = rankSums[g]! + (c[v] ?? 0) * mid));
    below += t;
    tieTerm += t * t * t - t;
  }
  return fromRankSums(sizes, rankSums, tieTerm, N);
}

function fromRankSums(sizes: number[], rankSums: Float64Array, tieTerm: number, N: number): KruskalWallisResult {
  const result: KruskalWallisResult = {
    n: N,
    groups: 0,
    groupSizes: sizes,
    meanRanks: sizes.map((m, g) => (m > 0 ? rankSums[g]! / m : null)),
    statistic: null,
    df: null,
    p: null,
    epsilonSquared: null,
  };
  const k = sizes.filter((m) => m > 0).length;
  result.groups = k;
  if (k < 2) return result;
  const C = 1 - tieTerm / (N * N * N - N);
  result.df = k - 1;
  if (!(C > 0)) return result;
  // H₀ in its between-groups form 12/(N(N+1)) Σ n_g (R̄_g − (N+1)/2)², algebraically equal to the
  // textbook one but without subtracting two numbers of size 3N.
  const centre = (N + 1) / 2;
  let between = 0;
  sizes.forEach((m, g) => {
    if (m > 0) {
      const d = rankSums[g]! / m - centre;
      between += m * d * d;
    }
  });
  const H = ((12 / (N * (N + 1))) * between) / C;
  result.statistic = H;
  result.p = chiSquareSf(H, k - 1);
  result.epsilonSquared = H / (N - 1);
  return result;
}
