/**
 * The kernels of the series accumulator (series.ts): frequency tables of a column over base cells (plain, weighted,
 * whole-number and 0/1 series), per-PSU moments, and the linearised totals of the design-based variance.
 */
import type { Lattice, Partition, WeightedDesign } from './series.ts';

/** The number of values with a count (occupied bins) of a frequency table. */
export function occupiedBins(counts: Float64Array): number {
  let k = 0;
  for (let j = 0; j < counts.length; j++) if (counts[j]! > 0) k++;
  return k;
}

export function tabulateIndicatorMoments(col: Float64Array, value: number, base: Int32Array, B: number, counts: Float64Array, psu: Int32Array, sums: Float64Array): void {
  for (let r = 0; r < col.length; r++) {
    const v = col[r]!;
    const b = base[r]!;
    if (v !== v || b < 0) continue;
    const y = v === value ? 1 : 0;
    counts[b * 2 + y]! += 1;
    const c = y - 0.5;
    const at = (psu[r]! * B + b) * 3;
    sums[at]! += 1;
    sums[at + 1]! += c;
    sums[at + 2]! += c * c;
  }
}

// The loops of `accumulate`, each a function of its own over typed arrays, so that V8 compiles each for the
// one shape it sees; whole-number series find their bin with integers only. Each returns false as soon as a
// value is off the lattice.

/** The bin of value v on a lattice, or −1 when v is off it. */
function binOf(v: number, min: number, scale: number, bins: number): number {
  const x = (v - min) * scale;
  const j = Math.round(x);
  return j >= 0 && j < bins && Math.abs(x - j) <= 1e-9 ? j | 0 : -1;
}

/** binOf for a whole-number lattice (scale 1, whole min): integer arithmetic only. */
function wholeBinOf(v: number, min: number, bins: number): number {
  const x = v - min;
  const j = x | 0;
  return j === x && j >= 0 && j < bins ? j : -1;
}

export function tabulate(y: Float64Array, base: Int32Array, lattice: Lattice, bins: number, counts: Float64Array): boolean {
  const { min, scale } = lattice;
  for (let r = 0; r < y.length; r++) {
    const v = y[r]!;
    const b = base[r]!;
    if (v !== v || b < 0) continue;
    const j = binOf(v, min, scale, bins);
    if (j < 0) return false;
    counts[b * bins + j]! += 1;
  }
  return true;
}

export function tabulateWeighted(
  y: Float64Array, base: Int32Array, B: number, lattice: Lattice, bins: number, counts: Float64Array,
  psu: Int32Array, wa: Float64Array, wb: Float64Array, centre: number, ps: Float64Array, bs: Float64Array,
): boolean {
  const { min, scale } = lattice;
  const whole = isWhole(lattice);
  for (let r = 0; r < y.length; r++) {
    const v = y[r]!;
    const b = base[r]!;
    if (v !== v || b < 0) continue;
    const j = whole ? wholeBinOf(v, min, bins) : binOf(v, min, scale, bins);
    if (j < 0) return false;
    counts[b * bins + j]! += 1;
    const c = v - centre;
    const w1 = wa[r]!;
    const w2 = wb[r]!;
    const at = (psu[r]! * B + b) << 2;
    ps[at]! += w1 * c;
    ps[at + 1]! += w1;
    ps[at + 2]! += w2 * c;
    ps[at + 3]! += w2;
    const bt = b << 2;
    bs[bt]! += w1 * w1;
    bs[bt + 1]! += w1 * c * c;
    bs[bt + 2]! += w2 * w2;
    bs[bt + 3]! += w2 * c * c;
  }
  return true;
}

const isWhole = (lattice: Lattice) => Number.isInteger(lattice.min) && lattice.scale === 1;

export interface ConstantWeights {
  /** per PSU × base cell: its weight under each weighting */
  weights: Float64Array;
  /** per PSU × base cell: n, Σ(y − centre), Σ(y − centre)² of the series being read; zero between series */
  sums: Float64Array;
  /** the PSU × base cells holding any row, ascending: the only ones a series can add to */
  occupied: Int32Array;
}

/** The one weight of each PSU × base cell under each weighting, when there is one (see `constantWeights` above). */
export function constantWeights(partition: Partition, design: WeightedDesign): ConstantWeights | null {
  const B = partition.nBase;
  const weights = new Float64Array(2 * design.nPsu * B).fill(NaN);
  let allConstant = true;
  let groupConstant = true;
  for (let r = 0; r < partition.base.length; r++) {
    const b = partition.base[r]!;
    if (b < 0) continue;
    const at = (design.psu[r]! * B + b) * 2;
    if (weights[at] !== weights[at]) {
      weights[at] = design.all[r]!;
      weights[at + 1] = design.byGroup[r]!;
      continue;
    }
    if (weights[at] !== design.all[r]) allConstant = false;
    if (weights[at + 1] !== design.byGroup[r]) groupConstant = false;
  }
  if (!allConstant || (!groupConstant && partition.cells.some((c) => c.byGroup))) return null;
  if (!groupConstant) for (let k = 1; k < weights.length; k += 2) weights[k] = NaN;
  const occupied: number[] = [];
  for (let k = 0; k < design.nPsu * B; k++) if (weights[2 * k] === weights[2 * k]) occupied.push(k);
  return { weights, sums: new Float64Array(3 * design.nPsu * B), occupied: Int32Array.from(occupied) };
}

