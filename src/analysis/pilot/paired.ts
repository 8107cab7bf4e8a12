/**
 * The paired statistics of one pilot cell: n pairs, the means before and after, the mean change with the paired t
 * test (Cohen's d_z, 95 % CI), the same mean with a JST-clustered standard error, and the Wilcoxon signed-rank test
 * with the matched-pairs rank-biserial correlation (stats/paired-t.ts, stats/wilcoxon-signed-rank.ts).
 *
 * The clustered standard error (CR, clusters = JSTs, Taylor linearisation of a mean with clusters as PSUs, as
 * R survey's svyttest(d ~ 0, svydesign(ids = ~jst))): with G JSTs and e_g = Σ_{i∈g}(d_i − d̄),
 *   SE_CR = √( G/(G − 1) · Σ_g e_g² ) / n,   CI = d̄ ± t_{0.975; G−2} · SE_CR.
 * Officials of one JST share trainers, groups and office culture, so their changes are not independent: the
 * clustered interval is the one to read; the classic one is given for comparison with scipy.
 */
import { pairedT } from '../../stats/paired-t.ts';
import { wilcoxonSignedRank } from '../../stats/wilcoxon-signed-rank.ts';

export interface PairedStats {
  n: number;
  /** JSTs the pairs come from */
  clusters: number;
  meanBefore: number | null;
  meanAfter: number | null;
  meanChange: number | null;
  sdChange: number | null;
  t: { t: number | null; df: number | null; p: number | null; ciLow: number | null; ciHigh: number | null; dz: number | null };
  clustered: { se: number | null; df: number | null; p: number | null; ciLow: number | null; ciHigh: number | null };
  wilcoxon: { statistic: number | null; p: number | null; method: 'exact' | 'normal' | null; rankBiserial: number | null };
}

/** One pair: the value before, after, and the JST it belongs to. */
export interface Pair {
  before: number;
  after: number;
  cluster: string;
}

export function pairedStats(pairs: readonly Pair[], level = 0.95): PairedStats {
  const before = pairs.map((p) => p.before);
  const after = pairs.map((p) => p.after);
  const t = pairedT(before, after, { level, cluster: pairs.map((p) => p.cluster) });
  const w = wilcoxonSignedRank(before, after);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const c = t.clustered;
  return {
    n: t.n,
    clusters: c?.clusters ?? 0,
    meanBefore: mean(before),
    meanAfter: mean(after),
    meanChange: t.meanDifference,
    sdChange: t.sd,
    t: { t: t.t, df: t.df, p: t.p, ciLow: t.ciLow, ciHigh: t.ciHigh, dz: t.dz },
    clustered: { se: c?.se ?? null, df: c?.df ?? null, p: c?.p ?? null, ciLow: c?.ciLow ?? null, ciHigh: c?.ciHigh ?? null },
    wilcoxon: { statistic: w.statistic, p: w.p, method: w.method, rankBiserial: w.rankBiserial },
  };
}
