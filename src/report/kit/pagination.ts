/**
 * Running header (report title, and "DANE SYNTETYCZNE" while the data are synthetic) and footer
 * ("Strona x z y"), drawn on every buffered page except the bare ones (the cover) once the page count is
 * known. Both are pagination artifacts: assistive technology skips them.
 */
import { COLORS } from './charts/palette.ts';
import type { Report } from './document.ts';
import { PAGE, STYLE } from './layout.ts';
import { useStyle } from './text.ts';

/** `text` cut at a word and ended with "…" so that it fits `width` in the current font. */
export function fitText(doc: Report['doc'], text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const words = text.split(' ');
  while (words.length > 1) {
    words.pop();
    const candidate = `${words.join(' ')}…`;
    if (doc.widthOfString(candidate) <= width) return candidate;
  }
  return `${words[0] ?? ''}…`;
}

export function drawRunningHeads(report: Report): void {
  const { doc, t, options } = report;
  const { start, count } = doc.bufferedPageRange();
  const left = report.left;
  const right = left + report.width;
  const st = STYLE.running;
  for (let i = start; i < start + count; i++) {
    if (report.bare.has(i)) continue;
    doc.switchToPage(i);
    // text in the margins must not trigger pdfkit's automatic page break
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const lineY = PAGE.headerY + st.size + 4;
    doc.markContent('Artifact', { type: 'Pagination', attached: ['Top'] });
    let tagWidth = 0;
    if (options.synthetic) {
      useStyle(doc, { ...st, font: 'Sans-Bold', color: COLORS.syntheticInk });
      tagWidth = doc.widthOfString(t.synthetic);
      doc.text(t.synthetic, right - tagWidth, PAGE.headerY, { lineBreak: false });
    }
    useStyle(doc, st);
    doc.text(fitText(doc, options.title, report.width - tagWidth - 16), left, PAGE.headerY, { lineBreak: false });
    doc.moveTo(left, lineY).lineTo(right, lineY).lineWidth(0.5).strokeColor('#BFBFBF').stroke();
    doc.endMarkedContent();

    doc.markContent('Artifact', { type: 'Pagination', attached: ['Bottom'] });
    useStyle(doc, { ...st, size: 8, color: '#333333' });
    const label = t.page(i + 1, count);
    doc.text(label, right - doc.widthOfString(label), PAGE.footerY, { lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}
