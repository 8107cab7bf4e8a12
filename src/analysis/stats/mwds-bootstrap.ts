/**
 * Percentile bootstrap confidence intervals for an item's MWDS and for an area's MWDS (mwds.ts).
 *
 * Method (Efron & Tibshirani 1993, "An Introduction to the Bootstrap", ch. 13): draw B resamples of
 * the respondents with replacement, recompute the statistic on each, and take the α/2 and 1 − α/2
 * quantiles of the B values (linear interpolation between order statistics, Hyndman & Fan type 7 =
 * numpy's default). The unit resampled is the respondent: for an item, the respondents with both
 * ratings; for an area, the respondents with both ratings on at least one of its items, resampled
 * *jointly* so that the dependence between items answered by the same person is kept.
 * The point estimate is the statistic on the original data; `se` is the SD of the replicates.
 *
 * How a resample is drawn (`method` in the result):
 * - 'patterns' — respondents with identical ratings are interchangeable, so Likert data are collapsed
 *   into distinct rating patterns (internal/rating-units.ts) and each resample draws multinomial
 *   pattern counts (internal/binomial.ts): the same distribution as drawing n rows, at
 *   O(#patterns) per resample. One item has at most 25 patterns on a 1–5 scale.
 * - 'rows' — draws n respondents one by one, O(n·k) per resample.
 * - 'normal' — for large samples the exact resampling of an area costs O(B·n·k) (≈ 3 s per area at
 *   n = 100,000), so `method: 'auto'` (default) switches when B × units × k exceeds 2·10⁷: every
 *   statistic here is a smooth function of the 3k per-respondent means (share answering item j,
 *   mean I − C, mean I), whose resampling distribution is multivariate normal with the sample
 *   covariance / n up to O(n^−½) (central limit theorem; Hall 1992, "The Bootstrap and Edgeworth
 *   Expansion", §2); the B replicates are drawn from that normal and pushed through the same
 *   statistic. At the sizes where it is used (thousands of respondents) it agrees with exact
 *   resampling within Monte Carlo error. Pass method 'resample' to force exact resampling.
 * All paths are deterministic for a seed (src/util/rng.ts) but use the generator differently.
 *
 * Complexity: O(n) to build the units (O(n log n) for large areas), then per resample O(#patterns·k)
 * or O(n·k), or for 'normal' O(n·k²) once and O(k²) per replicate.
 * Small samples: fewer than 2 respondents → CI and se null (the estimate is still given). A replicate
 * in which an item of an area has no respondent averages the area's remaining items.
 */
import { Rng } from '../../util/rng.ts';
import { multinomial } from './internal/binomial.ts';
import { ratingMoments, type RatingMoments } from './internal/rating-moments.ts';
import { ratingUnits, scanRatings, type RatingUnits } from './internal/rating-units.ts';
import { assertLevel, invalid } from './internal/validate.ts';
import type { CompetenceItemRatings } from './mwds.ts';
import { choleskySemidefinite } from './internal/cholesky.ts';

export interface BootstrapOptions {
  /** seed for the toolkit's Rng; the same seed gives the same interval */
  seed: number | string;
  /** number of resamples B (default 1000, Efron & Tibshirani's minimum for percentile intervals) */
  replicates?: number;
  /** confidence level (default 0.95) */
  confidence?: number;
  /** 'auto' (default): exact resampling unless too costly, then 'normal'; see the file comment */
  method?: 'auto' | 'resample' | 'normal';
}

export interface BootstrapInterval {
  /** the statistic on the original data */
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** SD of the bootstrap replicates */
  se: number | null;
  /** resampling units (respondents) */
  n: number;
  replicates: number;
  confidence: number;
  method: 'patterns' | 'rows' | 'normal';
}

/** Above this many unit-item accumulations (B × units × k) 'auto' uses the normal approximation. */
const EXACT_BUDGET = 2e7;

/** Area MWDS (mean over items with respondents of D̄·Ī) from per-item sums or means [m, ΣD, ΣI]. */
function statistic(sums: Float64Array, k: number): number | null {
  let used = 0;
  let total = 0;
  for (let j = 0; j < k; j++) {
    const m = sums[3 * j]!;
    if (m > 0) {
      used++;
      total += (sums[3 * j + 1]! / m) * (sums[3 * j + 2]! / m);
    }
  }
  return used > 0 ? total / used : null;
}

/** Σ_u weight_u · data_u into `sums`. */
function accumulate(units: RatingUnits, weights: ArrayLike<number>, sums: Float64Array): void {
  sums.fill(0);
  const width = units.k * 3;
  for (let u = 0; u < units.nUnits; u++) {
    const m = weights[u]!;
    if (m === 0) continue;
    const base = u * width;
    for (let x = 0; x < width; x++) sums[x] = sums[x]! + m * units.data[base + x]!;
  }
}

