/**
 * What the five report charts share: type sizes, axis styling, label wrapping measured with the real font,
 * CI whiskers, a right-hand column of row values (gap, n), and the estimate type the analysis hands over.
 */
import type { Chart, ChartOptions, Plugin, Scale } from 'chart.js';
import { CHART_FONT_FAMILY } from '../fonts.ts';
import { formatNumber, type Lang } from '../format.ts';
import { COLORS } from './palette.ts';

/** The 2D context chart.js draws with (a real canvas or the PDF shim). */
export type Ctx = Chart['ctx'];

/** A mean (or index) with its 95 % confidence interval; lo/hi absent when not estimated. */
export interface Estimate {
  value: number;
  lo?: number | null;
  hi?: number | null;
}

/** Options every chart takes. */
export interface ChartCommon {
  lang?: Lang;
  /** width in points; default: the report's text width (170 mm) */
  width?: number;
  /** the confidence level of the whiskers, named in the axis note; default 0.95 */
  ciLevel?: number;
}

/** 170 mm: the text width of an A4 page with 20 mm margins. */
export const TEXT_WIDTH = 481.89;

/** Type sizes in points (the charts are drawn at 1 px = 1 pt): never below 7 pt in print. */
export const TYPE = { tick: 8, axisTitle: 8, legend: 8, dataLabel: 7.5, quadrant: 8.5 } as const;

export const font = (size: number, weight: 'normal' | 'bold' = 'normal') => ({ family: CHART_FONT_FAMILY, size, weight });
export const cssFont = (size: number, weight: 'normal' | 'bold' = 'normal') => `${weight} ${size}px ${CHART_FONT_FAMILY}`;

export const fmt = (x: number, lang: Lang, decimals = 2) => formatNumber(x, { decimals, lang });

/** A tick value with as few decimals as it needs (0; 0,5; 1; 1,25), in the report's number format. */
export const tickFmt = (lang: Lang) => (v: number | string) => {
  const x = Math.round(Number(v) * 1000) / 1000;
  return formatNumber(x, { decimals: Number.isInteger(x) ? 0 : Number.isInteger(x * 10) ? 1 : 2, lang });
};

/**
 * Splits `text` into lines no wider than `maxWidth` at the current ctx.font; a word longer than the line
 * stays whole (it is never cut).
 */
