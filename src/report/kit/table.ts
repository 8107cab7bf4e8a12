/**
 * Tables, in pdfkit's normalize → measure → render order:
 *
 * - normalize: column widths from fractions, alignment (number columns right-aligned, header too), every
 *   cell turned into its printed text with the report's number format; suppressed cells become "–" and
 *   switch on the suppression footnote, and their value is dropped here, so it cannot reach the page;
 * - measure: wrapped height of every cell, hence of every row and of the header;
 * - render: caption above, header row with rules, zebra rows, a row never split, and where a row does not
 *   fit, a new page that starts with "Tabela 5 (cd.)" and the header repeated; notes and source below,
 *   kept with the last row. Tagged Table › THead/TBody › TR › TH/TD (first-column TH with Row scope); the
 *   repeated header and all rules and shading are artifacts.
 */
import { COLORS } from './charts/palette.ts';
import type { Report } from './document.ts';
import { formatNumber, formatPercent, MISSING, type Lang } from './format.ts';
import { captionRuns, noteRuns, notesHeight, writeNotes, type BlockCaption } from './blocks.ts';
import { CONTENT_BOTTOM, PAGE, SPACE, STYLE, type TextStyle } from './layout.ts';
import type { StructElement } from './pdf-types.ts';
import { glueRanges, textHeight, useStyle, writeRuns } from './text.ts';

export interface ColumnSpec {
  /** header text, with the unit: "Średnia (1–5)", "Odsetek (%)" */
  header: string;
  /** share of the table width; columns without one split what is left equally */
  width?: number;
  /** default: right for columns whose cells are all numbers, left otherwise */
  align?: 'left' | 'right' | 'center';
  /** decimals for number cells (default 2; 0 for columns named "n") */
  decimals?: number;
  /** number cells are per cent values (45.2 → "45,2 %") */
  percent?: boolean;
}

/** A cell withheld because fewer than 5 answered; any value it carries is never printed. */
export interface Suppressed {
  suppressed: true;
  value?: unknown;
}
export type CellValue = string | number | null | undefined | Suppressed | { text: string; bold?: boolean };

export interface TableSpec extends BlockCaption {
  columns: readonly ColumnSpec[];
  rows: readonly (readonly CellValue[])[];
  /** the last row is a total: bold, with a rule above */
  totalRow?: boolean;
  /** alternate row shading (default true) */
  zebra?: boolean;
}

export const suppressed = (value?: unknown): Suppressed => ({ suppressed: true, value });
const isSuppressed = (c: CellValue): c is Suppressed => typeof c === 'object' && c !== null && 'suppressed' in c && c.suppressed === true;

const PAD_X = 4;
const PAD_Y = 3;

interface NormCell { text: string; bold: boolean }
export interface NormalizedTable {
  widths: number[];
  aligns: ('left' | 'right' | 'center')[];
  header: string[];
  rows: NormCell[][];
  anySuppressed: boolean;
}

/** Width of a text in a table font: injected so that normalizing stays a pure function. */
export type MeasureText = (text: string, bold: boolean) => number;

/**
 * normalize: printed text, widths and alignment of every cell; suppressed values are dropped here.
 * Columns with a `width` get that share of the table; the others share what is left in proportion to
 * their natural width (the widest cell, or the longest word of the header), so that numbers and header
 * words are not broken.
 */
