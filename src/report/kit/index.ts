/**
 * The report kit: what the report chapters are written with. `buildReport` (or `createReport` + `finish`)
 * gives a Report with blocks — cover, tableOfContents, h1/h2/h3, paragraph, bullets, box, footnote,
 * figure, table — and the chart functions give figures to put in it.
 */
export { buildReport, createReport } from './build.ts';
export { Report, type Heading, type HeadingOptions, type ReportOptions } from './document.ts';
export type { CoverInfo } from './cover.ts';
export type { BlockCaption } from './blocks.ts';
export { suppressed, type CellValue, type ColumnSpec, type Suppressed, type TableSpec } from './table.ts';
export { TocOverflowError } from './toc.ts';
export type { Inline, Run } from './text.ts';
export * from './format.ts';
export * from './charts/index.ts';
export { KIT_TEXT, type KitText } from './labels.ts';
export { MM, PAGE, STYLE, TEXT_WIDTH } from './layout.ts';
