/**
 * (e) Management vs operational staff side by side: grouped horizontal bars per category, management solid
 * green, operational light purple with a purple outline (fill differs as well as colour), 95 % CI whiskers,
 * each value printed beyond its bar, and the two groups' names in a legend above.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { plural } from '../format.ts';
import { KIT_TEXT } from '../labels.ts';
import type { ChartSpec } from './engine.ts';
import { axisStyle, baseOptions, cssFont, drawWhisker, fmt, font, heightFor, TEXT_WIDTH, tickFmt, TYPE, wrapTicks, type ChartCommon, type Estimate } from './common.ts';
import { COLORS, withAlpha } from './palette.ts';
import { niceCeil } from './ranking.ts';

export interface GroupedRow {
  label: string;
  management: Estimate;
  operational: Estimate;
}

export interface GroupedOptions extends ChartCommon {
  /** the axis title with its unit, e.g. "Średnia ważność (skala 1–5)" or "Odsetek wskazań (%)" */
  valueLabel: string;
  /** axis minimum: 1 for means on the 1–5 scale (bars start at the scale's minimum), 0 for shares */
  min?: number;
  max?: number;
  decimals?: number;
  /** "%" to print values as percentages */
  unit?: string;
}

export function groupedChart(rows: readonly GroupedRow[], opts: GroupedOptions): ChartSpec {
  const lang = opts.lang ?? 'pl';
  const t = KIT_TEXT[lang];
  const width = opts.width ?? TEXT_WIDTH;
  const decimals = opts.decimals ?? 2;
  const min = opts.min ?? 0;
  const hiEnd = Math.max(...rows.flatMap((r) => [r.management.hi ?? r.management.value, r.operational.hi ?? r.operational.value]));
  const max = opts.max ?? min + niceCeil((hiEnd - min) * 1.15);
  const labels = rows.map((r) => r.label);
  const value = (x: number) => `${fmt(x, lang, decimals)}${opts.unit ? (lang === 'pl' ? `\u00A0${opts.unit}` : opts.unit) : ''}`;
  const groups = ['management', 'operational'] as const;

  const whiskersAndValues: Plugin = {
    id: 'kitGroupedValues',
    afterDatasetsDraw(chart) {
      const x = chart.scales.x!;
      const { ctx } = chart;
      groups.forEach((g, k) => {
        const meta = chart.getDatasetMeta(k);
        rows.forEach((r, i) => {
          const el = meta.data[i];
          const e = r[g];
          if (!el) return;
          if (e.lo != null && e.hi != null) drawWhisker(ctx, x.getPixelForValue(e.lo), x.getPixelForValue(e.hi), el.y, COLORS.ink, 2.5, 0.8);
          ctx.save();
          ctx.font = cssFont(TYPE.dataLabel);
          ctx.fillStyle = COLORS.ink;
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          ctx.fillText(value(e.value), x.getPixelForValue(Math.max(e.value, e.hi ?? e.value)) + 4, el.y);
          ctx.restore();
        });
      });
    },
  };

  const build = (): ChartConfiguration => ({
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: t.management, data: rows.map((r) => r.management.value), backgroundColor: COLORS.management, borderColor: COLORS.management, borderWidth: 1, barPercentage: 0.86, categoryPercentage: 0.8 },
        { label: t.operational, data: rows.map((r) => r.operational.value), backgroundColor: withAlpha(COLORS.operational, 0.28), borderColor: COLORS.operational, borderWidth: 1.2, barPercentage: 0.86, categoryPercentage: 0.8 },
      ],
    },
    options: {
      ...baseOptions(),
      indexAxis: 'y',
      layout: { padding: { top: 2, right: 10, bottom: 2, left: 2 } },
      plugins: {
        ...baseOptions().plugins,
        legend: { display: true, position: 'top', align: 'start', labels: { color: COLORS.ink, font: font(TYPE.legend), boxWidth: 14, boxHeight: 8, padding: 12 } },
      },
      scales: {
        x: { ...axisStyle([opts.valueLabel, t.ciNote(opts.ciLevel ?? 0.95)]), min, max, ticks: { ...axisStyle().ticks, callback: tickFmt(lang) } },
        y: { ...axisStyle(), grid: { display: false }, afterTickToLabelConversion: wrapTicks(labels, Math.min(170, width * 0.34)), ticks: { ...axisStyle().ticks, autoSkip: false } },
      },
    },
    plugins: [whiskersAndValues],
  });

  const what = lang === 'pl' ? plural(rows.length, 'kategoria', 'kategorie', 'kategorii') : plural(rows.length, 'category', 'categories', 'categories', 'en');
  const alt = `${t.chartAlt.grouped} (${opts.valueLabel}), ${what}. ` +
    rows.map((r) => `${r.label}: ${t.management.toLowerCase()} ${value(r.management.value)}, ${t.operational.toLowerCase()} ${value(r.operational.value)}`).join('; ') + '.';
  return { kind: 'grouped', width, height: heightFor(rows.length, 34, 66), alt, build };
}
