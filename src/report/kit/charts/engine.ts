/**
 * chart.js 4 on the server, with two back ends for one chart definition:
 *
 * - `drawChartVector(doc, spec, x, y)`: chart.js draws through PdfCanvasContext straight into the PDF
 *   page. The reports use this.
 * - `renderChartRaster(spec, { format, dpr })`: chart.js draws onto an @napi-rs/canvas bitmap (DejaVu
 *   registered with GlobalFonts, white background) and returns an opaque PNG, a JPEG or the canvas's own
 *   RGBA PNG: for previews, the dashboard and the measurements below.
 *
 * Embedding cost, measured with bench/report-kit.ts on the 2-core development machine (Node 20, warm,
 * median of 7; the 482 × 302 pt dumbbell chart of 10 areas; rasters at devicePixelRatio 3 = 216 dpi at
 * print size; the machine was shared, so read the ratios rather than the milliseconds):
 *
 *   route                                  chart.js + encode   pdfkit embed   total     bytes in the PDF
 *   canvas RGBA PNG  (encode('png'))            ~50 ms            ~95 ms      ~145 ms     125 kB
 *   opaque RGB PNG   (png.ts, zlib 6)           ~30 ms             ~4 ms       ~34 ms     126 kB
 *   JPEG q 92        (encode('jpeg'))           ~22 ms           ~0.3 ms       ~22 ms     156 kB
 *   vector           (PdfCanvasContext)           –                ~9 ms        ~9 ms       8 kB
 *
 * The RGBA PNG is slow to embed because pdfkit inflates it and splits off the alpha channel as a soft mask;
 * an opaque RGB PNG goes in as is (its rows keep their PNG predictor). JPEG is the fastest raster, but it
 * leaves faint block noise around coloured type and thin lines (visible on zoom). Vector is ~2.5× faster than JPEG and ~4× faster than the opaque
 * PNG, 15–20× smaller, sharp at any zoom, and keeps every label as real, searchable text in DejaVu.
 * Decision: the reports draw charts as vectors; the raster route stays for previews and the dashboard.
 * A 30-page report with 24 charts builds in ~0.4 s.
 */
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type ChartItem, type Plugin } from 'chart.js';
import { CHART_FONT_FAMILY, CHART_FONT_FAMILY_CONDENSED, FONT_DIR, PDF_FONTS } from '../fonts.ts';
import type { Doc } from '../pdf-types.ts';
import { PdfCanvasContext } from './pdf-canvas.ts';
import { encodeRgbPng } from './png.ts';

Chart.register(...registerables);

export type ChartKind = 'dumbbell' | 'ranking' | 'ipa' | 'distribution' | 'grouped';

/**
 * One chart, ready to draw: its size in PDF points, a factory for a fresh chart.js configuration (chart.js
 * mutates the data it is given, so every render builds its own) and the alternative text for readers who
 * cannot see it.
 */
export interface ChartSpec {
  kind: ChartKind;
  /** width and height in points (1 canvas px = 1 pt) */
  width: number;
  height: number;
  alt: string;
  build(): ChartConfiguration;
}

let fontsRegistered = false;
function registerCanvasFonts(): void {
  if (fontsRegistered) return;
  GlobalFonts.registerFromPath(`${FONT_DIR}/${PDF_FONTS.Sans}`, CHART_FONT_FAMILY);
  GlobalFonts.registerFromPath(`${FONT_DIR}/${PDF_FONTS['Sans-Bold']}`, CHART_FONT_FAMILY);
  GlobalFonts.registerFromPath(`${FONT_DIR}/${PDF_FONTS.Cond}`, CHART_FONT_FAMILY_CONDENSED);
  GlobalFonts.registerFromPath(`${FONT_DIR}/${PDF_FONTS['Cond-Bold']}`, CHART_FONT_FAMILY_CONDENSED);
  fontsRegistered = true;
}

/** Paints the canvas white before chart.js draws, so a raster has no transparent pixels. */
const whiteBackground: Plugin = {
  id: 'kitWhiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#FFFFFF';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** A stand-in for an HTML canvas that hands chart.js the PDF context. */
function pdfCanvas(doc: Doc, x: number, y: number, width: number, height: number) {
  const canvas = { width, height, style: {} as Record<string, string>, getContext: () => ctx };
  const ctx = new PdfCanvasContext(doc, canvas, x, y);
  return { canvas, ctx };
}

/** The options every report chart shares: static, unanimated, drawn once at a fixed size. */
function finalConfig(spec: ChartSpec, dpr: number, extraPlugins: Plugin[]): ChartConfiguration {
  const config = spec.build();
  config.options = {
    ...config.options,
    responsive: false,
    maintainAspectRatio: false,
    animation: false,
    devicePixelRatio: dpr,
    events: [],
  };
  config.plugins = [...extraPlugins, ...(config.plugins ?? [])];
  return config;
}

/**
 * Draws the chart as vectors into `doc` with its top-left corner at (x, y). Wraps everything in a graphics
 * state save/restore, so colours, opacity and clipping do not leak into what follows.
 */
export function drawChartVector(doc: Doc, spec: ChartSpec, x: number, y: number): void {
  const { canvas, ctx } = pdfCanvas(doc, x, y, spec.width, spec.height);
  const { x: docX, y: docY } = doc;
  doc.save();
  // chart.js accepts any object with getContext('2d'); the shim implements the part of the API it uses
  const chart = new Chart(canvas as unknown as ChartItem, finalConfig(spec, 1, []));
  chart.destroy();
  ctx.finish();
  doc.restore();
  doc.x = docX;
  doc.y = docY;
}

export type RasterFormat = 'png' | 'png-rgba' | 'jpeg';

/**
 * The chart as an image at `dpr` pixels per point (3 → 216 dpi at print size). `png` is an opaque RGB PNG
 * (cheap for pdfkit to embed), `png-rgba` the canvas's own encoder output, `jpeg` quality 92.
 */
export function renderChartRaster(spec: ChartSpec, opts: { format?: RasterFormat; dpr?: number; jpegQuality?: number } = {}): Buffer {
  registerCanvasFonts();
  const dpr = opts.dpr ?? 3;
  const canvas = createCanvas(Math.round(spec.width), Math.round(spec.height));
  const chart = new Chart(canvas as unknown as ChartItem, finalConfig(spec, dpr, [whiteBackground]));
  try {
    const format = opts.format ?? 'png';
    if (format === 'jpeg') return canvas.encodeSync('jpeg', opts.jpegQuality ?? 92);
    if (format === 'png-rgba') return canvas.encodeSync('png');
    return encodeRgbPng(canvas.data(), canvas.width, canvas.height);
  } finally {
    chart.destroy();
  }
}
