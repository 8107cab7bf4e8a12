/**
 * The distribution chart of the kit, adapted to suppressed answer categories. results.json withholds a
 * count under the threshold (and, where needed, a second one so it cannot be worked out from n); the kit's
 * chart needs all five. Here each known category is drawn at its published share of n, and the withheld
 * ones together as one grey band at the end of the bar — their sum is n minus the published counts, which
 * the reader can work out anyway, so nothing new is revealed and no single small count is shown.
 */
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import {
  distributionChart, formatNumber, formatPercent, type ChartSpec, type DistributionOptions, type Lang,
} from '../kit/index.ts';
import { cssFont, TYPE } from '../kit/charts/common.ts';
import { SCALE_RAMPS } from '../kit/charts/palette.ts';

export interface ShareRow {
  label: string;
  /** per cent of n for answers 1–5; null where the count is withheld */
  percent: readonly (number | null)[];
  n: number;
}

const HIDDEN_FILL = '#BDBDBD';

export function shareDistributionChart(rows: readonly ShareRow[], opts: DistributionOptions & { hiddenLabel: string; rowHeight?: number; compact?: boolean }): ChartSpec {
  const lang: Lang = opts.lang ?? 'pl';
  const known = rows.map((r) => [0, 1, 2, 3, 4].map((k) => r.percent[k] ?? null));
  const hidden = known.map((p) => Math.max(0, 100 - p.reduce<number>((s, x) => s + (x ?? 0), 0)));
  const anyHidden = known.some((p) => p.some((x) => x === null));
  // the kit draws the bars, legend, axis and n column; the data and the in-bar labels are replaced below
  const base = distributionChart(
    rows.map((r, i) => ({ label: r.label, counts: known[i]!.map((x) => x ?? 0) as [number, number, number, number, number], n: r.n })),
    opts,
  );
  const ramp = SCALE_RAMPS[opts.measure];

  const labels: Plugin = {
    id: 'part1SegmentLabels',
    afterDatasetsDraw(chart: Chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.font = cssFont(TYPE.dataLabel);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (let k = 0; k < 5; k++) {
        const meta = chart.getDatasetMeta(k);
        known.forEach((row, i) => {
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

  const build = (): ChartConfiguration => {
    const cfg = base.build();
    const datasets = cfg.data.datasets;
    datasets.forEach((d, k) => { d.data = known.map((row) => row[k] ?? 0); });
    if (anyHidden) {
      datasets.push({ ...(datasets[4] as object), label: opts.hiddenLabel, data: hidden, backgroundColor: HIDDEN_FILL } as (typeof datasets)[number]);
    }
    cfg.plugins = [...(cfg.plugins ?? []).filter((p) => p.id !== 'kitSegmentLabels'), labels];
    // the axis title is said in the figure's note instead (compact sections)
    const x = (cfg.options?.scales as Record<string, { title?: { display?: boolean } }> | undefined)?.x;
    if (opts.compact && x?.title) x.title.display = false;
    return cfg;
  };

  const top2 = (p: readonly (number | null)[]) => (p[3] === null || p[4] === null ? null : (p[3] ?? 0) + (p[4] ?? 0));
  const alt = `${base.alt.split('. ')[0]}. ` + rows.map((r, i) => {
    const t2 = top2(known[i]!);
    return `${r.label}: ${lang === 'pl' ? 'odpowiedzi 4–5' : 'answers 4–5'} ${t2 === null ? (lang === 'pl' ? 'ukryte' : 'withheld') : formatPercent(t2, { decimals: 0, lang })}`;
  }).join('; ') + '.';
  const rowHeight = opts.rowHeight ?? 26;
  return { ...base, alt, height: Math.round((opts.compact ? 52 : 70) + rows.length * rowHeight + (anyHidden ? 4 : 0)), build };
}

/**
 * A bar chart whose value axis may dip below zero (an MWDS interval can): the axis then runs between
 * whole numbers with a step of 1, so the ticks read −1, 0, 1, 2 … instead of −0,1 or an uneven last tick.
 */
export function wholeAxis(spec: ChartSpec, values: readonly number[]): ChartSpec {
  const lo = Math.min(0, ...values);
  if (lo >= 0) return spec;
  const hi = Math.max(...values);
  const min = Math.floor(lo);
  const max = Math.ceil(hi * 1.12 + 0.15);
  return {
    ...spec,
    build: () => {
      const cfg = spec.build();
      const x = (cfg.options?.scales as Record<string, { min?: number; max?: number; ticks?: { stepSize?: number } }> | undefined)?.x;
      if (x) {
        x.min = min;
        x.max = max;
        x.ticks = { ...(x.ticks ?? {}), stepSize: 1 };
      }
      return cfg;
    },
  };
}
