/** A table kept on one page when it fits on one (the chapters' tables). */
import { CONTENT_BOTTOM, PAGE, STYLE } from '../kit/layout.ts';
import { measureTable, normalizeTable, type MeasureText } from '../kit/table.ts';
import { textHeight, useStyle } from '../kit/text.ts';
import type { Report, TableSpec } from '../kit/index.ts';

/**
 * A table kept on one page when it fits on one: if it would break across pages although it is shorter
 * than about a third of a page, or only a few rows would stay or spill, it starts on the next page instead (the kit splits
 * any table that does not fit). `pending`: height of a heading or keep-with-next paragraph still held.
 */
export function keptTable(report: Report, spec: TableSpec, pending = 0): number {
  const doc = report.doc;
  const measure: MeasureText = (text, bold) => {
    useStyle(doc, bold ? STYLE.tableHead : STYLE.table);
    return doc.widthOfString(text);
  };
  const norm = normalizeTable(spec, report.width, report.lang, measure);
  const size = measureTable(report, norm);
  const notes = (spec.notes ?? []).reduce<number>((h, n) => h + textHeight(doc, typeof n === 'string' ? n : n.map((r) => (typeof r === 'string' ? r : r.text)).join(''), STYLE.note, report.width) + 2, 0);
  const rowsH = size.rows.reduce((a, b2) => a + b2, 0);
  const height = 55 + size.header + rowsH + notes + 14;
  const page = CONTENT_BOTTOM - PAGE.margin.top;
  if (!report.atTop && report.remaining < height + 30 + pending && height + pending < page * 0.9) {
    // rows that would spill onto the next page (`pending`: held heading and paragraph drawn first)
    let room = report.remaining - pending - 45 - size.header;
    let spill = 0;
    size.rows.forEach((h, i) => {
      const need = h + (i === size.rows.length - 1 ? notes + 14 : 0);
      if (spill === 0 && room >= need) room -= h;
      else spill++;
    });
    const fit = size.rows.length - spill;
    // a short table, or one of which fewer than three rows would stay, moves whole; a longer one breaks, and
    // the kit sees that its continuation holds at least two rows (table.ts pageBreaks)
    if (height < page * 0.25 || fit < 3 || (spill > 0 && spill < 2 && size.rows.length <= 4)) report.newPage();
  }
  return report.table(spec);
}
