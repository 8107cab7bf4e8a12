/**
 * (d) The distribution of answers 1–5 per item as 100 % stacked horizontal bars, one hue per measure
 * (importance blue, level orange) from light (1) to dark (5), the share printed inside every segment wide
 * enough to hold it, the scale's words in the legend and n at the right.
 *
 * Counts withheld by the suppression rule are null: the known answers are drawn at their share of n and the
 * withheld ones together as one grey band at the end of the bar. Their sum is n minus the published counts,
 * which a reader can work out anyway, so nothing new is revealed and no single small count is shown.
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

type Count = number | null;

export interface DistributionItem {
  label: string;
  /** answers 1, 2, 3, 4, 5 (counts or weighted totals); null where the count is withheld */
  counts: readonly [Count, Count, Count, Count, Count];
  /** the base; default: the sum of counts (needed when a count is withheld) */
  n?: number | null;
}

export interface DistributionOptions extends ChartCommon {
  measure: Measure;
  /** words for the points 1–5, e.g. ["bardzo niska", "niska", "średnia", "wysoka", "bardzo wysoka"] */
  scaleLabels: readonly [string, string, string, string, string];
  /** legend of the grey band of withheld answers (default "ukryte" / "withheld") */
  hiddenLabel?: string;
  /** bar spacing in points (default 26) */
  rowHeight?: number;
  /** smaller margins and no axis title (say the unit in the figure's note instead) */
  compact?: boolean;
}

const HIDDEN_FILL = '#BDBDBD';

/** One stacked segment series, white rule on its right. */
const bar = (label: string, data: number[], backgroundColor: string) => ({
  label,
  data,
  backgroundColor,
  borderColor: '#FFFFFF',
  borderWidth: { left: 0, right: 0.75, top: 0, bottom: 0 },
  barPercentage: 0.78,
  categoryPercentage: 0.92,
});

/** Shares in per cent of the base (`n`, or the sum of counts); null where the count is withheld. */
export function shares(counts: readonly Count[], n?: number | null): (number | null)[] {
  const total = n ?? counts.reduce<number>((s, c) => s + (c ?? 0), 0);
  return counts.map((c) => (c === null ? null : total > 0 ? (100 * c) / total : 0));
}

export function distributionChart(items: readonly DistributionItem[], opts: DistributionOptions): ChartSpec {
  const lang = opts.lang ?? 'pl';
  const t = KIT_TEXT[lang];
  const width = opts.width ?? TEXT_WIDTH;
  const ramp = SCALE_RAMPS[opts.measure];
  const rows = items.map((it) => shares(it.counts, it.n));
  const hidden = rows.map((r) => (r.some((x) => x === null) ? Math.max(0, 100 - r.reduce<number>((s, x) => s + (x ?? 0), 0)) : 0));
  const anyHidden = rows.some((r) => r.some((x) => x === null));
  const labels = items.map((it) => it.label);
  const cols: RightColumn[] = [{ header: 'n', values: items.map((it) => formatInt(it.n ?? it.counts.reduce<number>((s, c) => s + (c ?? 0), 0), lang)), width: 34 }];

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
          const share = row[k];
          if (!el || share === null || share === undefined) return;
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
      datasets: [
        ...opts.scaleLabels.map((word, k) => bar(`${k + 1} ${word}`, rows.map((r) => r[k] ?? 0), ramp.fill[k] ?? HIDDEN_FILL)),
        ...(anyHidden ? [bar(opts.hiddenLabel ?? (lang === 'pl' ? 'ukryte' : 'withheld'), hidden, HIDDEN_FILL)] : []),
      ],
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
        x: { ...axisStyle(opts.compact ? undefined : t.percentAxis), stacked: true, min: 0, max: 100, ticks: { ...axisStyle().ticks, stepSize: 20 } },
        y: { ...axisStyle(), stacked: true, grid: { display: false }, afterTickToLabelConversion: wrapTicks(labels, Math.min(180, width * 0.36)), ticks: { ...axisStyle().ticks, autoSkip: false } },
      },
    },
    plugins: [segmentLabels, rightColumnsPlugin(cols, (chart, i) => chart.getDatasetMeta(0).data[i]?.y)],
  });

  const measureWord = opts.measure === 'importance' ? t.importance : t.level;
  const top2 = (r: readonly (number | null)[]) => (r[3] === null || r[4] === null ? null : (r[3] ?? 0) + (r[4] ?? 0));
  const what = lang === 'pl' ? plural(items.length, 'pozycja', 'pozycje', 'pozycji') : plural(items.length, 'item', 'items', 'items', 'en');
  const alt = `${t.chartAlt.distribution} (${measureWord.toLowerCase()}, 1–5), ${what}. ` +
    items.map((it, i) => {
      const t2 = top2(rows[i]!);
      return `${it.label}: ${lang === 'pl' ? 'odpowiedzi 4–5' : 'answers 4–5'} ${t2 === null ? (lang === 'pl' ? 'ukryte' : 'withheld') : formatPercent(t2, { decimals: 0, lang })}`;
    }).join('; ') + '.';
  return { kind: 'distribution', width, height: heightFor(items.length, opts.rowHeight ?? 26, opts.compact ? 52 : 70) + (anyHidden ? 4 : 0), alt, build };
}
