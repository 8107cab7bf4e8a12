/**
 * What the design-based rank tests (svyranktest) need of an ordinal item, read in one more pass over the
 * item's column: per PSU × base cell × value the weighted count under both weight sharings, per base cell ×
 * value the count and weight, and for each union of base cells the tests compare the sums that give R's
 * rank of tied values.
 *
 * R ranks a value v as Ŵ(< v) + ((m + ½)Ŵ(= v) − Σ_l l·w_l)/m over its m tied respondents of the domains
 * compared, l = position in data order (stats/svy-ranktest.ts). The positions depend on which rows are
 * compared, so for each union U the runner will compare (`unions`, each with its weighting) the pass keeps
 * a running count of U's rows per value and adds w_k · (that count) for each row k of U: Σ_{k∈U} w_k·pos_U(k).
 * A union not declared beforehand (a test across segments that leaves a segment out) is summed by a pass of
 * its own over the column.
 * Cost: O(rows × unions holding a row) per item, memory O(PSUs × base cells × values); the PSU × base cells
 * written are remembered, so clearing for the next item costs what was written.
 */
import { rankScores, type RankScoreTotals } from '../stats/index.ts';
import { EntryBuffers } from './tests-design.ts';
import type { BaseCounts, Partition, WeightedDesign } from './series.ts';

/** A union of base cells compared by the rank tests, under the staff-group-shared weights or not. */
export interface RankUnion {
  bases: readonly number[];
  byGroup: boolean;
}

export class RankTabulator {
  private bins = 0;
  private min = 0;
  private y: Float64Array | null = null;
  private readonly B: number;
  /**
   * per PSU × base × value (index 2 × ((psu × bases + base) × bins + value)): Σw under the JST-shared weights,
   * then under the staff-group-shared weights, side by side so that a row adds to one cache line
   */
  private w2 = new Float64Array(0);
  /** the PSU × base cells holding any row (psu × bases + base), by base cell */
  private readonly keysByBase: Int32Array[];
  /** the base frequency table of the item read */
  private counts: BaseCounts | null = null;
  /** per union × value: the tie sum Σ w·pos */
  private unionTie = new Float64Array(0);
  /** per base cell: a bit for each union (of a chunk of eight) holding it */
  private readonly unionMask: Uint8Array[];
  /** the rows with the item present, ordered by value (data order within a value), and where each value starts */
  private byValue = new Int32Array(0);
  private valueStart = new Int32Array(0);

  constructor(private readonly partition: Partition, private readonly design: WeightedDesign, private readonly unions: readonly RankUnion[]) {
    const B = (this.B = partition.nBase);
    const mark = new Uint8Array(design.nPsu * B);
    const keys: number[][] = Array.from({ length: B }, () => []);
    for (let r = 0; r < partition.base.length; r++) {
      const b = partition.base[r]!;
      if (b < 0) continue;
      const key = design.psu[r]! * B + b;
      if (!mark[key]) {
        mark[key] = 1;
        keys[b]!.push(key);
      }
    }
    this.keysByBase = keys.map((k) => Int32Array.from(k));
    this.keyOffset = new Int32Array(B + 1);
    keys.forEach((k, b) => (this.keyOffset[b + 1] = this.keyOffset[b]! + k.length));
    this.unionMask = [];
    for (let c = 0; c < unions.length; c += 8) {
      const mask = new Uint8Array(B);
      unions.slice(c, c + 8).forEach((u, k) => u.bases.forEach((b) => (mask[b]! |= 1 << k)));
      this.unionMask.push(mask);
    }
  }

  /** Reads an item whose values lie on a whole-number lattice (`counts`: its frequency tables per base cell). */
  accumulate(y: Float64Array, counts: BaseCounts): void {
    const { lattice, bins } = counts;
    const B = this.B;
    if (bins !== this.bins) {
      this.bins = bins;
      this.w2 = new Float64Array(2 * this.design.nPsu * B * bins);
      this.unionTie = new Float64Array(this.unions.length * bins);
      this.valueStart = new Int32Array(bins + 1);
    } else this.clear();
    this.nonzeroCache = null;
    this.y = y;
    this.min = lattice.min;
    this.counts = counts;
    this.baseCache = [null, null];
    this.nonzeroCache = null;
    if (this.byValue.length < y.length) this.byValue = new Int32Array(y.length);
    tabulate(y, this.partition.base, B, lattice.min, bins, this.design.psu, this.design.all, this.design.byGroup, this.w2, this.valueStart, this.byValue);
    this.unionMask.forEach((mask, c) => {
      const group = Uint8Array.from(this.unions.slice(8 * c, 8 * c + 8), (u) => (u.byGroup ? 1 : 0));
      ties(this.byValue, this.valueStart, bins, this.partition.base, this.design.all, this.design.byGroup, mask, group, this.unionTie, 8 * c);
    });
  }

