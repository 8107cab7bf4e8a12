/**
 * Design-based t test of the difference between the means of two domains, as R survey's
 * `svyttest(y ~ I(g == A), subset(design, g %in% c(A, B)))` — the coefficient of a binary regressor in
 * `svyglm`, whose sandwich variance is the linearisation variance of the difference (Lumley 2010,
 * "Complex Surveys", §3.4 and §5.2; survey package R/svyttest.R, R/svyglm.R).
 *
 * Estimator: D = ȳ_A − ȳ_B, weighted means over the rows of each domain with y present.
 * Variance: the PSU totals of the linearised scores of D are Z_c = Z_Ac − Z_Bc with
 * Z_gc = Σ_{i∈c, g} w_i (y_i − ȳ_g)/Ŵ_g, and v(D) = Σ_h n_h/(n_h − 1) Σ_c (Z_c − Z̄_h)² over every PSU of
 * the design (internal/svy-domains.ts: PSUs outside the comparison count with Z = 0; lonely PSUs "adjust").
 * t = D/√v; df = design df of the rows used − 1 (R: degf(design) + 1 − 2 coefficients);
 * p = P(|T_df| ≥ |t|); CI = D ± t_{df, 1−α/2} √v (R's confint.svyglm, Wald with the residual df).
 *
 * Effect size: d = D / √((S²_A + S²_B)/2) with S²_g the design-based population variance of the domain
 * (R `svyvar`: Σw(y − ȳ)²/Σw · n/(n − 1), n = the domain's rows with y present), the average of the two
 * variances as the standardiser (the test pools none; Cohen's d_av). Positive when A has the larger mean.
 *
 * Small or degenerate data (policy in index.ts): an empty domain → only the other mean; y constant
 * within each domain (zero standard error, known from the data rather than from sums that leave rounding
 * residues) or no design degrees of freedom (df < 1: e.g. both domains in
 * one PSU each of one stratum) → t, p and CI null. R returns t = ±Inf or NaN there from rounding residues.
 *
 * Complexity: O(n + #PSU). Reference values: test/fixtures/stats/make_svytests.R (R survey 4.x), to 1e-9.
 */
import { assertLevel, finiteOrNull, invalid } from './internal/validate.ts';
import { domainScores, psuCovariance, scratchBuffer, type DesignShape, type DomainEntries } from './internal/svy-domains.ts';
import type { SurveyDesign } from './svy-design.ts';
import { tQuantile, tTwoSidedP } from './student-t.ts';

export interface SvyTTestResult {
  /** rows with y present in A and in B */
  n1: number;
  n2: number;
  /** weighted means of A and B */
  mean1: number | null;
  mean2: number | null;
  /** mean1 − mean2 */
  difference: number | null;
  se: number | null;
  statistic: number | null;
  df: number | null;
  p: number | null;
  level: number;
  ciLow: number | null;
  ciHigh: number | null;
  /** design-based population variances S² of A and B (R svyvar) */
  var1: number | null;
  var2: number | null;
  cohensD: number | null;
  /** design degrees of freedom of the rows used (R degf): PSUs − strata */
  degf: number;
}

/** The sums a t test needs, per domain 0 (A) and 1 (B): entries per PSU, n, Σw(y − centre)². */
export interface TTestTotals {
  entries: DomainEntries;
  centre: number;
  n: readonly [number, number];
  /** Σ w (y − centre)² per domain */
  ss: readonly [number, number];
  /**
   * whether every value of each domain is the same (known exactly from the data, where the sums would
   * leave rounding residues): both constant → zero variance, no test
   */
  constant?: readonly [boolean, boolean];
}

/**
 * `group[i]` = 0 for domain A, 1 for B, anything else (NaN) for rows outside the comparison; y NaN =
 * missing.
 */
