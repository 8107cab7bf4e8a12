/** The report charts: five chart types, one palette, two back ends (vector for the PDF, raster on demand). */
export { COLORS, MARKERS, OKABE_ITO, SCALE_RAMPS, withAlpha, type Measure } from './palette.ts';
export { drawChartVector, renderChartRaster, type ChartKind, type ChartSpec, type RasterFormat } from './engine.ts';
export type { ChartCommon, Estimate } from './common.ts';
export { dumbbellChart, type DumbbellRow } from './dumbbell.ts';
export { rankingChart, type RankingItem, type RankingOptions } from './ranking.ts';
export { ipaChart, type IpaOptions, type IpaPoint } from './ipa.ts';
export { distributionChart, type DistributionItem, type DistributionOptions } from './distribution.ts';
export { groupedChart, type GroupedOptions, type GroupedRow } from './grouped.ts';
