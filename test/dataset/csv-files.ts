/**
 * Responses CSV files for the fast reader's tests: cells written with any delimiter, line ending, quoting,
 * byte-order mark and encoding, and the outcome of reading them (the prepared data, or the DiagError) in a
 * form `toEqual` compares.
 */
import type { PreparedData } from '../../src/dataset/prepared.ts';
import { DiagError, type ErrorDetail } from '../../src/errors.ts';

export interface CsvStyle {
  delimiter?: string;
  newline?: string;
  bom?: boolean;
  /** quote every cell, not only those that need it */
  quoteAll?: boolean;
  /** end the last row with a line break (default true) */
  finalNewline?: boolean;
}

/** CSV text of a header and rows of cells, quoting what needs quotes as papaparse and Excel do. */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[], style: CsvStyle = {}): string {
  const delimiter = style.delimiter ?? ';';
  const newline = style.newline ?? '\n';
  const quote = (cell: string) => (style.quoteAll || cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = [header, ...rows].map((cells) => cells.map(quote).join(delimiter));
  return (style.bom === false ? '' : '\uFEFF') + lines.join(newline) + (style.finalNewline === false ? '' : newline);
}

const CP1250 = (() => {
  const decoder = new TextDecoder('windows-1250');
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (!map.has(ch)) map.set(ch, b);
  }
  return map;
})();

/** Text encoded as Windows-1250, or null when a character has no code there. */
export function windows1250(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = CP1250.get(text[i]!);
    if (b === undefined) return null;
    out[i] = b;
  }
  return out;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export type Outcome = { ok: PreparedData } | { error: { code: string; message: string; details: ErrorDetail[] } };

/** What reading gives: the prepared data or the DiagError's code, message and details (anything else is rethrown). */
export function outcome(read: () => PreparedData): Outcome {
  try {
    return { ok: read() };
  } catch (e) {
    if (e instanceof DiagError) return { error: { code: e.code, message: e.message, details: e.details } };
    throw e;
  }
}
