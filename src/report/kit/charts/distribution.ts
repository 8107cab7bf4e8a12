/**
 * (d) The distribution of answers 1–5 per item as 100 % stacked horizontal bars, one hue per measure
 * (importance blue, level orange) from light (1) to dark (5), the share printed inside every segment wide
 * enough to hold it, the scale's words in the legend and n at the right.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { formatInt, formatNumber, formatPercent, plural } from '../format.ts';
import { KIT_TEXT } from '../labels.ts';
import type { ChartSpec } from './engine.ts';
import {
  axisStyle, baseOptions, cssFont, font, heightFor, rightColumnsPlugin, rightColumnsWidth, TEXT_WIDTH, TYPE,
  wrapTicks, type ChartCommon, type RightColumn,
} from './common.ts';
import { SCALE_RAMPS, type Measure } from './palette.ts';

export interface DistributionItem {
  label: string;
  /** answers 1, 2, 3, 4, 5 (counts or weighted totals) */
  counts: readonly [number, number, number, number, number];
  /** the base; default: the sum of counts */
  n?: number | null;
}

export interface DistributionOptions extends ChartCommon {
  measure: Measure;
  /** words for the points 1–5, e.g. ["bardzo niska", "niska", "średnia", "wysoka", "bardzo wysoka"] */
  scaleLabels: readonly [string, string, string, string, string];
}

/** Shares in per cent of each row's total (0 when the row is empty). */
export function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => (total > 0 ? (100 * c) / total : 0));
}

export function distributionChart(items: readonly DistributionItem[], opts: DistributionOptions): ChartSpec {
  const lang = opts.lang ?? 'pl';
  const t = KIT_TEXT[lang];
  const width = opts.width ?? TEXT_WIDTH;
  const ramp = SCALE_RAMPS[opts.measure];
  const rows = items.map((it) => shares(it.counts));
  const labels = items.map((it) => it.label);
  const cols: RightColumn[] = [{ header: 'n', values: items.map((it) => formatInt(it.n ?? it.counts.reduce((s, c) => s + c, 0), lang)), width: 34 }];

  const segmentLabels: Plugin = {
    id: 'kitSegmentLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.font = cssFont(TYPE.dataLabel);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (let k = 0; k < 5; k++) {
        const meta = chart.getDatasetMeta(k);
        rows.forEach((row, i) => {
          const el = meta.data[i] as unknown as { x: number; y: number; base: number } | undefined;
          const share = row[k] ?? 0;
          if (!el) return;
          const text = formatNumber(share, { decimals: 0, lang });
          if (Math.abs(el.x - el.base) < ctx.measureText(text).width + 4) return;
          ctx.fillStyle = ramp.text[k] ?? '#000000';
          ctx.fillText(text, (el.x + el.base) / 2, el.y);
        });
      }
      ctx.restore();
    },
  };

  const build = (): ChartConfiguration => ({
    type: 'bar',
    data: {
      labels,
      datasets: opts.scaleLabels.map((word, k) => ({
        label: `${k + 1} ${word}`,
        data: rows.map((r) => r[k] ?? 0),
        backgroundColor: ramp.fill[k],
        borderColor: '#FFFFFF',
        borderWidth: { left: 0, right: 0.75, top: 0, bottom: 0 },
        barPercentage: 0.78,
        categoryPercentage: 0.92,
      })),
    },
    options: {
      ...baseOptions(),
      indexAxis: 'y',
      layout: { padding: { top: 2, right: rightColumnsWidth(cols), bottom: 2, left: 2 } },
      plugins: {
        ...baseOptions().plugins,
        legend: { display: true, position: 'top', align: 'start', labels: { color: '#1A1A1A', font: font(TYPE.legend), boxWidth: 10, boxHeight: 8, padding: 10 } },
      },
      scales: {
        x: { ...axisStyle(t.percentAxis), stacked: true, min: 0, max: 100, ticks: { ...axisStyle().ticks, stepSize: 20 } },
        y: { ...axisStyle(), stacked: true, grid: { display: false }, afterTickToLabelConversion: wrapTicks(labels, Math.min(180, width * 0.36)), ticks: { ...axisStyle().ticks, autoSkip: false } },
      },
    },
    plugins: [segmentLabels, rightColumnsPlugin(cols, (chart, i) => chart.getDatasetMeta(0).data[i]?.y)],
  });

  const measureWord = opts.measure === 'importance' ? t.importance : t.level;
  const top2 = (r: number[]) => (r[3] ?? 0) + (r[4] ?? 0);
  const what = lang === 'pl' ? plural(items.length, 'pozycja', 'pozycje', 'pozycji') : plural(items.length, 'item', 'items', 'items', 'en');
  const alt = `${t.chartAlt.distribution} (${measureWord.toLowerCase()}, 1–5), ${what}. ` +
    items.map((it, i) => `${it.label}: ${lang === 'pl' ? 'odpowiedzi 4–5' : 'answers 4–5'} ${formatPercent(top2(rows[i]!), { decimals: 0, lang })}`).join('; ') + '.';
  return { kind: 'distribution', width, height: heightFor(items.length, 26, 70), alt, build };
}
