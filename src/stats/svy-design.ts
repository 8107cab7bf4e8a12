/**
 * A stratified cluster sampling design, prepared once and reused by every design-based estimate
 * (svy-mean.ts): the analogue of R survey's `svydesign(ids = ~cluster, strata = ~stratum,
 * weights = ~w)` for one stage, with-replacement PSU sampling and no finite population correction.
 *
 * Preparation maps cluster and stratum labels to dense integer codes, checks that every cluster lies
 * in one stratum (R: check.strata), and counts the PSUs of each stratum *in the whole design*. That
 * count is what R's `as.fpc` stores as `sampsize`, and it is kept when a variable has missing values:
 * a PSU with no observed value still counts, with a zero total, exactly as R pads it in `onestrat`.
 * This makes estimates on an item with missing answers domain estimates, as in R
 * (`svymean(..., na.rm = TRUE)`; Lumley 2010, "Complex Surveys", §2.3.2 and §3.4 on domains).
 *
 * Complexity: O(n) with one hash lookup per row for the labels.
 * Example: svyDesign({ weights: [1, 1, 2, 2], cluster: [1, 1, 2, 3], stratum: ['a', 'a', 'a', 'b'] })
 *   → 3 PSUs, 2 strata, psuPerStratum [2, 1], lonelyStrata 1 (stratum b has a single PSU).
 */
import { assertSameLength, assertWeights, invalid } from './internal/validate.ts';

export type Label = number | string;

export interface SurveyDesignSpec {
  /** sampling weights (inverse inclusion probabilities or calibrated weights), finite and ≥ 0 */
  weights: ArrayLike<number>;
  /** primary sampling unit of each row; omitted = every row is its own PSU */
  cluster?: ArrayLike<Label> | null;
  /** stratum of each row; omitted = one stratum */
  stratum?: ArrayLike<Label> | null;
  /**
   * true = cluster labels are only unique within a stratum (R `nest = TRUE`); false (default) = a
   * cluster label found in two strata is an error, as in R.
   */
  nest?: boolean;
}

export interface SurveyDesign {
  /** number of rows */
  readonly n: number;
  readonly weights: Float64Array;
  /** PSU index (0 … nPsu−1) of each row */
  readonly psu: Int32Array;
  /** stratum index of each PSU */
  readonly psuStratum: Int32Array;
  readonly nPsu: number;
  readonly nStrata: number;
  /** PSUs in each stratum in the full design (R's `fpc$sampsize`) */
  readonly psuPerStratum: Int32Array;
  /** strata with exactly one PSU (variance by the "adjust" rule; see svy-mean.ts) */
  readonly lonelyStrata: number;
}

function isMissingLabel(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/** Dense codes 0 … k−1 in order of first appearance. */
function encode(fn: string, name: string, labels: ArrayLike<Label>): { codes: Int32Array; count: number } {
  const codes = new Int32Array(labels.length);
  const seen = new Map<Label, number>();
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (isMissingLabel(v)) throw invalid(fn, `${name}[${i}] is missing; every row needs a ${name} label`);
    let c = seen.get(v);
    if (c === undefined) {
      c = seen.size;
      seen.set(v, c);
    }
    codes[i] = c;
  }
  return { codes, count: seen.size };
}

export function svyDesign(spec: SurveyDesignSpec): SurveyDesign {
  const fn = 'svyDesign';
  const vectors: Record<string, ArrayLike<unknown>> = { weights: spec.weights };
  if (spec.cluster) vectors.cluster = spec.cluster;
  if (spec.stratum) vectors.stratum = spec.stratum;
  const n = assertSameLength(fn, vectors);
  assertWeights(fn, spec.weights);
  const weights = Float64Array.from(spec.weights);
  const strata = spec.stratum ? encode(fn, 'stratum', spec.stratum) : { codes: new Int32Array(n), count: n > 0 ? 1 : 0 };

  // PSU codes; with nest, a PSU is the pair (stratum, cluster).
  let psu: Int32Array;
  let nPsu: number;
  if (!spec.cluster) {
    psu = new Int32Array(n);
    for (let i = 0; i < n; i++) psu[i] = i;
    nPsu = n;
  } else {
    const clusters = encode(fn, 'cluster', spec.cluster);
    if (spec.nest) {
      const pairs = new Float64Array(n);
      for (let i = 0; i < n; i++) pairs[i] = strata.codes[i]! * clusters.count + clusters.codes[i]!;
      const nested = encode(fn, 'cluster', pairs);
      psu = nested.codes;
      nPsu = nested.count;
    } else {
      psu = clusters.codes;
      nPsu = clusters.count;
    }
  }

  const psuStratum = new Int32Array(nPsu).fill(-1);
  for (let i = 0; i < n; i++) {
    const p = psu[i]!;
    const s = strata.codes[i]!;
    if (psuStratum[p] === -1) psuStratum[p] = s;
    else if (psuStratum[p] !== s) {
      throw invalid(fn, `cluster of row ${i} also appears in another stratum; clusters must be nested in strata (or pass nest: true)`);
    }
  }
  const psuPerStratum = new Int32Array(strata.count);
  for (let p = 0; p < nPsu; p++) {
    const s = psuStratum[p]!;
    psuPerStratum[s] = psuPerStratum[s]! + 1;
  }
  let lonelyStrata = 0;
  for (let s = 0; s < strata.count; s++) if (psuPerStratum[s] === 1) lonelyStrata++;
  return { n, weights, psu, psuStratum, nPsu, nStrata: strata.count, psuPerStratum, lonelyStrata };
}
