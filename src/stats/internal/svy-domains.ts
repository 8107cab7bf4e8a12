/**
 * The machinery shared by the design-based tests (svy-ttest.ts, svy-ranktest.ts, svy-chisq.ts): the
 * Taylor-linearised scores of domain means, summed per PSU, and the with-replacement variance of any
 * vector of such PSU totals under a stratified cluster design — R survey's `svyrecvar` for one stage.
 *
 * Domain means (Lumley 2010, "Complex Surveys", §2.3.2 and §3.4): for a domain g with weighted total
 * Ŵ_g = Σ_{i∈g} w_i and mean ȳ_g, the linearised score of row i is z_i = w_i (y_i − ȳ_g)/Ŵ_g (0 outside
 * the domain) and its PSU total Z_gc = Σ_{i∈c} z_i. A PSU of the design holding no row of the domain has
 * Z = 0 and still counts in its stratum's n_h, as R counts it when a design is subset with `[` or
 * `subset()` (the PSU counts are kept from the whole design). Any contrast of domain means (a
 * difference, a regression coefficient of a factor) is linear in the means, so its PSU totals are the
 * same contrast of the Z_gc.
 *
 * Variance of PSU totals Z (a q-vector per PSU):
 *   V = Σ_h n_h/(n_h − 1) Σ_{c∈h} (Z_c − Z̄_h)(Z_c − Z̄_h)ᵀ,
 * n_h = PSUs of stratum h in the whole design; a stratum with one PSU (lonely) contributes
 * (Z_c − Z̄)(Z_c − Z̄)ᵀ about the grand mean Z̄ of all PSU totals (options(survey.lonely.psu = "adjust")).
 *
 * Design degrees of freedom of the data used (R `degf`): PSUs holding a row with positive weight minus
 * the strata holding such PSUs.
 *
 * Entries are (PSU, domain, Σw, Σw·(y − centre)) sums over any grouping of rows: one entry per row (the
 * row-based tests) or per PSU × base cell (the analysis, from its accumulators); several entries may
 * share a PSU and domain. Centring at a value of the data keeps the sums free of cancellation and makes a
 * variable that is constant in the comparison give exactly zero scores.
 *
 * Complexity: O(entries + #PSU · q²).
 */
export interface DesignShape {
  readonly nPsu: number;
  readonly nStrata: number;
  /** stratum index of each PSU */
  readonly psuStratum: Int32Array;
  /** PSUs of each stratum in the whole design */
  readonly psuPerStratum: Int32Array;
}

export interface DomainEntries {
  /** number of entries used */
  length: number;
  psu: Int32Array;
  /** domain index 0 … G−1 */
  domain: Int32Array;
  /** Σw of the entry */
  w: Float64Array;
  /** Σw·(y − centre) of the entry */
  a: Float64Array;
}

export interface DomainScores {
  G: number;
  /** Ŵ_g */
  sw: Float64Array;
  /** ȳ_g − centre (NaN for an empty domain) */
  delta: Float64Array;
  /** nPsu × G, row-major: Z_gc */
  z: Float64Array;
  /** PSUs holding an entry with Σw > 0, and the strata holding them */
  psus: number;
  strata: number;
}

/** Scratch reused by calls on the same design (the analysis makes hundreds of tests on one). */
const scratch = new WeakMap<DesignShape, { psuMark: Int32Array; stratumMark: Int32Array; stamp: number; buffers: Float64Array[] }>();

function scratchOf(design: DesignShape) {
  let s = scratch.get(design);
  if (!s) scratch.set(design, (s = { psuMark: new Int32Array(design.nPsu), stratumMark: new Int32Array(design.nStrata), stamp: 0, buffers: [] }));
  return s;
}

/**
 * A zeroed buffer of `size` numbers in slot `slot` of the design's scratch: for PSU totals that a test forms
 * and reads before it returns (the same slot is handed out again by the next call).
 */
export function scratchBuffer(design: DesignShape, slot: number, size: number): Float64Array {
  const s = scratchOf(design);
  let b = s.buffers[slot];
  if (!b || b.length < size) s.buffers[slot] = b = new Float64Array(Math.max(size, 2 * (b?.length ?? 0)));
  return b.subarray(0, size).fill(0);
}

/**
 * Linearised PSU totals of G domain means from their entries. `z` (nPsu × G) is returned in a buffer of
 * the caller's (`into`, zeroed here) or a new one.
 */
