/**
 * Running text: inline runs (plain and bold), the Polish rule that a one-letter word never ends a line,
 * and measuring and writing text with a TextStyle.
 */
import type { PdfFontName } from './fonts.ts';
import type { Lang } from './format.ts';
import type { TextStyle } from './layout.ts';
import type { Doc } from './pdf-types.ts';

/** A piece of running text; bold for the words a reader must not miss. */
export type Run = string | { text: string; bold?: boolean };
/** A paragraph's content: one string, or runs of mixed weight. */
export type Inline = string | readonly Run[];

export interface PreparedRun {
  text: string;
  bold: boolean;
}

/**
 * Polish typesetting keeps a one-letter word (a, i, o, u, w, z — "sierotka") with the word after it: the
 * space after it becomes a no-break space. Runs after the first keep a leading space as typed.
 */
export function polishNoBreak(text: string): string {
  return text.replace(/(?<=^|[\s\u00A0(„"'–])([aiouwzAIOUWZ]) +/gu, '$1\u00A0');
}

/**
 * A numeric range never breaks at its dash ("3,12–3,48", "1–5"): a zero-width WORD JOINER (U+2060, a
 * glyph of zero advance in DejaVu, dropped by text extraction) follows the en dash between two numbers.
 */
export function glueRanges(text: string): string {
  return text.replace(/(\d)\u2013(?=[\d\u2212])/gu, '$1\u2013\u2060');
}

export function prepareText(content: Inline, lang: Lang): PreparedRun[] {
  const runs = typeof content === 'string' ? [content] : content;
  // Adjacent runs of the same weight become one: pdfkit may break a line between two runs, which would
  // leave a closing full stop (a run of its own) alone at the start of a line.
  const merged: PreparedRun[] = [];
  for (const r of runs) {
    const run = typeof r === 'string' ? { text: r, bold: false } : { text: r.text, bold: r.bold ?? false };
    if (!run.text.length) continue;
    const last = merged[merged.length - 1];
    if (last && last.bold === run.bold) last.text += run.text;
    else merged.push(run);
  }
  return merged.map((r) => ({ ...r, text: glueRanges(lang === 'pl' ? polishNoBreak(r.text) : r.text) }));
}

export function boldOf(font: PdfFontName): PdfFontName {
  if (font === 'Serif') return 'Serif-Bold';
  if (font === 'Cond') return 'Cond-Bold';
  if (font === 'Sans') return 'Sans-Bold';
  return font;
}

export function useStyle(doc: Doc, st: TextStyle, bold = false): void {
  doc.font(bold ? boldOf(st.font) : st.font).fontSize(st.size).fillColor(st.color);
}

/** Height of the text set in `st` at `width` (bold runs are measured in the regular weight). */
export function textHeight(doc: Doc, content: readonly (PreparedRun | string)[] | string, st: TextStyle, width: number): number {
  const text = typeof content === 'string' ? content : content.map((r) => (typeof r === 'string' ? r : r.text)).join('');
  if (!text) return 0;
  useStyle(doc, st);
  return doc.heightOfString(text, { width, lineGap: st.lineGap });
}

export interface WriteAt {
  x: number;
  y: number;
  width: number;
  align?: 'left' | 'right' | 'center' | 'justify';
}

/** Writes the runs as one flowing paragraph (pdfkit `continued`), breaking pages as needed. */
export function writeRuns(doc: Doc, runs: readonly (PreparedRun | string)[], st: TextStyle, at: WriteAt): void {
  const list = runs.map((r) => (typeof r === 'string' ? { text: r, bold: false } : r));
  list.forEach((r, i) => {
    useStyle(doc, st, r.bold);
    const opts = { width: at.width, lineGap: st.lineGap, align: at.align ?? 'left', continued: i < list.length - 1 };
    if (i === 0) doc.text(r.text, at.x, at.y, opts);
    else doc.text(r.text, opts);
  });
  doc.x = at.x;
}