export function normalizeTable(spec: TableSpec, totalWidth: number, lang: Lang, measure: MeasureText): NormalizedTable {
  const aligns = spec.columns.map((c, j) => c.align ?? (spec.rows.every((r) => typeof r[j] === 'number' || r[j] == null || isSuppressed(r[j]!)) ? 'right' : 'left'));
  let anySuppressed = false;
  const rows = spec.rows.map((r, i) => spec.columns.map((col, j): NormCell => {
    const c = r[j];
    const bold = spec.totalRow === true && i === spec.rows.length - 1;
    if (isSuppressed(c as CellValue)) {
      anySuppressed = true;
      return { text: MISSING, bold };
    }
    if (typeof c === 'number') {
      const decimals = col.decimals ?? (col.header.trim() === 'n' ? 0 : 2);
      return { text: col.percent ? formatPercent(c, { decimals, lang }) : formatNumber(c, { decimals, lang }), bold };
    }
    if (typeof c === 'string') return { text: glueRanges(c), bold };
    if (c && typeof c === 'object' && 'text' in c) return { text: glueRanges(c.text), bold: bold || (c.bold ?? false) };
    return { text: MISSING, bold };
  }));
  const header = spec.columns.map((c) => glueRanges(c.header));
  const fixed = spec.columns.reduce((s, c) => s + (c.width ?? 0) * totalWidth, 0);
  const natural = spec.columns.map((c, j) => c.width !== undefined ? 0 : 2 * PAD_X + Math.max(
    ...header[j]!.split(/\s+/).map((w) => measure(w, true)),
    ...rows.map((r) => Math.min(measure(r[j]!.text, r[j]!.bold), totalWidth * 0.4)),
  ));
  const naturalSum = natural.reduce((a, b) => a + b, 0);
  const left = Math.max(0, totalWidth - fixed);
  const widths = spec.columns.map((c, j) => (c.width !== undefined ? c.width * totalWidth : naturalSum > 0 ? (natural[j]! / naturalSum) * left : 0));
  // fractions that add up to more (or less) than the table: scale everything to the table width
  const sum = widths.reduce((a, b) => a + b, 0);
  return { widths: widths.map((w) => (w * totalWidth) / sum), aligns, header, rows, anySuppressed };
}

/** measure: the height of each row (and of the header) with cells wrapped in their columns. */
export function measureTable(report: Report, t: NormalizedTable): { header: number; rows: number[] } {
  const cellH = (text: string, w: number, st: TextStyle) => textHeight(report.doc, text, st, w - 2 * PAD_X);
  const header = Math.max(...t.header.map((h, j) => cellH(h, t.widths[j]!, STYLE.tableHead))) + 2 * PAD_Y;
  const rows = t.rows.map((r) => Math.max(...r.map((c, j) => cellH(c.text, t.widths[j]!, c.bold ? STYLE.tableHead : STYLE.table))) + 2 * PAD_Y);
  return { header, rows };
}

