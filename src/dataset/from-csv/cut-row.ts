/**
 * The first half of the row check: one data row cut into cells at the bytes, as papaparse cuts it, in one pass,
 * with its plain ratings (a digit or nothing) and checkbox choices (0, 1 or nothing) staged as it goes: ratings
 * as bytes into the reader's staging array, choices as a bit mask per checkbox. Anything else is noted (a rating
 * read from text: `fullCheck`; a choice neither 0 nor 1: `unusual`) for the second half (check-row.ts).
 */
import { readNumberText } from '../../questionnaire/record.ts';
import { cellText, type CsvRows } from './csv-scan.ts';
import type { Layout } from './layout.ts';

// Bytes and cell flags as csv-scan.ts has them, cell kinds as layout.ts has them, and the staged rating codes,
// repeated here: the row loop reads them millions of times, and an imported binding is not a constant to the
// compiler.
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const QUOTED = 1;
const ESCAPED = 2;
const MATRIX = 2;
const CHECKBOX = 3;
/** Codes of a staged rating: 0–250 the rating itself, else these (UNUSUAL: read, but a value the codes cannot hold). */
const BLANK = 255;
const UNUSUAL = 254;

export type RowCutter = ReturnType<typeof rowCutter>;

/** Cuts rows of `rows`' text for the header `layout`, staging ratings into `ratings` (`layout.nSlots` a row). */
export function rowCutter(rows: CsvRows, layout: Layout, ratings: Uint8Array) {
  const buf = rows.buf;
  const len = buf.length;
  const D = rows.delim;
  const crlf = rows.crlf;
  const { ncols, kind, arg, idCol, nSlots, nBoxes, runKind, runFrom, runTo, nRuns, runDigits } = layout;
  const cellStart = new Int32Array(ncols);
  const cellEnd = new Int32Array(ncols);
  const cellFlags = new Uint8Array(ncols);
  const cbMask = new Int32Array(nBoxes);
  const cbAnswered = new Uint8Array(nBoxes);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  /** four bytes "?;?;" masked to their delimiters, and "0;0;" with the choice bits masked off */
  const twoDelims = (D << 8) | (D << 24);
  const twoChoices = 0x30 | (D << 8) | (0x30 << 16) | (D << 24);
  let unusual = false;
  /** whether a rating of the row needs checking cell by cell (read from text, or a digit its run does not allow everywhere) */
  let fullCheck = false;
  let rowBase = 0;

  /**
   * Cuts cell `j` at byte `p` as papaparse cuts it and notes it: where the next cell begins, -1 when the
   * row ends too soon or too late (not a plain data row), -2 when the CSV is malformed.
   */
  function cell(j: number, p: number): number {
    let s = p;
    let e: number;
    let f = 0;
    if (buf[p] === QUOTE) {
      s = p + 1;
      let x = s;
      f = QUOTED;
      for (;;) {
        x = buf.indexOf(QUOTE, x);
        if (x < 0) return -2;
        if (x + 1 < len && buf[x + 1] === QUOTE) {
          f |= ESCAPED;
          x += 2;
          continue;
        }
        break;
      }
      e = x;
      p = x + 1;
    } else if (crlf) {
      while (p < len) {
        const b = buf[p]!;
        if (b === D || (b === CR && buf[p + 1] === LF)) break;
        p++;
      }
      e = p;
    } else {
      while (p < len) {
        const b = buf[p]!;
        if (b === D || b === LF) break;
        p++;
      }
      e = p;
    }
    // what ends it: the delimiter before the last cell, a line break or the end of the text after it
    const last = j === ncols - 1;
    if (p < len && buf[p] === D) {
      if (last) return -1;
      p++;
    } else {
      if (p < len) {
        if (crlf ? buf[p] === CR && buf[p + 1] === LF : buf[p] === LF) p += crlf ? 2 : 1;
        else return -2;
      }
      if (!last) return -1;
    }
    cellStart[j] = s;
    cellEnd[j] = e;
    cellFlags[j] = f;
    if (e > s) {
      const k = kind[j];
      if (k === MATRIX) {
        const v = readNumberText(cellText(buf, s, e, f).trim(), true);
        if (v !== undefined) {
          ratings[rowBase + arg[j]!] = v >= 0 && v <= 250 && Number.isInteger(v) && !Object.is(v, -0) ? v : UNUSUAL;
          fullCheck = true;
        }
      } else if (k === CHECKBOX) {
        const t = cellText(buf, s, e, f).trim();
        if (t === '0' || t === '1') {
          const a = arg[j]!;
          cbAnswered[a >> 5] = 1;
          if (t === '1') cbMask[a >> 5]! |= 1 << (a & 31);
        } else if (t !== '') unusual = true;
      }
    }
    return p;
  }

  /**
   * Cuts the row at byte `p0`, staging its ratings at `base`: the row's end, -1 when the row is not a plain
   * data row (blank, of another width, without respondent id: its staged ratings cleared), -2 when the CSV is
   * malformed.
   */
  function cut(p0: number, base: number): number {
    rowBase = base;
    unusual = false;
    fullCheck = false;
    for (let ci = 0; ci < nBoxes; ci++) {
      cbMask[ci] = 0;
      cbAnswered[ci] = 0;
    }
    let p = p0;
    for (let ri = 0; ri < nRuns; ri++) {
      const k = runKind[ri]!;
      const to = runTo[ri]!;
      let j = runFrom[ri]!;
      if (k === MATRIX) {
        // plain ratings: a digit or nothing; two at a time where four bytes read "d;d;"
        let seen = 0;
        for (let x = base + arg[j]!; j < to; ) {
          if (j + 1 < to && p + 4 <= len) {
            const w = view.getInt32(p, true);
            if ((w & 0xff00ff00) === twoDelims && (w & 0x00f000f0) === 0x00300030 && (((w & 0x000f000f) + 0x00060006) & 0x00f000f0) === 0) {
              const d1 = w & 15;
              const d2 = (w >>> 16) & 15;
              ratings[x] = d1;
              ratings[x + 1] = d2;
              seen |= (1 << d1) | (1 << d2);
              p += 4;
              x += 2;
              j += 2;
              continue;
            }
          }
          const b0 = buf[p]!;
          const digit = b0 - 48;
          if (b0 === D) p++;
          else if (digit >= 0 && digit <= 9 && buf[p + 1] === D) {
            ratings[x] = digit;
            seen |= 1 << digit;
            p += 2;
          } else {
            p = cell(j, p);
            if (p < 0) return p === -1 ? irregular(base) : -2;
          }
          j++;
          x++;
        }
        if (seen & ~runDigits[ri]!) fullCheck = true;
      } else if (k === CHECKBOX) {
        // plain choices: 0, 1 or nothing; two at a time where four bytes read "b;b;"
        const ci = arg[j]! >> 5;
        let mask = 0;
        let answered = 0;
        for (let bit = 1 << (arg[j]! & 31); j < to; ) {
          if (j + 1 < to && p + 4 <= len) {
            const w = view.getInt32(p, true);
            if ((w & 0xfffefffe) === twoChoices) {
              answered = 1;
              if (w & 1) mask |= bit;
              if (w & 0x10000) mask |= bit << 1;
              p += 4;
              j += 2;
              bit <<= 2;
              continue;
            }
          }
          const b0 = buf[p]!;
          if (b0 === D) p++;
          else if ((b0 === 48 || b0 === 49) && buf[p + 1] === D) {
            answered = 1;
            if (b0 === 49) mask |= bit;
            p += 2;
          } else {
            p = cell(j, p);
            if (p < 0) return p === -1 ? irregular(base) : -2;
          }
          j++;
          bit <<= 1;
        }
        cbMask[ci]! |= mask;
        if (answered) cbAnswered[ci] = 1;
      } else {
        for (; j < to; j++) {
          p = cell(j, p);
          if (p < 0) return p === -1 ? irregular(base) : -2;
        }
      }
    }
    p = cell(ncols - 1, p);
    if (p < 0) return p === -1 ? irregular(base) : -2;
    // A row is surely not blank when its respondent id has a visible character; else the caller looks closer.
    {
      let visible = false;
      for (let x = cellStart[idCol]!, e = cellEnd[idCol]!; x < e; x++) {
        const b = buf[x]!;
        if (b < 0x80 && b !== 0x20 && (b < 0x09 || b > 0x0d)) { visible = true; break; }
      }
      if (!visible) return irregular(base);
    }
    return p;
  }

  function irregular(base: number): number {
    ratings.fill(BLANK, base, base + nSlots);
    return -1;
  }

  return {
    cut,
    /** where each cell of the row last cut starts and ends, and its flags (csv-scan.ts) */
    cellStart, cellEnd, cellFlags,
    /** per checkbox of the row last cut: the choices chosen (bit mask), and whether any cell was answered */
    cbMask, cbAnswered,
    /** the row's bytes as little-endian words, for the answer caches */
    view,
    /** a checkbox cell of the row last cut held something else than 0, 1 or nothing */
    unusual: () => unusual,
    /** a rating of the row last cut needs checking cell by cell */
    fullCheck: () => fullCheck,
  };
}
