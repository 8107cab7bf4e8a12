/**
 * Words for effect sizes, so that reports say "small", "medium" or "large" consistently.
 *
 * Thresholds (lower bounds of small / medium / large; below small = negligible):
 * - Cramér's V (Cohen 1988, §7.2, by df* = min(rows, columns) − 1): df* 1: 0.10/0.30/0.50,
 *   2: 0.07/0.21/0.35, 3: 0.06/0.17/0.29, ≥ 4: 0.05/0.15/0.25;
 * - ε² of Kruskal–Wallis and the design-based η² of rank scores, read like η² (Cohen 1988): 0.01/0.06/0.14;
 * - rank-biserial r, on respondents or design-based (as a correlation, Cohen 1988): |r| 0.10/0.30/0.50;
 * - Hedges' g and the design-based d (Cohen 1988): |g|, |d| 0.20/0.50/0.80.
 */
export type Magnitude = 'negligible' | 'small' | 'medium' | 'large';

export const EFFECT_THRESHOLDS: Record<string, number[]> = {
  cramers_v_df1: [0.1, 0.3, 0.5],
  cramers_v_df2: [0.07, 0.21, 0.35],
  cramers_v_df3: [0.06, 0.17, 0.29],
  cramers_v_df4plus: [0.05, 0.15, 0.25],
  epsilon_squared: [0.01, 0.06, 0.14],
  rank_biserial: [0.1, 0.3, 0.5],
  hedges_g: [0.2, 0.5, 0.8],
  eta_squared: [0.01, 0.06, 0.14],
  cohens_d: [0.2, 0.5, 0.8],
};

export function magnitude(kind: keyof typeof EFFECT_THRESHOLDS | string, value: number | null): Magnitude | null {
  const t = EFFECT_THRESHOLDS[kind];
  if (value === null || !t) return null;
  const v = Math.abs(value);
  return v >= t[2]! ? 'large' : v >= t[1]! ? 'medium' : v >= t[0]! ? 'small' : 'negligible';
}

export function cramersVKind(rows: number, columns: number): string {
  const df = Math.min(rows, columns) - 1;
  return df >= 4 ? 'cramers_v_df4plus' : `cramers_v_df${Math.max(1, df)}`;
}
