/** Remembered answers of one question, keyed by the bytes of their cell. */
import type { Answer } from './answers.ts';

/** Masks of the first and second 4 bytes of a key of 0–8 bytes. */
const LOW_MASK = Int32Array.from({ length: 9 }, (_, n) => (n >= 4 ? -1 : (1 << (8 * n)) - 1));
const HIGH_MASK = Int32Array.from({ length: 9 }, (_, n) => (n <= 4 ? 0 : n >= 8 ? -1 : (1 << (8 * (n - 4))) - 1));

/**
 * Remembered answers of one question keyed by the cell's bytes, so that a repeated value costs a hash and
 * no string. Keys of up to 8 bytes (nearly every closed answer) are kept as two 32-bit words and compared
 * as such; longer ones as bytes.
 */
export class AnswerCache {
  static readonly LIMIT = 65_535;
  readonly answers: Answer[] = [];
  private lengths = new Int32Array(8);
  private low = new Int32Array(8);
  private high = new Int32Array(8);
  private hashes = new Int32Array(8);
  private long: (Buffer | undefined)[] = [];
  private table = new Int32Array(16).fill(-1);
  private w0 = 0;
  private w1 = 0;
  private hash = 0;
  private slot = 0;
  private last: Answer | undefined;
  private lastLength = -1;
  private lastLow = 0;
  private lastHigh = 0;

  /** the bytes of a cell read as two little-endian words (`view` over `buf`); the bytes past the cell are masked off */
  find(buf: Buffer, view: DataView, s: number, e: number): Answer | undefined {
    const n = e - s;
    let w0 = 0;
    let w1 = 0;
    let h: number;
    if (n <= 8) {
      if (s + 8 <= buf.length) {
        w0 = view.getInt32(s, true) & LOW_MASK[n]!;
        w1 = view.getInt32(s + 4, true) & HIGH_MASK[n]!;
      } else {
        for (let i = 0; i < n; i++) {
          const b = buf[s + i]!;
          if (i < 4) w0 |= b << (8 * i);
          else w1 |= b << (8 * (i - 4));
        }
      }
      // the answer last found, most often the same again
      if (n === this.lastLength && w0 === this.lastLow && w1 === this.lastHigh) return this.last;
      h = Math.imul(w0 ^ Math.imul(w1 ^ n, 0x9e3779b1), 0x85ebca6b);
      h ^= h >>> 15;
    } else {
      h = 0x811c9dc5;
      for (let x = s; x < e; x++) h = Math.imul(h ^ buf[x]!, 16777619);
    }
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const i = this.table[slot]!;
      if (i < 0) break;
      if (this.hashes[i] === h && this.lengths[i] === n) {
        if (n <= 8) {
          if (this.low[i] === w0 && this.high[i] === w1) {
            this.lastLength = n;
            this.lastLow = w0;
            this.lastHigh = w1;
            return (this.last = this.answers[i]);
          }
        } else {
          const key = this.long[i]!;
          let same = true;
          for (let x = 0; x < n; x++) if (key[x] !== buf[s + x]) { same = false; break; }
          if (same) return this.answers[i];
        }
      }
      slot = (slot + 1) & mask;
    }
    this.w0 = w0;
    this.w1 = w1;
    this.hash = h;
    this.slot = slot;
    return undefined;
  }

  /** Remembers an answer for the bytes last looked up with `find` (which found nothing). */
  add(buf: Buffer, s: number, e: number, answer: Answer): void {
    const i = this.answers.length;
    if (i >= AnswerCache.LIMIT) return;
    if (i === this.lengths.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.lengths = grow(this.lengths);
      this.low = grow(this.low);
      this.high = grow(this.high);
      this.hashes = grow(this.hashes);
    }
    answer.id = i + 1;
    this.answers.push(answer);
    this.lengths[i] = e - s;
    this.low[i] = this.w0;
    this.high[i] = this.w1;
    this.hashes[i] = this.hash;
    this.long.push(e - s > 8 ? Buffer.from(buf.subarray(s, e)) : undefined);
    this.table[this.slot] = i;
    if ((i + 1) * 2 > this.table.length) {
      const table = new Int32Array(this.table.length * 4).fill(-1);
      const mask = table.length - 1;
      for (let k = 0; k <= i; k++) {
        let slot = this.hashes[k]! & mask;
        while (table[slot]! >= 0) slot = (slot + 1) & mask;
        table[slot] = k;
      }
      this.table = table;
    }
  }
}
