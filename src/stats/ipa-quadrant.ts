/**
 * Importance–performance analysis (IPA): the quadrant of one competence area or item.
 *
 * Definition (Martilla & James 1977, "Importance-performance analysis", J. Marketing 41(1):77–79;
 * data-centred cross-hairs as recommended by Bacon 2003, Int. J. Market Research 45(1):55–71): plot
 * mean competence level C (performance, x) against mean importance I (y); the cross-hairs are usually
 * the grand means over all areas. The four quadrants:
 *   high I, low C  → 'concentrate_here'   (important and weak: train first)
 *   high I, high C → 'keep_up'            (important and strong: keep up the good work)
 *   low I,  low C  → 'low_priority'
 *   low I,  high C → 'possible_overkill'  (strong where it matters less)
 * Ties: a mean exactly equal to its cross-hair counts as "high" (≥), so every point has one quadrant
 * and the rule is the same on both axes.
 *
 * Complexity: O(1). A missing (null or NaN) input gives null.
 * Example: ipaQuadrant(4.5, 2.8, 4.0, 3.2) → 'concentrate_here'.
 */

export type IpaQuadrant = 'concentrate_here' | 'keep_up' | 'low_priority' | 'possible_overkill';

export function ipaQuadrant(
  meanImportance: number | null,
  meanLevel: number | null,
  crossImportance: number | null,
  crossLevel: number | null,
): IpaQuadrant | null {
  if (meanImportance === null || meanLevel === null || crossImportance === null || crossLevel === null) return null;
  if ([meanImportance, meanLevel, crossImportance, crossLevel].some((v) => Number.isNaN(v))) return null;
  const highImportance = meanImportance >= crossImportance;
  const highLevel = meanLevel >= crossLevel;
  if (highImportance) return highLevel ? 'keep_up' : 'concentrate_here';
  return highLevel ? 'possible_overkill' : 'low_priority';
}
