/**
 * (b) A ranking as horizontal bars, sorted largest first (Borich MWDS by default), with 95 % CI whiskers,
 * the value printed beyond each bar and n in a column at the right. The axis starts at zero (or below it
 * when a value is negative): bar length must stay proportional to the value.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { formatInt, plural } from '../format.ts';
import { KIT_TEXT } from '../labels.ts';
import type { ChartSpec } from './engine.ts';
import {
  axisStyle, baseOptions, cssFont, drawWhisker, fmt, heightFor, rightColumnsPlugin, rightColumnsWidth, sortedBy,
  TEXT_WIDTH, tickFmt, TYPE, wrapTicks, type ChartCommon, type Estimate, type RightColumn,
} from './common.ts';
import { COLORS, withAlpha } from './palette.ts';

export interface RankingItem extends Estimate {
  label: string;
  n?: number | null;
}

export interface RankingOptions extends ChartCommon {
  /** the axis title, e.g. "Wskaźnik potrzeb szkoleniowych (MWDS)" */
  valueLabel: string;
  decimals?: number;
  /** bars drawn in full colour; the rest lighter (default: all) */
  highlightTop?: number;
  color?: string;
}

/** A "nice" axis bound: the smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (× a power of ten) not below x. */
export function niceCeil(x: number): number {
  if (x <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(x));
  const m = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((k) => k * p >= x - 1e-12) ?? 10;
  return m * p;
}

export function rankingChart(items: readonly RankingItem[], opts: RankingOptions): ChartSpec {
  const lang = opts.lang ?? 'pl';
  const t = KIT_TEXT[lang];
  const width = opts.width ?? TEXT_WIDTH;
  const decimals = opts.decimals ?? 2;
  const color = opts.color ?? COLORS.priority;
  const sorted = sortedBy(items, (i) => i.value);
  const labels = sorted.map((i) => i.label);
  const highlight = opts.highlightTop ?? sorted.length;
  const hiEnd = Math.max(...sorted.map((i) => Math.max(i.value, i.hi ?? i.value)));
  const loEnd = Math.min(0, ...sorted.map((i) => Math.min(i.value, i.lo ?? i.value)));
  // room beyond the longest whisker for its value label
  // an axis even when every value is 0 (niceCeil(0) would give a scale of no length)
  const max = hiEnd > 0 ? niceCeil(hiEnd * 1.12) : 1;
  const min = loEnd < 0 ? -niceCeil(-loEnd * 1.1) : 0;
  const cols: RightColumn[] = sorted.some((i) => i.n != null) ? [{ header: 'n', values: sorted.map((i) => (i.n == null ? '–' : formatInt(i.n, lang))), width: 36 }] : [];

  const whiskersAndValues: Plugin = {
    id: 'kitRankingValues',
    afterDatasetsDraw(chart) {
      const x = chart.scales.x!;
      const meta = chart.getDatasetMeta(0);
      const { ctx } = chart;
      sorted.forEach((it, i) => {
        const el = meta.data[i];
        if (!el) return;
        if (it.lo != null && it.hi != null) drawWhisker(ctx, x.getPixelForValue(it.lo), x.getPixelForValue(it.hi), el.y, COLORS.ink, 3, 0.9);
        const end = Math.max(it.value, it.hi ?? it.value);
        ctx.save();
        ctx.font = cssFont(TYPE.dataLabel, i < highlight ? 'bold' : 'normal');
        ctx.fillStyle = COLORS.ink;
        ctx.textBaseline = 'middle';
        ctx.textAlign = 'left';
        ctx.fillText(fmt(it.value, lang, decimals), x.getPixelForValue(end) + 4, el.y);
        ctx.restore();
      });
    },
  };

  const build = (): ChartConfiguration => ({
    type: 'bar',
    data: {
      labels,
      datasets: [{
        label: opts.valueLabel,
        data: sorted.map((i) => i.value),
        backgroundColor: sorted.map((_, i) => (i < highlight ? color : withAlpha(color, 0.4))),
        borderWidth: 0,
        barPercentage: 0.72,
        categoryPercentage: 0.92,
      }],
    },
    options: {
      ...baseOptions(),
      indexAxis: 'y',
      layout: { padding: { top: cols.length ? 12 : 2, right: rightColumnsWidth(cols), bottom: 2, left: 2 } },
      plugins: { ...baseOptions().plugins, legend: { display: false } },
      scales: {
        x: { ...axisStyle(hasCi(sorted) ? [opts.valueLabel, t.ciNote(opts.ciLevel ?? 0.95)] : opts.valueLabel), min, max, ticks: { ...axisStyle().ticks, callback: tickFmt(lang) } },
        y: { ...axisStyle(), grid: { display: false }, afterTickToLabelConversion: wrapTicks(labels, Math.min(170, width * 0.34)), ticks: { ...axisStyle().ticks, autoSkip: false } },
      },
    },
    plugins: [whiskersAndValues, rightColumnsPlugin(cols, (chart, i) => chart.getDatasetMeta(0).data[i]?.y)],
  });

  const list = sorted.map((i) => `${i.label} ${fmt(i.value, lang, decimals)}`).join('; ');
  const what = lang === 'pl' ? plural(sorted.length, 'pozycja', 'pozycje', 'pozycji') : plural(sorted.length, 'item', 'items', 'items', 'en');
  const alt = `${t.chartAlt.ranking} (${opts.valueLabel}), ${what}, ${lang === 'pl' ? 'od największej wartości' : 'largest first'}: ${list}.`;
  return { kind: 'ranking', width, height: heightFor(sorted.length, 21, 52 + (cols.length ? 10 : 0)), alt, build };
}

const hasCi = (items: readonly Estimate[]) => items.some((i) => i.lo != null && i.hi != null);
