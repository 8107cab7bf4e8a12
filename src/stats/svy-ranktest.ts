/**
 * Design-based rank tests for an ordinal variable between domains, as R survey's `svyranktest`
 * (Wilcoxon scores; Lumley & Scott 2013, "Two-sample rank tests under complex sampling", Biometrika
 * 100(4):831–842; survey package R/svyranktest.R).
 *
 * Rank scores: the respondents compared (those with y present in the domains) are ordered by y; the
 * estimated population rank of a value is the mean, over its tied respondents taken in data order, of
 * the cumulative weight up to each minus half its own weight — R's `ave(cumsum(w) − w/2, y)`. With
 * equal weights within a value that is the weighted mid-rank Ŵ(< v) + Ŵ(= v)/2; with unequal weights R's
 * rule depends on the data order, and this reproduces it: for a value with m tied respondents of
 * weights w_1 … w_m (data order) the rank is Ŵ(< v) + ((m + ½) Ŵ(= v) − Σ_l l·w_l)/m. The score is the
 * rank divided by N̂ = Σw (a population ridit in (0, 1)).
 *
 * Two domains: the difference of the domains' weighted mean scores (first − second) with the linearised
 * variance of a difference of domain means (svy-ttest.ts; R: the coefficient of lm(score ~ g) with its
 * influence functions totalled by svytotal), t = estimate/se, df = design df − 1. The estimate is
 * θ − ½ with θ = P(Y_A > Y_B) + ½P(Y_A = Y_B) between the two domains' population distributions (exactly
 * so with weighted mid-ranks), so 2 × estimate is the design-based rank-biserial correlation.
 * k ≥ 3 domains: the Wald statistic X² = β̂ᵀV̂⁻¹β̂ of the k − 1 differences of mean scores from the first
 * domain, F = X²/(k − 1) on (k − 1, design df − (k − 1)) degrees of freedom (R multiranktest; it prints
 * X² as `parameter`). Effect size: the weighted η² of the scores, Σ_g Ŵ_g (r̄_g − r̄)² / Σ_i w_i (r_i − r̄)²,
 * the design-based analogue of ε² of Kruskal–Wallis. With two non-empty domains among k the two-sample
 * test is made, as in R.
 *
 * Small or degenerate data: fewer than two non-empty domains → no test; all values tied, or each domain
 * of a single value (zero variance of every domain), or design df too small → statistic and p null (R
 * returns rounding residues).
 * Complexity: O(n log n) for the order, O(n + #PSU · k²) after. Reference values:
 * test/fixtures/stats/make_svytests.R (R survey 4.x), to 1e-9.
 */
import { finiteOrNull, invalid } from './internal/validate.ts';
import { domainScores, psuCovariance, scratchBuffer, type DesignShape, type DomainEntries } from './internal/svy-domains.ts';
import { solve } from './internal/linalg.ts';
import { fSf } from './f-dist.ts';
import type { SurveyDesign } from './svy-design.ts';
import { tTwoSidedP } from './student-t.ts';

export interface SvyRankTestResult {
  /** non-empty domains compared */
  groups: number;
  /** rows with y present per domain code */
  n: number[];
  /** weighted mean score per domain code (null when empty) */
  meanScore: (number | null)[];
  /** two domains: mean score of the first non-empty domain − the second */
  estimate: number | null;
  /** two domains: 2 × estimate */
  rankBiserial: number | null;
  se: number | null;
  /** two domains: t; k domains: F = X²/(k − 1) */
  statistic: number | null;
  /** k domains: the Wald X² */
  chisq: number | null;
  /** t df, or the numerator df of F */
  df: number | null;
  /** the denominator df of F (k domains) */
  df2: number | null;
  p: number | null;
  /** weighted η² of the scores (between-domain share of their weighted sum of squares) */
  etaSquared: number | null;
  degf: number;
}

/**
 * The sums a rank test needs: entries (PSU, domain, value index, Σw) over the rows compared, and per
 * value index (values ascending) the number of tied rows m_v and R's tie sum Σ_l l·w_l (l = position in
 * data order among the tied rows of all the domains compared).
 */
