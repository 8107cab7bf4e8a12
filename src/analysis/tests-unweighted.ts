/**
 * The unweighted tests on respondents, kept as a sensitivity analysis (the annex compares them with the
 * design-based tests; the findings never use them): Kruskal–Wallis (ε²) and Mann–Whitney (rank-biserial
 * r) for items, Welch's t (Hedges' g) for area scores, Pearson's chi-square (Cramér's V) for choices.
 * They treat respondents as independent draws and ignore the weights: a JST's officials answering alike
 * makes their p-values too small. Each is computed for exactly the comparisons the design-based tests make
 * (tests.ts), from the frequency tables per segment × staff group, or from the rows for a series on no
 * lattice.
 */
import { chiSquareIndependence, kruskalWallis, kruskalWallisFromCounts, mannWhitney, mannWhitneyFromCounts, welchFromMoments, welchT, type Moments } from '../stats/index.ts';
import { cramersVKind, magnitude } from './effect-size.ts';
import type { TestResultT } from './results-schema.ts';

export type TestFields = Pick<TestResultT, 'statistic' | 'df' | 'p' | 'effect'> & Partial<Pick<TestResultT, 'difference' | 'note' | 'df2'>>;

/** Kruskal–Wallis from per-group frequency tables, or from per-group values. */
export function kw(tables: ArrayLike<number>[] | null, values: Float64Array[] | null): TestFields {
  const r = tables ? kruskalWallisFromCounts(tables) : kruskalWallis(values!);
  return { statistic: r.statistic, df: r.df, p: r.p, effect: { name: 'epsilon_squared', value: r.epsilonSquared, magnitude: magnitude('epsilon_squared', r.epsilonSquared) } };
}

export function mw(a: ArrayLike<number>, b: ArrayLike<number>, fromCounts: boolean): TestFields {
  const r = fromCounts ? mannWhitneyFromCounts(a, b) : mannWhitney(a, b);
  return { statistic: r.u, df: null, p: r.p, effect: { name: 'rank_biserial', value: r.rankBiserial, magnitude: magnitude('rank_biserial', r.rankBiserial) } };
}

export function welch(a: Moments | Float64Array, b: Moments | Float64Array, level: number, groups: readonly string[]): TestFields {
  const r = a instanceof Float64Array ? welchT(a, b as Float64Array, level) : welchFromMoments(a, b as Moments, level);
  return {
    statistic: r.statistic, df: r.df, p: r.p,
    effect: { name: 'hedges_g', value: r.hedgesG, magnitude: magnitude('hedges_g', r.hedgesG) },
    difference: { estimate: r.difference, ciLow: r.ciLow, ciHigh: r.ciHigh, description: `mean of ${groups[0]} − mean of ${groups[1]}` },
  };
}

export function chisq(table: number[][]): TestFields {
  const r = chiSquareIndependence(table);
  return {
    statistic: r.statistic, df: r.df, p: r.p,
    effect: { name: 'cramers_v', value: r.cramersV, magnitude: magnitude(cramersVKind(r.rows, r.columns), r.cramersV) },
    ...(r.sparse ? { note: 'more than 20 % of expected counts below 5: the chi-square approximation is rough' } : {}),
  };
}

/** n, mean and Σ(x − x̄)² of a frequency table on a lattice. */
export function momentsOfCounts(counts: Float64Array, min: number, scale: number): Moments {
  let n = 0;
  let sx = 0;
  for (let j = 0; j < counts.length; j++) {
    n += counts[j]!;
    sx += counts[j]! * (min + j / scale);
  }
  if (n === 0) return { n: 0, mean: NaN, ss: NaN };
  const mean = sx / n;
  let ss = 0;
  for (let j = 0; j < counts.length; j++) if (counts[j]! > 0) ss += counts[j]! * (min + j / scale - mean) ** 2;
  return { n, mean, ss };
}
