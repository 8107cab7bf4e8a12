/**
 * The report kit end to end: the sample report (src/report/kit/sample.ts) uses every element — cover with
 * the synthetic band, table of contents, headings, Polish paragraphs, a list, a box, a table that breaks
 * across pages with suppressed cells, the five chart types, footnotes — and is checked as bytes and as
 * poppler reads it back. Its pages are rendered to .tmp/kit/ (gitignored) for a human to look at.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, createReport } from '../../src/report/kit/build.ts';
import { CONTENT_BOTTOM, PAGE, SPACE, STYLE } from '../../src/report/kit/layout.ts';
import type { Report } from '../../src/report/kit/document.ts';
import { PANGRAM, SAMPLE_OPTIONS, SUPPRESSED_VALUE, buildSampleReport } from '../../src/report/kit/sample.ts';
import { findPoppler, pdfInfo, pdfText, renderPages } from './poppler.ts';

const OUT = resolve('.tmp/kit');
const hasPoppler = findPoppler();
const PDF = join(OUT, 'sample.pdf');

let bytes: Buffer;
let report: Report;
let latin1: string;

beforeAll(async () => {
  ({ bytes, report } = await buildSampleReport());
  latin1 = bytes.toString('latin1');
  mkdirSync(OUT, { recursive: true });
  writeFileSync(PDF, bytes);
});

const count = (s: string, sub: string) => s.split(sub).length - 1;

describe('the sample report, as bytes', () => {
  it('is byte-identical when built twice from the same input and date', async () => {
    const again = await buildSampleReport();
    expect(again.bytes.equals(bytes)).toBe(true);
  });

  it('changes when the date changes (the date is the only clock)', async () => {
    const later = await buildSampleReport({ date: new Date(Date.UTC(2026, 10, 25)) });
    expect(later.bytes.equals(bytes)).toBe(false);
  });

  it('has 6 to 8 pages', () => {
    expect(report.pageCount).toBeGreaterThanOrEqual(6);
    expect(report.pageCount).toBeLessThanOrEqual(8);
  });

  it('declares a title, its language, a tagged structure and an outline', () => {
    expect(latin1).toMatch(/^%PDF-1\.7/);
    expect(latin1).toContain('/Lang (pl-PL)');
    expect(latin1).toContain('/DisplayDocTitle true');
    expect(latin1).toMatch(/\/Title \(/);
    expect(latin1).toContain('/StructTreeRoot');
    expect(latin1).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(latin1).toContain('/Marked true');
    expect(latin1).toContain('/Outlines');
  });

  it('tags every kind of block', () => {
    for (const type of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Div', 'Caption', 'Figure', 'Table', 'THead', 'TBody', 'TR', 'TH', 'TD', 'Note', 'TOC', 'TOCI', 'Link']) {
      expect(latin1, type).toContain(`/S /${type}\n`);
    }
    // one Figure per chart type, each with alternative text and a bounding box
    expect(count(latin1, '/S /Figure\n')).toBe(5);
    expect(count(latin1, '/Alt (')).toBeGreaterThanOrEqual(5);
    expect(latin1).toContain('/Placement /Block');
    // header, footer and repeated table header are pagination artifacts
    expect(latin1).not.toContain('/Artifact BMC'); // every artifact says what it is
  });

  it('records every heading with the page it is on', () => {
    const numbered = report.headings.map((h) => `${h.number} ${h.text}`);
    expect(numbered).toEqual([
      '1. Najważniejsze wnioski',
      '2. Kompetencje i priorytety szkoleniowe',
      '2.1. Ważność a poziom',
      '2.2. Rozkład odpowiedzi',
      '2.3. Ranking potrzeb (MWDS)',
      '2.4. Analiza ważność–poziom',
      '2.5. Kadra zarządzająca a pracownicy operacyjni',
      '3. Aneks',
      '3.1. Wyniki dla wszystkich pozycji kwestionariusza',
    ]);
    expect(report.headings[0]!.page).toBe(2); // cover, contents, then chapter 1
  });
});


describe.skipIf(!hasPoppler)('the sample report, as poppler reads it back', () => {
  let pages: string[];
  let all: string;
  beforeAll(() => {
    all = pdfText(PDF);
    pages = Array.from({ length: report.pageCount }, (_, i) => pdfText(PDF, { page: i + 1, layout: true }));
  });
  /** pdftotext turns no-break and thin spaces into plain spaces; compare on single spaces */
  const flat = (s: string) => s.replace(/\s+/g, ' ');

  it('returns the exact Polish text', () => {
    expect(all).toContain(PANGRAM);
    expect(flat(all)).toContain('Diagnoza kompetencji kadr JST w zarządzaniu oświatą');
    expect(flat(all)).toContain('Kadra zarządzająca ocenia ważność planowania strategicznego wyżej niż pracownicy operacyjni.');
    expect(all).not.toMatch(/undefined|NaN|\[object/);
  });

  it('prints numbers, percentages, intervals, p-values and dates the Polish way', () => {
    const text = flat(all);
    for (const s of ['1 234 osoby', '412 gmin', '45,2 %', '3,12–3,48', 'p < 0,001', 'p = 0,034', '−0,12', '24 listopada 2026', '31 października 2026', 'n = 1 234']) {
      expect(text, s).toContain(s);
    }
    expect(text).toContain('Wykres 5.');
    expect(text).toContain('Tabela 2.');
  });

  it('reports the title, the page count and the tagging through pdfinfo', () => {
    const info = pdfInfo(PDF);
    expect(info.Title).toBe('Diagnoza kompetencji kadr JST w zarządzaniu oświatą');
    expect(Number(info.Pages)).toBe(report.pageCount);
    expect(info.Tagged).toBe('yes');
    expect(info['Page size']).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);
  });

  it('lists every H1 and H2 in the table of contents with the page it is on', () => {
    const toc = pages[1]!;
    expect(toc).toContain('Spis treści');
    for (const h of report.headings.filter((x) => x.level <= 2)) {
      const line = toc.split('\n').find((l) => l.includes(`${h.number} ${h.text}`));
      expect(line, h.text).toBeDefined();
      const printed = Number(/(\d+)\s*$/.exec(line!)?.[1]);
      expect(printed, h.text).toBe(h.page + 1);
      expect(flat(pages[printed - 1]!), `${h.text} on page ${printed}`).toContain(`${h.number} ${h.text}`);
    }
  });

  it('has the running header and "Strona x z N" on every page but the cover', () => {
    const n = report.pageCount;
    expect(pages[0]).not.toContain('Strona');
    expect(pages[0]).toContain('DANE SYNTETYCZNE');
    expect(pages[1]).toContain(`Strona 2 z ${n}`);
    pages.slice(1).forEach((p, i) => {
      expect(p).toContain(`Strona ${i + 2} z ${n}`);
      expect(p).toContain('Diagnoza kompetencji kadr JST w zarządzaniu oświatą');
      expect(p).toContain('DANE SYNTETYCZNE');
    });
  });

  it('repeats the header of a table that breaks across pages, and never splits a row', () => {
    const continued = pages.findIndex((p) => p.includes('Tabela 2 (cd.)'));
    expect(continued).toBeGreaterThan(0);
    expect(pages[continued - 1]).toContain('Tabela 2. Ważność i poziom kompetencji');
    for (const p of [pages[continued - 1]!, pages[continued]!]) expect(p).toMatch(/Pozycja\s+n\s+Ważność/);
    // every row label of the annex table appears exactly once
    for (let i = 1; i <= 44; i++) expect(count(all, `pozycja ${i}\n`) + count(all, `pozycja ${i} `), `pozycja ${i}`).toBe(1);
  });

  it('never prints the value of a suppressed cell, and explains the dash', () => {
    const v = SUPPRESSED_VALUE.toFixed(2);
    expect(all).not.toContain(v.replace('.', ','));
    expect(all).not.toContain(v);
    expect(all).toContain('– mniej niż 5 odpowiedzi');
  });

  it('reads back without a single syntax warning from poppler', () => {
    const run = spawnSync('pdftotext', [PDF, '-'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('renders every page to .tmp/kit/ for a human to look at', () => {
    for (const f of readdirSync(OUT).filter((f) => /^sample-page-\d+\.png$/.test(f))) rmSync(join(OUT, f));
    renderPages(PDF, join(OUT, 'sample-page'), 80);
    expect(readdirSync(OUT).filter((f) => /^sample-page-\d+\.png$/.test(f))).toHaveLength(report.pageCount);
  });
});

describe('buildReport', () => {
  it('builds again with more contents pages when the headings do not fit the reserved ones', async () => {
    const { bytes: pdf, report: r } = await buildReport({ ...SAMPLE_OPTIONS, tocPages: 1 }, (rep) => {
      rep.cover();
      rep.tableOfContents();
      for (let c = 1; c <= 3; c++) {
        rep.h1(`Rozdział ${c}`);
        for (let s = 1; s <= 22; s++) {
          rep.h2(`Podrozdział ${c}.${s} o bardzo ważnej sprawie`);
          rep.paragraph('Zażółć gęślą jaźń. '.repeat(12));
        }
      }
    });
    expect(r.toc!.pages).toEqual([1, 2]);
    expect(r.headings[0]!.page).toBe(3);
    if (hasPoppler) {
      const file = join(OUT, 'toc-overflow.pdf');
      writeFileSync(file, pdf);
      const last = r.headings[r.headings.length - 1]!;
      const tocLine = pdfText(file, { page: 3, layout: true }).split('\n').find((l) => l.includes(`${last.number} ${last.text}`));
      expect(Number(/(\d+)\s*$/.exec(tocLine ?? '')?.[1])).toBe(last.page + 1);
    }
  });

  it('prints the kit\'s own words in English when lang is en', async () => {
    const { bytes: pdf, report: r } = await buildSampleReport({ lang: 'en' });
    expect(pdf.toString('latin1')).toContain('/Lang (en-GB)');
    if (hasPoppler) {
      const file = join(OUT, 'sample-en.pdf');
      writeFileSync(file, pdf);
      const text = pdfText(file);
      for (const s of ['Contents', `Page 2 of ${r.pageCount}`, 'SYNTHETIC DATA', 'Figure 1.', 'Table 2 (continued)', '– fewer than 5 responses', 'Concentrate here', '24 November 2026']) expect(text, s).toContain(s);
    }
  });
});

describe('paragraphs across a page break', () => {
  /** A report whose next paragraph starts where exactly `fit` lines are left on the page. */
  function setUp(fit: number) {
    const r = createReport(SAMPLE_OPTIONS);
    r.doc.font('Sans').fontSize(STYLE.body.size);
    const lh = r.doc.currentLineHeight(true) + STYLE.body.lineGap;
    r.doc.y = CONTENT_BOTTOM - fit * lh - SPACE.paragraph - 1;
    const text = (lines: number) => {
      let words = 1;
      while (Math.round(r.doc.heightOfString('Zażółć gęślą '.repeat(words), { width: r.width, lineGap: STYLE.body.lineGap }) / lh) < lines) words++;
      return 'Zażółć gęślą '.repeat(words).trim();
    };
    return { r, lh, text };
  }

  it.each([
    // [lines of the paragraph, lines left on the page, lines that end up on the next page]
    [6, 3, 3], // an ordinary break
    [4, 3, 2], // one line would be a widow: the page ends one line early
    [3, 2, 3], // ending early would leave an orphan: the whole paragraph moves
    [5, 1, 5], // one line would be an orphan: the whole paragraph moves
    [2, 2, 0], // it fits
  ])('a paragraph of %d lines with %d lines left puts %d on the next page', (lines, fit, onNext) => {
    const { r, lh, text } = setUp(fit);
    r.paragraph(text(lines));
    expect(r.pageIndex).toBe(onNext ? 1 : 0);
    if (onNext) expect(r.doc.y).toBeCloseTo(PAGE.margin.top + onNext * lh, 0);
  });
});
