/**
 * Small dense linear algebra for the design-based tests (matrices of a few dozen rows at most):
 * row-major Float64Arrays, Gaussian elimination with partial pivoting. A pivot below 1e-12 × the largest
 * absolute entry of its column's start means a singular matrix: the solve returns null (the tests then
 * report no statistic, where R's solve() would stop with an error).
 */

/** A⁻¹B for A (m × m) and B (m × k); null when A is singular. */
export function solve(A: Float64Array, B: Float64Array, m: number, k: number): Float64Array | null {
  const a = Float64Array.from(A);
  const b = Float64Array.from(B);
  let scale = 0;
  for (let i = 0; i < m * m; i++) scale = Math.max(scale, Math.abs(a[i]!));
  if (!(scale > 0)) return null;
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r * m + col]!) > Math.abs(a[pivot * m + col]!)) pivot = r;
    if (!(Math.abs(a[pivot * m + col]!) > 1e-12 * scale)) return null;
    if (pivot !== col) {
      for (let x = 0; x < m; x++) [a[col * m + x], a[pivot * m + x]] = [a[pivot * m + x]!, a[col * m + x]!];
      for (let x = 0; x < k; x++) [b[col * k + x], b[pivot * k + x]] = [b[pivot * k + x]!, b[col * k + x]!];
    }
    const p = a[col * m + col]!;
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = a[r * m + col]! / p;
      if (f === 0) continue;
      for (let x = col; x < m; x++) a[r * m + x]! -= f * a[col * m + x]!;
      for (let x = 0; x < k; x++) b[r * k + x]! -= f * b[col * k + x]!;
    }
  }
  for (let r = 0; r < m; r++) {
    const p = a[r * m + r]!;
    for (let x = 0; x < k; x++) b[r * k + x]! /= p;
  }
  return b;
}

/** A B for A (m × n) and B (n × k). */
export function multiply(A: Float64Array, B: Float64Array, m: number, n: number, k: number): Float64Array {
  const out = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const aij = A[i * n + j]!;
      if (aij === 0) continue;
      for (let x = 0; x < k; x++) out[i * k + x]! += aij * B[j * k + x]!;
    }
  }
  return out;
}

/** Aᵀ (m × n → n × m). */
export function transpose(A: Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = A[i * n + j]!;
  return out;
}
