/**
 * CSV files read as a stream of rows, in chunks, so that memory does not grow with the file: what `diag validate`
 * and `diag import` read (see intake.ts). The bytes are never held whole, nor decoded into one string.
 *
 * - Encoding: UTF-8 with or without a byte-order mark, else Windows-1250 (the rule of util/text.ts: a file
 *   that is valid UTF-8 throughout is UTF-8). A first pass over the bytes decides it (`isUtf8` per chunk, a
 *   character cut by a chunk's end carried to the next); Windows-1250 chunks are turned into UTF-8 as they are
 *   read (one byte a character, so a chunk's end never cuts one). UTF-16 is refused.
 * - Rows: RFC 4180. A cell that begins with `"` is quoted: it ends at the next `"` not doubled, may hold the
 *   delimiter and line breaks, and `""` inside is one quote; a `"` inside an unquoted cell is text. A row ends at
 *   LF or CRLF (a lone CR is text), or at CR alone in an old Mac file (one whose header ends at a lone CR).
 * - The delimiter is `;`, `,` or tab: the one that splits the header into the most cells (`;` on a tie).
 * - Rows are cut from a window of bytes: a row is handed on only when its end is in the window, so a chunk that
 *   ends inside a quoted cell, a multi-byte character or between CR and LF leaves that row for the next chunk.
 * - Row numbers count records from 1 (the header), blank ones too, as a spreadsheet numbers its rows; a record
 *   with a line break inside a quoted cell is one row.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { DiagError } from '../errors.ts';

export const QUOTE = 0x22;
export const LF = 0x0a;
export const CR = 0x0d;
/** Cell flags: quoted; holds doubled quotes to undo. */
export const QUOTED = 1;
export const ESCAPED = 2;

const CHUNK = 1 << 20;

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1250';

export interface CsvShape {
  encoding: CsvEncoding;
  delimiter: string;
}

/**
 * One row's cells as byte ranges of `buf` (valid until the next row is asked for). `problem` is set when the
 * row's CSV is malformed (its cells are then what could be cut).
 */
export class CsvRow {
  buf: Buffer = Buffer.alloc(0);
  count = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  flags = new Uint8Array(64);
  /** row number (the header is 1) */
  line = 0;
  problem: string | null = null;

  /** The text of cell i as written (quotes and doubled quotes undone, not trimmed). */
  text(i: number): string {
    return cellText(this.buf, this.start[i]!, this.end[i]!, this.flags[i]!);
  }

  /** Whether any cell holds a NUL byte (the one character of the text rule a decoded CSV can carry). */
  hasNul(): boolean {
    if (this.count === 0) return false;
    // searched within the row only: the buffer may hold many rows after it (a search to its end, row after row,
    // would cost the square of the rows a buffer holds)
    return this.buf.subarray(this.start[0]!, this.end[this.count - 1]!).indexOf(0) >= 0;
  }

  /** Whether every cell is blank (such a row is skipped). */
  blank(): boolean {
    for (let i = 0; i < this.count; i++) {
      if (this.flags[i]! & ESCAPED) return false;
      for (let x = this.start[i]!, e = this.end[i]!; x < e; x++) {
        const b = this.buf[x]!;
        if (b >= 0x80) return this.textBlank();
        if (b !== 0x20 && (b < 0x09 || b > 0x0d)) return false;
      }
    }
    return true;
  }

  private textBlank(): boolean {
    let t = '';
    for (let i = 0; i < this.count; i++) t += this.text(i);
    return t.trim() === '';
  }

  push(s: number, e: number, flags: number): void {
    if (this.count === this.start.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.flags = grow(this.flags);
    }
    this.start[this.count] = s;
    this.end[this.count] = e;
    this.flags[this.count++] = flags;
  }
}

export function cellText(buf: Buffer, s: number, e: number, flags: number): string {
  const t = buf.toString('utf8', s, e);
  return flags & ESCAPED ? t.replaceAll('""', '"') : t;
}

/**
 * Files are read with synchronous reads of a chunk at a time: a chunk in the page cache takes well under a
 * millisecond, while an asynchronous read waits for a thread of libuv's pool, which on a busy machine cost more
 * than the parse itself. The rows are still handed on asynchronously (an import awaits its store between them).
 */
