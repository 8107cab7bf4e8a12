/**
 * The Rao–Scott second-order corrected chi-square test of independence of two categorical variables
 * under a complex design, as R survey's `svychisq(~row + col, design, statistic = "F")` (Rao & Scott
 * 1984, Ann. Statist. 12:46–60; Thomas & Rao 1987, JASA 82:630–636; survey package R/svychisq.R).
 *
 * With the design-based cell proportions p̂ (r × c cells over the rows with both variables present; only
 * categories that occur are kept, as R does) and their linearised covariance V̂ (svy-domains.ts):
 * - Pearson's X² of the weighted table scaled to the sample size N: X² = N Σ (p̂_ij − p̂_i· p̂_·j)²/(p̂_i· p̂_·j);
 * - C: the interaction columns of the r × c saturated model, made orthogonal to the main effects (R:
 *   qr.resid); D = diag(p̂) (a zero cell gets 1/p̂ = 0); Δ = (Cᵀ D⁻¹ C / N)⁻¹ (Cᵀ D⁻¹ V̂ D⁻¹ C), the
 *   generalised design effects;
 * - F = X²/tr(Δ) on d₀ = tr(Δ)²/tr(Δ²) and d₀·ν degrees of freedom, ν = PSUs − strata of the rows used.
 * Effect size: Cramér's V of the weighted table, √(X²/(N (min(r, c) − 1))) (N cancels: it is the
 * population φ, scaled).
 *
 * Small or degenerate data: fewer than two row or column categories, a singular Cᵀ D⁻¹ C, tr(Δ) = 0 (no
 * variation) or ν < 1 → F and p null. Complexity: O(n + #PSU · rc · (r − 1)(c − 1)). Reference values:
 * test/fixtures/stats/make_svytests.R (R survey 4.x), to 1e-9.
 */
import { finiteOrNull, invalid } from './internal/validate.ts';
import { psuCovariance, scratchBuffer, type DesignShape } from './internal/svy-domains.ts';
import { multiply, solve, transpose } from './internal/linalg.ts';
import { fSf } from './f-dist.ts';
import type { SurveyDesign } from './svy-design.ts';

export interface SvyChisqResult {
  /** row and column categories that occur */
  rows: number;
  columns: number;
  /** rows of data used (both variables present) */
  n: number;
  /** Pearson's X² of the weighted table scaled to n */
  pearson: number | null;
  /** the Rao–Scott F */
  statistic: number | null;
  df: number | null;
  df2: number | null;
  p: number | null;
  cramersV: number | null;
  /** design df of the rows used: PSUs − strata */
  nu: number;
}

/** Entries (PSU, row category, column category, Σw) over the rows used, and their number N. */
export interface ChisqTotals {
  R: number;
  C: number;
  length: number;
  psu: Int32Array;
  row: Int32Array;
  col: Int32Array;
  w: Float64Array;
  /** rows of data used */
  N: number;
}

/** Row and column codes 0 … R−1 and 0 … C−1; NaN = missing (the row is not used). */
export function svyChisq(rowCodes: ArrayLike<number>, colCodes: ArrayLike<number>, R: number, C: number, design: SurveyDesign): SvyChisqResult {
  const fn = 'svyChisq';
  if (rowCodes.length !== design.n || colCodes.length !== design.n) throw invalid(fn, 'row and column codes must have the rows of the design');
  const used: number[] = [];
  for (let i = 0; i < design.n; i++) {
    const r = rowCodes[i]!;
    const c = colCodes[i]!;
    if (r !== r || c !== c) continue;
    if (!Number.isInteger(r) || r < 0 || r >= R || !Number.isInteger(c) || c < 0 || c >= C) throw invalid(fn, `row ${i}: codes (${r}, ${c}) outside 0…${R - 1} × 0…${C - 1}`);
    used.push(i);
  }
  const t: ChisqTotals = { R, C, length: used.length, psu: new Int32Array(used.length), row: new Int32Array(used.length), col: new Int32Array(used.length), w: new Float64Array(used.length), N: used.length };
  used.forEach((i, k) => {
    t.psu[k] = design.psu[i]!;
    t.row[k] = rowCodes[i]!;
    t.col[k] = colCodes[i]!;
    t.w[k] = design.weights[i]!;
  });
  return svyChisqFromTotals(t, design);
}

