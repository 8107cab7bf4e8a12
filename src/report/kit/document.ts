/**
 * The report document: PDFKit wrapped so that a chapter is written as a sequence of blocks (headings,
 * paragraphs, lists, boxes, figures, tables) and the kit does the page layout, numbering, tagging and
 * pagination.
 *
 * - A4, 20 mm side margins, DejaVu for every string (fonts.ts), the type scale of layout.ts.
 * - Byte-deterministic: CreationDate and ModDate come from `date`, the file ID is derived from the info
 *   dictionary, and nothing else in pdfkit's output depends on the clock.
 * - Tagged (PDF/UA style): `tagged: true`, PDF 1.7, /Lang, DisplayDocTitle; every block becomes a
 *   structure element under one Document element (H1–H3, P, L/LI/Lbl/LBody, Div, Caption, Figure with
 *   Alt and BBox, Table/TR/TH/TD, Note, TOC/TOCI/Link); decoration (rules, shading, running header and
 *   footer, repeated table headers) is marked as artifacts.
 * - Headings build the PDF outline and record their pages for the table of contents (toc.ts). H2 and H3
 *   are kept with what follows: they are drawn only when the next block is placed, and move to the next
 *   page with it, so a heading never ends a page.
 * - Paragraphs leave no single line at the foot of a page (orphan) or at the head of the next (widow).
 * - Header, footer ("Strona x z y") and the table of contents are drawn at the end, with bufferPages.
 */
import PDFDocument from 'pdfkit';
import { drawCover, type CoverInfo } from './cover.ts';
import { registerPdfFonts } from './fonts.ts';
import type { Lang } from './format.ts';
import { KIT_TEXT, type KitText } from './labels.ts';
import { CONTENT_BOTTOM, PAGE, SPACE, STYLE, TEXT_WIDTH, type TextStyle } from './layout.ts';
import { drawRunningHeads } from './pagination.ts';
import type { Doc, StructElement } from './pdf-types.ts';
import { prepareText, textHeight, writeRuns, type Inline } from './text.ts';
import { drawBullets, drawFootnote, drawParagraph } from './paragraphs.ts';
import { renderToc, reserveToc, type TocState } from './toc.ts';
import { drawBox, drawFigure, type BlockCaption } from './blocks.ts';
import type { ChartSpec } from './charts/engine.ts';
import { renderTable, type TableSpec } from './table.ts';

export interface ReportOptions {
  title: string;
  subtitle?: string;
  lang: Lang;
  /** the report's date: printed on the cover and used as the PDF's creation date (determinism) */
  date: Date;
  /** data are synthetic: a band on the cover and a tag in every running header */
  synthetic: boolean;
  author?: string;
  /** pages reserved for the table of contents (default 1; see buildReport for the automatic retry) */
  tocPages?: number;
  /** body text in DejaVu Serif instead of Sans (headings, tables and charts stay Sans) */
  bodyFont?: 'sans' | 'serif';
  /** deflate page contents (default true; output stays deterministic either way) */
  compress?: boolean;
  /** the small-cell threshold, for the "–" footnote (default 5) */
  suppressionThreshold?: number;
}

export interface Heading {
  level: 1 | 2 | 3;
  /** "2.", "2.1", "" when unnumbered */
  number: string;
  text: string;
  /** 0-based page index */
  page: number;
  /** named destination of the heading (TOC links) */
  dest: string;
  /** listed in the table of contents */
  toc: boolean;
}

export interface HeadingOptions {
  numbered?: boolean;
  toc?: boolean;
  /**
   * H1 only, default true: the chapter opens a new page. With false it follows on the current page, below a
   * gap, when the heading and a first block of reasonable size (the block's own first chunk, at least
   * SPACE.chapterFirstBlock) still fit there; otherwise it opens a new page as usual.
   */
  newPage?: boolean;
}

/** Blocks held back until the next block is placed, so that they move to a new page together with it. */
type Pending = { kind: 'heading'; level: 1 | 2 | 3; text: string; opts: HeadingOptions } | { kind: 'paragraph'; content: Inline; style: TextStyle };

export class Report {
  readonly doc: Doc;
  readonly lang: Lang;
  readonly t: KitText;
  readonly options: ReportOptions;
  readonly headings: Heading[] = [];
  /** the Document structure element every block hangs under */
  readonly root: StructElement;
  /** pages that carry no running header or footer (the cover) */
  readonly bare = new Set<number>();
  toc: TocState | undefined;
  /** set by finish(): the number of pages */
  pageCount = 0;
  private counters = { chapter: 0, section: 0, subsection: 0, figure: 0, table: 0 };
  private pending: Pending[] = [];
  /** y just below the last H1, on its page */
  private afterH1 = { y: Number.NaN, page: -1 };
  private outlineH1: PDFKit.PDFOutline | undefined;
  private readonly bytes: Promise<Buffer>;

