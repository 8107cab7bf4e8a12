/**
 * Page layout read back with poppler: a page that is nearly empty although its chapter goes on (a block
 * moved to the next page left it bare) is a layout defect a reader notices at once.
 */
import { pdfInfo, pdfText } from './poppler.ts';

/** Lines of body text on a page: without the running header (first line) and the footer ("Strona x z y"). */
function bodyLines(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.slice(1).filter((l) => !/^Strona \d+ z \d+$/.test(l) && !/^Page \d+ of \d+$/.test(l));
}

/**
 * Pages (1-based) that hold less than a third of a page of body text while the next page continues the
 * same chapter (does not open with a chapter heading "N. Title"). The cover, the contents and the last
 * page are not judged.
 */
export function nearlyEmptyPages(file: string, minLines = 16): number[] {
  const pages = Number(pdfInfo(file).Pages);
  const text = Array.from({ length: pages }, (_, i) => pdfText(file, { page: i + 1, layout: true }));
  const out: number[] = [];
  for (let p = 2; p < pages; p++) {
    const here = text[p - 1]!;
    if (/Spis treści|Contents/.test(here.split('\n').slice(0, 8).join('\n'))) continue;
    const next = bodyLines(text[p]!)[0] ?? '';
    const chapterStarts = /^\d+\. \S/.test(next) && !/^\d+\.\d/.test(next);
    if (bodyLines(here).length < minLines && !chapterStarts) out.push(p);
  }
  return out;
}
