/**
 * Design-based weighted mean under a stratified cluster design, reproducing R survey's
 * `svymean(~y, svydesign(ids = ~cluster, strata = ~stratum, weights = ~w), na.rm = TRUE, deff = TRUE)`
 * with `confint()` (Lumley 2004, J. Stat. Software 9(8); survey package R/survey.R, R/multistage.R).
 *
 * Estimator: ȳ_w = Σ w_i y_i / Σ w_i over the rows where y is present.
 * Variance by Taylor linearisation with with-replacement PSU sampling (Wolter 2007, "Introduction to
 * Variance Estimation", §6.11): linearised scores z_i = w_i (y_i − ȳ_w) / Σw, PSU totals Z_hc,
 *   v(ȳ_w) = Σ_h n_h/(n_h − 1) Σ_c (Z_hc − Z̄_h)²,
 * n_h = PSUs of stratum h in the whole design (a PSU without an observed y has Z = 0; see
 * svy-design.ts — R does the same, so missing values give domain estimates).
 *
 * Lonely PSUs (a stratum with n_h = 1, where the formula has 0/0): we implement R's
 * `options(survey.lonely.psu = "adjust")` — the lonely PSU's total is centred at the grand mean of the
 * PSU totals instead of its stratum mean and enters with factor 1, i.e. it contributes
 * (Z_hc − Σ_all Z / #PSU)². For a mean the scores sum to zero, so this is Z_hc². R's default "fail"
 * would stop the analysis; "adjust" is the conservative choice (it adds between-stratum variation).
 *
 * 95 % CI: ȳ_w ± z_{0.975}·se with the *normal* quantile, as R's `confint.svystat` (df = Inf). The
 * design degrees of freedom (#PSU − #strata, over rows with y present and w > 0, as R's `degf`) are
 * returned for callers who prefer a t interval.
 *
 * Design effects (R `svymean(..., deff = TRUE)` source): with nobs = rows with y present and w > 0,
 * and the weighted population variance estimate S² = Σw(y − ȳ_w)²/Σw · nobs/(nobs − 1) (R `svyvar`):
 *   deff        = v / [S²/nobs · (1 − nobs/Σw)]   — R's default deff = TRUE, which compares with
 *                 simple random sampling *without* replacement from a population of size N̂ = Σw
 *                 (null when Σw ≤ nobs, where R returns NA/Inf: weights not scaled to the population);
 *   deffReplace = v / (S²/nobs)                    — R's deff = "replace", SRS with replacement.
 * Kish's nEff and weighting deff (kish.ts) are returned for the same rows.
 *
 * Proportions: the mean of a 0/1 indicator is the proportion, and svymean of a factor in R is exactly
 * this per level; `svyProportions` does that for a coded categorical variable.
 *
 * Complexity: O(n + #PSU) time (two passes over the rows) and O(#PSU + #strata) memory per call;
 * the design is prepared once.
 * Small samples: no present row (or Σw = 0) → all null; fewer than 2 present rows with w > 0 or fewer
 * than 2 PSUs holding such rows → se, CI and deff null (R would report a meaningless 0).
 *
 * Hand check (y = [1, 2, 3, 4], w = [1, 1, 2, 2], cluster = [1, 1, 2, 3], stratum = [a, a, a, b]):
 *   ȳ = (1 + 2 + 6 + 8)/6 = 17/6; z = w(y − 17/6)/6 = [−11/36, −5/36, 2/36, 14/36];
 *   stratum a: Z = [−16/36, 2/36], Z̄ = −7/36, 2/(2−1)·((−9/36)² + (9/36)²) = 324/1296 = 0.25;
 *   stratum b (lonely): Z = 14/36, contributes (14/36)² = 196/1296; v = 520/1296, se = 0.63343….
 */
import { assertCodes, assertLevel, finiteOrNull, invalid } from './internal/validate.ts';
import { normalQuantile } from './normal.ts';
import type { SurveyDesign } from './svy-design.ts';