function openFile(path: string, shown: string): number {
  try {
    return openSync(path, 'r');
  } catch {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${shown}`, [{ file: shown, message: 'file not found or not readable' }]);
  }
}

/** The file's encoding, from its first bytes and a pass of `isUtf8` over the rest (see the module comment). */
export async function detectEncoding(path: string, shown: string): Promise<CsvEncoding> {
  const fd = openFile(path, shown);
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let carry = Buffer.alloc(0);
    let first = true;
    let bom = false;
    for (;;) {
      const bytesRead = readSync(fd, chunk, 0, CHUNK, null);
      let bytes = chunk.subarray(0, bytesRead);
      if (first) {
        first = false;
        if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
          throw new DiagError('INPUT_INVALID', `${shown} cannot be read as text`, [{ file: shown, message: 'expected UTF-8 or Windows-1250 text, got UTF-16 (byte-order mark FF FE / FE FF); save the file as UTF-8' }]);
        }
        bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        if (bom) bytes = bytes.subarray(3);
      }
      if (bytesRead === 0) {
        if (carry.length === 0) return bom ? 'utf-8-bom' : 'utf-8';
        break;
      }
      const joined = carry.length ? Buffer.concat([carry, bytes]) : bytes;
      const cut = completeUtf8(joined);
      if (!isUtf8(joined.subarray(0, cut))) break;
      carry = Buffer.from(joined.subarray(cut));
    }
    if (bom) throw new DiagError('INPUT_INVALID', `${shown} cannot be read as text`, [{ file: shown, message: 'expected valid UTF-8 after the UTF-8 byte-order mark' }]);
    return 'windows-1250';
  } finally {
    closeSync(fd);
  }
}

/** Where the last whole UTF-8 character of `b` ends (a sequence cut at the end is left out). */
function completeUtf8(b: Buffer): number {
  const n = b.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const x = b[n - back]!;
    if (x < 0x80) return n; // ASCII: everything before is whole
    if (x >= 0xc0) {
      const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2;
      return need > back ? n - back : n;
    }
  }
  return n;
}

/**
 * The rows of a CSV file, read in chunks: `rows()` yields each row (blank ones too: `row.blank()`), the header
 * first, as the same CsvRow object every time. `encoding` and `delimiter` are known once the first row is out;
 * `onChunk` gets every chunk of the file's bytes as read (for a hash of them).
 */
export class CsvFile {
  encoding: CsvEncoding = 'utf-8';
  delimiter = ';';

  constructor(
    private readonly path: string,
    private readonly shown: string,
    private readonly options: { onChunk?: (bytes: Buffer) => void; chunkSize?: number } = {},
  ) {}

  async *rows(): AsyncGenerator<CsvRow> {
    const { path, shown, options } = this;
    const encoding = await detectEncoding(path, shown);
    this.encoding = encoding;
    const fd = openFile(path, shown);
    const size = options.chunkSize ?? CHUNK;
    const decoder = encoding === 'windows-1250' ? new TextDecoder('windows-1250') : null;
    const chunk = Buffer.allocUnsafe(size);
    const row = new CsvRow();
    let window = Buffer.alloc(0);
    let delimiter = -1;
    let crOnly = false;
    let skip = encoding === 'utf-8-bom' ? 3 : 0; // the byte-order mark, whatever chunks it is read in
    let line = 0;
    try {
      for (;;) {
        const bytesRead = readSync(fd, chunk, 0, size, null);
        const eof = bytesRead === 0;
        let bytes = chunk.subarray(0, bytesRead);
        if (bytesRead > 0) options.onChunk?.(bytes);
        if (skip > 0) {
          const n = Math.min(skip, bytes.length);
          bytes = bytes.subarray(n);
          skip -= n;
        }
        if (decoder && bytesRead > 0) bytes = Buffer.from(decoder.decode(bytes, { stream: true }), 'utf8');
        window = window.length ? Buffer.concat([window, bytes]) : Buffer.from(bytes);
        if (delimiter < 0) {
          const shape = headerShape(window, eof);
          if (!shape) continue;
          delimiter = shape.delimiter;
          crOnly = shape.crOnly;
          this.delimiter = String.fromCharCode(delimiter);
        }
        const scanner = new RowScanner(window, delimiter, crOnly, eof);
        row.buf = window;
        for (;;) {
          const at = scanner.pos;
          const state = scanner.next(row);
          if (state === NEED_MORE) {
            window = Buffer.from(window.subarray(at));
            break;
          }
          if (state === END) {
            window = Buffer.alloc(0);
            break;
          }
          row.line = ++line;
          yield row;
        }
        if (eof) break;
      }
    } finally {
      closeSync(fd);
    }
    if (line === 0) throw new DiagError('INPUT_INVALID', `${shown} is empty`, [{ file: shown, message: 'expected a header row of variable names' }]);
  }
}

/** The delimiter (from the header row) and whether rows end at a lone CR; null until the header's end is in the window. */
function headerShape(buf: Buffer, eof: boolean): { delimiter: number; crOnly: boolean } | null {
  let inQuotes = false;
  const counts = new Map<number, number>([[0x3b, 0], [0x2c, 0], [0x09, 0]]);
  let end = -1;
  let crOnly = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(b)) counts.set(b, counts.get(b)! + 1);
    else if (!inQuotes && (b === LF || b === CR)) {
      if (b === CR && i + 1 >= buf.length && !eof) return null;
      crOnly = b === CR && buf[i + 1] !== LF; // the header ends at a lone CR: an old Mac file
      end = i;
      break;
    }
  }
  if (end < 0 && !eof) return null;
  let delimiter = 0x3b;
  let best = counts.get(0x3b)!;
  for (const d of [0x2c, 0x09]) {
    if (counts.get(d)! > best) {
      best = counts.get(d)!;
      delimiter = d;
    }
  }
  return { delimiter, crOnly };
}

const ROW = 1;
const NEED_MORE = 2;
const END = 3;

/** Cuts rows from a window of bytes (see the module comment). */
class RowScanner {
  pos = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly delim: number,
    private readonly crOnly: boolean,
    private readonly eof: boolean,
  ) {}

  next(row: CsvRow): number {
    const buf = this.buf;
    const len = buf.length;
    const D = this.delim;
    const EOL = this.crOnly ? CR : LF;
    let p = this.pos;
    if (p >= len) return this.eof ? END : NEED_MORE;
    row.count = 0;
    row.problem = null;
    for (;;) {
      if (buf[p] === QUOTE) {
        const s = p + 1;
        let x = s;
        let flags = QUOTED;
        for (;;) {
          x = buf.indexOf(QUOTE, x);
          if (x < 0) {
            if (!this.eof) return NEED_MORE;
            row.push(s, len, flags);
            row.problem = 'a quoted cell is not closed: its closing quote " is missing before the end of the file';
            this.pos = len;
            return ROW;
          }
          if (x + 1 >= len && !this.eof) return NEED_MORE;
          if (buf[x + 1] === QUOTE) {
            flags |= ESCAPED;
            x += 2;
            continue;
          }
          break;
        }
        row.push(s, x, flags);
        p = x + 1;
        if (p >= len) break;
        const b = buf[p]!;
        if (b === D) {
          p++;
          continue;
        }
        if (b === EOL) {
          p++;
          break;
        }
        if (b === CR && !this.crOnly) {
          if (p + 1 >= len && !this.eof) return NEED_MORE;
          if (buf[p + 1] === LF) {
            p += 2;
            break;
          }
        }
        // text after a closing quote: malformed; the row runs to the next line end
        row.problem = `a quoted cell must end with its closing quote " right before the delimiter or the line end (cell ${row.count})`;
        const eol = buf.indexOf(EOL, p);
        if (eol < 0 && !this.eof) return NEED_MORE;
        this.pos = eol < 0 ? len : eol + 1;
        return ROW;
      }
      const s = p;
      while (p < len) {
        const b = buf[p]!;
        if (b === D || b === EOL) break;
        p++;
      }
      if (p >= len && !this.eof) return NEED_MORE;
      const e = !this.crOnly && p > s && buf[p - 1] === CR && (p >= len || buf[p] === EOL) ? p - 1 : p;
      row.push(s, e, 0);
      if (p >= len) break;
      if (buf[p] === D) {
        p++;
        if (p >= len && this.eof) {
          row.push(p, p, 0);
          break;
        }
        continue;
      }
      p++;
      break;
    }
    this.pos = p;
    return ROW;
  }
}
