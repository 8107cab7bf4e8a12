/**
 * Reading and writing the `;`-separated text files of the sampling stage (the GUS TERC register, the frame CSV)
 * line by line, so that every error can name the physical line it comes from.
 *
 * Quoting follows RFC 4180 within one line: a field may be wrapped in `"`, and `""` inside a quoted field is one
 * quote. A quoted field may not span lines: neither the register nor the frame needs it, and forbidding it keeps
 * line numbers exact.
 */

export { decodeText, stripBom, type DecodeResult, type DecodedText, type TextEncodingName } from '../util/text.ts';

export interface TextLine {
  /** 1-based physical line number */
  line: number;
  text: string;
}

/** Splits text into physical lines on CRLF, LF or a lone CR. A final line terminator does not start a new line. */
export function splitLines(text: string): TextLine[] {
  const parts = text.split(/\r\n|\n|\r/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((t, i) => ({ line: i + 1, text: t }));
}

export type SplitFields = { ok: true; fields: string[] } | { ok: false; field: number; expected: string };

/** Splits one line into fields on `delimiter`, honouring `"` quoting within the line. `field` is 1-based. */
export function splitFields(line: string, delimiter = ';'): SplitFields {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return { ok: false, field: fields.length + 1, expected: 'a closing quote " before the end of the line' };
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      fields.push(value);
      if (j === line.length) return { ok: true, fields };
      if (line[j] !== delimiter) return { ok: false, field: fields.length, expected: `"${delimiter}" right after the closing quote` };
      i = j + 1;
    } else {
      const d = line.indexOf(delimiter, i);
      if (d < 0) {
        fields.push(line.slice(i));
        return { ok: true, fields };
      }
      fields.push(line.slice(i, d));
      i = d + 1;
    }
  }
}

/** Joins fields into one line, quoting a field that holds the delimiter, a quote or leading/trailing spaces. */
export function joinFields(fields: readonly string[], delimiter = ';'): string {
  return fields
    .map((f) => (f.includes(delimiter) || f.includes('"') || f !== f.trim() ? `"${f.replaceAll('"', '""')}"` : f))
    .join(delimiter);
}