  /**
   * The rank test's totals for domains that are unions of base cells (`groups[g]` = the base cells of
   * domain g), under the staff-group-shared weights when `byGroup`: each value's score by R's rule over the
   * rows of all the domains, and per PSU × base cell of a domain Σw and Σw·(score − ref).
   */
  scoreTotals(groups: readonly (readonly number[])[], byGroup: boolean): RankScoreTotals {
    const B = this.B;
    const bins = this.bins;
    const counts = this.counts!;
    const byBase = this.keysByBase;
    const wv = new Float64Array(bins);
    const m = new Float64Array(bins);
    const n = new Array<number>(groups.length).fill(0);
    let singleValued = true;
    const baseW = this.baseWeights(byGroup);
    groups.forEach((bases, g) => {
      let values = 0;
      for (let j = 0; j < bins; j++) {
        let c = 0;
        for (const b of bases) {
          c += counts.counts[b * bins + j]!;
          wv[j]! += baseW[b * bins + j]!;
        }
        m[j]! += c;
        n[g]! += c;
        if (c > 0) values++;
      }
      if (values > 1) singleValued = false;
    });
    const score = rankScores(wv, m, this.tieSums(groups.flat(), byGroup));
    let ref = NaN;
    for (let j = 0; j < bins && ref !== ref; j++) if (m[j]! > 0) ref = score[j]!;
    let size = 0;
    for (const bases of groups) for (const b of bases) size += byBase[b]!.length;
    const entries = this.buffers.take(size);
    const shift = new Float64Array(bins);
    for (let j = 0; j < bins; j++) shift[j] = m[j]! > 0 ? score[j]! - ref : 0; // (a value nobody gave has no score)
    const nz = this.nonzero();
    const { start, bin } = nz;
    const vals = byGroup ? nz.wGroup : nz.wAll;
    for (let g = 0; g < groups.length; g++) {
      for (const b of groups[g]!) {
        const keys = byBase[b]!;
        const first = this.keyOffset[b]!;
        for (let u = 0; u < keys.length; u++) {
          const key = keys[u]!;
          let sw = 0;
          let sa = 0;
          for (let x = start[first + u]!, end = start[first + u + 1]!; x < end; x++) {
            const v = vals[x]!;
            sw += v;
            sa += v * shift[bin[x]!]!;
          }
          if (sw === 0) continue;
          const k = entries.length++;
          entries.psu[k] = (key / B) | 0;
          entries.domain[k] = g;
          entries.w[k] = sw;
          entries.a[k] = sa;
        }
      }
    }
    return { values: bins, wv, m, score, ref, entries, n, singleValued };
  }

  private baseCache: [Float64Array | null, Float64Array | null] = [null, null];
  private readonly buffers = new EntryBuffers();
  /** index of each base cell's first key in the keys listed base by base */
  private readonly keyOffset: Int32Array;
  private nonzeroCache: NonZero | null = null;
  private nonzeroBuffers: NonZero | null = null;

  /**
   * Per key (listed base by base), the values it holds rows of and their weights, side by side in the order
   * `scoreTotals` reads them (so that it reads memory in sequence rather than all over the tables): formed once per item.
   */
  private nonzero(): NonZero {
    if (this.nonzeroCache) return this.nonzeroCache;
    const bins = this.bins;
    const total = this.keyOffset[this.B]!;
    // buffers reused item after item (the cache is formed anew for each)
    if (!this.nonzeroBuffers || this.nonzeroBuffers.bin.length !== total * bins) {
      this.nonzeroBuffers = { start: new Int32Array(total + 1), bin: new Int32Array(total * bins), wAll: new Float64Array(total * bins), wGroup: new Float64Array(total * bins) };
    }
    const { start, bin, wAll, wGroup } = this.nonzeroBuffers;
    let k = 0;
    let m = 0;
    for (const keys of this.keysByBase) {
      for (let u = 0; u < keys.length; u++) {
        const at = keys[u]! * bins;
        for (let j = 0; j < bins; j++) {
          const a = this.w2[2 * (at + j)]!;
          const g = this.w2[2 * (at + j) + 1]!;
          if (a === 0 && g === 0) continue;
          bin[m] = j;
          wAll[m] = a;
          wGroup[m++] = g;
        }
        start[++k] = m;
      }
    }
    return (this.nonzeroCache = this.nonzeroBuffers);
  }

  /** Σw per base cell × value of the item read, under one weighting (formed once per item). */
  private baseWeights(byGroup: boolean): Float64Array {
    const i = byGroup ? 1 : 0;
    const cached = this.baseCache[i];
    if (cached) return cached;
    const bins = this.bins;
    const w = this.w2;
    const out = new Float64Array(this.B * bins);
    this.keysByBase.forEach((keys, b) => {
      for (let u = 0; u < keys.length; u++) for (let j = 0, at = keys[u]! * bins; j < bins; j++) out[b * bins + j]! += w[2 * (at + j) + i]!;
    });
    this.baseCache[i] = out;
    return out;
  }