/** Replicates of the statistic from N(x̄, Σ/n) for the per-respondent vector of 3k values. */
function normalReplicates(m: RatingMoments, rng: Rng, B: number, values: Float64Array): number {
  const d = m.k * 3;
  const S = Float64Array.from(m.cov, (v) => v / m.n);
  const L = choleskySemidefinite(S, d);
  const z = new Float64Array(d);
  const draw = new Float64Array(d);
  let kept = 0;
  for (let t = 0; t < B; t++) {
    for (let x = 0; x < d; x++) z[x] = rng.normal();
    for (let a = 0; a < d; a++) {
      let s = m.mean[a]!;
      for (let b = 0; b <= a; b++) s += L[a * d + b]! * z[b]!;
      draw[a] = s;
    }
    const v = statistic(draw, m.k);
    if (v !== null) values[kept++] = v;
  }
  return kept;
}

/** Type-7 quantile of sorted values. */
function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function bootstrap(items: readonly CompetenceItemRatings[], options: BootstrapOptions): BootstrapInterval {
  const fn = 'mwdsBootstrap';
  const B = options.replicates ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const requested = options.method ?? 'auto';
  if (!Number.isInteger(B) || B < 2) throw invalid(fn, `replicates must be an integer ≥ 2, got ${B}`);
  if (!['auto', 'resample', 'normal'].includes(requested)) throw invalid(fn, `unknown method ${requested}`);
  assertLevel(fn, confidence);
  // 'auto': exact resampling when B × units × k stays within budget. The row count bounds the units,
  // so a small sample is settled before building them; otherwise only cheap pattern counting is tried
  // (always enough for one Likert item), and failing that the normal approximation is used.
  const k = items.length;
  const scan = scanRatings(fn, items);
  let units: RatingUnits | null = null;
  if (requested === 'resample' || (requested === 'auto' && B * scan.rows * k <= EXACT_BUDGET)) {
    units = ratingUnits(items, scan, true, true);
  } else if (requested === 'auto') {
    units = ratingUnits(items, scan, false, false);
    if (units && B * units.nUnits * k > EXACT_BUDGET) units = null;
  }
  const rng = new Rng(options.seed);
  const values = new Float64Array(B);
  let kept = 0;
  let out: BootstrapInterval;
  if (units) {
    // The estimate from the same sums as the replicates (equal to areaMwds(items).mwds; bit for bit
    // for integer ratings, whose sums are exact).
    const sums = new Float64Array(k * 3);
    accumulate(units, units.counts, sums);
    const estimate = statistic(sums, k);
    out = { estimate, ciLow: null, ciHigh: null, se: null, n: units.n, replicates: B, confidence, method: units.kind };
    if (units.n < 2 || estimate === null) return out;
    const draw = new Float64Array(units.nUnits);
    for (let b = 0; b < B; b++) {
      if (units.kind === 'patterns') {
        multinomial(rng, units.n, units.counts, draw);
      } else {
        draw.fill(0);
        for (let t = 0; t < units.n; t++) {
          const u = rng.int(units.n);
          draw[u] = draw[u]! + 1;
        }
      }
      accumulate(units, draw, sums);
      const v = statistic(sums, k);
      if (v !== null) values[kept++] = v;
    }
  } else {
    const moments = ratingMoments(items, scan);
    const estimate = statistic(moments.sum, k);
    out = { estimate, ciLow: null, ciHigh: null, se: null, n: moments.n, replicates: B, confidence, method: 'normal' };
    if (moments.n < 2 || estimate === null) return out;
    kept = normalReplicates(moments, rng, B, values);
  }
  if (kept < 2) return out;
  const sorted = values.subarray(0, kept).sort();
  let mean = 0;
  for (let b = 0; b < kept; b++) mean += sorted[b]!;
  mean /= kept;
  let ss = 0;
  for (let b = 0; b < kept; b++) ss += (sorted[b]! - mean) ** 2;
  const alpha = 1 - confidence;
  return { ...out, ciLow: quantileSorted(sorted, alpha / 2), ciHigh: quantileSorted(sorted, 1 - alpha / 2), se: Math.sqrt(ss / (kept - 1)) };
}

/** Bootstrap CI of one item's MWDS, resampling the respondents with both ratings. */
export function mwdsBootstrapCI(importance: ArrayLike<number>, level: ArrayLike<number>, options: BootstrapOptions): BootstrapInterval {
  return bootstrap([{ importance, level }], options);
}

/** Bootstrap CI of an area's MWDS (mean of its item MWDS), resampling respondents jointly. */
export function areaMwdsBootstrapCI(items: readonly CompetenceItemRatings[], options: BootstrapOptions): BootstrapInterval {
  if (items.length === 0) throw invalid('areaMwdsBootstrapCI', 'an area needs at least one item');
  return bootstrap(items, options);
}
