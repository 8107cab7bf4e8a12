/**
 * Checks for programmer errors, shared by the statistics. Data problems (missing values, small or
 * degenerate samples) never throw; they give `null` quantities (see ../index.ts). Only inputs that
 * break a function's contract — vectors of different lengths, non-finite or negative weights,
 * codes outside their declared range — throw DiagError('INPUT_INVALID').
 */
import { DiagError } from '../../errors.ts';

export function invalid(fn: string, message: string): DiagError {
  return new DiagError('INPUT_INVALID', `${fn}: ${message}`);
}

/** All vectors must have the length of the first. */
export function assertSameLength(fn: string, vectors: Record<string, ArrayLike<unknown>>): number {
  let n = -1;
  let first = '';
  for (const [name, v] of Object.entries(vectors)) {
    if (n < 0) {
      n = v.length;
      first = name;
    } else if (v.length !== n) {
      throw invalid(fn, `${name} has length ${v.length} but ${first} has length ${n}`);
    }
  }
  return Math.max(n, 0);
}

/** Weights must be finite and non-negative. */
export function assertWeights(fn: string, w: ArrayLike<number>, name = 'weights'): void {
  for (let i = 0; i < w.length; i++) {
    const v = w[i]!;
    if (!Number.isFinite(v) || v < 0) {
      throw invalid(fn, `${name}[${i}] = ${v}; weights must be finite and non-negative`);
    }
  }
}

/**
 * Data values must be finite numbers or NaN (missing). ±Infinity is not a survey answer: the dataset
 * layer must encode missing values as NaN, so an infinity is a programmer error. O(n).
 */
export function assertFiniteOrMissing(fn: string, x: ArrayLike<number>, name = 'x'): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v === Infinity || v === -Infinity) throw invalid(fn, `${name}[${i}] = ${v}; values must be finite or NaN for missing`);
  }
}

/** A confidence level strictly between 0 and 1. */
export function assertLevel(fn: string, level: number): void {
  if (!(level > 0 && level < 1)) throw invalid(fn, `confidence level ${level} is not in (0, 1)`);
}

/**
 * Category codes must be integers 0 … k−1 or NaN (missing). Returns the number of non-missing codes.
 */
export function assertCodes(fn: string, codes: ArrayLike<number>, k: number, name = 'codes'): number {
  let present = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (Number.isNaN(c)) continue;
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw invalid(fn, `${name}[${i}] = ${c}; expected an integer code 0…${k - 1} or NaN for missing`);
    }
    present++;
  }
  return present;
}

/** A finite number or null, so that no NaN or Infinity escapes into a result. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