  constructor(options: ReportOptions) {
    this.options = options;
    this.lang = options.lang;
    const k = options.suppressionThreshold ?? 5;
    this.t = { ...KIT_TEXT[options.lang], suppressed: options.lang === 'pl' ? `– mniej niż ${k} odpowiedzi` : `– fewer than ${k} responses` };
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { ...PAGE.margin },
      bufferPages: true,
      autoFirstPage: true,
      compress: options.compress ?? true,
      pdfVersion: '1.7',
      tagged: true,
      displayTitle: true,
      lang: options.lang === 'pl' ? 'pl-PL' : 'en-GB',
      info: {
        Title: options.title,
        Author: options.author ?? '',
        Subject: options.subtitle ?? '',
        Creator: 'jst-diagnoza report kit',
        Producer: 'PDFKit',
        CreationDate: options.date,
        ModDate: options.date,
      },
    });
    registerPdfFonts(this.doc);
    this.doc.font('Sans');
    const chunks: Uint8Array[] = [];
    this.bytes = new Promise((resolve, reject) => {
      this.doc.on('data', (c: Uint8Array) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  // --- geometry ------------------------------------------------------------------------------------
  get left(): number { return PAGE.margin.left; }
  get width(): number { return TEXT_WIDTH; }
  /** 0-based index of the page being written */
  get pageIndex(): number { const r = this.doc.bufferedPageRange(); return r.start + r.count - 1; }
  get remaining(): number { return CONTENT_BOTTOM - this.doc.y; }
  get atTop(): boolean { return this.doc.y <= PAGE.margin.top + 0.5; }
  get bodyStyle(): TextStyle { return this.options.bodyFont === 'serif' ? STYLE.bodySerif : STYLE.body; }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = PAGE.margin.top;
  }

  /**
   * Makes room for a block: draws the headings waiting for it, then checks that `firstChunk` points (the
   * part that must not be separated from those headings) fit, moving everything to a new page if not.
   */
  place(firstChunk: number, gapBefore: number = SPACE.paragraph): void {
    const around = { 1: SPACE.h1Before + SPACE.h1After, 2: SPACE.h2Before + SPACE.h2After, 3: SPACE.h3Before + SPACE.h3After };
    const held = this.pending.map((p) => p.kind === 'heading'
      ? this.headingHeight(p.level, p.text, p.opts) + around[p.level]
      : SPACE.paragraph + textHeight(this.doc, prepareText(p.content, this.lang), p.style, this.width));
    const chapter = this.pending.some((p) => p.kind === 'heading' && p.level === 1);
    const first = chapter ? Math.max(firstChunk, SPACE.chapterFirstBlock) : firstChunk;
    const need = (this.pending.length ? held.reduce((a, b) => a + b, 0) + gapBefore : gapBefore) + first;
    if (!this.atTop && this.remaining < need) this.newPage();
    if (!this.pending.length) {
      if (!this.atTop) this.doc.y += gapBefore;
      return;
    }
    const pending = this.pending;
    this.pending = [];
    pending.forEach((p, i) => {
      if (p.kind === 'heading') this.drawHeading(p.level, p.text, p.opts);
      else drawParagraph(this, p.content, p.style, pending[i - 1]?.kind === 'heading' ? 0 : SPACE.paragraph);
    });
    if (pending[pending.length - 1]?.kind === 'paragraph') this.doc.y += gapBefore;
  }

  // --- structure -----------------------------------------------------------------------------------
  /** A structure element whose content is what `draw` paints (one marked-content sequence). */
  tag(type: string, draw: () => void, options: Record<string, unknown> = {}, parent: StructElement = this.root): StructElement {
    const el = this.doc.struct(type, options, [draw]);
    parent.add(el);
    return el;
  }
  /** An empty structure element to add children to; call `.end()` when done. */
  group(type: string, parent: StructElement = this.root, options: Record<string, unknown> = {}): StructElement {
    const el = this.doc.struct(type, options);
    parent.add(el);
    return el;
  }
  /** Decoration that assistive technology skips: rules, shading, repeated headers. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  // --- front matter --------------------------------------------------------------------------------
  /** The cover, on the first page; the next block starts on a new page. */
  cover(info: CoverInfo = {}): void {
    drawCover(this, info);
    this.bare.add(this.pageIndex);
    this.newPage();
  }
  /** Reserves the table-of-contents pages here; they are filled in by finish(). */
  tableOfContents(): void {
    if (!this.atTop) this.newPage();
    this.toc = reserveToc(this, this.options.tocPages ?? 1);
  }

  // --- headings ------------------------------------------------------------------------------------
  /** A chapter: opens a new page, unless `opts.newPage` is false (then it is held with the block that follows). */
  h1(text: string, opts: HeadingOptions = {}): void {
    this.flushPending();
    if (opts.newPage === false && !this.atTop) {
      this.pending.push({ kind: 'heading', level: 1, text, opts });
      return;
    }
    if (!this.atTop) this.newPage();
    this.drawHeading(1, text, opts);
  }
  h2(text: string, opts: HeadingOptions = {}): void { this.pending.push({ kind: 'heading', level: 2, text, opts }); }
  h3(text: string, opts: HeadingOptions = {}): void { this.pending.push({ kind: 'heading', level: 3, text, opts }); }

  private headingHeight(level: 1 | 2 | 3, text: string, opts: HeadingOptions): number {
    const st = level === 1 ? STYLE.h1 : level === 2 ? STYLE.h2 : STYLE.h3;
    return textHeight(this.doc, this.numberFor(level, opts, false) + text, st, this.width);
  }
  private numberFor(level: 1 | 2 | 3, opts: HeadingOptions, advance: boolean): string {
    if (opts.numbered === false) return '';
    const c = { ...this.counters };
    if (level === 1) { c.chapter++; c.section = 0; c.subsection = 0; }
    if (level === 2) { c.section++; c.subsection = 0; }
    if (level === 3) c.subsection++;
    if (advance) this.counters = c;
    if (level === 1) return `${c.chapter}. `;
    if (level === 2) return c.chapter ? `${c.chapter}.${c.section}. ` : `${c.section}. `;
    return c.chapter ? `${c.chapter}.${c.section}.${c.subsection}. ` : '';
  }
  private drawHeading(level: 1 | 2 | 3, text: string, opts: HeadingOptions): void {
    const doc = this.doc;
    const st = level === 1 ? STYLE.h1 : level === 2 ? STYLE.h2 : STYLE.h3;
    // no space above an H2 or H3 that directly follows its chapter heading
    if (!this.atTop && !(doc.y === this.afterH1.y && this.pageIndex === this.afterH1.page)) doc.y += level === 2 ? SPACE.h2Before : level === 3 ? SPACE.h3Before : SPACE.h1Before;
    const number = this.numberFor(level, opts, true);
    const dest = `h${this.headings.length + 1}`;
    const y = doc.y;
    doc.addNamedDestination(dest, 'XYZ', 0, y, null);
    const entry: Heading = { level, number: number.trim(), text, page: this.pageIndex, dest, toc: opts.toc ?? level <= 2 };
    this.headings.push(entry);
    // pdfkit 0.20 writes an outline destination's left as (page width − options.left): passing the page
    // width gives left = 0, i.e. the heading's line at the left edge
    const where = { top: y - 6, left: PAGE.width };
    const title = `${number}${text}`;
    if (level === 1) this.outlineH1 = doc.outline.addItem(title, where as { expanded?: boolean });
    else if (level === 2) (this.outlineH1 ?? doc.outline).addItem(title, where as { expanded?: boolean });
    this.tag(`H${level}`, () => writeRuns(doc, [title], st, { x: this.left, y, width: this.width }));
    doc.y += level === 1 ? SPACE.h1After : level === 2 ? SPACE.h2After : SPACE.h3After;
    if (level === 1) this.afterH1 = { y: doc.y, page: this.pageIndex };
  }
  private flushPending(): void {
    if (this.pending.length) this.place(0);
  }

  // --- counters ------------------------------------------------------------------------------------
  /** The number the next figure will get, so the text can refer to it before it appears. */
  nextFigureNumber(): number { return this.counters.figure + 1; }
  nextTableNumber(): number { return this.counters.table + 1; }
  takeFigureNumber(): number { return ++this.counters.figure; }
  takeTableNumber(): number { return ++this.counters.table; }

  // --- text blocks ---------------------------------------------------------------------------------
  /**
   * A paragraph of body text; `content` may mix plain and bold runs. With `keepWithNext` it stays on the
   * page of the block that follows (a sentence that introduces a figure or table).
   */
  paragraph(content: Inline, opts: { keepWithNext?: boolean; style?: TextStyle } = {}): void {
    const style = opts.style ?? this.bodyStyle;
    if (opts.keepWithNext) this.pending.push({ kind: 'paragraph', content, style });
    else drawParagraph(this, content, style);
  }

  /** A bulleted list (L › LI › Lbl + LBody). */
  bullets(items: readonly Inline[], style: TextStyle = this.bodyStyle): void {
    drawBullets(this, items, style);
  }

  /** Small print under a block (footnotes, sources), tagged as Note. */
  footnote(content: Inline): void {
    drawFootnote(this, content);
  }

  /** A shaded box explaining something to a non-specialist; one entry of `body` per paragraph. */
  box(title: string, body: readonly Inline[]): void {
    drawBox(this, title, body);
  }

  /** A numbered figure ("Wykres 3.") drawn as vectors; returns its number. */
  figure(chart: ChartSpec, caption: BlockCaption): number {
    return drawFigure(this, chart, caption);
  }

  /** A numbered table ("Tabela 5."); returns its number. */
  table(spec: TableSpec): number {
    return renderTable(this, spec);
  }

  // --- output --------------------------------------------------------------------------------------
  /**
   * Fills the table of contents, draws running headers and footers, ends the document and returns its
   * bytes. Throws TocOverflowError when the contents need more pages than were reserved.
   */
  async finish(): Promise<Buffer> {
    this.flushPending();
    if (this.toc) renderToc(this, this.toc);
    drawRunningHeads(this);
    this.pageCount = this.doc.bufferedPageRange().count;
    this.doc.end();
    return this.bytes;
  }
}
