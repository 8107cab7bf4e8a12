/**
 * The cover: programme, title, subtitle, segment, and a block of date / version / author at the foot;
 * while the data are synthetic, a full-width band that says so.
 */
import { COLORS } from './charts/palette.ts';
import type { Report } from './document.ts';
import { formatDate } from './format.ts';
import { HEADING_INK, MM, MUTED, PAGE, STYLE, type TextStyle } from './layout.ts';
import { prepareText, textHeight, writeRuns } from './text.ts';

export interface CoverInfo {
  /** the report's segment, e.g. "Gminy wiejskie" */
  segment?: string;
  /** the programme, e.g. "PO WER 2014–2020, działanie 2.10" */
  programme?: string;
  version?: string;
}

const TITLE: TextStyle = { font: 'Sans-Bold', size: 26, lineGap: 3, color: HEADING_INK };
const SUBTITLE: TextStyle = { font: 'Sans', size: 14, lineGap: 3, color: '#333333' };
const SEGMENT: TextStyle = { font: 'Sans-Bold', size: 15, lineGap: 2, color: HEADING_INK };
const SMALL: TextStyle = { font: 'Sans', size: 9.5, lineGap: 3, color: MUTED };
const BAND: TextStyle = { font: 'Sans-Bold', size: 15, lineGap: 0, color: COLORS.syntheticInk };
const BAND_NOTE: TextStyle = { font: 'Sans', size: 9, lineGap: 1.5, color: COLORS.syntheticInk };

export function drawCover(report: Report, info: CoverInfo): void {
  const { doc, options, t, lang } = report;
  const x = report.left;
  const w = report.width;
  const block = (st: TextStyle, text: string, y: number, type = 'P'): number => {
    const runs = prepareText(text, lang);
    report.tag(type, () => writeRuns(doc, runs, st, { x, y, width: w }));
    return y + textHeight(doc, runs, st, w);
  };

  let y = 38 * MM;
  report.artifact(() => doc.rect(x, y, 28 * MM, 2.2).fill(HEADING_INK));
  y += 10;
  if (info.programme) y = block(SMALL, info.programme, y) + 18;
  y = block(TITLE, options.title, y, 'H1') + 12;
  if (options.subtitle) y = block(SUBTITLE, options.subtitle, y) + 16;
  if (info.segment) block(SEGMENT, info.segment, y);

  if (options.synthetic) {
    const bandY = 150 * MM;
    const noteH = textHeight(doc, t.syntheticLong, BAND_NOTE, w);
    const bandH = 16 + BAND.size * 1.2 + 6 + noteH + 14;
    report.artifact(() => {
      doc.rect(0, bandY, PAGE.width, bandH).fill(COLORS.syntheticFill);
      doc.rect(0, bandY, PAGE.width, 2).fill(COLORS.priority);
      doc.rect(0, bandY + bandH - 2, PAGE.width, 2).fill(COLORS.priority);
    });
    block(BAND, t.synthetic, bandY + 16);
    block(BAND_NOTE, t.syntheticLong, bandY + 16 + BAND.size * 1.2 + 6);
  }

  const meta: [string, string | undefined][] = [
    [t.coverDate, formatDate(options.date, lang)],
    [t.coverVersion, info.version],
    [t.coverAuthor, options.author],
  ];
  let my = PAGE.height - 62 * MM;
  report.artifact(() => doc.moveTo(x, my - 10).lineTo(x + w, my - 10).lineWidth(0.5).strokeColor('#BFBFBF').stroke());
  for (const [label, value] of meta) {
    if (!value) continue;
    const runs = prepareText([{ text: `${label}: `, bold: true }, value], lang);
    report.tag('P', () => writeRuns(doc, runs, { ...STYLE.body, color: '#333333' }, { x, y: my, width: w }));
    my += textHeight(doc, runs, STYLE.body, w) + 3;
  }
}
