/**
 * Paired t test of after − before, Cohen's d_z, and the mean change with two intervals: the classic one
 * that treats the pairs as independent, and one robust to clustering (pairs of officials of one JST are
 * alike), as R's survey package gives it.
 *
 * Definitions (Student 1908; Cohen 1988, §2.3.5): d_i = after_i − before_i over the n complete pairs,
 *   d̄ = mean, s = SD (n − 1), SE = s/√n, t = d̄/SE with n − 1 df (scipy.stats.ttest_rel),
 *   CI = d̄ ± t_{1−α/2; n−1}·SE, d_z = d̄/s.
 * Clustered (Taylor linearisation of the mean with clusters as PSUs, one stratum, equal weights — R:
 * svyttest(d ~ 0, svydesign(ids = ~cluster, data = …))): with G clusters and e_g = Σ_{i∈g}(d_i − d̄),
 *   SE_c² = G/(G − 1) · Σ_g e_g² / n²,  t_c = d̄/SE_c on G − 2 df, CI_c = d̄ ± t_{1−α/2; G−2}·SE_c.
 * The df follow svyttest's one-sample rule, degf(design) − 1 = (G − 1) − 1, so the figures are R's own.
 * With one observation per cluster the SE is the classic one (G = n).
 *
 * Small samples (policy in index.ts): n < 2 → SD, t, p, CI null (d̄ is reported from n = 1); s = 0 →
 * d_z and t null; fewer than 2 clusters → the clustered SE null, fewer than 3 → its t, p and CI null.
 * Example (scipy.stats.ttest_rel): before [3, 2, 4, 3, 2], after [4, 3, 4, 5, 3] → d̄ = 1, s = 0.7071,
 * t = 3.1623, p = 0.03411, d_z = 1.4142.
 */
import { DiagError } from '../errors.ts';
import { tQuantile, tTwoSidedP } from './student-t.ts';

export interface PairedTResult {
  n: number;
  meanDifference: number | null;
  sd: number | null;
  se: number | null;
  t: number | null;
  df: number | null;
  p: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Cohen's d_z = d̄/s */
  dz: number | null;
  /** the same mean with a cluster-robust SE; null without clusters */
  clustered: { clusters: number; se: number | null; t: number | null; df: number | null; p: number | null; ciLow: number | null; ciHigh: number | null } | null;
}

/**
 * `cluster`: the cluster (e.g. JST) of each pair, or omitted. Pairs with a missing value are skipped,
 * cluster and all.
 */
export function pairedT(before: ArrayLike<number>, after: ArrayLike<number>, options: { level?: number; cluster?: ArrayLike<string | number> } = {}): PairedTResult {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new DiagError('INPUT_INVALID', `pairedT: confidence level must be in (0, 1), got ${level}`);
  if (before.length !== after.length || (options.cluster && options.cluster.length !== before.length)) {
    throw new DiagError('INPUT_INVALID', 'pairedT: before, after and cluster must have the same length');
  }
  const d: number[] = [];
  const g: (string | number)[] = [];
  for (let i = 0; i < before.length; i++) {
    const x = before[i]!;
    const y = after[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new DiagError('INPUT_INVALID', 'pairedT: values must be finite numbers or NaN');
    d.push(y - x);
    if (options.cluster) g.push(options.cluster[i]!);
  }
  const n = d.length;
  const out: PairedTResult = { n, meanDifference: null, sd: null, se: null, t: null, df: null, p: null, ciLow: null, ciHigh: null, dz: null, clustered: null };
  if (n === 0) return out;
  let sum = 0;
  for (const x of d) sum += x;
  const mean = sum / n;
  out.meanDifference = mean;
  if (options.cluster) out.clustered = clusteredMean(d, g, mean, level);
  if (n < 2) return out;
  let ss = 0;
  for (const x of d) ss += (x - mean) * (x - mean);
  const sd = Math.sqrt(ss / (n - 1));
  const se = sd / Math.sqrt(n);
  const q = tQuantile(1 - (1 - level) / 2, n - 1);
  Object.assign(out, { sd, se, df: n - 1, ciLow: mean - q * se, ciHigh: mean + q * se });
  if (sd > 0) {
    out.t = mean / se;
    out.p = tTwoSidedP(out.t, n - 1);
    out.dz = mean / sd;
  }
  return out;
}

function clusteredMean(d: number[], g: (string | number)[], mean: number, level: number): NonNullable<PairedTResult['clustered']> {
  const e = new Map<string | number, number>();
  d.forEach((x, i) => e.set(g[i]!, (e.get(g[i]!) ?? 0) + (x - mean)));
  const G = e.size;
  const n = d.length;
  if (G < 2) return { clusters: G, se: null, t: null, df: null, p: null, ciLow: null, ciHigh: null };
  let s2 = 0;
  for (const v of e.values()) s2 += v * v;
  const se = Math.sqrt((G / (G - 1)) * s2) / n;
  const df = G - 2;
  if (df < 1) return { clusters: G, se, t: null, df: null, p: null, ciLow: null, ciHigh: null };
  const q = tQuantile(1 - (1 - level) / 2, df);
  const t = se > 0 ? mean / se : null;
  return { clusters: G, se, t, df, p: t === null ? null : tTwoSidedP(t, df), ciLow: mean - q * se, ciHigh: mean + q * se };
}
