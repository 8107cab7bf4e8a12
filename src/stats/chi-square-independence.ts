/**
 * Pearson's chi-square test of independence for an r × c contingency table, with Cramér's V.
 *
 * Definitions (Pearson 1900; Agresti 2013, "Categorical Data Analysis", §3.2): with row totals R_i,
 * column totals C_j and grand total N, expected counts E_ij = R_i C_j / N,
 *   X² = Σ (O_ij − E_ij)² / E_ij,  df = (r − 1)(c − 1),  p = P(χ²_df > X²),
 *   Cramér's V = √(X² / (N (min(r, c) − 1)))  (Cramér 1946, §21.9), between 0 and 1.
 * No continuity correction is applied (scipy's chi2_contingency applies Yates' correction to 2 × 2
 * tables by default; our fixtures use correction=False). Rows or columns with a zero total carry no
 * information and would give 0/0; they are dropped before r, c and df are counted (their expected
 * counts are reported as 0).
 * Cochran's rule (Cochran 1954, Biometrics 10:417–451): the χ² approximation is doubtful when more
 * than 20 % of expected counts are below 5 or any is below 1; `sparse` flags the first condition and
 * `minExpected` lets the caller check the second.
 *
 * Complexity: O(r·c). Small samples: fewer than two non-empty rows or columns → statistic, df, p and
 * V null.
 * Example: [[10, 20], [30, 40]] → X² = 0.7937…, df 1, p = 0.3729…, V = 0.0891….
 */
import { chiSquareSf } from './chi-square.ts';
import { assertCodes, assertSameLength, invalid } from './internal/validate.ts';

export interface ChiSquareIndependenceResult {
  /** grand total N */
  n: number;
  statistic: number | null;
  df: number | null;
  p: number | null;
  cramersV: number | null;
  /** E_ij for the full table (0 in empty rows/columns) */
  expected: number[][];
  /** non-empty rows and columns used */
  rows: number;
  columns: number;
  minExpected: number | null;
  /** share of the used cells with E < 5 */
  fractionExpectedBelow5: number | null;
  /** true when more than 20 % of the used cells have E < 5 (Cochran's rule) */
  sparse: boolean;
}

export function chiSquareIndependence(table: readonly ArrayLike<number>[]): ChiSquareIndependenceResult {
  const fn = 'chiSquareIndependence';
  const r = table.length;
  const c = r > 0 ? table[0]!.length : 0;
  const rowTotal = new Float64Array(r);
  const colTotal = new Float64Array(c);
  let total = 0;
  for (let i = 0; i < r; i++) {
    const row = table[i]!;
    if (row.length !== c) throw invalid(fn, `row ${i} has ${row.length} cells but row 0 has ${c}`);
    for (let j = 0; j < c; j++) {
      const o = row[j]!;
      if (!Number.isFinite(o) || o < 0) throw invalid(fn, `table[${i}][${j}] = ${o}; counts must be finite and ≥ 0`);
      rowTotal[i] = rowTotal[i]! + o;
      colTotal[j] = colTotal[j]! + o;
      total += o;
    }
  }
  const expected = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => (total > 0 ? (rowTotal[i]! * colTotal[j]!) / total : 0)));
  const rows = rowTotal.reduce((k, t) => k + (t > 0 ? 1 : 0), 0);
  const columns = colTotal.reduce((k, t) => k + (t > 0 ? 1 : 0), 0);
  const base: ChiSquareIndependenceResult = {
    n: total, statistic: null, df: null, p: null, cramersV: null, expected, rows, columns,
    minExpected: null, fractionExpectedBelow5: null, sparse: false,
  };
  if (rows < 2 || columns < 2) return base;
  let x2 = 0;
  let minE = Infinity;
  let below5 = 0;
  for (let i = 0; i < r; i++) {
    if (!(rowTotal[i]! > 0)) continue;
    for (let j = 0; j < c; j++) {
      if (!(colTotal[j]! > 0)) continue;
      const e = expected[i]![j]!;
      const d = table[i]![j]! - e;
      x2 += (d * d) / e;
      if (e < minE) minE = e;
      if (e < 5) below5++;
    }
  }
  const df = (rows - 1) * (columns - 1);
  const fraction = below5 / (rows * columns);
  return {
    ...base,
    statistic: x2,
    df,
    p: chiSquareSf(x2, df),
    cramersV: Math.sqrt(x2 / (total * (Math.min(rows, columns) - 1))),
    minExpected: minE,
    fractionExpectedBelow5: fraction,
    sparse: fraction > 0.2,
  };
}

/**
 * The contingency table of two coded variables (codes 0 … k−1, NaN = missing), counting the rows
 * where both are present. O(n + ka·kb).
 */
export function crossTab(a: ArrayLike<number>, b: ArrayLike<number>, ka: number, kb: number): number[][] {
  const fn = 'crossTab';
  assertSameLength(fn, { a, b });
  assertCodes(fn, a, ka, 'a');
  assertCodes(fn, b, kb, 'b');
  const table = Array.from({ length: ka }, () => new Array<number>(kb).fill(0));
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    const row = table[x]!;
    row[y] = row[y]! + 1;
  }
  return table;
}
