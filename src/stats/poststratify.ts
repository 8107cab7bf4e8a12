/**
 * Post-stratification: scale the weights inside each post-stratum so that they add up to the known
 * population count of that stratum.
 *
 * Definition (Holt & Smith 1979, JRSS A 142:33–46; R survey `postStratify`): for post-stratum g with
 * population total N_g and current weight sum Ŵ_g = Σ_{i∈g} d_i, the new weight is w_i = d_i N_g / Ŵ_g.
 * It is raking with a single margin, which fits in one step (a second pass confirms it: iterations 2).
 *
 * Result: the RakeResult of rake.ts — 'converged' with the weights, or 'empty_category' (weights null)
 * when a stratum with a positive population total has no respondents (collapse it with a neighbour).
 * Respondents with a missing stratum code (NaN) keep their base weight and are counted in `missing`.
 *
 * Complexity: O(n). Example: poststratify([0, 0, 1], [50, 50]) → weights [25, 25, 50].
 */
import { rake, type RakeResult } from './rake.ts';

export function poststratify(stratum: ArrayLike<number>, targets: ArrayLike<number>, baseWeights?: ArrayLike<number>): RakeResult {
  return rake([{ codes: stratum, targets }], baseWeights ? { baseWeights, maxIterations: 2 } : { maxIterations: 2 });
}
