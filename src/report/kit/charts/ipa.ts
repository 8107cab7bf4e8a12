/**
 * (c) Importance–performance analysis: each area at (mean level, mean importance), cross-hairs at the given
 * values (usually the grand means), the four quadrants named in the corners, the "concentrate here"
 * quadrant (high importance, low level) tinted, and every point labelled where its label collides with
 * nothing else. The axes zoom to the data (both are the 1–5 scale, stated in the axis titles): positions,
 * not lengths, carry the message, and a full 1–5 square would crowd the points into one corner.
 */
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import { KIT_TEXT } from '../labels.ts';
import { areaCount } from './dumbbell.ts';
import type { ChartSpec } from './engine.ts';
import { axisStyle, baseOptions, cssFont, fmt, TEXT_WIDTH, tickFmt, TYPE, type ChartCommon, type Ctx } from './common.ts';
import { COLORS, withAlpha } from './palette.ts';

export interface IpaPoint {
  /** a short label drawn next to the point ("Finanse") */
  label: string;
  level: number;
  importance: number;
  n?: number | null;
}

export interface IpaOptions extends ChartCommon {
  /** where the cross-hairs cross: usually the grand means of level and importance */
  cross: { level: number; importance: number };
  height?: number;
}

type Box = { x0: number; y0: number; x1: number; y1: number };
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Axis bounds: the data and the cross-hairs with a margin, snapped to 0.25 and kept inside 1–5. */
export function ipaRange(values: readonly number[], cross: number): [number, number] {
  const lo = Math.min(cross, ...values);
  const hi = Math.max(cross, ...values);
  const pad = Math.max(0.15, (hi - lo) * 0.12);
  return [Math.max(1, Math.floor((lo - pad) * 4) / 4), Math.min(5, Math.ceil((hi + pad) * 4) / 4)];
}

/**
 * Greedy label placement: for each point (in order) the first of eight positions around it whose box stays
 * inside the plot and overlaps no point and no label placed before; if none is free, the least crowded.
 */
export function placeLabels(ctx: Ctx, pts: { x: number; y: number; text: string }[], area: Box, taken: Box[], r = 4): (Box & { align: 'left' | 'right' | 'center' })[] {
  const h = TYPE.dataLabel + 2;
  const placed: (Box & { align: 'left' | 'right' | 'center' })[] = [];
  const pointBoxes = pts.map((p) => ({ x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r }));
  for (const p of pts) {
    const w = ctx.measureText(p.text).width;
    const g = r + 3;
    const candidates: (Box & { align: 'left' | 'right' | 'center' })[] = [
      { x0: p.x + g, y0: p.y - h / 2, x1: p.x + g + w, y1: p.y + h / 2, align: 'left' },
      { x0: p.x - g - w, y0: p.y - h / 2, x1: p.x - g, y1: p.y + h / 2, align: 'right' },
      { x0: p.x - w / 2, y0: p.y - g - h, x1: p.x + w / 2, y1: p.y - g, align: 'center' },
      { x0: p.x - w / 2, y0: p.y + g, x1: p.x + w / 2, y1: p.y + g + h, align: 'center' },
      { x0: p.x + g - 2, y0: p.y - g - h + 2, x1: p.x + g - 2 + w, y1: p.y - g + 2, align: 'left' },
      { x0: p.x + g - 2, y0: p.y + g - 2, x1: p.x + g - 2 + w, y1: p.y + g - 2 + h, align: 'left' },
      { x0: p.x - g + 2 - w, y0: p.y - g - h + 2, x1: p.x - g + 2, y1: p.y - g + 2, align: 'right' },
      { x0: p.x - g + 2 - w, y0: p.y + g - 2, x1: p.x - g + 2, y1: p.y + g - 2 + h, align: 'right' },
    ];
    const inside = (b: Box) => b.x0 >= area.x0 && b.x1 <= area.x1 && b.y0 >= area.y0 && b.y1 <= area.y1;
    const clashes = (b: Box) => [...pointBoxes, ...placed, ...taken].filter((o) => overlaps(b, o)).length;
    const free = candidates.find((b) => inside(b) && clashes(b) === 0);
    const best = free ?? [...candidates].sort((a, b) => clashes(a) + (inside(a) ? 0 : 100) - (clashes(b) + (inside(b) ? 0 : 100)))[0]!;
    placed.push(best);
  }
  return placed;
}

