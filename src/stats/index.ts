/**
 * The pure statistics layer of the analysis engine: one statistic per file, no I/O, no state.
 *
 * POLICY FOR SMALL, DEGENERATE AND MISSING DATA (every function here follows it)
 *
 * 1. Small samples never throw. A function returns its result object with `n` (the number of values
 *    it actually used) and `null` for every quantity that is undefined at that n: a mean at n = 0; an
 *    SD, standard error or confidence interval at n < 2; a test statistic and p-value with fewer than
 *    two non-empty groups; a statistic whose denominator is zero (zero variance, all values tied, a
 *    table with one non-empty row). Zero variance that leaves a quantity defined is not an error (the
 *    SD is 0, a CI collapses to a point).
 * 2. Programmer errors throw DiagError('INPUT_INVALID') (src/errors.ts): vectors of different lengths,
 *    non-finite or negative weights, category codes outside 0 … k−1, a confidence level outside (0, 1),
 *    negative counts or targets, p-values outside [0, 1], ±Infinity as a data value in the
 *    moment-based statistics (describe, svyMean, welchT, cronbachAlpha, mwds; rank
 *    tests rank infinities like any other value).
 * 3. Missing values are NaN in numeric inputs and are skipped — pairwise where two vectors are
 *    involved (MWDS uses the respondents with both ratings) and listwise where a function says so
 *    (Cronbach's alpha). Design-based estimates treat missing values as R's survey package does with
 *    na.rm = TRUE: as a domain, keeping every PSU of the design in the variance (svy-mean.ts).
 * 4. No result contains NaN or ±Infinity: such a value is reported as null. (The low-level
 *    distribution functions — normalCdf, tQuantile, … — are plain math functions: NaN for invalid
 *    arguments, ±Infinity for the quantile at 0 or 1.)
 * 5. Inputs are ArrayLike<number>, so Float64Array columns pass without copying; work is O(n) or
 *    O(n log n) with no per-element allocation.
 *
 * Confidence levels default to 0.95. Two-sided tests throughout. (The MWDS cluster bootstrap lives
 * with the analysis, in src/analysis/bootstrap.ts; it is seeded, so results are reproducible.)
 *
 * Not implemented: the Ranked Discrepancy Model of Narine & Harder (2021) — only the article's abstract
 * could be consulted, not its definition, so it is left out rather than guessed.
 */
export { normalCdf, normalSf, normalPdf, normalQuantile } from './normal.ts';
export { tCdf, tSf, tPdf, tQuantile, tTwoSidedP } from './student-t.ts';
export { chiSquareCdf, chiSquareSf } from './chi-square.ts';
export { fSf } from './f-dist.ts';
export { lnGamma, gammaP, gammaQ } from './special/gamma.ts';
export { lnBeta, betaInc } from './special/beta.ts';

export { describe, type Description } from './describe.ts';
export { kish, type KishResult } from './kish.ts';
export { svyDesign, type SurveyDesign, type SurveyDesignSpec, type Label } from './svy-design.ts';
export { svyMean, svyProportions, type SvyMeanResult } from './svy-mean.ts';
export { svyTTest, svyTTestFromTotals, type SvyTTestResult, type TTestTotals } from './svy-ttest.ts';
export { svyRankTest, svyRankTestFromTotals, svyRankTestFromScores, rankScores, type SvyRankTestResult, type RankTotals, type RankScoreTotals } from './svy-ranktest.ts';
export { svyChisq, svyChisqFromTotals, type SvyChisqResult, type ChisqTotals } from './svy-chisq.ts';
export { psuCovariance, domainScores, type DesignShape, type DomainEntries, type DomainScores } from './internal/svy-domains.ts';
export { rake, type RakeMargin, type RakeOptions, type RakeResult, type EmptyCategory } from './rake.ts';
export { poststratify } from './poststratify.ts';
export { wilsonInterval, categoryProportions, checkboxProportions, type ProportionEstimate } from './proportions.ts';
export { chiSquareIndependence, crossTab, type ChiSquareIndependenceResult } from './chi-square-independence.ts';
export { kruskalWallis, kruskalWallisFromCounts, type KruskalWallisResult } from './kruskal-wallis.ts';
export { mannWhitney, mannWhitneyFromCounts, type MannWhitneyResult } from './mann-whitney.ts';
export { welchT, welchFromMoments, moments, type Moments, type WelchTResult } from './welch-t.ts';
export { holm } from './holm.ts';
export { alphaFromCovariance, cronbachAlpha, type CronbachAlphaResult, type CronbachItem } from './cronbach-alpha.ts';
export { mwds, weightedMwds, type MwdsResult, type WeightedMwdsResult } from './mwds.ts';
export { ipaQuadrant, type IpaQuadrant } from './ipa-quadrant.ts';
export { wilcoxonSignedRank, wilcoxonOfDifferences, type WilcoxonSignedRankResult } from './wilcoxon-signed-rank.ts';
export { pairedT, type PairedTResult } from './paired-t.ts';
export { protectCells, protectStep, exposedCells, type AdditiveGrid, type SuppressionProblem, type SuppressionResult } from './cell-suppression.ts';