export function svyChisqFromTotals(t: ChisqTotals, design: DesignShape): SvyChisqResult {
  // Categories that occur, and the PSUs and strata of the rows used.
  const rowW = new Float64Array(t.R);
  const colW = new Float64Array(t.C);
  const rowSeen = new Uint8Array(t.R);
  const colSeen = new Uint8Array(t.C);
  const psuSeen = new Uint8Array(design.nPsu);
  const stratumSeen = new Uint8Array(design.nStrata);
  let psus = 0;
  let strata = 0;
  let total = 0;
  for (let k = 0; k < t.length; k++) {
    rowSeen[t.row[k]!] = 1;
    colSeen[t.col[k]!] = 1;
    rowW[t.row[k]!]! += t.w[k]!;
    colW[t.col[k]!]! += t.w[k]!;
    total += t.w[k]!;
    const p = t.psu[k]!;
    if (!psuSeen[p]) {
      psuSeen[p] = 1;
      psus++;
      const s = design.psuStratum[p]!;
      if (!stratumSeen[s]) {
        stratumSeen[s] = 1;
        strata++;
      }
    }
  }
  const rows = [...rowSeen.keys()].filter((r) => rowSeen[r]);
  const cols = [...colSeen.keys()].filter((c) => colSeen[c]);
  const nr = rows.length;
  const nc = cols.length;
  const nu = psus - strata;
  const out: SvyChisqResult = { rows: nr, columns: nc, n: t.N, pearson: null, statistic: null, df: null, df2: null, p: null, cramersV: null, nu };
  if (nr < 2 || nc < 2 || !(total > 0)) return out;
  const ri = new Int32Array(t.R).fill(-1);
  const ci = new Int32Array(t.C).fill(-1);
  rows.forEach((r, j) => (ri[r] = j));
  cols.forEach((c, j) => (ci[c] = j));
  const K = nr * nc;
  // Cell proportions (row index fastest, as R's interaction()) and their PSU totals of linearised scores.
  const cellW = new Float64Array(K);
  const psuCell = scratchBuffer(design, 2, design.nPsu * K);
  const psuW = scratchBuffer(design, 3, design.nPsu);
  for (let k = 0; k < t.length; k++) {
    const cell = ri[t.row[k]!]! + nr * ci[t.col[k]!]!;
    cellW[cell]! += t.w[k]!;
    psuCell[t.psu[k]! * K + cell]! += t.w[k]!;
    psuW[t.psu[k]!]! += t.w[k]!;
  }
  const p = Float64Array.from(cellW, (x) => x / total);
  const z = scratchBuffer(design, 1, design.nPsu * K);
  for (let c = 0; c < design.nPsu; c++) {
    if (psuW[c] === 0) continue;
    for (let x = 0; x < K; x++) z[c * K + x] = (psuCell[c * K + x]! - p[x]! * psuW[c]!) / total;
  }
  // Pearson's X² on the table scaled to N.
  const pr = rows.map((r) => rowW[r]! / total);
  const pc = cols.map((c) => colW[c]! / total);
  let phi2 = 0;
  for (let a = 0; a < nr; a++) {
    for (let b = 0; b < nc; b++) {
      const e = pr[a]! * pc[b]!;
      phi2 += (p[a + nr * b]! - e) ** 2 / e;
    }
  }
  const N = t.N;
  const pearson = N * phi2;
  out.pearson = pearson;
  out.cramersV = finiteOrNull(Math.sqrt(phi2 / (Math.min(nr, nc) - 1)));
  // Main-effects design X1 (intercept, row and column dummies) and the interaction columns X12 on the K cells.
  const m1 = 1 + (nr - 1) + (nc - 1);
  const mi = (nr - 1) * (nc - 1);
  const X1 = new Float64Array(K * m1);
  const X12 = new Float64Array(K * mi);
  for (let b = 0; b < nc; b++) {
    for (let a = 0; a < nr; a++) {
      const cell = a + nr * b;
      X1[cell * m1] = 1;
      if (a > 0) X1[cell * m1 + a] = 1;
      if (b > 0) X1[cell * m1 + (nr - 1) + b] = 1;
      if (a > 0 && b > 0) X12[cell * mi + (a - 1) + (nr - 1) * (b - 1)] = 1;
    }
  }
  // C = X12 − X1 (X1ᵀX1)⁻¹ X1ᵀ X12
  const X1t = transpose(X1, K, m1);
  const coef = solve(multiply(X1t, X1, m1, K, m1), multiply(X1t, X12, m1, K, mi), m1, mi);
  if (!coef) return out;
  const fitted = multiply(X1, coef, K, m1, mi);
  const Cm = Float64Array.from(X12, (x, i) => x - fitted[i]!);
  const iD = Float64Array.from(p, (x) => (x === 0 ? 0 : 1 / x));
  const DC = new Float64Array(K * mi);
  for (let x = 0; x < K; x++) for (let j = 0; j < mi; j++) DC[x * mi + j] = iD[x]! * Cm[x * mi + j]!;
  const Ct = transpose(Cm, K, mi);
  const denom = multiply(Ct, DC, mi, K, mi).map((x) => x / N);
  // Cᵀ D⁻¹ V̂ D⁻¹ C is the covariance of the PSU totals projected on D⁻¹C (linear): project each PSU's
  // K totals to mi numbers first, then one mi × mi covariance instead of K × K.
  const zp = scratchBuffer(design, 4, design.nPsu * mi);
  for (let c = 0; c < design.nPsu; c++) {
    if (psuW[c] === 0) continue;
    for (let x = 0; x < K; x++) {
      const v = z[c * K + x]!;
      if (v === 0) continue;
      for (let j = 0; j < mi; j++) zp[c * mi + j]! += v * DC[x * mi + j]!;
    }
  }
  const numr = psuCovariance(zp, mi, design);
  const Delta = solve(denom, numr, mi, mi);
  if (!Delta) return out;
  let tr = 0;
  let tr2 = 0;
  for (let a = 0; a < mi; a++) {
    tr += Delta[a * mi + a]!;
    for (let b = 0; b < mi; b++) tr2 += Delta[a * mi + b]! * Delta[b * mi + a]!;
  }
  if (!(tr > 0) || !(tr2 > 0)) return out;
  const d0 = (tr * tr) / tr2;
  out.statistic = finiteOrNull(pearson / tr);
  if (nu < 1 || out.statistic === null) return out;
  out.df = d0;
  out.df2 = d0 * nu;
  out.p = finiteOrNull(fSf(out.statistic, d0, d0 * nu));
  return out;
}