export function tabulateMoments(
  y: Float64Array, base: Int32Array, B: number, lattice: Lattice, bins: number, counts: Float64Array,
  psu: Int32Array, centre: number, sums: Float64Array,
): boolean {
  const { min, scale } = lattice;
  const whole = isWhole(lattice);
  for (let r = 0; r < y.length; r++) {
    const v = y[r]!;
    const b = base[r]!;
    if (v !== v || b < 0) continue;
    const j = whole ? wholeBinOf(v, min, bins) : binOf(v, min, scale, bins);
    if (j < 0) return false;
    counts[b * bins + j]! += 1;
    const c = v - centre;
    const at = (psu[r]! * B + b) * 3;
    sums[at]! += 1;
    sums[at + 1]! += c;
    sums[at + 2]! += c * c;
  }
  return true;
}

/**
 * The weighted sums of `WeightedSums` from per PSU × base cell moments and that cell's one weight per
 * weighting, for the occupied cells (the others stay 0 in `ps`); the moments are zeroed for the next series.
 */
export function spreadMoments(cw: ConstantWeights, B: number, ps: Float64Array, bs: Float64Array): void {
  const { sums, weights, occupied } = cw;
  bs.fill(0);
  for (let i = 0; i < occupied.length; i++) {
    const k = occupied[i]!;
    const n = sums[3 * k]!;
    const s1 = sums[3 * k + 1]!;
    const s2 = sums[3 * k + 2]!;
    sums[3 * k] = 0;
    sums[3 * k + 1] = 0;
    sums[3 * k + 2] = 0;
    const at = 4 * k;
    if (n === 0) {
      ps[at] = 0;
      ps[at + 1] = 0;
      ps[at + 2] = 0;
      ps[at + 3] = 0;
      continue;
    }
    const w1 = weights[2 * k]!;
    const w2 = weights[2 * k + 1]!;
    ps[at] = w1 * s1;
    ps[at + 1] = w1 * n;
    ps[at + 2] = w2 * s1;
    ps[at + 3] = w2 * n;
    const bt = (k % B) * 4;
    bs[bt]! += w1 * w1 * n;
    bs[bt + 1]! += w1 * s2;
    bs[bt + 2]! += w2 * w2 * n;
    bs[bt + 3]! += w2 * s2;
  }
}

// The three passes of `weightedEstimate` over a cell's PSUs, as functions over typed arrays (see above).

/** A and W of each PSU of a cell (summed over its base cells); totals = [ΣW, ΣA]. */
export function psuTotals(P: Float64Array, pairs: Int32Array, nb: number, off: number, zA: Float64Array, wOf: Float64Array, totals: Float64Array): void {
  let sw = 0;
  let sa = 0;
  const m = pairs.length / nb;
  for (let u = 0; u < m; u++) {
    let a = 0;
    let w = 0;
    for (let k = 0; k < nb; k++) {
      const i = pairs[u * nb + k]! + off;
      a += P[i]!;
      w += P[i + 1]!;
    }
    zA[u] = a;
    wOf[u] = w;
    sw += w;
    sa += a;
  }
  totals[0] = sw;
  totals[1] = sa;
}

/** Z = (A − δW)/Σw in place (NaN for a PSU without data), summed per stratum; totals[0] = ΣZ. Returns the PSUs with data. */
export function linearise(zA: Float64Array, wOf: Float64Array, strata: Int32Array, delta: number, sw: number, stratumSum: Float64Array, stratumIn: Int32Array, totals: Float64Array): number {
  let psuWithData = 0;
  let grand = 0;
  for (let u = 0; u < strata.length; u++) {
    if (!(wOf[u]! > 0)) {
      zA[u] = NaN;
      continue;
    }
    const z = (zA[u]! - delta * wOf[u]!) / sw;
    zA[u] = z;
    const s = strata[u]!;
    stratumSum[s]! += z;
    stratumIn[s]! += 1;
    grand += z;
    psuWithData++;
  }
  totals[0] = grand;
  return psuWithData;
}

/** Σ_h n_h/(n_h − 1) Σ_c (Z_c − Z̄_h)² over the cell's PSUs with data, a lonely PSU about `centre`; totals[0] = lonely PSUs met. */
export function withinStrata(zA: Float64Array, strata: Int32Array, psuPerStratum: Int32Array, stratumSum: Float64Array, centre: number, totals: Float64Array): number {
  let variance = 0;
  let lonelyIn = 0;
  for (let u = 0; u < strata.length; u++) {
    const z = zA[u]!;
    if (z !== z) continue;
    const s = strata[u]!;
    const nh = psuPerStratum[s]!;
    if (nh > 1) {
      const dz = z - stratumSum[s]! / nh;
      variance += (nh / (nh - 1)) * dz * dz;
    } else {
      lonelyIn++;
      variance += (z - centre) * (z - centre);
    }
  }
  totals[0] = lonelyIn;
  return variance;
}