export interface RankTotals {
  values: number;
  length: number;
  psu: Int32Array;
  domain: Int32Array;
  value: Int32Array;
  w: Float64Array;
  /** rows per value */
  m: Float64Array;
  /** Σ_l l·w_l per value */
  tie: Float64Array;
}

/** `group[i]` = domain code 0 … k−1, NaN (or anything else) outside the comparison; y NaN = missing. */
export function svyRankTest(y: ArrayLike<number>, group: ArrayLike<number>, k: number, design: SurveyDesign): SvyRankTestResult {
  const fn = 'svyRankTest';
  if (y.length !== design.n || group.length !== design.n) throw invalid(fn, `y, group and the design must have the same rows (${y.length}, ${group.length}, ${design.n})`);
  const rows: number[] = [];
  for (let i = 0; i < design.n; i++) {
    const g = group[i]!;
    if (Number.isInteger(g) && g >= 0 && g < k && y[i] === y[i]) rows.push(i);
  }
  const distinct = [...new Set(rows.map((i) => y[i]!))].sort((a, b) => a - b);
  const index = new Map(distinct.map((v, j) => [v, j]));
  const t: RankTotals = {
    values: distinct.length, length: rows.length,
    psu: new Int32Array(rows.length), domain: new Int32Array(rows.length), value: new Int32Array(rows.length), w: new Float64Array(rows.length),
    m: new Float64Array(distinct.length), tie: new Float64Array(distinct.length),
  };
  rows.forEach((i, r) => {
    const v = index.get(y[i]!)!;
    const w = design.weights[i]!;
    t.psu[r] = design.psu[i]!;
    t.domain[r] = group[i]!;
    t.value[r] = v;
    t.w[r] = w;
    t.m[v]! += 1;
    t.tie[v]! += t.m[v]! * w;
  });
  return svyRankTestFromTotals(t, k, design);
}

/** The rank score of each value index: (Ŵ(< v) + ((m + ½)Ŵ(= v) − Σ l·w_l)/m)/N̂ (R's tie rule, see above). */
export function rankScores(wPerValue: Float64Array, m: Float64Array, tie: Float64Array): Float64Array {
  let N = 0;
  for (let v = 0; v < wPerValue.length; v++) N += wPerValue[v]!;
  const s = new Float64Array(wPerValue.length);
  let below = 0;
  for (let v = 0; v < wPerValue.length; v++) {
    const mv = m[v]!;
    s[v] = mv > 0 ? (below + ((mv + 0.5) * wPerValue[v]! - tie[v]!) / mv) / N : NaN;
    below += wPerValue[v]!;
  }
  return s;
}

/**
 * The rank test once each value's score is known: per value Σw, rows and score; entries per PSU and domain
 * of Σw and Σw·(score − ref) (ref: a score of the data, so that a constant comparison gives exact zeros);
 * rows per domain; and whether every domain holds a single value.
 */
export interface RankScoreTotals {
  values: number;
  wv: Float64Array;
  m: Float64Array;
  score: Float64Array;
  ref: number;
  entries: DomainEntries;
  n: number[];
  singleValued: boolean;
}

export function svyRankTestFromTotals(t: RankTotals, k: number, design: DesignShape): SvyRankTestResult {
  const V = t.values;
  const wv = new Float64Array(V);
  const n = new Array<number>(k).fill(0);
  for (let r = 0; r < t.length; r++) {
    wv[t.value[r]!]! += t.w[r]!;
    if (t.w[r]! > 0) n[t.domain[r]!]!++;
  }
  const score = rankScores(wv, t.m, t.tie);
  // Entries centred at the score of the lowest value present: exact zeros when every value is tied.
  let ref = NaN;
  for (let v = 0; v < V && ref !== ref; v++) if (t.m[v]! > 0) ref = score[v]!;
  const e: DomainEntries = { length: t.length, psu: t.psu, domain: t.domain, w: t.w, a: new Float64Array(t.length) };
  for (let r = 0; r < t.length; r++) e.a[r] = t.w[r]! * (score[t.value[r]!]! - ref);
  // Every domain with a single value (all tied, or perfectly separated domains): the linearised variance
  // is exactly zero, which sums would leave as rounding residues.
  const only = new Int32Array(k).fill(-1);
  let varies = false;
  for (let r = 0; r < t.length && !varies; r++) {
    if (!(t.w[r]! > 0)) continue;
    const g = t.domain[r]!;
    if (only[g] === -1) only[g] = t.value[r]!;
    else if (only[g] !== t.value[r]) varies = true;
  }
  return svyRankTestFromScores({ values: V, wv, m: t.m, score, ref, entries: e, n, singleValued: !varies }, k, design);
}

