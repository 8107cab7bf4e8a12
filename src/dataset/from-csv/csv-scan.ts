/**
 * CSV rows scanned straight from bytes, cut exactly where the reference reader (papaparse in
 * responses/csv.ts) cuts them, for the fast path to the analysis dataset (index.ts, cut-row.ts).
 *
 * The reference decodes the whole file into one string and lets papaparse build an array of strings per
 * row; at 100,000 respondents that alone takes seconds. Here the text stays UTF-8 bytes and a row is only
 * the start and end of each cell. Equivalence with papaparse is kept by scanning only CSV whose meaning is
 * beyond doubt: the line ending and the delimiter are guessed by papaparse's own rules (on a prefix of the
 * text, where they look), and anything papaparse would report or read in its own peculiar way (a quote
 * that does not end a field, an unterminated quote, old Mac line endings, a second byte-order mark) makes
 * the scanner give up, so that the caller reads the file the reference way.
 */
import { isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import { decodeText } from '../../util/text.ts';

export const QUOTE = 0x22;
export const LF = 0x0a;
export const CR = 0x0d;

/** Cell flags: the cell was quoted; its text holds doubled quotes to undo. */
export const QUOTED = 1;
export const ESCAPED = 2;

/**
 * The UTF-8 bytes of the text `decodeText` gives for a file (without its byte-order mark), or null where
 * the fast reader leaves the file to the reference one: UTF-16, broken UTF-8 after a BOM (both refused
 * there with their own message), an empty file, a second BOM (papaparse strips one more).
 * Valid UTF-8 is used in place; Windows-1250 is decoded as the reference does and re-encoded. `validUtf8`: the
 * caller knows the text after any BOM to be valid UTF-8 (it was checked while the file was read ahead).
 */
export function utf8Text(bytes: Uint8Array, validUtf8 = false): Buffer | null {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return null;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  let buf: Buffer;
  if (validUtf8 || isUtf8(body)) buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  else if (bom) return null;
  else {
    const decoded = decodeText(bytes);
    if (!decoded.ok || decoded.decoded.encoding !== 'windows-1250') return null;
    buf = Buffer.from(decoded.decoded.text, 'utf8');
  }
  if (buf.length === 0 || (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)) return null;
  return buf;
}

export interface CsvFormat {
  delimiter: string;
  newline: '\n' | '\r\n';
}

/**
 * The line ending and delimiter papaparse settles on for this text (`delimitersToGuess` `;` `,` tab, greedy
 * skipping of blank lines), or null for `\r` line endings, which the scanner does not read.
 * Papaparse looks at the first 1 MiB of text for the line ending and at the first ten rows for the
 * delimiter, so a prefix of the text gives the same verdict as the whole.
 */
export function guessFormat(buf: Buffer): CsvFormat | null {
  // 4 MiB of bytes decode to more than 1 Mi UTF-16 code units (a code unit takes at most 3 bytes). Without
  // a single \r in them papaparse's verdict is \n, so most files need no decoding here.
  const cr = buf.indexOf(CR);
  const newline = cr < 0 || cr >= 4 << 20 ? '\n' : guessLineEndings(decodePrefix(buf, 4 << 20));
  if (newline === '\r') return null;
  let size = 64 << 10;
  for (;;) {
    const whole = size >= buf.length;
    const text = decodePrefix(buf, size);
    const guess = guessDelimiter(text, newline, whole);
    if (guess !== 'incomplete') return { delimiter: guess ?? Papa.DefaultDelimiter, newline };
    size *= 4;
  }
}

function decodePrefix(buf: Buffer, size: number): string {
  return buf.toString('utf8', 0, Math.min(size, buf.length));
}

/** papaparse's ParserHandle.guessLineEndings, verbatim. */
function guessLineEndings(input: string): '\n' | '\r\n' | '\r' {
  input = input.substring(0, 1024 * 1024);
  input = input.replace(/"([^]*?)"/gm, '');
  const r = input.split('\r');
  const n = input.split('\n');
  const nAppearsFirst = n.length > 1 && n[0]!.length < r[0]!.length;
  if (r.length === 1 || nAppearsFirst) return '\n';
  let numWithN = 0;
  for (let i = 0; i < r.length; i++) if (r[i]![0] === '\n') numWithN++;
  return numWithN >= r.length / 2 ? '\r\n' : '\r';
}

/**
 * papaparse's guessDelimiter with greedy blank-line skipping, on a prefix of the text: 'incomplete' when
 * the prefix does not hold the ten rows it reads (complete, each ended by a line break), so that a longer
 * prefix is needed; undefined when no delimiter fits (papaparse then defaults to `,`).
 */
function guessDelimiter(input: string, newline: string, whole: boolean): string | undefined | 'incomplete' {
  let bestDelim: string | undefined;
  let bestDelta: number | undefined;
  let maxFieldCount = 0;
  for (const delim of [';', ',', '\t']) {
    let delta = 0;
    let avgFieldCount = 0;
    let emptyLinesCount = 0;
    let fieldCountPrevRow: number | undefined;
    const preview = new Papa.Parser({ delimiter: delim, newline: newline as '\n', preview: 10 }).parse(input, 0, false) as { data: string[][]; meta: { truncated: boolean } };
    if (!whole && !preview.meta.truncated) return 'incomplete';
    for (const row of preview.data) {
      if (row.join('').trim() === '') {
        emptyLinesCount++;
        continue;
      }
      const fieldCount = row.length;
      avgFieldCount += fieldCount;
      if (fieldCountPrevRow === undefined) {
        fieldCountPrevRow = fieldCount;
        continue;
      } else if (fieldCount > 0) {
        delta += Math.abs(fieldCount - fieldCountPrevRow);
        fieldCountPrevRow = fieldCount;
      }
    }
    if (preview.data.length > 0) avgFieldCount /= preview.data.length - emptyLinesCount;
    if (avgFieldCount > 1.99 && (bestDelta === undefined || delta < bestDelta || (delta === bestDelta && avgFieldCount > maxFieldCount))) {
      bestDelta = delta;
      bestDelim = delim;
      maxFieldCount = avgFieldCount;
    }
  }
  return bestDelim;
}

/**
 * Rows of CSV bytes, one at a time: `next()` finds the cells of the next row and leaves their byte ranges
 * (quotes excluded) in `start`, `end` and `flags`. Fields and rows end where papaparse ends them for the
 * same delimiter and line ending: a field is quoted when it begins with `"`, and then only a doubled quote
 * stays inside it; a quote inside an unquoted field is text.
 */
export class CsvRows {
  start = new Int32Array(256);
  end = new Int32Array(256);
  flags = new Uint8Array(256);
  /** where the next row begins */
  pos = 0;
  readonly delim: number;
  readonly crlf: boolean;

  constructor(readonly buf: Buffer, format: CsvFormat) {
    this.delim = format.delimiter.charCodeAt(0);
    this.crlf = format.newline === '\r\n';
  }

  /** An upper bound on the number of rows after the first: every such row follows a line break. */
  rowsAfterFirst(): number {
    const buf = this.buf;
    let count = 0;
    for (let p = buf.indexOf(LF); p >= 0; p = buf.indexOf(LF, p + 1)) count++;
    return buf[buf.length - 1] === LF ? count - 1 : count;
  }

  /**
   * Scans the next row: its number of cells, 0 at the end of the text, -1 where papaparse would report a
   * quote error or read a closing quote its lenient way (the caller then falls back to it).
   */
  next(): number {
    const buf = this.buf;
    const len = buf.length;
    const D = this.delim;
    const crlf = this.crlf;
    let p = this.pos;
    if (p >= len) return 0;
    let starts = this.start;
    let ends = this.end;
    let flags = this.flags;
    let k = 0;
    for (;;) {
      if (k === starts.length) {
        this.grow();
        starts = this.start;
        ends = this.end;
        flags = this.flags;
      }
      if (buf[p] === QUOTE) {
        const s = p + 1;
        let x = s;
        let flag = QUOTED;
        for (;;) {
          x = buf.indexOf(QUOTE, x);
          if (x < 0) return -1;
          if (x + 1 < len && buf[x + 1] === QUOTE) {
            flag |= ESCAPED;
            x += 2;
            continue;
          }
          break;
        }
        starts[k] = s;
        ends[k] = x;
        flags[k++] = flag;
        p = x + 1;
        if (p >= len) break;
        const b = buf[p];
        if (b === D) { p++; continue; }
        if (crlf ? b === CR && buf[p + 1] === LF : b === LF) { p += crlf ? 2 : 1; break; }
        return -1;
      }
      starts[k] = p;
      if (crlf) {
        while (p < len) {
          const b = buf[p]!;
          if (b === D || (b === CR && buf[p + 1] === LF)) break;
          p++;
        }
      } else {
        while (p < len) {
          const b = buf[p]!;
          if (b === D || b === LF) break;
          p++;
        }
      }
      ends[k] = p;
      flags[k++] = 0;
      if (p >= len) break;
      if (buf[p] === D) { p++; continue; }
      p += crlf ? 2 : 1;
      break;
    }
    this.pos = p;
    return k;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const start = new Int32Array(size);
    const end = new Int32Array(size);
    const flags = new Uint8Array(size);
    start.set(this.start);
    end.set(this.end);
    flags.set(this.flags);
    this.start = start;
    this.end = end;
    this.flags = flags;
  }

  /** The text of cell `i` of the current row, as papaparse hands it over (untrimmed). */
  text(i: number): string {
    return cellText(this.buf, this.start[i]!, this.end[i]!, this.flags[i]!);
  }

  /** Whether the current row of `k` cells is blank: papaparse's greedy test, `cells.join('').trim() === ''`. */
  blank(k: number): boolean {
    const buf = this.buf;
    let other = false;
    for (let i = 0; i < k; i++) {
      if (this.flags[i]! & ESCAPED) return false;
      for (let x = this.start[i]!, e = this.end[i]!; x < e; x++) {
        const b = buf[x]!;
        if (b >= 0x80) other = true;
        else if (b !== 0x20 && (b < 0x09 || b > 0x0d)) return false;
      }
    }
    if (!other) return true;
    // Non-ASCII bytes may be Unicode blanks (a no-break space): decide on the text itself.
    let t = '';
    for (let i = 0; i < k; i++) t += this.text(i);
    return t.trim() === '';
  }
}

/** The text of a cell from its byte range and flags, as papaparse hands it over (untrimmed). */
export function cellText(buf: Buffer, s: number, e: number, flags: number): string {
  const t = buf.toString('utf8', s, e);
  return flags & ESCAPED ? t.replaceAll('""', '"') : t;
}
