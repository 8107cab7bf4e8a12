/**
 * The sums the design-based tests need, taken from what the series accumulators already hold (series.ts:
 * per PSU × base cell Σw(y − centre) and Σw under both weight sharings; rank-tables.ts for the ranks of an
 * item), so that no test reads respondents' rows: a t test's entries per PSU and domain, a Rao–Scott
 * table's per PSU × segment × answer weighted counts, and per domain the JSTs and design degrees of
 * freedom that decide whether a comparison can support inference (series.ts `noInferenceReason`).
 * Each builder has a row-based twin for series that lie on no lattice.
 */
import type { DesignShape, DomainEntries, SurveyDesign, TTestTotals } from '../stats/index.ts';
import type { SeriesSums } from './series.ts';

/**
 * Entry buffers reused from one test to the next (a test reads its entries before the next is formed), so
 * that hundreds of tests allocate nothing per PSU.
 */
export class EntryBuffers {
  private e: DomainEntries = emptyEntries(0);

  /** Empty entries with room for `size`. */
  take(size: number): DomainEntries {
    if (this.e.psu.length < size) this.e = emptyEntries(Math.max(size, 2 * this.e.psu.length));
    this.e.length = 0;
    return this.e;
  }
}

const shared = new EntryBuffers();

/** The t test's totals for domains that are unions of base cells, from the accumulator's sums. */
export function tTotalsFromSums(sums: SeriesSums, groups: readonly (readonly number[])[], byGroup: boolean, n: readonly number[], constant: readonly boolean[], buffers: EntryBuffers = shared): TTestTotals {
  const B = sums.bases;
  const off = byGroup ? 2 : 0;
  const domainOf = domainsOfBases(B, groups);
  const byBase = keysByBase(sums);
  let size = 0;
  for (const bases of groups) for (const b of bases) size += byBase[b]!.length;
  const e = buffers.take(size);
  for (const bases of groups) for (const b of bases) for (const key of byBase[b]!) {
    const g = domainOf[b]!;
    const at = key * 4 + off;
    const w = sums.psu[at + 1]!;
    if (w === 0) continue;
    const k = e.length++;
    e.psu[k] = (key / B) | 0;
    e.domain[k] = g;
    e.w[k] = w;
    e.a[k] = sums.psu[at]!;
  }
  const ss = groups.map((bases) => bases.reduce((s, b) => s + sums.base[b * 4 + off + 1]!, 0));
  return { entries: e, centre: sums.centre, n: [n[0]!, n[1]!], ss: [ss[0]!, ss[1]!], constant: [constant[0]!, constant[1]!] };
}

/**
 * Per-PSU weighted counts of a segment × answer table, from the 0/1 series of each answer (Σw·y =
 * Σw(y − centre) + centre·Σw), under the JST-shared weights: entries (PSU, segment, answer, Σw), one per PSU ×
 * base cell and answer (two base cells of a segment in one PSU add up in the test). For a checkbox option
 * `add(sums, 1, 0)` also fills "not chosen", Σw(1 − y).
 */
export class ChoiceTable {
  private psu = new Int32Array(64);
  private seg = new Int32Array(64);
  private col = new Int32Array(64);
  private w = new Float64Array(64);
  private length = 0;
  /** per segment: the PSUs holding an answer of the segment (each listed once) */
  private answeredPsus: number[][];
  private readonly mark: Uint8Array;
  columns = 0;

  constructor(readonly segments: number, readonly nPsu: number) {
    this.answeredPsus = Array.from({ length: segments }, () => []);
    this.mark = new Uint8Array(segments * nPsu);
  }

  /** Empties the table for a question with `columns` answers (its buffers are kept). */
  reset(columns: number): this {
    this.columns = columns;
    this.length = 0;
    for (let s = 0; s < this.segments; s++) for (const p of this.answeredPsus[s]!) this.mark[s * this.nPsu + p] = 0;
    this.answeredPsus = Array.from({ length: this.segments }, () => []);
    return this;
  }

  add(sums: SeriesSums, col: number, zeroCol: number | null): void {
    const B = sums.bases;
    for (let u = 0; u < sums.keys.length; u++) {
      const key = sums.keys[u]!;
      const at = key * 4;
      const W = sums.psu[at + 1]!;
      if (W === 0) continue;
      // A rounding residue where no one (or everyone) chose is snapped.
      let chosen = sums.psu[at]! + sums.centre * W;
      if (Math.abs(chosen) <= 1e-12 * W) chosen = 0;
      else if (Math.abs(W - chosen) <= 1e-12 * W) chosen = W;
      const psu = (key / B) | 0;
      const seg = ((key % B) / 2) | 0;
      if (!this.mark[seg * this.nPsu + psu]) {
        this.mark[seg * this.nPsu + psu] = 1;
        this.answeredPsus[seg]!.push(psu);
      }
      if (chosen > 0) this.push(psu, seg, col, chosen);
      if (zeroCol !== null && W - chosen > 0) this.push(psu, seg, zeroCol, W - chosen);
    }
  }

