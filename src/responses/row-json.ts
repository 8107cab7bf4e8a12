/**
 * The row to store, put together from what the fast check read (row-reader.ts): the canonical JSON of the answers
 * (keys sorted at every level, as `canonicalJson` writes them) assembled as bytes from fragments made once per
 * answer, set of choices or rated item, then hashed as bytes and decoded once.
 */
import type { CsvRow } from './csv-stream.ts';
import { EMPTY, MATRIX, SCALAR, type RowLayout, type ScalarEntry } from './row-layout.ts';
import type { ImportOptions } from './row-reader.ts';
import { canonicalJson, sha256Hex } from './store/tokens.ts';
import type { ImportRow } from './store/types.ts';

/** The system cells the fast check read. */
export interface SystemCells {
  id: string;
  wave: string;
  source: string;
  started: string;
  submitted: string;
  duration: number | undefined;
}

export class RowJson {
  /** where a row's JSON is put together */
  private out: Buffer = Buffer.allocUnsafe(1 << 17);

  constructor(
    private readonly layout: RowLayout,
    private readonly options: ImportOptions,
    /** the row state the fast check leaves (see RowReader) */
    private readonly state: { entries: ScalarEntry[]; boxMask: Int32Array; boxAnswered: Uint8Array; slotValue: Int8Array; sys: SystemCells },
  ) {}

  /** The row to store of a row `fast` found valid: the canonical JSON of its answers put together as bytes from fragments, hashed as bytes. */
  assemble(row: CsvRow): ImportRow {
    const entries = this.state.entries;
    const { id, wave, source, started, submitted, duration } = this.state.sys;
    let out = this.out;
    let p = 0;
    out[p++] = 0x7b; // {
    for (let o = 0; o < this.layout.order.length; o++) {
      const k = this.layout.orderKind[o]!;
      const i = this.layout.orderIndex[o]!;
      if (k === MATRIX) {
        if (out.length - p < 1 << 16) out = this.grow(p);
        p = this.matrixFragment(i, out, p);
        continue;
      }
      const f = k === SCALAR ? entries[i]!.fragment : this.boxFragment(i);
      if (f.length === 0) continue;
      if (out.length - p < f.length + 2) out = this.grow(p + f.length);
      if (p > 1) out[p++] = 0x2c; // ,
      out.set(f, p);
      p += f.length;
    }
    out[p++] = 0x7d; // }
    const bytes = out.subarray(0, p);
    const meta: Record<string, unknown> = {};
    if (started) meta.startedAt = started;
    if (submitted) meta.submittedAt = submitted;
    if (duration !== undefined) meta.durationSec = duration;
    const when = submitted ? new Date(submitted) : null;
    return {
      respondentId: id,
      wave: wave !== '' ? wave : (this.options.wave ?? null),
      source: source !== '' ? source : (this.options.source ?? 'import'),
      dataJson: out.toString('utf8', 0, p),
      metaJson: JSON.stringify(meta),
      submittedAt: when && !Number.isNaN(when.getTime()) ? when.toISOString() : null,
      contentHash: sha256Hex(bytes),
      line: row.line,
    };
  }

  private grow(need: number): Buffer {
    const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, need + (1 << 16)));
    this.out.copy(bigger);
    return (this.out = bigger);
  }

  private boxFragment(bi: number): Buffer {
    if (!this.state.boxAnswered[bi]) return EMPTY;
    const box = this.layout.checkboxes[bi]!;
    const mask = this.state.boxMask[bi]!;
    let f = box.fragments.get(mask);
    if (f === undefined) {
      f = Buffer.from(`${JSON.stringify(box.spec.name)}:${canonicalJson(box.all.filter((_, b) => mask & (1 << b)))}`);
      box.fragments.set(mask, f);
    }
    return f;
  }

  /** Writes `"name":{"item":{…},…}` of matrix mi at p (nothing when no item is rated); returns the new end. */
  private matrixFragment(mi: number, out: Buffer, p: number): number {
    const m = this.layout.matrices[mi]!;
    const v = this.state.slotValue;
    const start = p;
    let items = 0;
    for (const r of m.rows) {
      let key = 0;
      let any = false;
      for (const slot of r.slots) {
        key = key * 11 + v[slot]! + 1;
        if (v[slot]! >= 0) any = true;
      }
      if (!any) continue;
      let f = r.fragments[key];
      if (f === undefined) {
        const cells: Record<string, number> = {};
        r.slots.forEach((slot, k) => {
          if (v[slot]! >= 0) cells[r.columns[k]!] = v[slot]!;
        });
        f = Buffer.from(`${JSON.stringify(r.key)}:${canonicalJson(cells)}`);
        r.fragments[key] = f;
      }
      if (items++ === 0) {
        if (start > 1) out[p++] = 0x2c;
        out.set(m.open, p);
        p += m.open.length;
      } else out[p++] = 0x2c;
      out.set(f, p);
      p += f.length;
    }
    if (items > 0) out[p++] = 0x7d;
    return p;
  }
}
