/**
 * Lower-triangular L with L Lᵀ = S for a positive *semi*-definite S (d × d, row-major); a pivot
 * below 1e-12 × the largest diagonal is a direction without variance (e.g. an item nobody skipped)
 * and gets a zero column.
 */
export function choleskySemidefinite(S: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  let maxDiag = 0;
  for (let i = 0; i < d; i++) maxDiag = Math.max(maxDiag, S[i * d + i]!);
  const tiny = 1e-12 * maxDiag;
  for (let j = 0; j < d; j++) {
    let diag = S[j * d + j]!;
    for (let p = 0; p < j; p++) diag -= L[j * d + p]! ** 2;
    if (diag <= tiny) continue;
    const ljj = Math.sqrt(diag);
    L[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let s = S[i * d + j]!;
      for (let p = 0; p < j; p++) s -= L[i * d + p]! * L[j * d + p]!;
      L[i * d + j] = s / ljj;
    }
  }
  return L;
}

