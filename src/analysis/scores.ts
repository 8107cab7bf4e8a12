/**
 * Derived respondent-level scores:
 * - item gap = importance − level of the same item (missing when either is);
 * - area score for a measure = mean of the area's items the respondent answered, provided they answered
 *   at least half of the items they were shown (otherwise missing);
 * - area gap = area importance score − area level score.
 */
import { MISSING, type StoredColumn } from '../dataset/column-store.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { MeasureRole, Questionnaire } from '../questionnaire/types.ts';
import type { Lattice } from './series.ts';

export interface AreaScores {
  readonly importance: Float64Array;
  readonly level: Float64Array;
  readonly gap: Float64Array;
}

export interface Scores {
  /**
   * An item's gap per respondent, written into `into` when given (a scratch reused item after item: the gaps
   * are read once each, so a large dataset need not hold a column per item).
   */
  itemGap(item: string, into?: Float64Array): Float64Array;
  area: Map<string, AreaScores>;
}

/** An item's ratings of a measure as doubles (decoded into `into` when given, see Columns.get). */
export function itemColumn(d: Dataset, item: string, measure: MeasureRole, into?: Float64Array): Float64Array {
  const m = d.questionnaire.measures.find((x) => x.role === measure)!;
  return d.columns.get(`${item}_${m.column}`, into)!;
}

/**
 * Above this many bytes of area scores as doubles (respondents × areas × 3 × 8), they are kept packed; below
 * it (a few hundred thousand respondents) as doubles, read without any computation.
 */
export const PACK_SCORES_ABOVE = 64 << 20;

/**
 * The area scores of every respondent. On a large dataset whose area ratings are stored as bytes (whole
 * numbers 0–254, see dataset/column-store.ts), a score is kept as the sum of the ratings answered (a whole
 * number) and their count, 3 bytes a respondent instead of the 8 of a double, and each of `importance`,
 * `level` and `gap` is computed from them when read (the same division and subtraction, so the same doubles);
 * the arrays of the area read last are kept for the next read. At a million respondents the 33 score columns
 * of the shipped questionnaire take 0.07 GB instead of 0.26 GB. `packAbove` (bytes) sets where packing starts.
 */
export function computeScores(d: Dataset, packAbove = PACK_SCORES_ABOVE): Scores {
  const q = d.questionnaire;
  const area = new Map<string, AreaScores>();
  // Scratch per respondent, reused by every area and measure: Σ ratings, ratings answered, items shown.
  const sum = new Float64Array(d.n);
  const answered = new Int32Array(d.n);
  const seen = new Int32Array(d.n);
  const recent = new RecentScores();
  for (const a of q.areas) {
    const imp = a.items.map((i) => storedItemColumn(d, i.code, 'importance'));
    const lvl = a.items.map((i) => storedItemColumn(d, i.code, 'level'));
    const shown = a.items.map((i) => d.shown.get(i.code)!);
    // Column by column (each read straight through), items in order, so each respondent's sum is the same.
    const tally = (cols: StoredColumn[]) => {
      sum.fill(0);
      answered.fill(0);
      seen.fill(0);
      for (let j = 0; j < cols.length; j++) {
        const col = cols[j]!;
        if (col instanceof Uint8Array) addShownBytes(col, shown[j]!, sum, answered, seen);
        else addShown(col, shown[j]!, sum, answered, seen);
      }
    };
    // a sum of at most 255 ratings of 0–254 fits 16 bits, their count 8
    const pack = d.n * q.areas.length * 24 > packAbove && [...imp, ...lvl].every((c) => c instanceof Uint8Array) && a.items.length <= 255;
    if (pack) {
      tally(imp);
      const importance = packScore(sum, answered, seen);
      tally(lvl);
      area.set(a.code, new PackedAreaScores(importance, packScore(sum, answered, seen), recent));
    } else {
      tally(imp);
      const importance = areaMean(sum, answered, seen);
      tally(lvl);
      const level = areaMean(sum, answered, seen);
      area.set(a.code, { importance, level, gap: difference(importance, level, new Float64Array(d.n)) });
    }
  }
  const itemGap = (item: string, into = new Float64Array(d.n)) => {
    if (!q.areas.some((a) => a.items.some((i) => i.code === item))) throw new Error(`no rated item ${item}`);
    const imp = storedItemColumn(d, item, 'importance');
    const lvl = storedItemColumn(d, item, 'level');
    // from the bytes, the same doubles: a − b of the ratings, NaN where either is missing
    if (imp instanceof Uint8Array && lvl instanceof Uint8Array) return differenceOfBytes(imp, lvl, into);
    return difference(itemColumn(d, item, 'importance'), itemColumn(d, item, 'level'), into);
  };
  return { itemGap, area };
}

function storedItemColumn(d: Dataset, item: string, measure: MeasureRole): StoredColumn {
  const m = d.questionnaire.measures.find((x) => x.role === measure)!;
  return d.columns.stored.get(`${item}_${m.column}`)!;
}