  /** R's tie sums Σ w·pos per value over the rows of a union of base cells: kept by the pass, or summed now. */
  private tieSums(bases: readonly number[], byGroup: boolean): Float64Array {
    const bins = this.bins;
    const set = [...bases].sort((a, b) => a - b).join();
    const k = this.unions.findIndex((u) => u.byGroup === byGroup && [...u.bases].sort((a, b) => a - b).join() === set);
    if (k >= 0) return this.unionTie.slice(k * bins, (k + 1) * bins);
    const inUnion = new Uint8Array(this.B);
    for (const b of bases) inUnion[b] = 1;
    const weights = byGroup ? this.design.byGroup : this.design.all;
    const base = this.partition.base;
    const y = this.y!;
    const count = new Float64Array(bins);
    const tie = new Float64Array(bins);
    for (let r = 0; r < y.length; r++) {
      const v = y[r]!;
      const b = base[r]!;
      if (v !== v || b < 0 || !inUnion[b]) continue;
      const j = (v - this.min) | 0;
      tie[j]! += weights[r]! * ++count[j]!;
    }
    return tie;
  }

  private clear(): void {
    const bins = this.bins;
    const nz = this.nonzeroCache;
    let k = 0;
    for (const keys of this.keysByBase) {
      for (let u = 0; u < keys.length; u++, k++) {
        const at = keys[u]! * bins;
        if (!nz) {
          this.w2.fill(0, 2 * at, 2 * (at + bins));
          continue;
        }
        // only the values the key held (known from the last item's scores)
        for (let x = nz.start[k]!, end = nz.start[k + 1]!; x < end; x++) {
          const kb = 2 * (at + nz.bin[x]!);
          this.w2[kb] = 0;
          this.w2[kb + 1] = 0;
        }
      }
    }
    this.unionTie.fill(0);
  }
}

/** Per key: its values with rows `bin[start[k]…start[k + 1])`, and their weights under each sharing at the same index. */
interface NonZero {
  start: Int32Array;
  bin: Int32Array;
  wAll: Float64Array;
  wGroup: Float64Array;
}

/** Per PSU × base cell × value the weights under both sharings; the present rows bucketed by value, in data order. */
function tabulate(
  y: Float64Array, base: Int32Array, B: number, min: number, bins: number, psu: Int32Array, wa: Float64Array, wb: Float64Array,
  w2: Float64Array, valueStart: Int32Array, byValue: Int32Array,
): void {
  valueStart.fill(0);
  for (let r = 0; r < y.length; r++) {
    const v = y[r]!;
    const b = base[r]!;
    if (v !== v || b < 0) continue;
    const j = (v - min) | 0;
    const kb = ((psu[r]! * B + b) * bins + j) << 1;
    w2[kb]! += wa[r]!;
    w2[kb + 1]! += wb[r]!;
    valueStart[j + 1]!++;
  }
  for (let j = 0; j < bins; j++) valueStart[j + 1]! += valueStart[j]!;
  const next = valueStart.slice(0, bins);
  for (let r = 0; r < y.length; r++) {
    const v = y[r]!;
    if (v !== v || base[r]! < 0) continue;
    byValue[next[(v - min) | 0]!++] = r;
  }
}

/**
 * R's tie sums Σ_{k∈U} w_k · pos_U(k) of up to eight unions U at once (bit u of `mask[b]`: base cell b is in
 * union first + u), value by value over the rows in data order: the running positions stay in locals, so no
 * row waits for the previous one's store.
 */
function ties(
  byValue: Int32Array, valueStart: Int32Array, bins: number, base: Int32Array, wa: Float64Array, wb: Float64Array,
  mask: Uint8Array, group: Uint8Array, tie: Float64Array, first: number,
): void {
  const g0 = group[0] ?? 0, g1 = group[1] ?? 0, g2 = group[2] ?? 0, g3 = group[3] ?? 0;
  const g4 = group[4] ?? 0, g5 = group[5] ?? 0, g6 = group[6] ?? 0, g7 = group[7] ?? 0;
  for (let j = 0; j < bins; j++) {
    let p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (let x = valueStart[j]!, end = valueStart[j + 1]!; x < end; x++) {
      const r = byValue[x]!;
      const m = mask[base[r]!]!;
      const w1 = wa[r]!;
      const w2 = wb[r]!;
      const t0 = m & 1, t1 = (m >> 1) & 1, t2 = (m >> 2) & 1, t3 = (m >> 3) & 1;
      const t4 = (m >> 4) & 1, t5 = (m >> 5) & 1, t6 = (m >> 6) & 1, t7 = (m >> 7) & 1;
      p0 += t0; p1 += t1; p2 += t2; p3 += t3; p4 += t4; p5 += t5; p6 += t6; p7 += t7;
      s0 += t0 * (g0 ? w2 : w1) * p0;
      s1 += t1 * (g1 ? w2 : w1) * p1;
      s2 += t2 * (g2 ? w2 : w1) * p2;
      s3 += t3 * (g3 ? w2 : w1) * p3;
      s4 += t4 * (g4 ? w2 : w1) * p4;
      s5 += t5 * (g5 ? w2 : w1) * p5;
      s6 += t6 * (g6 ? w2 : w1) * p6;
      s7 += t7 * (g7 ? w2 : w1) * p7;
    }
    const sums = [s0, s1, s2, s3, s4, s5, s6, s7];
    for (let u = 0; u < 8 && first + u < tie.length / bins; u++) tie[(first + u) * bins + j] = sums[u]!;
  }
}