export interface SvyMeanResult {
  /** rows with y present */
  n: number;
  /** Σw over those rows */
  sumWeights: number;
  mean: number | null;
  se: number | null;
  level: number;
  /** normal-quantile interval, as R's confint(svymean(...)) */
  ciLow: number | null;
  ciHigh: number | null;
  /** design degrees of freedom, #PSU − #strata over rows with y present and w > 0 (R degf) */
  df: number | null;
  /** PSUs holding a row with y present and w > 0 */
  psus: number | null;
  /** design effect against SRS without replacement from N̂ = Σw (R deff = TRUE) */
  deff: number | null;
  /** design effect against SRS with replacement (R deff = "replace") */
  deffReplace: number | null;
  /** Kish effective sample size of the weights of the rows used */
  nEff: number | null;
  /** strata with a single PSU, whose variance used the "adjust" rule */
  lonelyStrata: number;
}

/** Scratch buffers reused across calls on the same design (PSU totals, stratum sums, flags). */
const scratch = new WeakMap<SurveyDesign, { psuTotal: Float64Array; psuWeight: Float64Array; stratumSum: Float64Array; psuSeen: Uint8Array; stratumSeen: Uint8Array }>();

function buffers(design: SurveyDesign) {
  let b = scratch.get(design);
  if (!b) {
    b = {
      psuTotal: new Float64Array(design.nPsu),
      psuWeight: new Float64Array(design.nPsu),
      stratumSum: new Float64Array(design.nStrata),
      psuSeen: new Uint8Array(design.nPsu),
      stratumSeen: new Uint8Array(design.nStrata),
    };
    scratch.set(design, b);
  }
  return b;
}

/**
 * `rows` (optional) restricts the estimate to a domain given by its row indices: the result equals
 * svyMean of y set to NaN outside the domain (R's domain estimation, as with `subset()` on a design),
 * at a cost of O(|rows| + #PSU) instead of O(n).
 */