  private push(psu: number, seg: number, col: number, w: number): void {
    if (this.length === this.psu.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as { new (n: number): T })(2 * a.length);
        b.set(a);
        return b;
      };
      this.psu = grow(this.psu);
      this.seg = grow(this.seg);
      this.col = grow(this.col);
      this.w = grow(this.w);
    }
    const k = this.length++;
    this.psu[k] = psu;
    this.seg[k] = seg;
    this.col[k] = col;
    this.w[k] = w;
  }

  /** The entries of the segments kept (`rowOf[s]` = their row, −1 for the others): PSU, row, answer, Σw > 0. */
  entries(rowOf: Int32Array): { psu: Int32Array; row: Int32Array; col: Int32Array; w: Float64Array; length: number } {
    // Every segment kept, in its own row: the table's own entries.
    if (rowOf.every((r, s) => r === s)) return { psu: this.psu, row: this.seg, col: this.col, w: this.w, length: this.length };
    const out = { psu: new Int32Array(this.length), row: new Int32Array(this.length), col: new Int32Array(this.length), w: new Float64Array(this.length), length: 0 };
    for (let x = 0; x < this.length; x++) {
      const row = rowOf[this.seg[x]!]!;
      if (row < 0) continue;
      const k = out.length++;
      out.psu[k] = this.psu[x]!;
      out.row[k] = row;
      out.col[k] = this.col[x]!;
      out.w[k] = this.w[x]!;
    }
    return out;
  }

  /** The PSUs holding an answer of segment s, and the design df they give (PSUs − strata). */
  answered(s: number, design: DesignShape): { jsts: number; df: number } {
    const psus = this.answeredPsus[s]!;
    let strata = 0;
    const seen = new Uint8Array(design.nStrata);
    for (const p of psus) {
      const h = design.psuStratum[p]!;
      if (!seen[h]) {
        seen[h] = 1;
        strata++;
      }
    }
    return { jsts: psus.length, df: psus.length - strata };
  }
}

/** JSTs and design degrees of freedom (JSTs − strata) of each domain, from entries with Σw > 0. */
export class DomainCounter {
  private readonly psuMark: Int32Array;
  private readonly stratumMark: Int32Array;
  private stamp = 0;

  constructor(private readonly design: DesignShape, maxDomains = 8) {
    this.psuMark = new Int32Array(design.nPsu * maxDomains);
    this.stratumMark = new Int32Array(design.nStrata * maxDomains);
  }

  count(psu: ArrayLike<number>, domain: ArrayLike<number>, w: ArrayLike<number>, length: number, G: number): { jsts: number[]; df: number[] } {
    if (G * this.design.nPsu > this.psuMark.length) return new DomainCounter(this.design, G).count(psu, domain, w, length, G);
    const stamp = ++this.stamp;
    const psuMark = this.psuMark;
    const stratumMark = this.stratumMark;
    const psuStratum = this.design.psuStratum;
    const jsts = new Int32Array(G);
    const strata = new Int32Array(G);
    for (let k = 0; k < length; k++) {
      if (!(w[k]! > 0)) continue;
      const g = domain[k]!;
      const p = psu[k]!;
      const pk = p * G + g;
      if (psuMark[pk] === stamp) continue;
      psuMark[pk] = stamp;
      jsts[g]!++;
      const sk = psuStratum[p]! * G + g;
      if (stratumMark[sk] !== stamp) {
        stratumMark[sk] = stamp;
        strata[g]!++;
      }
    }
    return { jsts: Array.from(jsts), df: Array.from(jsts, (j, g) => j - strata[g]!) };
  }
}

/** The keys (PSU × base cell) of the sums, listed by base cell; formed once per key list. */
const keyLists = new WeakMap<Int32Array, Int32Array[]>();
function keysByBase(sums: SeriesSums): Int32Array[] {
  let lists = keyLists.get(sums.keys);
  if (!lists) {
    const B = sums.bases;
    const per: number[][] = Array.from({ length: B }, () => []);
    for (let u = 0; u < sums.keys.length; u++) per[sums.keys[u]! % B]!.push(sums.keys[u]!);
    lists = per.map((l) => Int32Array.from(l));
    keyLists.set(sums.keys, lists);
  }
  return lists;
}

/** Domain codes of the rows (index into `groups`, NaN outside), for the row-based tests. */
export function rowCodes(base: Int32Array, B: number, groups: readonly (readonly number[])[]): Float64Array {
  const domainOf = domainsOfBases(B, groups);
  return Float64Array.from(base, (b) => (b < 0 || domainOf[b]! < 0 ? NaN : domainOf[b]!));
}

/** Row-based twin of `domainInference`: the rows with y present in each domain. */
export function rowInference(y: Float64Array, codes: Float64Array, G: number, design: SurveyDesign): { jsts: number[]; df: number[] } {
  const rows: number[] = [];
  for (let i = 0; i < y.length; i++) if (y[i] === y[i] && codes[i] === codes[i]) rows.push(i);
  return new DomainCounter(design, G).count(rows.map((i) => design.psu[i]!), rows.map((i) => codes[i]!), rows.map((i) => design.weights[i]!), rows.length, G);
}

function domainsOfBases(B: number, groups: readonly (readonly number[])[]): Int32Array {
  const domainOf = new Int32Array(B).fill(-1);
  groups.forEach((bases, g) => bases.forEach((b) => (domainOf[b] = g)));
  return domainOf;
}

function emptyEntries(size: number): DomainEntries {
  return { length: 0, psu: new Int32Array(size), domain: new Int32Array(size), w: new Float64Array(size), a: new Float64Array(size) };
}
