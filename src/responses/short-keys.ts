/** A small hash table for the row reader (row-reader.ts): cells looked up by their bytes, no string made. */
/**
 * Values keyed by byte strings of up to 8 bytes, looked up straight from a buffer: the bytes as two 32-bit words
 * and a length, in an open-addressing table. `set` stores under the key last looked up (and not found).
 */
export class ShortKeys<T> {
  private lens = new Int8Array(16).fill(-1);
  private lows = new Int32Array(16);
  private highs = new Int32Array(16);
  private vals: (T | undefined)[] = new Array<T | undefined>(16);
  size = 0;
  private slot = 0;
  private n = 0;
  private low = 0;
  private high = 0;

  get(buf: Buffer, s: number, e: number): T | undefined {
    const n = e - s;
    let low = 0;
    let high = 0;
    for (let i = 0; i < n; i++) {
      const b = buf[s + i]!;
      if (i < 4) low |= b << (8 * i);
      else high |= b << (8 * (i - 4));
    }
    const mask = this.lens.length - 1;
    let slot = (Math.imul(low ^ Math.imul(high ^ n, 0x9e3779b1), 0x85ebca6b) >>> 15) & mask;
    for (;;) {
      const len = this.lens[slot]!;
      if (len < 0) break;
      if (len === n && this.lows[slot] === low && this.highs[slot] === high) return this.vals[slot];
      slot = (slot + 1) & mask;
    }
    this.slot = slot;
    this.n = n;
    this.low = low;
    this.high = high;
    return undefined;
  }

  set(value: T): void {
    this.lens[this.slot] = this.n;
    this.lows[this.slot] = this.low;
    this.highs[this.slot] = this.high;
    this.vals[this.slot] = value;
    if (++this.size * 2 > this.lens.length) this.rehash();
  }

  private rehash(): void {
    const { lens, lows, highs, vals } = this;
    const cap = lens.length * 4;
    this.lens = new Int8Array(cap).fill(-1);
    this.lows = new Int32Array(cap);
    this.highs = new Int32Array(cap);
    this.vals = new Array<T | undefined>(cap);
    const mask = cap - 1;
    for (let i = 0; i < lens.length; i++) {
      const n = lens[i]!;
      if (n < 0) continue;
      let slot = (Math.imul(lows[i]! ^ Math.imul(highs[i]! ^ n, 0x9e3779b1), 0x85ebca6b) >>> 15) & mask;
      while (this.lens[slot]! >= 0) slot = (slot + 1) & mask;
      this.lens[slot] = n;
      this.lows[slot] = lows[i]!;
      this.highs[slot] = highs[i]!;
      this.vals[slot] = vals[i];
    }
  }
}