export function domainScores(e: DomainEntries, G: number, design: DesignShape, into?: Float64Array): DomainScores {
  const sw = new Float64Array(G);
  const sa = new Float64Array(G);
  for (let k = 0; k < e.length; k++) {
    const g = e.domain[k]!;
    sw[g]! += e.w[k]!;
    sa[g]! += e.a[k]!;
  }
  const delta = new Float64Array(G);
  for (let g = 0; g < G; g++) delta[g] = sw[g]! > 0 ? sa[g]! / sw[g]! : NaN;
  const size = design.nPsu * G;
  const z = into && into.length >= size ? into.subarray(0, size).fill(0) : new Float64Array(size);
  const s = scratchOf(design);
  const stamp = ++s.stamp;
  let psus = 0;
  let strata = 0;
  for (let k = 0; k < e.length; k++) {
    const g = e.domain[k]!;
    const p = e.psu[k]!;
    const w = e.w[k]!;
    if (!(sw[g]! > 0)) continue;
    z[p * G + g]! += (e.a[k]! - delta[g]! * w) / sw[g]!;
    if (w > 0 && s.psuMark[p] !== stamp) {
      s.psuMark[p] = stamp;
      psus++;
      const h = design.psuStratum[p]!;
      if (s.stratumMark[h] !== stamp) {
        s.stratumMark[h] = stamp;
        strata++;
      }
    }
  }
  return { G, sw, delta, z, psus, strata };
}

/**
 * V = Σ_h n_h/(n_h − 1) Σ_c (Z_c − Z̄_h)(Z_c − Z̄_h)ᵀ over every PSU of the design (q × q, row-major), a
 * lonely stratum's PSU about the grand mean of the PSU totals. `z` is nPsu × q, row-major. PSUs whose
 * totals are all zero (outside the domains) add (0 − Z̄)(0 − Z̄)ᵀ each, counted per stratum rather than
 * formed one by one.
 */
export function psuCovariance(z: Float64Array, q: number, design: DesignShape): Float64Array {
  const { nPsu, nStrata, psuStratum, psuPerStratum } = design;
  const mean = new Float64Array(nStrata * q);
  const grand = new Float64Array(q);
  const nonzero = new Int32Array(nStrata);
  const zeroLonely = { count: 0 };
  for (let c = 0; c < nPsu; c++) {
    const s = psuStratum[c]!;
    let any = false;
    for (let x = 0; x < q; x++) {
      const v = z[c * q + x]!;
      if (v !== 0) {
        any = true;
        mean[s * q + x]! += v;
        grand[x]! += v;
      }
    }
    if (any) nonzero[s]!++;
    else if (psuPerStratum[s] === 1) zeroLonely.count++;
  }
  for (let s = 0; s < nStrata; s++) for (let x = 0; x < q; x++) mean[s * q + x]! /= psuPerStratum[s]!;
  for (let x = 0; x < q; x++) grand[x]! /= nPsu;
  const v = new Float64Array(q * q);
  const d = new Float64Array(q);
  for (let c = 0; c < nPsu; c++) {
    let any = false;
    for (let x = 0; x < q && !any; x++) any = z[c * q + x] !== 0;
    if (!any) continue;
    const s = psuStratum[c]!;
    const nh = psuPerStratum[s]!;
    const f = nh > 1 ? nh / (nh - 1) : 1;
    for (let x = 0; x < q; x++) d[x] = z[c * q + x]! - (nh > 1 ? mean[s * q + x]! : grand[x]!);
    for (let x = 0; x < q; x++) {
      const dx = d[x]!;
      if (dx === 0) continue;
      for (let y = 0; y < q; y++) v[x * q + y]! += f * dx * d[y]!;
    }
  }
  // PSUs with all-zero totals: (n_h − nonzero_h) · n_h/(n_h − 1) · Z̄_h Z̄_hᵀ, and Z̄ Z̄ᵀ per lonely one.
  for (let s = 0; s < nStrata; s++) {
    const nh = psuPerStratum[s]!;
    const zeros = nh - nonzero[s]!;
    if (nh < 2 || zeros === 0) continue;
    const f = (zeros * nh) / (nh - 1);
    for (let x = 0; x < q; x++) {
      const mx = mean[s * q + x]!;
      if (mx === 0) continue;
      for (let y = 0; y < q; y++) v[x * q + y]! += f * mx * mean[s * q + y]!;
    }
  }
  if (zeroLonely.count > 0) for (let x = 0; x < q; x++) for (let y = 0; y < q; y++) v[x * q + y]! += zeroLonely.count * grand[x]! * grand[y]!;
  return v;
}

/** The PSU totals of contrasts Σ_g C[j][g] Z_g (nPsu × J) from domain scores (nPsu × G). */
export function contrastScores(z: Float64Array, G: number, C: readonly (readonly number[])[], nPsu: number): Float64Array {
  const J = C.length;
  const out = new Float64Array(nPsu * J);
  for (let c = 0; c < nPsu; c++) {
    for (let j = 0; j < J; j++) {
      let s = 0;
      for (let g = 0; g < G; g++) s += C[j]![g]! * z[c * G + g]!;
      out[c * J + j] = s;
    }
  }
  return out;
}