export function svyMean(y: ArrayLike<number>, design: SurveyDesign, level = 0.95, rows?: ArrayLike<number>): SvyMeanResult {
  const fn = 'svyMean';
  if (y.length !== design.n) throw invalid(fn, `y has length ${y.length} but the design has ${design.n} rows`);
  assertLevel(fn, level);
  const w = design.weights;
  const m = rows ? rows.length : design.n;
  let n = 0;
  let nobs = 0;
  let sw = 0;
  let sw2 = 0;
  let swy = 0;
  for (let k = 0; k < m; k++) {
    const i = rows ? rows[k]! : k;
    const v = y[i]!;
    if (v !== v) continue; // NaN: missing
    if (v === Infinity || v === -Infinity) throw invalid(fn, `y[${i}] = ${v}; values must be finite or NaN for missing`);
    const wi = w[i]!;
    n++;
    if (wi > 0) nobs++;
    sw += wi;
    sw2 += wi * wi;
    swy += wi * v;
  }
  const result: SvyMeanResult = {
    n, sumWeights: sw, mean: null, se: null, level, ciLow: null, ciHigh: null,
    df: null, psus: null, deff: null, deffReplace: null, nEff: null, lonelyStrata: design.lonelyStrata,
  };
  if (n === 0 || !(sw > 0)) return result;

  // One more pass, about the provisional mean m₀: per PSU A_c = Σ w(y − m₀) and W_c = Σ w, and
  // Σ w(y − m₀)². With δ = ΣA/Σw the exact mean is m₀ + δ (a second-pass correction), the PSU totals
  // of the scores z = w(y − ȳ)/Σw are (A_c − δ W_c)/Σw, and Σw(y − ȳ)² = Σw(y − m₀)² − Σw δ².
  const m0 = swy / sw;
  const { psuTotal, psuWeight, stratumSum, psuSeen, stratumSeen } = buffers(design);
  psuTotal.fill(0);
  psuWeight.fill(0);
  stratumSum.fill(0);
  psuSeen.fill(0);
  stratumSeen.fill(0);
  let sumA = 0;
  let swd2 = 0;
  for (let k = 0; k < m; k++) {
    const i = rows ? rows[k]! : k;
    const v = y[i]!;
    if (v !== v) continue;
    const wi = w[i]!;
    const a = wi * (v - m0);
    sumA += a;
    swd2 += a * (v - m0);
    const p = design.psu[i]!;
    psuTotal[p] = psuTotal[p]! + a;
    psuWeight[p] = psuWeight[p]! + wi;
    if (wi > 0) psuSeen[p] = 1;
  }
  const delta = sumA / sw;
  const mean = m0 + delta;
  swd2 = Math.max(0, swd2 - sw * delta * delta);
  for (let p = 0; p < design.nPsu; p++) psuTotal[p] = (psuTotal[p]! - delta * psuWeight[p]!) / sw;
  result.mean = mean;
  result.nEff = (sw * sw) / sw2;

  // Design df over PSUs and strata that hold a present row with positive weight.
  let psuWithData = 0;
  let strataWithData = 0;
  let grandTotal = 0;
  for (let p = 0; p < design.nPsu; p++) {
    const s = design.psuStratum[p]!;
    stratumSum[s] = stratumSum[s]! + psuTotal[p]!;
    grandTotal += psuTotal[p]!;
    if (psuSeen[p]) {
      psuWithData++;
      if (!stratumSeen[s]) {
        stratumSeen[s] = 1;
        strataWithData++;
      }
    }
  }
  result.df = psuWithData - strataWithData;
  result.psus = psuWithData;
  // One PSU with data leaves no between-PSU variation to measure (R would report 0).
  if (nobs < 2 || psuWithData < 2) return result;

  // v = Σ_h n_h/(n_h−1) Σ_c (Z_hc − Z̄_h)²; lonely PSU: (Z − grand mean of PSU totals)² ("adjust").
  const centre = grandTotal / design.nPsu;
  let variance = 0;
  for (let p = 0; p < design.nPsu; p++) {
    const s = design.psuStratum[p]!;
    const nh = design.psuPerStratum[s]!;
    if (nh > 1) {
      const d = psuTotal[p]! - stratumSum[s]! / nh;
      variance += (nh / (nh - 1)) * d * d;
    } else {
      const d = psuTotal[p]! - centre;
      variance += d * d;
    }
  }
  const se = Math.sqrt(variance);
  const z = normalQuantile(1 - (1 - level) / 2);
  result.se = se;
  result.ciLow = mean - z * se;
  result.ciHigh = mean + z * se;
  // R svyvar: S² = Σw(y−ȳ)²/Σw · nobs/(nobs−1); then the two SRS reference variances.
  const s2 = (swd2 / sw) * (nobs / (nobs - 1));
  if (s2 > 0) {
    result.deffReplace = finiteOrNull(variance / (s2 / nobs));
    if (sw > nobs) result.deff = finiteOrNull(variance / ((s2 * (sw - nobs)) / (sw * nobs)));
  }
  return result;
}

/**
 * Design-based proportions of a coded categorical variable (codes 0 … k−1, NaN = missing): for each
 * category the svyMean of its 0/1 indicator, which is what R's svymean(~factor(x)) reports.
 * O(k·n).
 */
export function svyProportions(codes: ArrayLike<number>, k: number, design: SurveyDesign, level = 0.95): SvyMeanResult[] {
  const fn = 'svyProportions';
  if (codes.length !== design.n) throw invalid(fn, `codes has length ${codes.length} but the design has ${design.n} rows`);
  assertCodes(fn, codes, k);
  const indicator = new Float64Array(design.n);
  const out: SvyMeanResult[] = [];
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < design.n; i++) {
      const v = codes[i]!;
      indicator[i] = Number.isNaN(v) ? Number.NaN : v === c ? 1 : 0;
    }
    out.push(svyMean(indicator, design, level));
  }
  return out;
}
