/**
 * What every chapter of a segment report reads: the results (computed once by the analysis), the
 * programmes, the questionnaire for labels, and small lookups. Chapters compute nothing
 * statistical of their own; they select, order and word what results.json holds.
 */
import type { EstimateCellT, NumericEstimateT, PriorityCellT, Results, TestResultT } from '../analysis/results-schema.ts';
import { STAFF_GROUPS, type Questionnaire, type CompetenceArea, type StaffGroup } from '../questionnaire/types.ts';
import type { Catalogue } from '../recommendations/catalogue.ts';
import type { ProgrammeDoc } from '../recommendations/programme.ts';
import type { Lang } from './kit/index.ts';
import type { Ledger } from './ledger.ts';

export type Localized = { pl: string; en: string };
export type PriorityCellOk = Extract<PriorityCellT, { areas: unknown }>;

export interface SegmentInfo {
  code: string;
  label: Localized;
  kinds: string[];
}

export interface ReportContext {
  lang: Lang;
  date: Date;
  results: Results;
  questionnaire: Questionnaire;
  catalogue: Catalogue;
  /** the six programmes (recommendations/programme.ts) */
  programmes: ProgrammeDoc[];
  /** every number the chapters that summarise the programmes print (ledger.ts) */
  ledger: Ledger;
  segment: SegmentInfo;
  /** the other segments, for comparisons */
  others: SegmentInfo[];
  /** synthetic input data: the cover and every page say so */
  synthetic: boolean;
  /** `tr({ pl, en })` → the text in the report's language */
  tr: (text: Localized) => string;
}

/** The staff groups the report compares (the analysis's two, questionnaire/types.ts). */
export const GROUPS = STAFF_GROUPS;
export type Group = StaffGroup;

export function isEstimate(e: EstimateCellT | undefined): e is NumericEstimateT {
  return !!e && !('suppressed' in e);
}

export function cellOf<T extends { segment: string; group: string }>(cells: readonly T[], segment: string, group: string): T | undefined {
  return cells.find((c) => c.segment === segment && c.group === group);
}

export function areaEstimate(ctx: ReportContext, area: string, measure: 'importance' | 'level' | 'gap', group: string, segment = ctx.segment.code): EstimateCellT | undefined {
  const a = ctx.results.estimates.areas.find((x) => x.area === area);
  return a ? cellOf(a[measure], segment, group) : undefined;
}

export function itemEstimates(ctx: ReportContext, item: string) {
  return ctx.results.estimates.items.find((x) => x.item === item);
}

export function priorityCell(ctx: ReportContext, group: string, segment = ctx.segment.code): PriorityCellOk | null {
  const c = cellOf(ctx.results.priorities.cells, segment, group);
  return c && !('suppressed' in c) ? c : null;
}

/** Areas shown to this segment (some areas are for gminas or counties only). */
export function segmentAreas(ctx: ReportContext): CompetenceArea[] {
  return ctx.questionnaire.areas.filter((a) => isEstimate(areaEstimate(ctx, a.code, 'importance', 'all')));
}

export function areaLabel(ctx: ReportContext, code: string, short = false): string {
  const a = ctx.questionnaire.areas.find((x) => x.code === code);
  return a ? ctx.tr(short ? a.short : a.label) : code;
}

export function itemLabel(ctx: ReportContext, code: string): string {
  for (const a of ctx.questionnaire.areas) {
    const i = a.items.find((x) => x.code === code);
    if (i) return ctx.tr(i.label);
  }
  return code;
}

/** Tests in a family that involve this segment and hold after Holm's correction. */
export function significantFor(ctx: ReportContext, family: string): TestResultT[] {
  return ctx.results.tests.results.filter((t) => t.family === family && t.significant && (t.by === 'segment' ? t.groups.includes(ctx.segment.code) : t.within.segment === ctx.segment.code));
}

/** The programme of this segment for a staff group. */
export function programmeFor(ctx: ReportContext, group: Group): ProgrammeDoc | undefined {
  return ctx.programmes.find((p) => p.segment.code === ctx.segment.code && p.staffGroup === group);
}
