/**
 * Running-text blocks: paragraphs (no orphan, no widow), bulleted lists and footnotes.
 */
import type { Report } from './document.ts';
import { SPACE, STYLE, type TextStyle } from './layout.ts';
import { prepareText, textHeight, writeRuns, type Inline } from './text.ts';

/**
 * A paragraph. If it has to break across pages, at least two lines stay at the foot of the page (no
 * orphan) and at least two go to the next (no widow): with one line too many for the page, the page is
 * ended one line early by raising its bottom margin while pdfkit wraps the text.
 */
export function drawParagraph(report: Report, content: Inline, style: TextStyle, gapBefore: number = SPACE.paragraph): void {
  const { doc } = report;
  const runs = prepareText(content, report.lang);
  const h = textHeight(doc, runs, style, report.width);
  const lh = doc.currentLineHeight(true) + style.lineGap;
  const lines = Math.max(1, Math.round(h / lh));
  report.place(Math.min(lines, 2) * lh, gapBefore);
  const fit = Math.floor((report.remaining + style.lineGap) / lh);
  let lift = 0;
  if (lines > fit) {
    if (fit < 2) report.newPage();
    else if (lines - fit === 1) {
      if (fit >= 3) lift = lh;
      else report.newPage();
    }
  }
  const page = doc.page;
  page.margins.bottom += lift;
  report.tag('P', () => writeRuns(doc, runs, style, { x: report.left, y: doc.y, width: report.width }));
  page.margins.bottom -= lift;
}

/** A bulleted list (L › LI › Lbl + LBody); an item is kept whole when it has three lines or fewer. */
export function drawBullets(report: Report, items: readonly Inline[], style: TextStyle): void {
  const { doc } = report;
  const indent = 14;
  const list = report.group('L');
  items.forEach((item, i) => {
    const runs = prepareText(item, report.lang);
    const h = textHeight(doc, runs, style, report.width - indent);
    const lh = doc.currentLineHeight(true) + style.lineGap;
    report.place(h <= 3 * lh + 0.5 ? h : 2 * lh, i === 0 ? SPACE.paragraph : 3);
    const li = report.group('LI', list);
    const y = doc.y;
    report.tag('Lbl', () => writeRuns(doc, ['•'], style, { x: report.left + 3, y, width: indent }), {}, li);
    report.tag('LBody', () => writeRuns(doc, runs, style, { x: report.left + indent, y, width: report.width - indent }), {}, li);
    li.end();
  });
  list.end();
}

/** Small print (a footnote, a remark on the data), tagged as Note. */
export function drawFootnote(report: Report, content: Inline): void {
  const runs = prepareText(content, report.lang);
  report.place(textHeight(report.doc, runs, STYLE.note, report.width), 3);
  report.tag('Note', () => writeRuns(report.doc, runs, STYLE.note, { x: report.left, y: report.doc.y, width: report.width }));
}