/** render: see the module comment. Returns the table's number. */
export function renderTable(report: Report, spec: TableSpec): number {
  const { doc, t: words, lang } = report;
  const measure: MeasureText = (text, bold) => {
    useStyle(doc, bold ? STYLE.tableHead : STYLE.table);
    return doc.widthOfString(text);
  };
  const norm = normalizeTable(spec, report.width, lang, measure);
  const size = measureTable(report, norm);
  const no = report.takeTableNumber();
  const cap = captionRuns(report, words.table, no, spec.title);
  const notes = noteRuns(report, spec, norm.anySuppressed ? [words.suppressed] : []);
  const capH = textHeight(doc, cap, STYLE.caption, report.width);
  const notesH = notesHeight(report, notes);
  const firstRows = size.rows.slice(0, 2).reduce((a, b) => a + b, 0);
  report.place(capH + SPACE.caption + size.header + firstRows + (norm.rows.length <= 2 ? notesH : 0), SPACE.block);

  const table = report.group('Table');
  report.tag('Caption', () => writeRuns(doc, cap, STYLE.caption, { x: report.left, y: doc.y, width: report.width }), {}, table);
  doc.y += SPACE.caption;

  const x0 = report.left;
  const x1 = report.left + report.width;
  const rule = (y: number, w: number, color: string = COLORS.ink) => report.artifact(() => doc.moveTo(x0, y).lineTo(x1, y).lineWidth(w).strokeColor(color).stroke());
  const cells = (texts: readonly NormCell[], y: number, h: number, head: boolean, tr?: StructElement) => {
    let x = x0;
    texts.forEach((c, j) => {
      const w = norm.widths[j]!;
      const st = head || c.bold ? STYLE.tableHead : STYLE.table;
      // header cells sit on the rule below them (bottom-aligned), body cells hang from the top
      const dy = head ? h - 2 * PAD_Y - textHeight(doc, c.text, st, w - 2 * PAD_X) : 0;
      const draw = () => {
        useStyle(doc, st);
        doc.text(c.text, x + PAD_X, y + PAD_Y + dy, { width: w - 2 * PAD_X, align: norm.aligns[j], lineGap: STYLE.table.lineGap });
      };
      if (!tr) draw();
      else if (head) report.tag('TH', draw, { scope: 'Column' }, tr);
      else if (j === 0 && norm.aligns[0] === 'left') report.tag('TH', draw, { scope: 'Row' }, tr);
      else report.tag('TD', draw, {}, tr);
      x += w;
    });
    doc.x = x0;
    doc.y = y + h;
  };
  const headerRow = (tagged: boolean) => {
    const y = doc.y;
    rule(y, 0.9);
    const hdr = norm.header.map((text) => ({ text, bold: true }));
    if (tagged) {
      const thead = report.group('THead', table);
      const tr = report.group('TR', thead);
      cells(hdr, y, size.header, true, tr);
      tr.end();
      thead.end();
    } else report.artifact(() => cells(hdr, y, size.header, true), 'Pagination');
    rule(y + size.header, 0.5);
  };

  headerRow(true);
  const breaks = pageBreaks(size.rows, notesH, doc.y, CONTENT_BOTTOM, PAGE.margin.top + continuedHeight(report) + 3 + size.header);
  const tbody = report.group('TBody', table);
  norm.rows.forEach((row, i) => {
    const h = size.rows[i]!;
    const last = i === norm.rows.length - 1;
    if (breaks.has(i)) {
      rule(doc.y, 0.9);
      report.newPage();
      report.artifact(() => {
        useStyle(doc, STYLE.note);
        doc.text(`${words.table} ${no} ${words.continued}`, report.left, doc.y, { width: report.width });
      }, 'Pagination');
      doc.y += 3;
      headerRow(false);
    }
    const y = doc.y;
    if (spec.zebra !== false && i % 2 === 1) report.artifact(() => doc.rect(x0, y, report.width, h).fill(COLORS.shade));
    if (spec.totalRow && last) rule(y, 0.5);
    const tr = report.group('TR', tbody);
    cells(row, y, h, false, tr);
    tr.end();
  });
  tbody.end();
  rule(doc.y, 0.9);
  table.end();
  writeNotes(report, notes);
  doc.y += SPACE.block - SPACE.paragraph;
  return no;
}

/** Height of the "Tabela 3 (cd.)" line over a continued table. */
function continuedHeight(report: Report): number {
  return textHeight(report.doc, 'Tabela 1 (cd.)', STYLE.note, report.width);
}

/**
 * The rows before which a table breaks to a new page: each page takes the rows that fit (the last row with
 * the notes under it), and a continuation never holds a single row when the table has more than two: the
 * row before it moves over with it, so that no row stands alone on a page with the notes.
 * `y`: where the first row starts; `top`: where rows start on a continuation page.
 */
export function pageBreaks(rows: readonly number[], notesH: number, y: number, bottom: number, top: number): Set<number> {
  const breaks: number[] = [];
  let at = y;
  rows.forEach((h, i) => {
    const need = h + (i === rows.length - 1 ? notesH : 0);
    if (at + need > bottom && (i > 0 || at > top)) {
      breaks.push(i);
      at = top;
    }
    at += h;
  });
  const last = breaks.at(-1);
  const chunkStart = breaks.length > 1 ? breaks[breaks.length - 2]! : 0;
  if (last !== undefined && rows.length - last < 2 && last - 1 > chunkStart) breaks[breaks.length - 1] = last - 1;
  return new Set(breaks);
}
