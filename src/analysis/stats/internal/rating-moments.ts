/**
 * Mean vector and covariance matrix of the per-respondent vector x = (p_j, p_j(I_j − C_j), p_j I_j)
 * for the k items of an area (p_j = 1 when item j has both ratings), over the respondents with at
 * least one complete pair. Used by the normal approximation of the bootstrap (../mwds-bootstrap.ts).
 *
 * Divisor n (the covariance of the empirical distribution, which is what resampling reproduces):
 *   x̄ = Σx/n,  Σ = Σ x xᵀ / n − x̄ x̄ᵀ.
 * For integer ratings every x_j is a function of the item's cell (I_j, C_j), so the second moments
 * come from cell-count tables: one k-way pass builds each item's cell codes, one pass per pair of
 * items (j, l) counts the joint cells, and Σ_r x_a x_b = Σ_{c,c'} T_jl(c, c') v_a(c) v_b(c'). That is
 * O(n k²) cheap increments instead of O(n (3k)²) multiply-adds; other data take the direct route.
 * (Rows with no complete pair have x = 0 and add nothing to the raw sums; only n excludes them.)
 */
import type { RatingItem, RatingScan } from './rating-units.ts';

export interface RatingMoments {
  /** respondents with at least one complete pair */
  n: number;
  k: number;
  /** per item j: [Σp, Σp(I − C), Σp·I] at 3j … 3j+2 */
  sum: Float64Array;
  mean: Float64Array;
  /** d × d row-major, d = 3k */
  cov: Float64Array;
}

/** Largest per-item code count for the table route (tables of up to 1024² cells per pair). */
const MAX_CODES = 1024;

export function ratingMoments(items: readonly RatingItem[], scan: RatingScan): RatingMoments {
  const k = items.length;
  const d = 3 * k;
  const { rows, keep, n } = scan;
  let integral = scan.integral;
  const loI = new Float64Array(k), hiI = new Float64Array(k), loC = new Float64Array(k), hiC = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    loI[j] = scan.lo[2 * j]!;
    hiI[j] = scan.hi[2 * j]!;
    loC[j] = scan.lo[2 * j + 1]!;
    hiC[j] = scan.hi[2 * j + 1]!;
  }
  const raw = new Float64Array(d * d);
  const sum = new Float64Array(d);
  const codeCount = new Int32Array(k);
  for (let j = 0; j < k; j++) {
    codeCount[j] = Number.isFinite(loI[j]!) ? (hiI[j]! - loI[j]! + 1) * (hiC[j]! - loC[j]! + 1) + 1 : 1;
    if (codeCount[j]! > MAX_CODES) integral = false;
  }

  if (integral) {
    // cell code per row and item (0 = incomplete pair) and the value table v(code) = [p, I − C, I]
    const codes = items.map((it, j) => {
      const out = new Int32Array(rows);
      const W = hiC[j]! - loC[j]! + 1, a = loI[j]!, c0 = loC[j]!;
      for (let r = 0; r < rows; r++) {
        const i = it.importance[r]!;
        const c = it.level[r]!;
        if (i === i && c === c) out[r] = 1 + (i - a) * W + (c - c0);
      }
      return out;
    });
    const values = items.map((_, j) => {
      const v = new Float64Array(codeCount[j]! * 3);
      const W = hiC[j]! - loC[j]! + 1;
      for (let code = 1; code < codeCount[j]!; code++) {
        const i = loI[j]! + Math.floor((code - 1) / W);
        const c = loC[j]! + ((code - 1) % W);
        v[3 * code] = 1;
        v[3 * code + 1] = i - c;
        v[3 * code + 2] = i;
      }
      return v;
    });
    for (let j = 0; j < k; j++) {
      for (let l = j; l < k; l++) {
        const Rl = codeCount[l]!;
        const table = new Float64Array(codeCount[j]! * Rl);
        const cj = codes[j]!, cl = codes[l]!;
        for (let r = 0; r < rows; r++) table[cj[r]! * Rl + cl[r]!]! += 1;
        const vj = values[j]!, vl = values[l]!;
        for (let c = 1; c < codeCount[j]!; c++) {
          for (let c2 = 1; c2 < Rl; c2++) {
            const t = table[c * Rl + c2]!;
            if (t === 0) continue;
            for (let a = 0; a < 3; a++) {
              for (let b = 0; b < 3; b++) raw[(3 * j + a) * d + 3 * l + b]! += t * vj[3 * c + a]! * vl[3 * c2 + b]!;
            }
            if (l === j && c === c2) for (let a = 0; a < 3; a++) sum[3 * j + a]! += t * vj[3 * c + a]!;
          }
        }
      }
    }
    // mirror the upper blocks
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) raw[a * d + b] = raw[b * d + a]!;
  } else {
    const x = new Float64Array(d);
    for (let r = 0; r < rows; r++) {
      if (!keep[r]) continue;
      for (let j = 0; j < k; j++) {
        const i = items[j]!.importance[r]!;
        const c = items[j]!.level[r]!;
        const ok = i === i && c === c;
        x[3 * j] = ok ? 1 : 0;
        x[3 * j + 1] = ok ? i - c : 0;
        x[3 * j + 2] = ok ? i : 0;
      }
      for (let a = 0; a < d; a++) {
        sum[a]! += x[a]!;
        for (let b = 0; b <= a; b++) raw[a * d + b]! += x[a]! * x[b]!;
      }
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) raw[b * d + a] = raw[a * d + b]!;
  }

  const mean = new Float64Array(d);
  const cov = new Float64Array(d * d);
  if (n > 0) {
    for (let a = 0; a < d; a++) mean[a] = sum[a]! / n;
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] = raw[a * d + b]! / n - mean[a]! * mean[b]!;
  }
  return { n, k, sum, mean, cov };
}
