/**
 * (a) Importance vs level per competence area: a dumbbell (dot) plot. One row per area, sorted by the gap
 * (importance − level, largest first); importance a blue circle, level an orange diamond, a grey bar
 * between them, 95 % CI whiskers in each colour, the x axis the whole 1–5 scale, and the gap and n in
 * columns at the right.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { formatInt, formatNumber, plural, type Lang } from '../format.ts';
import { KIT_TEXT } from '../labels.ts';
import type { ChartSpec } from './engine.ts';
import {
  axisStyle, baseOptions, drawWhisker, fmt, heightFor, rightColumnsPlugin, rightColumnsWidth, rowPixel, sortedBy,
  TEXT_WIDTH, tickFmt, wrapTicks, type ChartCommon, type Estimate, type RightColumn,
} from './common.ts';
import { COLORS, MARKERS } from './palette.ts';

export interface DumbbellRow {
  /** the competence area, as the reader knows it ("Finansowanie oświaty") */
  label: string;
  importance: Estimate;
  level: Estimate;
  /** respondents behind the row */
  n?: number | null;
}

/** "11 obszarów" / "11 areas". */
export const areaCount = (n: number, lang: Lang) => (lang === 'pl' ? plural(n, 'obszar', 'obszary', 'obszarów') : plural(n, 'area', 'areas', 'areas', 'en'));

export function dumbbellChart(rows: readonly DumbbellRow[], opts: ChartCommon = {}): ChartSpec {
  const lang = opts.lang ?? 'pl';
  const t = KIT_TEXT[lang];
  const width = opts.width ?? TEXT_WIDTH;
  const sorted = sortedBy(rows, (r) => r.importance.value - r.level.value);
  const labels = sorted.map((r) => r.label);
  const gaps = sorted.map((r) => r.importance.value - r.level.value);
  const cols: RightColumn[] = [{ header: t.gap, values: gaps.map((g) => formatNumber(g, { decimals: 2, lang, signed: true })), width: 38, bold: true, color: COLORS.priority }];
  if (sorted.some((r) => r.n != null)) cols.push({ header: 'n', values: sorted.map((r) => (r.n == null ? '–' : formatInt(r.n, lang))), width: 36 });

  const connectors: Plugin = {
    id: 'kitDumbbellConnectors',
    beforeDatasetsDraw(chart) {
      const x = chart.scales.x!;
      const { ctx } = chart;
      ctx.save();
      sorted.forEach((r, i) => {
        const y = rowPixel(chart, i);
        if (y === undefined) return;
        ctx.strokeStyle = '#BDBDBD';
        ctx.lineWidth = 3;
        ctx.lineCap = 'butt';
        ctx.beginPath();
        ctx.moveTo(x.getPixelForValue(r.level.value), y);
        ctx.lineTo(x.getPixelForValue(r.importance.value), y);
        ctx.stroke();
        // whiskers offset above (importance) and below (level) the row so that both stay visible
        if (r.importance.lo != null && r.importance.hi != null) drawWhisker(ctx, x.getPixelForValue(r.importance.lo), x.getPixelForValue(r.importance.hi), y - 5.5, COLORS.importance, 2, 1);
        if (r.level.lo != null && r.level.hi != null) drawWhisker(ctx, x.getPixelForValue(r.level.lo), x.getPixelForValue(r.level.hi), y + 5.5, COLORS.level, 2, 1);
      });
      ctx.restore();
    },
  };

  const labelWidth = Math.min(170, width * 0.34);
  const build = (): ChartConfiguration => {
    const base = baseOptions();
    return {
      type: 'scatter',
      data: {
        datasets: [
          { label: t.importance, data: sorted.map((r, i) => ({ x: r.importance.value, y: i })), backgroundColor: COLORS.importance, borderColor: '#FFFFFF', borderWidth: 0.75, pointStyle: MARKERS.importance, pointRadius: 4.2 },
          { label: t.level, data: sorted.map((r, i) => ({ x: r.level.value, y: i })), backgroundColor: COLORS.level, borderColor: '#FFFFFF', borderWidth: 0.75, pointStyle: MARKERS.level, pointRadius: 5 },
        ],
      },
      options: {
        ...base,
        layout: { padding: { top: 2, right: rightColumnsWidth(cols), bottom: 2, left: 2 } },
        scales: {
          x: { ...axisStyle([t.scaleAxis, t.ciNote(opts.ciLevel ?? 0.95)]), type: 'linear', min: 1, max: 5, ticks: { ...axisStyle().ticks, stepSize: 0.5, callback: tickFmt(lang) } },
          y: {
            ...axisStyle(),
            type: 'linear', min: -0.6, max: sorted.length - 0.4, reverse: true,
            grid: { color: '#EEEEEE', lineWidth: 0.5, drawTicks: false },
            afterBuildTicks: (axis) => { axis.ticks = sorted.map((_, i) => ({ value: i })); },
            afterTickToLabelConversion: wrapTicks(labels, labelWidth),
            ticks: { ...axisStyle().ticks, autoSkip: false },
          },
        },
      },
      plugins: [connectors, rightColumnsPlugin(cols, rowPixel)],
    };
  };

  const top = sorted[0];
  const alt = top
    ? `${t.chartAlt.dumbbell}: ${areaCount(sorted.length, lang)}. ${lang === 'pl' ? 'Największa luka' : 'Largest gap'}: ${top.label} (${t.importance.toLowerCase()} ${fmt(top.importance.value, lang)}, ${t.level.toLowerCase()} ${fmt(top.level.value, lang)}). ` +
      sorted.map((r, i) => `${r.label}: ${fmt(r.importance.value, lang)} / ${fmt(r.level.value, lang)}, ${t.gap.toLowerCase()} ${formatNumber(gaps[i], { decimals: 2, lang, signed: true })}`).join('; ') + '.'
    : t.chartAlt.dumbbell;
  return { kind: 'dumbbell', width, height: heightFor(sorted.length, 24, 62), alt, build };
}
