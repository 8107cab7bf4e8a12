/**
 * Holm–Bonferroni adjusted p-values (Holm 1979, Scand. J. Statist. 6:65–70), in the input order.
 *
 * Definition: sort the m p-values ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎; the adjusted value of the i-th is
 *   p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎),
 * the running maximum keeping the adjusted values monotone. Rejecting when p̃ ≤ α controls the
 * family-wise error rate at α under any dependence, and is uniformly more powerful than Bonferroni.
 * Same as R p.adjust(p, "holm") and statsmodels multipletests(method='holm').
 *
 * Missing p-values (NaN or null) are not part of the family: they do not count in m and come back as
 * null. A value outside [0, 1] is a programmer error.
 * Complexity: O(m log m). Example: holm([0.01, 0.04, 0.03]) → [0.03, 0.06, 0.06].
 */
import { invalid } from './internal/validate.ts';

export function holm(pValues: ArrayLike<number | null>): (number | null)[] {
  const order: number[] = [];
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (p === null || p === undefined || Number.isNaN(p)) continue;
    if (!(p >= 0 && p <= 1)) throw invalid('holm', `pValues[${i}] = ${p} is not a probability`);
    order.push(i);
  }
  order.sort((i, j) => (pValues[i] as number) - (pValues[j] as number) || i - j);
  const m = order.length;
  const adjusted: (number | null)[] = new Array<number | null>(pValues.length).fill(null);
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[idx] as number)));
    adjusted[idx] = running;
  });
  return adjusted;
}
