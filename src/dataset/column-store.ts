/**
 * The dataset's answer columns, stored compactly. Almost every column holds a small whole number: a rating
 * of a fixed scale (1–6), the index of a choice, 0/1 for a checkbox choice or a yes/no answer. Such a column is
 * a Uint8Array, one byte a respondent, the number itself with MISSING (255) where there is no answer; only
 * columns that may hold other numbers (free numeric answers, a scale with values outside 0–254) are
 * Float64Arrays with NaN for missing. At a million respondents the ~170 columns of the shipped questionnaire
 * take 0.17 GB instead of 1.4 GB.
 *
 * Every statistic reads doubles: `get` gives a column as a Float64Array (NaN for missing), decoded from its
 * bytes exactly (a byte v is the number v), so the arithmetic sees the same numbers it saw when every column
 * was stored as doubles. The few most recently decoded columns are kept, so a column read in several passes
 * is decoded once. Loops over many columns at once (quality flags, fingerprints, area scores) read the
 * stored bytes through `stored` instead, without decoding.
 */

/** The byte of a compact column where the respondent has no answer. */
export const MISSING = 255;

/** A column as stored: bytes (MISSING = no answer) or doubles (NaN = no answer). */
export type StoredColumn = Uint8Array | Float64Array;

/** How many decoded columns are kept for the next `get` of the same column. */
const RECENT = 4;

export class Columns implements Iterable<[string, Float64Array]> {
  /** the columns as stored, by variable name, in codebook order */
  readonly stored: Map<string, StoredColumn>;
  #recent = new Map<string, Float64Array>();
  /** decoded columns carried over by an in-place row selection: handed out before, so handed out again */
  #carried = new Map<string, Float64Array>();

  constructor(stored: Map<string, StoredColumn> = new Map()) {
    this.stored = stored;
  }

  get size(): number {
    return this.stored.size;
  }

  has(name: string): boolean {
    return this.stored.has(name);
  }

  keys(): IterableIterator<string> {
    return this.stored.keys();
  }

  /**
   * A column as doubles, NaN where there is no answer: a column of doubles itself, a column of bytes decoded
   * (into `into` when given: a scratch the caller reuses column after column, so that reading a hundred
   * columns allocates nothing; else into a new array, kept among the recent ones). Not to be written to.
   */
  get(name: string, into?: Float64Array): Float64Array | undefined {
    const s = this.stored.get(name);
    if (s === undefined || s instanceof Float64Array) return s;
    if (into) return decode(s, into);
    let out = this.#recent.get(name) ?? this.#carried.get(name);
    if (out) return out;
    out = decode(s, new Float64Array(s.length));
    if (this.#recent.size >= RECENT) this.#recent.delete(this.#recent.keys().next().value!);
    this.#recent.set(name, out);
    return out;
  }

  /** Every column as doubles, decoded one at a time as the iteration reaches it. */
  *values(): IterableIterator<Float64Array> {
    for (const name of this.stored.keys()) yield this.get(name)!;
  }

  *entries(): IterableIterator<[string, Float64Array]> {
    for (const name of this.stored.keys()) yield [name, this.get(name)!];
  }

  [Symbol.iterator](): IterableIterator<[string, Float64Array]> {
    return this.entries();
  }

  /**
   * The columns with each stored column replaced by `map(column)`; with `mapDecoded` the decoded columns
   * kept are carried over too, compacted by it (for a row selection in place: a caller holding a decoded
   * column before gets the same array, compacted, from the new columns).
   */
  mapRows(map: (column: StoredColumn) => StoredColumn, mapDecoded?: (column: Float64Array) => Float64Array): Columns {
    const out = new Columns(new Map([...this.stored].map(([k, v]) => [k, map(v)])));
    if (mapDecoded) for (const [k, v] of [...this.#carried, ...this.#recent]) out.#carried.set(k, mapDecoded(v));
    return out;
  }
}

/** The doubles of a byte column (MISSING → NaN) into `out`. */
export function decode(bytes: Uint8Array, out: Float64Array): Float64Array {
  for (let r = 0; r < bytes.length; r++) {
    const v = bytes[r]!;
    out[r] = v === MISSING ? NaN : v;
  }
  return out;
}

/** Whether every value of a codebook scale fits a byte column: whole numbers 0–254. */
export function fitsBytes(values: readonly unknown[]): boolean {
  return values.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < MISSING && !Object.is(v, -0));
}

/** Writes a number into a column (NaN: no answer); a number a byte column cannot hold is a programming error. */
export function put(column: StoredColumn, row: number, value: number): void {
  if (column instanceof Float64Array) column[row] = value;
  else if (value !== value) column[row] = MISSING;
  else if (Number.isInteger(value) && value >= 0 && value < MISSING) column[row] = value;
  else throw new Error(`the value ${value} does not fit a byte column (whole numbers 0–254): its codebook scale should have kept it in doubles`);
}