export function svyRankTestFromScores(t: RankScoreTotals, k: number, design: DesignShape): SvyRankTestResult {
  const { values: V, wv, score, ref, n } = t;
  const e = t.entries;
  const s = domainScores(e, k, design, scratchBuffer(design, 0, k * design.nPsu));
  const degf = s.psus - s.strata;
  const present = Array.from({ length: k }, (_, g) => g).filter((g) => s.sw[g]! > 0);
  const out: SvyRankTestResult = {
    groups: present.length, n,
    meanScore: Array.from({ length: k }, (_, g) => (s.sw[g]! > 0 ? ref + s.delta[g]! : null)),
    estimate: null, rankBiserial: null, se: null, statistic: null, chisq: null, df: null, df2: null, p: null, etaSquared: null, degf,
  };
  if (present.length < 2) return out;
  let occupied = 0;
  for (let v = 0; v < V; v++) if (t.m[v]! > 0) occupied++;
  if (t.singleValued) occupied = Math.min(occupied, 1);
  const contrasts = present.slice(1).map((g) => ({ g, base: present[0]! }));
  const q = contrasts.length;
  const z = scratchBuffer(design, 1, design.nPsu * q);
  for (let c = 0; c < design.nPsu; c++) {
    const zb = s.z[c * k + present[0]!]!;
    for (let j = 0; j < q; j++) z[c * q + j] = s.z[c * k + present[j + 1]!]! - zb;
  }
  const beta = contrasts.map(({ g, base }) => s.delta[g]! - s.delta[base]!);
  const cov = psuCovariance(z, q, design);
  // η² of the scores: between-domain over total weighted sum of squares (about the overall mean score).
  let N = 0;
  let mean = 0;
  for (let v = 0; v < V; v++) {
    N += wv[v]!;
    if (t.m[v]! > 0) mean += wv[v]! * score[v]!;
  }
  mean /= N;
  let total = 0;
  for (let v = 0; v < V; v++) if (t.m[v]! > 0) total += wv[v]! * (score[v]! - mean) ** 2;
  let between = 0;
  for (const g of present) between += s.sw[g]! * (ref + s.delta[g]! - mean) ** 2;
  if (total > 0) out.etaSquared = finiteOrNull(between / total);
  if (q === 1) {
    // Two domains: first − second (R's svyranktest(y ~ I(g == A)) gives A − B).
    const estimate = 0 - beta[0]!;
    out.estimate = estimate;
    out.rankBiserial = 2 * estimate;
    const se = Math.sqrt(cov[0]!);
    out.se = se;
    const df = degf - 1;
    if (occupied < 2 || !(se > 0) || df < 1) return out;
    out.statistic = estimate / se;
    out.df = df;
    out.p = finiteOrNull(tTwoSidedP(estimate / se, df));
    return out;
  }
  const ddf = degf - q;
  if (occupied < 2 || ddf < 1) return out;
  const sol = solve(cov, Float64Array.from(beta), q, 1);
  if (!sol) return out;
  let chisq = 0;
  for (let j = 0; j < q; j++) chisq += beta[j]! * sol[j]!;
  if (!(chisq >= 0) || !Number.isFinite(chisq)) return out;
  out.chisq = chisq;
  out.statistic = chisq / q;
  out.df = q;
  out.df2 = ddf;
  out.p = finiteOrNull(fSf(chisq / q, q, ddf));
  return out;
}