export function svyTTest(y: ArrayLike<number>, group: ArrayLike<number>, design: SurveyDesign, level = 0.95): SvyTTestResult {
  const fn = 'svyTTest';
  if (y.length !== design.n || group.length !== design.n) throw invalid(fn, `y, group and the design must have the same rows (${y.length}, ${group.length}, ${design.n})`);
  assertLevel(fn, level);
  let centre = NaN;
  let m = 0;
  for (let i = 0; i < design.n; i++) if ((group[i] === 0 || group[i] === 1) && y[i] === y[i]) m++;
  const e: DomainEntries = { length: 0, psu: new Int32Array(m), domain: new Int32Array(m), w: new Float64Array(m), a: new Float64Array(m) };
  const n: [number, number] = [0, 0];
  const ss: [number, number] = [0, 0];
  const first = [NaN, NaN];
  const constant: [boolean, boolean] = [true, true];
  for (let i = 0; i < design.n; i++) {
    const g = group[i];
    const v = y[i]!;
    if ((g !== 0 && g !== 1) || v !== v) continue;
    if (!Number.isFinite(v)) throw invalid(fn, `y[${i}] = ${v}; values must be finite or NaN for missing`);
    if (centre !== centre) centre = v;
    const w = design.weights[i]!;
    const k = e.length++;
    e.psu[k] = design.psu[i]!;
    e.domain[k] = g;
    e.w[k] = w;
    e.a[k] = w * (v - centre);
    if (w > 0) n[g]++;
    ss[g] += w * (v - centre) * (v - centre);
    if (first[g] !== first[g]) first[g] = v;
    else if (v !== first[g]) constant[g] = false;
  }
  return svyTTestFromTotals({ entries: e, centre: centre === centre ? centre : 0, n, ss, constant }, design, level);
}

export function svyTTestFromTotals(t: TTestTotals, design: DesignShape, level = 0.95): SvyTTestResult {
  const s = domainScores(t.entries, 2, design, scratchBuffer(design, 0, 2 * design.nPsu));
  const degf = s.psus - s.strata;
  const mean = (g: number) => (s.sw[g]! > 0 ? t.centre + s.delta[g]! : null);
  const variance = (g: number): number | null => {
    const nobs = t.n[g]!;
    if (!(s.sw[g]! > 0) || nobs < 2) return null;
    const swd2 = Math.max(0, t.ss[g]! - s.sw[g]! * s.delta[g]! * s.delta[g]!);
    return (swd2 / s.sw[g]!) * (nobs / (nobs - 1));
  };
  const mean1 = mean(0);
  const mean2 = mean(1);
  const flat = t.constant ?? [false, false];
  const var1 = flat[0] && t.n[0] >= 2 ? 0 : variance(0);
  const var2 = flat[1] && t.n[1] >= 2 ? 0 : variance(1);
  const out: SvyTTestResult = {
    n1: t.n[0], n2: t.n[1], mean1, mean2, difference: null, se: null, statistic: null, df: null, p: null, level,
    ciLow: null, ciHigh: null, var1, var2, cohensD: null, degf,
  };
  if (mean1 === null || mean2 === null) return out;
  // The difference from the centred sums: exactly 0 when y is constant over both domains.
  const difference = s.delta[0]! - s.delta[1]!;
  out.difference = difference;
  if (var1 !== null && var2 !== null && var1 + var2 > 0) out.cohensD = finiteOrNull(difference / Math.sqrt((var1 + var2) / 2));
  const z = scratchBuffer(design, 1, design.nPsu);
  for (let c = 0; c < design.nPsu; c++) z[c] = s.z[2 * c]! - s.z[2 * c + 1]!;
  const se = flat[0] && flat[1] ? 0 : Math.sqrt(psuCovariance(z, 1, design)[0]!);
  out.se = se;
  const df = degf - 1;
  if (!(se > 0) || df < 1) return out;
  const stat = difference / se;
  out.statistic = stat;
  out.df = df;
  out.p = finiteOrNull(tTwoSidedP(stat, df));
  const q = tQuantile(1 - (1 - level) / 2, df);
  out.ciLow = difference - q * se;
  out.ciHigh = difference + q * se;
  return out;
}
