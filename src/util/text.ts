/**
 * Decoding of text files as Polish users produce them: UTF-8 with or without a byte-order mark, or
 * Windows-1250 (what Excel and older Polish software save). One implementation for every reader.
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

