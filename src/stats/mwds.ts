/**
 * Borich needs assessment: the mean weighted discrepancy score (MWDS) of one competence item, and the
 * area score built from several items.
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
 * Area score: the unweighted mean of the item MWDS of the area's items (each item computed on its own
 * pairwise-complete respondents; items with no such respondent are skipped). Every item weighs the
 * same, as in the item-level ranking, however many people answered it.
 *
 * Complexity: O(n) per item. Small samples: n = 0 → all means and MWDS null.
 * Worked example (by hand): I = [5, 4, 5, 3], C = [3, 4, 2, 3] → D = [2, 0, 3, 0], D̄ = 1.25,
 *   Ī = 4.25, MWDS = 5.3125.
 */
import { assertSameLength, invalid } from './internal/validate.ts';

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

export interface CompetenceItemRatings {
  importance: ArrayLike<number>;
  level: ArrayLike<number>;
}

export interface AreaMwdsResult {
  items: MwdsResult[];
  /** items with a defined MWDS */
  itemsUsed: number;
  /** mean of the defined item MWDS */
  mwds: number | null;
}

export function areaMwds(items: readonly CompetenceItemRatings[]): AreaMwdsResult {
  const results = items.map((it) => mwds(it.importance, it.level));
  let used = 0;
  let sum = 0;
  for (const r of results) {
    if (r.mwds !== null) {
      used++;
      sum += r.mwds;
    }
  }
  return { items: results, itemsUsed: used, mwds: used > 0 ? sum / used : null };
}