export function wrapText(ctx: Ctx, text: string, maxWidth: number): string[] {
  // a one-letter word (Polish "i", "w", "z" …) never ends a line: it travels with the next word
  const words = text.split(/\s+/).filter(Boolean).reduce<string[]>((acc, w) => {
    const prev = acc[acc.length - 1];
    if (prev !== undefined && /(^|\s)[aiouwzAIOUWZ]$/.test(prev)) acc[acc.length - 1] = `${prev} ${w}`;
    else acc.push(w);
    return acc;
  }, []);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const candidate = line ? `${line} ${w}` : w;
    if (line && ctx.measureText(candidate).width > maxWidth) {
      lines.push(line);
      line = w;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Scale option: wraps the category labels of a y axis to `maxWidth` points with the tick font, once the
 * labels exist and before chart.js measures them for the layout.
 */
export function wrapTicks(labels: readonly string[], maxWidth: number) {
  return (axis: Scale) => {
    const ctx = axis.ctx;
    ctx.save();
    ctx.font = cssFont(TYPE.tick);
    for (const tick of axis.ticks) {
      const label = labels[Math.round(tick.value)];
      if (label !== undefined) tick.label = wrapText(ctx, label, maxWidth);
    }
    ctx.restore();
  };
}

/** Axis options shared by the charts. */
export function axisStyle(title?: string | string[]) {
  return {
    border: { color: '#8C8C8C', width: 0.75 },
    grid: { color: COLORS.grid, lineWidth: 0.5, drawTicks: false },
    ticks: { color: '#333333', font: font(TYPE.tick), padding: 4 },
    title: title ? { display: true, text: title, color: '#333333', font: font(TYPE.axisTitle), padding: { top: 6, bottom: 0 } } : { display: false },
  };
}

/** chart.js options shared by the charts: no title (the caption is the title), tight padding. */
export function baseOptions(): ChartOptions {
  return {
    layout: { padding: { top: 2, right: 8, bottom: 2, left: 2 } },
    plugins: {
      title: { display: false },
      tooltip: { enabled: false },
      legend: {
        display: true,
        position: 'top',
        align: 'start',
        labels: { color: COLORS.ink, font: font(TYPE.legend), usePointStyle: true, boxWidth: 7, boxHeight: 7, padding: 12 },
      },
    },
  };
}

/** Draws a horizontal CI whisker from lo to hi at pixel row y, with end caps. */
export function drawWhisker(ctx: Ctx, x0: number, x1: number, y: number, color: string, cap = 3, width = 1) {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(x0, y);
  ctx.lineTo(x1, y);
  ctx.moveTo(x0, y - cap);
  ctx.lineTo(x0, y + cap);
  ctx.moveTo(x1, y - cap);
  ctx.lineTo(x1, y + cap);
  ctx.stroke();
  ctx.restore();
}

/** Whiskers for one dataset of a horizontal chart, read from its drawn elements. */
export function whiskerPlugin(id: string, datasetIndex: number, estimates: readonly Estimate[], color: string, when: 'before' | 'after' = 'after', dy = 0): Plugin {
  const draw = (chart: Chart) => {
    const meta = chart.getDatasetMeta(datasetIndex);
    const x = chart.scales.x;
    if (!x) return;
    estimates.forEach((e, i) => {
      const el = meta.data[i];
      if (!el || e.lo == null || e.hi == null) return;
      drawWhisker(chart.ctx, x.getPixelForValue(e.lo), x.getPixelForValue(e.hi), el.y + dy, color);
    });
  };
  return when === 'before' ? { id, beforeDatasetsDraw: draw } : { id, afterDatasetsDraw: draw };
}

/**
 * Columns of values at the right of the plot, one per row (gap, n …), with a header above the plot.
 * Reserve the room with `layout.padding.right = rightColumnsWidth(columns)`.
 */
export interface RightColumn {
  header: string;
  values: readonly string[];
  width: number;
  bold?: boolean;
  color?: string;
}
export const rightColumnsWidth = (cols: readonly RightColumn[]) => cols.reduce((s, c) => s + c.width, 0) + 8;

export function rightColumnsPlugin(cols: readonly RightColumn[], rowY: (chart: Chart, i: number) => number | undefined): Plugin {
  return {
    id: 'kitRightColumns',
    afterDraw(chart) {
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.textAlign = 'right';
      let right = chartArea.right + 6;
      for (const col of cols) {
        right += col.width;
        ctx.fillStyle = COLORS.muted;
        ctx.font = cssFont(TYPE.tick, 'bold');
        ctx.textBaseline = 'bottom';
        ctx.fillText(col.header, right, chartArea.top - 3);
        ctx.fillStyle = col.color ?? COLORS.ink;
        ctx.font = cssFont(TYPE.tick, col.bold ? 'bold' : 'normal');
        ctx.textBaseline = 'middle';
        col.values.forEach((v, i) => {
          const y = rowY(chart, i);
          if (y !== undefined) ctx.fillText(v, right, y);
        });
      }
      ctx.restore();
    },
  };
}

/** Row pixel of category i on a linear y axis whose ticks are the row indices. */
export const rowPixel = (chart: Chart, i: number) => chart.scales.y?.getPixelForValue(i);

/** Height for a chart of `rows` rows of `rowHeight` points plus fixed chrome (axes, legend). */
export const heightFor = (rows: number, rowHeight: number, chrome: number) => Math.round(chrome + rows * rowHeight);

/** Sorted copy. */
export function sortedBy<T>(items: readonly T[], key: (t: T) => number, descending = true): T[] {
  return [...items].sort((a, b) => (descending ? key(b) - key(a) : key(a) - key(b)));
}
