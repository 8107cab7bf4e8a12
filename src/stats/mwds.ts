/**
 * Borich needs assessment: the mean weighted discrepancy score (MWDS) of a competence item or area, on
 * respondents (the classic score) and as a population estimate with survey weights.
 *
 * Definition (Borich 1980, J. Teacher Education 31(3):39–42; computation as in McKim & Saucier 2011,
 * J. Extension 49(2) 2TOT8, and Narine & Harder 2021): each respondent i rates the importance I_i and
 * his or her own competence level C_i of the item (e.g. 1–5). Then
 *   MWDS = (1/n) Σ_i (I_i − C_i) · Ī = D̄ · Ī,
 * the mean discrepancy weighted by the item's mean importance. Items are ranked by MWDS: the larger,
 * the greater the training need.
 * Missing answers: a respondent counts for the item when both I and C are present (pairwise complete),
 * and Ī is the mean importance over *the same* respondents, so that the discrepancies and their weight
 * describe one group of people (the alternative, Ī over everyone who rated importance, mixes groups
 * when the missingness differs between the two ratings).
 * An area: the same formula on the respondents' area scores (the mean of the area's items they rated,
 * src/analysis/scores.ts) — MWDS = mean area gap × mean area importance over the respondents with both
 * scores, so that it is exactly the product of the area's mean gap and mean importance printed beside it.
 * (Not the mean of the items' MWDS, which is no product of anything a reader sees.)
 * Weighted (population) MWDS: with survey weights w, D̄_w · Ī_w = (Σw(I − C)/Σw) · (ΣwI/Σw) over the same
 * respondents — the estimate of the population's MWDS that the weighted means beside it describe.
 *
 * Complexity: O(n) per item. Small samples: n = 0 → all means and MWDS null.
 * Worked example (by hand): I = [5, 4, 5, 3], C = [3, 4, 2, 3] → D = [2, 0, 3, 0], D̄ = 1.25,
 *   Ī = 4.25, MWDS = 5.3125.
 */
import { assertSameLength, assertWeights, invalid } from './internal/validate.ts';

export interface MwdsResult {
  /** respondents with both ratings */
  n: number;
  meanImportance: number | null;
  meanLevel: number | null;
  /** mean of I − C */
  meanDiscrepancy: number | null;
  mwds: number | null;
}

export function mwds(importance: ArrayLike<number>, level: ArrayLike<number>): MwdsResult {
  assertSameLength('mwds', { importance, level });
  let n = 0;
  let sumI = 0;
  let sumC = 0;
  for (let r = 0; r < importance.length; r++) {
    const i = importance[r]!;
    const c = level[r]!;
    if (i === Infinity || i === -Infinity || c === Infinity || c === -Infinity) {
      throw invalid('mwds', `row ${r}: ratings must be finite or NaN for missing, got I = ${i}, C = ${c}`);
    }
    if (i !== i || c !== c) continue; // NaN: missing
    n++;
    sumI += i;
    sumC += c;
  }
  if (n === 0) return { n, meanImportance: null, meanLevel: null, meanDiscrepancy: null, mwds: null };
  const meanImportance = sumI / n;
  const meanLevel = sumC / n;
  const meanDiscrepancy = (sumI - sumC) / n;
  return { n, meanImportance, meanLevel, meanDiscrepancy, mwds: meanDiscrepancy * meanImportance };
}

export interface WeightedMwdsResult extends MwdsResult {
  /** Σw over the respondents with both ratings */
  sumWeights: number;
}

/** The population estimate D̄_w · Ī_w with survey weights (finite, ≥ 0), over pairwise-complete respondents. */
export function weightedMwds(importance: ArrayLike<number>, level: ArrayLike<number>, weights: ArrayLike<number>): WeightedMwdsResult {
  assertSameLength('weightedMwds', { importance, level, weights });
  assertWeights('weightedMwds', weights);
  let n = 0;
  let sw = 0;
  let swI = 0;
  let swC = 0;
  for (let r = 0; r < importance.length; r++) {
    const i = importance[r]!;
    const c = level[r]!;
    if (i === Infinity || i === -Infinity || c === Infinity || c === -Infinity) {
      throw invalid('weightedMwds', `row ${r}: ratings must be finite or NaN for missing, got I = ${i}, C = ${c}`);
    }
    if (i !== i || c !== c) continue;
    const w = weights[r]!;
    n++;
    sw += w;
    swI += w * i;
    swC += w * c;
  }
  if (!(sw > 0)) return { n, sumWeights: sw, meanImportance: null, meanLevel: null, meanDiscrepancy: null, mwds: null };
  const meanImportance = swI / sw;
  const meanLevel = swC / sw;
  const meanDiscrepancy = (swI - swC) / sw;
  return { n, sumWeights: sw, meanImportance, meanLevel, meanDiscrepancy, mwds: meanDiscrepancy * meanImportance };
}