/** An area score as a whole-number sum of ratings and their count (0: no score). */
interface PackedScore {
  sum: Uint16Array;
  count: Uint8Array;
}

/** The arrays of the area read last (one area's importance, level and gap), for the next read. */
class RecentScores {
  owner: PackedAreaScores | null = null;
  importance: Float64Array | null = null;
  level: Float64Array | null = null;
  gap: Float64Array | null = null;

  for(owner: PackedAreaScores): this {
    if (this.owner !== owner) {
      this.owner = owner;
      this.importance = this.level = this.gap = null;
    }
    return this;
  }
}

class PackedAreaScores implements AreaScores {
  readonly #importance: PackedScore;
  readonly #level: PackedScore;
  readonly #recent: RecentScores;

  constructor(importance: PackedScore, level: PackedScore, recent: RecentScores) {
    this.#importance = importance;
    this.#level = level;
    this.#recent = recent;
  }

  get importance(): Float64Array {
    const r = this.#recent.for(this);
    return (r.importance ??= unpackScore(this.#importance));
  }

  get level(): Float64Array {
    const r = this.#recent.for(this);
    return (r.level ??= unpackScore(this.#level));
  }

  get gap(): Float64Array {
    const importance = this.importance;
    const level = this.level;
    const r = this.#recent.for(this);
    return (r.gap ??= difference(importance, level, new Float64Array(importance.length)));
  }
}

/** a − b, element by element (NaN where either is), into `out`. */
function difference(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  for (let r = 0; r < a.length; r++) out[r] = a[r]! - b[r]!;
  return out;
}

function differenceOfBytes(a: Uint8Array, b: Uint8Array, out: Float64Array): Float64Array {
  for (let r = 0; r < a.length; r++) {
    const x = a[r]!;
    const y = b[r]!;
    out[r] = x === MISSING || y === MISSING ? NaN : x - y;
  }
  return out;
}

function addShown(col: Float64Array, shown: Uint8Array, sum: Float64Array, answered: Int32Array, seen: Int32Array): void {
  for (let r = 0; r < col.length; r++) {
    if (!shown[r]) continue;
    seen[r]!++;
    const v = col[r]!;
    if (v === v) {
      sum[r]! += v;
      answered[r]!++;
    }
  }
}

function addShownBytes(col: Uint8Array, shown: Uint8Array, sum: Float64Array, answered: Int32Array, seen: Int32Array): void {
  for (let r = 0; r < col.length; r++) {
    if (!shown[r]) continue;
    seen[r]!++;
    const v = col[r]!;
    if (v !== MISSING) {
      sum[r]! += v;
      answered[r]!++;
    }
  }
}

/** The area score: the mean of the ratings answered, if at least half of the items shown were answered. */
function areaMean(sum: Float64Array, answered: Int32Array, seen: Int32Array): Float64Array {
  const out = new Float64Array(sum.length);
  for (let r = 0; r < sum.length; r++) {
    const k = seen[r]!;
    out[r] = k > 0 && answered[r]! * 2 >= k ? sum[r]! / answered[r]! : NaN;
  }
  return out;
}

/** The same rule, kept as the sum and count of the ratings (count 0 where there is no score). */
function packScore(sum: Float64Array, answered: Int32Array, seen: Int32Array): PackedScore {
  const out: PackedScore = { sum: new Uint16Array(sum.length), count: new Uint8Array(sum.length) };
  for (let r = 0; r < sum.length; r++) {
    const k = seen[r]!;
    if (k > 0 && answered[r]! * 2 >= k) {
      out.sum[r] = sum[r]!;
      out.count[r] = answered[r]!;
    }
  }
  return out;
}

/** The scores of a packed area score: Σ/count, NaN where the count is 0 (as areaMean gives them). */
function unpackScore(p: PackedScore): Float64Array {
  const out = new Float64Array(p.sum.length);
  const { sum, count } = p;
  for (let r = 0; r < sum.length; r++) {
    const c = count[r]!;
    out[r] = c === 0 ? NaN : sum[r]! / c;
  }
  return out;
}

/**
 * The lattice an area's scores lie on: a mean of at most m whole-number ratings is a multiple of
 * 1/lcm(1, …, m), between the scale's ends; the gap lies on the same lattice. Null when the ratings are
 * not whole numbers or the lattice would be too fine to tabulate (scores are then described from rows).
 */
export function scoreLattice(q: Questionnaire, areaCode: string): { rating: Lattice; gap: Lattice } | null {
  const area = q.areas.find((a) => a.code === areaCode)!;
  const scales = area.items.map((it) => q.variables.find((v) => v.item === it.code)?.values?.map((v) => Number(v.value)) ?? []);
  const all = scales.flat();
  if (all.length === 0 || !all.every(Number.isInteger)) return null;
  let scale = 1;
  for (let m = 2; m <= area.items.length; m++) scale = (scale * m) / gcd(scale, m);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  if (2 * (hi - lo) * scale > 100_000) return null;
  return { rating: { min: lo, max: hi, scale }, gap: { min: lo - hi, max: hi - lo, scale } };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