export function ipaChart(points: readonly IpaPoint[], opts: IpaOptions): ChartSpec {
  const lang = opts.lang ?? 'pl';
  const t = KIT_TEXT[lang];
  const width = opts.width ?? TEXT_WIDTH;
  const height = opts.height ?? Math.round(width * 0.62);
  const [xMin, xMax] = ipaRange(points.map((p) => p.level), opts.cross.level);
  const [yMin, yMax] = ipaRange(points.map((p) => p.importance), opts.cross.importance);
  const inFocus = (p: IpaPoint) => p.importance >= opts.cross.importance && p.level < opts.cross.level;

  const quadrants: Plugin = {
    id: 'kitIpaQuadrants',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: a } = chart;
      const cx = chart.scales.x!.getPixelForValue(opts.cross.level);
      const cy = chart.scales.y!.getPixelForValue(opts.cross.importance);
      ctx.save();
      ctx.fillStyle = withAlpha(COLORS.priority, 0.08);
      ctx.fillRect(a.left, a.top, cx - a.left, cy - a.top);
      ctx.strokeStyle = '#7F7F7F';
      ctx.lineWidth = 0.9;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(cx, a.top);
      ctx.lineTo(cx, a.bottom);
      ctx.moveTo(a.left, cy);
      ctx.lineTo(a.right, cy);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.font = cssFont(TYPE.quadrant, 'bold');
      const pad = 6;
      const corner = (text: string, x: number, y: number, align: 'left' | 'right', base: 'top' | 'bottom', color: string) => {
        ctx.fillStyle = color;
        ctx.textAlign = align;
        ctx.textBaseline = base;
        ctx.fillText(text, x, y);
      };
      corner(t.quadrants.focus, a.left + pad, a.top + pad, 'left', 'top', COLORS.priorityInk);
      corner(t.quadrants.keep, a.right - pad, a.top + pad, 'right', 'top', COLORS.muted);
      corner(t.quadrants.low, a.left + pad, a.bottom - pad, 'left', 'bottom', COLORS.muted);
      corner(t.quadrants.overkill, a.right - pad, a.bottom - pad, 'right', 'bottom', COLORS.muted);
      ctx.restore();
    },
  };

  const pointLabels: Plugin = {
    id: 'kitIpaLabels',
    afterDatasetsDraw(chart: Chart) {
      const { ctx, chartArea: a } = chart;
      const meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.font = cssFont(TYPE.quadrant, 'bold');
      const qh = TYPE.quadrant + 4;
      const qw = (s: string) => ctx.measureText(s).width;
      // the corner labels are obstacles too
      const taken: Box[] = [
        { x0: a.left, y0: a.top, x1: a.left + qw(t.quadrants.focus) + 8, y1: a.top + qh + 6 },
        { x0: a.right - qw(t.quadrants.keep) - 8, y0: a.top, x1: a.right, y1: a.top + qh + 6 },
        { x0: a.left, y0: a.bottom - qh - 6, x1: a.left + qw(t.quadrants.low) + 8, y1: a.bottom },
        { x0: a.right - qw(t.quadrants.overkill) - 8, y0: a.bottom - qh - 6, x1: a.right, y1: a.bottom },
      ];
      // and so are the cross-hairs
      const cx = chart.scales.x!.getPixelForValue(opts.cross.level);
      const cy = chart.scales.y!.getPixelForValue(opts.cross.importance);
      taken.push({ x0: cx - 1.5, y0: a.top, x1: cx + 1.5, y1: a.bottom }, { x0: a.left, y0: cy - 1.5, x1: a.right, y1: cy + 1.5 });
      ctx.font = cssFont(TYPE.dataLabel);
      const pts = points.map((p, i) => ({ x: meta.data[i]?.x ?? 0, y: meta.data[i]?.y ?? 0, text: p.label }));
      const boxes = placeLabels(ctx, pts, { x0: a.left + 2, y0: a.top + 2, x1: a.right - 2, y1: a.bottom - 2 }, taken);
      boxes.forEach((b, i) => {
        const p = points[i]!;
        ctx.font = cssFont(TYPE.dataLabel, inFocus(p) ? 'bold' : 'normal');
        ctx.fillStyle = inFocus(p) ? COLORS.priorityInk : COLORS.ink;
        ctx.textBaseline = 'middle';
        ctx.textAlign = b.align;
        const x = b.align === 'left' ? b.x0 : b.align === 'right' ? b.x1 : (b.x0 + b.x1) / 2;
        ctx.fillText(p.label, x, (b.y0 + b.y1) / 2);
      });
      ctx.restore();
    },
  };

  const build = (): ChartConfiguration => ({
    type: 'scatter',
    data: {
      datasets: [{
        label: t.chartAlt.ipa,
        data: points.map((p) => ({ x: p.level, y: p.importance })),
        backgroundColor: points.map((p) => (inFocus(p) ? COLORS.priority : '#4D4D4D')),
        borderColor: '#FFFFFF',
        borderWidth: 0.75,
        pointStyle: points.map((p) => (inFocus(p) ? 'triangle' : 'circle')),
        pointRadius: points.map((p) => (inFocus(p) ? 5.5 : 4)),
      }],
    },
    options: {
      ...baseOptions(),
      plugins: { ...baseOptions().plugins, legend: { display: false } },
      scales: {
        x: { ...axisStyle(t.ipaX), type: 'linear', min: xMin, max: xMax, ticks: { ...axisStyle().ticks, stepSize: 0.25, callback: tickFmt(lang) } },
        y: { ...axisStyle(t.ipaY), type: 'linear', min: yMin, max: yMax, ticks: { ...axisStyle().ticks, stepSize: 0.25, callback: tickFmt(lang) } },
      },
    },
    plugins: [quadrants, pointLabels],
  });

  const focus = points.filter(inFocus).map((p) => p.label);
  const alt = `${t.chartAlt.ipa}, ${areaCount(points.length, lang)}; ${lang === 'pl' ? 'linie podziału' : 'cross-hairs'}: ${t.level.toLowerCase()} ${fmt(opts.cross.level, lang)}, ${t.importance.toLowerCase()} ${fmt(opts.cross.importance, lang)}. ` +
    `${t.quadrants.focus}: ${focus.length ? focus.join(', ') : '–'}. ` +
    points.map((p) => `${p.label}: ${t.level.toLowerCase()} ${fmt(p.level, lang)}, ${t.importance.toLowerCase()} ${fmt(p.importance, lang)}`).join('; ') + '.';
  return { kind: 'ipa', width, height, alt, build };
}
