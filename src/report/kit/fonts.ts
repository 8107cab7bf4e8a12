/**
 * The one font family of the reports: DejaVu (TrueType, every Polish letter), registered under the same
 * short names in every PDF document and, for raster charts, in @napi-rs/canvas's GlobalFonts.
 *
 * TTF only: WOFF costs ~0.7 s per document and WOFF2 crashes pdfkit's subsetter (see the stack brief).
 */
import { readFileSync } from 'node:fs';
import { create as createFont } from 'fontkit';
import type { Doc } from './pdf-types.ts';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** node_modules/dejavu-fonts-ttf/ttf, resolved through the package so hoisting does not matter. */
export const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** pdfkit font name → TTF file. */
export const PDF_FONTS = {
  Sans: 'DejaVuSans.ttf',
  'Sans-Bold': 'DejaVuSans-Bold.ttf',
  'Sans-Oblique': 'DejaVuSans-Oblique.ttf',
  Cond: 'DejaVuSansCondensed.ttf',
  'Cond-Bold': 'DejaVuSansCondensed-Bold.ttf',
  Serif: 'DejaVuSerif.ttf',
  'Serif-Bold': 'DejaVuSerif-Bold.ttf',
} as const;
export type PdfFontName = keyof typeof PDF_FONTS;

/** The CSS family names the charts use; both back ends map them to the files above. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';
export const CHART_FONT_FAMILY_CONDENSED = 'DejaVu Sans Condensed';

const bytes = new Map<string, Uint8Array>();

/** The bytes of one TTF file, read once per process. */
export function fontBytes(file: string): Uint8Array {
  let b = bytes.get(file);
  if (!b) {
    b = readFileSync(join(FONT_DIR, file));
    bytes.set(file, b);
  }
  return b;
}

const parsed = new Map<string, unknown>();

/**
 * A font parsed once per process and shared by every document (pdfkit takes a fontkit font as well as its
 * bytes): parsing DejaVu's tables again for each document took over a third of a short document's time
 * (six programmes: 2.9 → 1.8 s). pdfkit subsets the font per document, so no output byte changes.
 */
function parsedFont(file: string): unknown {
  let f = parsed.get(file);
  if (!f) {
    f = createFont(fontBytes(file));
    parsed.set(file, f);
  }
  return f;
}

/** Registers every report font on a pdfkit document. */
export function registerPdfFonts(doc: Doc): void {
  for (const [name, file] of Object.entries(PDF_FONTS)) doc.registerFont(name, parsedFont(file) as Buffer);
}

/**
 * The pdfkit font for a CSS font description, as chart.js writes it into `ctx.font`
 * (`bold 9px "DejaVu Sans Condensed"`).
 */
export function pdfFontForCss(family: string, bold: boolean, italic: boolean): PdfFontName {
  if (/condensed/i.test(family)) return bold ? 'Cond-Bold' : 'Cond';
  if (/serif/i.test(family) && !/sans/i.test(family)) return bold ? 'Serif-Bold' : 'Serif';
  if (bold) return 'Sans-Bold';
  return italic ? 'Sans-Oblique' : 'Sans';
}
