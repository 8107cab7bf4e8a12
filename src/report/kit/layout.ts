/**
 * Page geometry and the type scale of the reports: A4, 20 mm side margins, room for a running header and
 * footer, body 10 pt DejaVu Sans on 14 pt lines, a three-step heading scale.
 */
import type { PdfFontName } from './fonts.ts';

/** One millimetre in PDF points. */
export const MM = 72 / 25.4;

export const PAGE = {
  width: 595.28,
  height: 841.89,
  margin: { top: 25 * MM, bottom: 22 * MM, left: 20 * MM, right: 20 * MM },
  /** baseline area of the running header and footer */
  headerY: 12 * MM,
  footerY: 841.89 - 14 * MM,
} as const;

/** 170 mm. */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
/** The lowest y body content may reach. */
export const CONTENT_BOTTOM = PAGE.height - PAGE.margin.bottom;

export interface TextStyle {
  font: PdfFontName;
  size: number;
  /** extra space between lines, pt */
  lineGap: number;
  color: string;
}

export const INK = '#1A1A1A';
export const MUTED = '#555555';
export const HEADING_INK = '#0B3A5B';

export const STYLE = {
  body: { font: 'Sans', size: 10, lineGap: 2.6, color: INK },
  bodySerif: { font: 'Serif', size: 10, lineGap: 2.6, color: INK },
  h1: { font: 'Sans-Bold', size: 17, lineGap: 2, color: HEADING_INK },
  h2: { font: 'Sans-Bold', size: 12.5, lineGap: 1.5, color: HEADING_INK },
  h3: { font: 'Sans-Bold', size: 10.5, lineGap: 1.5, color: INK },
  caption: { font: 'Sans', size: 9.5, lineGap: 1.5, color: INK },
  captionLabel: { font: 'Sans-Bold', size: 9.5, lineGap: 1.5, color: INK },
  note: { font: 'Sans', size: 8, lineGap: 1.5, color: MUTED },
  running: { font: 'Sans', size: 7.5, lineGap: 0, color: MUTED },
  table: { font: 'Cond', size: 8.5, lineGap: 1, color: INK },
  tableHead: { font: 'Cond-Bold', size: 8.5, lineGap: 1, color: INK },
} satisfies Record<string, TextStyle>;

/** Vertical rhythm, pt. */
export const SPACE = {
  paragraph: 7,
  /** above and below an H2 / H3 */
  h2Before: 16,
  h2After: 6,
  h3Before: 10,
  h3After: 4,
  /** below the H1 that opens a chapter */
  h1After: 14,
  /** above an H1 that follows on a page already begun (HeadingOptions.newPage false) */
  h1Before: 28,
  /** the least room a chapter that follows on a page needs below its heading for its first block */
  chapterFirstBlock: 150,
  /** around figures, tables and boxes */
  block: 12,
  /** caption to chart or table */
  caption: 5,
  /** lines of body text that must follow a heading on the same page */
  keepWithHeading: 3,
} as const;
