/**
 * Figures (a numbered caption that asks the chart's question, the chart as vectors with its alternative
 * text, notes and source underneath, never split across pages) and the shaded box that explains a term
 * to a reader who is not a statistician.
 */
import { drawChartVector, type ChartSpec } from './charts/engine.ts';
import { COLORS } from './charts/palette.ts';
import type { Report } from './document.ts';
import { SPACE, STYLE, type TextStyle } from './layout.ts';
import { prepareText, textHeight, writeRuns, type Inline, type PreparedRun } from './text.ts';

export interface BlockCaption {
  /** the question the figure or table answers: "Gdzie luka jest największa?" */
  title: string;
  /** notes printed under the block, in order */
  notes?: readonly Inline[];
  /** "Źródło: …" line under the notes */
  source?: string;
}

/** The caption's runs: bold "Wykres 3." then the title. */
export function captionRuns(report: Report, label: string, no: number, title: string): PreparedRun[] {
  return prepareText([{ text: `${label}${'\u00A0'}${no}. `, bold: true }, title], report.lang);
}

/** Notes and source as runs, one paragraph each. */
export function noteRuns(report: Report, caption: BlockCaption, extra: readonly Inline[] = []): PreparedRun[][] {
  const notes: Inline[] = [...(caption.notes ?? []), ...extra];
  if (caption.source) notes.push([{ text: `${report.t.source}: `, bold: false }, caption.source]);
  return notes.map((n) => prepareText(n, report.lang));
}

export function notesHeight(report: Report, notes: readonly PreparedRun[][]): number {
  return notes.reduce((h, n) => h + textHeight(report.doc, n, STYLE.note, report.width) + 1.5, notes.length ? 4 : 0);
}

/** Writes the notes under a block, each a Note element. */
export function writeNotes(report: Report, notes: readonly PreparedRun[][], parent = report.root): void {
  const { doc } = report;
  if (!notes.length) return;
  doc.y += 4;
  for (const n of notes) {
    report.tag('Note', () => writeRuns(doc, n, STYLE.note, { x: report.left, y: doc.y, width: report.width }), {}, parent);
    doc.y += 1.5;
  }
}

/** A numbered figure; returns its number. */
export function drawFigure(report: Report, spec: ChartSpec, caption: BlockCaption): number {
  const { doc } = report;
  const no = report.takeFigureNumber();
  const cap = captionRuns(report, report.t.figure, no, caption.title);
  const notes = noteRuns(report, caption);
  const capH = textHeight(doc, cap, STYLE.caption, report.width);
  report.place(capH + SPACE.caption + spec.height + notesHeight(report, notes), SPACE.block);
  const div = report.group('Div');
  report.tag('Caption', () => writeRuns(doc, cap, STYLE.caption, { x: report.left, y: doc.y, width: report.width }), {}, div);
  doc.y += SPACE.caption;
  const x = report.left + Math.max(0, (report.width - spec.width) / 2);
  const y = doc.y;
  report.tag('Figure', () => drawChartVector(doc, spec, x, y), { alt: spec.alt, bbox: [x, y, x + spec.width, y + spec.height], placement: 'Block' }, div);
  doc.y = y + spec.height;
  writeNotes(report, notes, div);
  div.end();
  doc.y += SPACE.block - SPACE.paragraph;
  return no;
}

const BOX_TITLE: TextStyle = { ...STYLE.body, font: 'Sans-Bold', color: '#0B3A5B' };
const BOX_BODY: TextStyle = { ...STYLE.body, size: 9.5 };
const PAD = 10;
const RULE = 3;

/**
 * A shaded box with a title and one or more paragraphs, for explanations aside from the main text
 * ("Jak czytać przedział ufności?"); `body` is one entry per paragraph. Kept on one page.
 */
export function drawBox(report: Report, title: string, body: readonly Inline[]): void {
  const { doc } = report;
  const paragraphs = body.map((p) => prepareText(p, report.lang));
  const innerX = report.left + RULE + PAD;
  const innerW = report.width - RULE - 2 * PAD;
  const titleRuns = prepareText(title, report.lang);
  const titleH = textHeight(doc, titleRuns, BOX_TITLE, innerW);
  const bodyH = paragraphs.map((p) => textHeight(doc, p, BOX_BODY, innerW));
  const height = PAD + titleH + 4 + bodyH.reduce((a, b) => a + b, 0) + 5 * (paragraphs.length - 1) + PAD;
  report.place(height, SPACE.block);
  const top = doc.y;
  report.artifact(() => {
    doc.rect(report.left, top, report.width, height).fill(COLORS.boxFill);
    doc.rect(report.left, top, RULE, height).fill(COLORS.boxRule);
  });
  const div = report.group('Div');
  report.tag('P', () => writeRuns(doc, titleRuns, BOX_TITLE, { x: innerX, y: top + PAD, width: innerW }), {}, div);
  let y = top + PAD + titleH + 4;
  paragraphs.forEach((p, i) => {
    report.tag('P', () => writeRuns(doc, p, BOX_BODY, { x: innerX, y, width: innerW }), {}, div);
    y += (bodyH[i] ?? 0) + 5;
  });
  div.end();
  doc.x = report.left;
  doc.y = top + height + SPACE.block - SPACE.paragraph;
}
