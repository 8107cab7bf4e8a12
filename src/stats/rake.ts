/**
 * Raking: iterative proportional fitting (IPF) of weights to known marginal totals.
 *
 * Definition (Deming & Stephan 1940, Ann. Math. Stat. 11:427–444; R survey `rake`): starting from
 * base weights d_i, cycle through the margins; for margin m and its category c multiply the weight of
 * every respondent in c by T_mc / Σ_{i∈c} w_i, so that margin matches its targets exactly. Repeat
 * until, during a whole cycle, every adjustment factor is within `tolerance` of 1 (then every margin
 * is within that relative distance of its targets). The fixed point minimises the Kullback–Leibler
 * distance Σ w log(w/d) subject to the margins (Ireland & Kullback 1968).
 *
 * Result statuses:
 * - 'converged'      — weights meet every target within the tolerance;
 * - 'not_converged'  — maxIterations cycles were not enough (typically target totals that disagree
 *                      between margins, or a sparse cross-classification); the last weights are
 *                      returned with the achieved maxRelativeError so the caller can decide;
 * - 'empty_category' — a category with a positive target has no respondents (or only zero weights),
 *                      so no weights can meet it; weights are null and `emptyCategories` lists them so
 *                      the caller can collapse categories.
 * Missing values: a respondent whose code on a margin is NaN is left out of that margin (not
 * adjusted by it, not counted in it) but is raked on the other margins; `missing` counts them.
 * Codes outside 0 … k−1, negative or non-finite targets, and bad weights are programmer errors.
 *
 * Complexity: O(iterations · margins · n) time, O(n) memory for the weights.
 * Example: rake([{ codes: [0, 0, 1], targets: [50, 50] }]) → weights [25, 25, 50], status 'converged',
 * iterations 2 (the first cycle fits, the second finds every factor equal to 1).
 */
import { assertCodes, assertSameLength, assertWeights, invalid } from './internal/validate.ts';

export interface RakeMargin {
  /** category code of each respondent, 0 … targets.length−1, NaN = missing */
  codes: ArrayLike<number>;
  /** population total of each category */
  targets: ArrayLike<number>;
}

export interface RakeOptions {
  /** starting weights (default 1 each) */
  baseWeights?: ArrayLike<number>;
  /** largest accepted |factor − 1| in a cycle (default 1e-10) */
  tolerance?: number;
  /** cycles through all margins (default 100) */
  maxIterations?: number;
}

export interface EmptyCategory {
  margin: number;
  category: number;
  target: number;
}

export interface RakeResult {
  status: 'converged' | 'not_converged' | 'empty_category';
  weights: Float64Array | null;
  /** full cycles performed */
  iterations: number;
  /** max over margins and categories of |weighted total − target| / target (absolute if target 0) */
  maxRelativeError: number | null;
  emptyCategories: EmptyCategory[];
  /** respondents with a missing code, per margin */
  missing: number[];
  /** target grand totals per margin; IPF can only converge if they agree */
  targetTotals: number[];
}

/** Weighted totals of each category of one margin. */
function marginTotals(codes: ArrayLike<number>, w: Float64Array, totals: Float64Array): void {
  totals.fill(0);
  for (let i = 0; i < w.length; i++) {
    const c = codes[i]!;
    if (!Number.isNaN(c)) totals[c] = totals[c]! + w[i]!;
  }
}

function maxRelativeError(margins: readonly RakeMargin[], w: Float64Array, totals: Float64Array[]): number {
  let worst = 0;
  margins.forEach((m, j) => {
    const t = totals[j]!;
    marginTotals(m.codes, w, t);
    for (let c = 0; c < m.targets.length; c++) {
      const target = m.targets[c]!;
      const err = target > 0 ? Math.abs(t[c]! - target) / target : Math.abs(t[c]!);
      if (err > worst) worst = err;
    }
  });
  return worst;
}

export function rake(margins: readonly RakeMargin[], options: RakeOptions = {}): RakeResult {
  const fn = 'rake';
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 100;
  if (!(tolerance > 0)) throw invalid(fn, `tolerance must be positive, got ${tolerance}`);
  if (!(maxIterations >= 1)) throw invalid(fn, `maxIterations must be at least 1, got ${maxIterations}`);
  if (margins.length === 0) throw invalid(fn, 'at least one margin is needed');
  const vectors: Record<string, ArrayLike<number>> = {};
  margins.forEach((m, j) => (vectors[`margins[${j}].codes`] = m.codes));
  if (options.baseWeights) vectors.baseWeights = options.baseWeights;
  const n = assertSameLength(fn, vectors);
  if (options.baseWeights) assertWeights(fn, options.baseWeights, 'baseWeights');

  const missing: number[] = [];
  const targetTotals: number[] = [];
  margins.forEach((m, j) => {
    let sum = 0;
    for (let c = 0; c < m.targets.length; c++) {
      const t = m.targets[c]!;
      if (!Number.isFinite(t) || t < 0) throw invalid(fn, `margins[${j}].targets[${c}] = ${t}; targets must be finite and ≥ 0`);
      sum += t;
    }
    targetTotals.push(sum);
    missing.push(n - assertCodes(fn, m.codes, m.targets.length, `margins[${j}].codes`));
  });

  const w = options.baseWeights ? Float64Array.from(options.baseWeights) : new Float64Array(n).fill(1);
  const totals = margins.map((m) => new Float64Array(m.targets.length));
  // A positive target with no weight to scale can never be met.
  const emptyCategories: EmptyCategory[] = [];
  margins.forEach((m, j) => {
    marginTotals(m.codes, w, totals[j]!);
    for (let c = 0; c < m.targets.length; c++) {
      if (m.targets[c]! > 0 && !(totals[j]![c]! > 0)) emptyCategories.push({ margin: j, category: c, target: m.targets[c]! });
    }
  });
  if (emptyCategories.length > 0) {
    return { status: 'empty_category', weights: null, iterations: 0, maxRelativeError: null, emptyCategories, missing, targetTotals };
  }

  const factors = margins.map((m) => new Float64Array(m.targets.length));
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    let worst = 0;
    margins.forEach((m, j) => {
      const t = totals[j]!;
      const f = factors[j]!;
      marginTotals(m.codes, w, t);
      for (let c = 0; c < f.length; c++) {
        // 0/0 (target 0, nobody left) leaves weights alone; target 0 with weight zeroes them.
        f[c] = t[c]! > 0 ? m.targets[c]! / t[c]! : 1;
        const dev = Math.abs(f[c]! - 1);
        if (dev > worst) worst = dev;
      }
      for (let i = 0; i < n; i++) {
        const c = m.codes[i]!;
        if (!Number.isNaN(c)) w[i] = w[i]! * f[c]!;
      }
    });
    converged = worst <= tolerance;
  }
  const err = maxRelativeError(margins, w, totals);
  return {
    status: converged ? 'converged' : 'not_converged',
    weights: w,
    iterations,
    maxRelativeError: err,
    emptyCategories,
    missing,
    targetTotals,
  };
}
