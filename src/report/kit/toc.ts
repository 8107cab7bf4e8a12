/**
 * The table of contents, in two steps. `reserveToc` runs where the contents belong (after the cover): it
 * writes the title, adds the TOC structure element in its reading-order place and keeps N blank pages.
 * `renderToc` runs at the end, when every heading's page is known: it fills those pages with one linked
 * line per H1/H2 (title, dot leaders, page number). Reserving keeps one pass over the content; if the
 * entries need more pages than were reserved it throws TocOverflowError with the number needed, and
 * buildReport() builds the report once more with that many (the entry count does not depend on the page
 * numbers, so the second pass always fits).
 */
import type { Heading, Report } from './document.ts';
import { CONTENT_BOTTOM, MUTED, PAGE, SPACE, STYLE, type TextStyle } from './layout.ts';
import type { StructElement } from './pdf-types.ts';
import { textHeight, useStyle, writeRuns } from './text.ts';

export interface TocState {
  /** 0-based indices of the reserved pages */
  pages: number[];
  /** y where entries start on the first page (below the title) */
  firstY: number;
  struct: StructElement;
}

export class TocOverflowError extends Error {
  constructor(readonly needed: number, readonly reserved: number) {
    super(`the table of contents needs ${needed} pages, ${reserved} reserved`);
    this.name = 'TocOverflowError';
  }
}

const ENTRY: Record<1 | 2, TextStyle> = {
  1: { ...STYLE.body, font: 'Sans-Bold', size: 10 },
  2: { ...STYLE.body, size: 9.5 },
};
const INDENT = { 1: 0, 2: 22 } as const;
const BEFORE = { 1: 9, 2: 3 } as const;
const NUMBER_WIDTH = 28;

export function reserveToc(report: Report, pages: number): TocState {
  const { doc, t } = report;
  const first = report.pageIndex;
  const y = doc.y;
  doc.addNamedDestination('toc', 'XYZ', 0, y, null);
  doc.outline.addItem(t.toc, { top: y - 6, left: PAGE.width } as { expanded?: boolean });
  report.tag('H1', () => writeRuns(doc, [t.toc], STYLE.h1, { x: report.left, y, width: report.width }));
  const firstY = y + textHeight(doc, t.toc, STYLE.h1, report.width) + SPACE.h1After;
  const struct = report.group('TOC');
  const reserved = [first];
  for (let i = 1; i < pages; i++) {
    report.newPage();
    reserved.push(report.pageIndex);
  }
  report.newPage();
  return { pages: reserved, firstY, struct };
}

interface Row {
  h: Heading & { level: 1 | 2 };
  page: number;
  y: number;
  height: number;
}

/** Where each entry goes: pure layout, no drawing. */
export function layoutToc(report: Report, state: TocState): { rows: Row[]; pagesNeeded: number } {
  const entries = report.headings.filter((h): h is Heading & { level: 1 | 2 } => h.toc && h.level <= 2);
  const rows: Row[] = [];
  let p = 0;
  let y = state.firstY;
  for (const h of entries) {
    const width = report.width - INDENT[h.level] - NUMBER_WIDTH;
    const height = textHeight(report.doc, `${h.number} ${h.text}`, ENTRY[h.level], width);
    const before = rows.length ? BEFORE[h.level] : 0;
    if (y + before + height > CONTENT_BOTTOM) {
      p++;
      y = PAGE.margin.top;
    } else y += before;
    rows.push({ h, page: p, y, height });
    y += height;
  }
  return { rows, pagesNeeded: p + 1 };
}

export function renderToc(report: Report, state: TocState): void {
  const { doc } = report;
  const { rows, pagesNeeded } = layoutToc(report, state);
  if (pagesNeeded > state.pages.length) throw new TocOverflowError(pagesNeeded, state.pages.length);
  const right = report.left + report.width;
  for (const { h, page, y } of rows) {
    doc.switchToPage(state.pages[page]!);
    const st = ENTRY[h.level];
    const x = report.left + INDENT[h.level];
    const width = report.width - INDENT[h.level] - NUMBER_WIDTH;
    const label = h.number ? `${h.number} ${h.text}` : h.text;
    const pageNo = String(h.page + 1);
    const item = report.group('TOCI', state.struct);
    const link = report.group('Link', item);
    let lastLineEnd = x;
    let lastLineY = y;
    // the link's text as its marked content, then the link annotation as its object reference
    link.add(() => {
      writeRuns(doc, [label], st, { x, y, width });
      useStyle(doc, st);
      // where the last line of the title ends: the leaders start there
      lastLineY = doc.y - doc.currentLineHeight(true) - st.lineGap;
      const lines = splitLines(doc, label, width);
      lastLineEnd = x + doc.widthOfString(lines[lines.length - 1] ?? '');
      // the leading space keeps title and number apart when the link is read aloud or extracted
      writeRuns(doc, [` ${pageNo}`], st, { x: right - NUMBER_WIDTH, y: lastLineY, width: NUMBER_WIDTH, align: 'right' });
    });
    const height = lastLineY + doc.currentLineHeight(true) - y;
    doc.goTo(x, y, report.width - INDENT[h.level], height, h.dest, { structParent: link, Contents: new String(label) } as object);
    link.end();
    item.end();
    useStyle(doc, st);
    const numberStart = right - doc.widthOfString(pageNo) - 4;
    const dotY = lastLineY + st.size * 0.78;
    report.artifact(() => {
      doc.fillColor(MUTED);
      for (let dx = Math.ceil((lastLineEnd + 6) / 4) * 4; dx < numberStart; dx += 4) doc.circle(dx, dotY, 0.45).fill();
    });
  }
  state.struct.end();
}

/** The lines pdfkit will break `text` into at `width` with the current font. */
function splitLines(doc: Report['doc'], text: string, width: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const c = line ? `${line} ${w}` : w;
    if (line && doc.widthOfString(c) > width) {
      lines.push(line);
      line = w;
    } else line = c;
  }
  lines.push(line);
  return lines;
}
