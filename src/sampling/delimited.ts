/**
 * Reading and writing the `;`-separated text files of the sampling stage (the GUS TERC register, the frame CSV)
 * line by line, so that every error can name the physical line it comes from.
 *
 * Quoting follows RFC 4180 within one line: a field may be wrapped in `"`, and `""` inside a quoted field is one
 * quote. A quoted field may not span lines: neither the register nor the frame needs it, and forbidding it keeps
 * line numbers exact.
 */

export type TextEncodingName = 'utf-8' | 'windows-1250';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** whether the bytes began with a UTF-8 byte-order mark (it is not part of `text`) */
  bom: boolean;
}

export type DecodeResult = { ok: true; decoded: DecodedText } | { ok: false; expected: string };

/**
 * Decodes a file's bytes: UTF-8 (with or without a BOM) when the bytes are valid UTF-8, else Windows-1250, the
 * code page older GUS downloads and Excel on Polish Windows use. A Windows-1250 file of Polish text is almost never
 * valid UTF-8 (its letters ą, ś, ż … are bytes ≥ 0x80 standing alone), so the test is reliable in practice.
 * UTF-16 files (BOM FF FE or FE FF) are refused.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, expected: 'UTF-8 or Windows-1250 text, got UTF-16 (byte-order mark FF FE / FE FF); save the file as UTF-8' };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, decoded: { text, encoding: 'utf-8', bom } };
  } catch {
    if (bom) return { ok: false, expected: 'valid UTF-8 after the UTF-8 byte-order mark' };
    return { ok: true, decoded: { text: new TextDecoder('windows-1250').decode(body), encoding: 'windows-1250', bom: false } };
  }
}

/** Removes a leading byte-order mark from already decoded text. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

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
