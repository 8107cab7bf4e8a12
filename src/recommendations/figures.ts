/**
 * One number per quantity: which figures are weighted and which are not is decided here, once, and every
 * programme, recommendation and the report chapters that print these quantities read them through this
 * module.
 *
 * The policy
 * - Population estimates — what the officials of all JSTs of a kind think, have or lack — are WEIGHTED
 *   whenever the results carry frame weights: the means of importance, level and gap (areas and items) and
 *   the shares of answers to choice questions (the JST's conditions, lacks, preferred forms, mode and days,
 *   the training areas asked for).
 * - Sample descriptions — who answered — are UNWEIGHTED counts: respondents, JSTs, the n of every estimate.
 * - Training priorities (Borich's MWDS, its interval and rank, the IPA quadrant) are printed as
 *   `results.priorities` publishes them (the field `mwds`, whichever variant the analysis defines it as);
 *   `prioritiesWeighted` says which variant that is. The importance and gap printed beside an MWDS
 *   are those of the same record only when that record and the population estimates use the same
 *   weighting; otherwise no importance or gap is printed as if the MWDS were made from them, and the
 *   footnote states the MWDS's exact definition (`mwdsDefinition`).
 *
 * Every accessor returns null for a suppressed or missing cell: the caller prints "–" with the footnote.
 * Each figure carries its `key`, a path into results.json that `resolveKey` follows, so a test can check
 * every printed number against the results.
 */
import type { EstimateCellT, PriorityAreaT, Results } from '../analysis/results-schema.ts';

/**
 * Whether `results.priorities` (mwds, meanImportance, meanLevel, meanGap, the bootstrap interval) is a
 * weighted population estimate: the analysis publishes the weighted MWDS in `mwds`
 * (`priorities.mwdsPolicy`), which is weighted by the frame when the results carry frame weights and
 * equals the classic unweighted MWDS when they do not.
 */
export const prioritiesWeighted = (r: Results): boolean => r.priorities.mwdsPolicy.mwds === 'weighted' && r.priorities.mwdsPolicy.weights === 'frame';

export type Variant = 'weighted' | 'unweighted';
export type FigureKind = 'mean' | 'share' | 'count' | 'mwds' | 'rank';

/** A number to print, where it comes from, and which variant it is. */
export interface Figure {
  value: number;
  /** path into results.json (see resolveKey) */
  key: string;
  kind: FigureKind;
  variant: Variant;
}

export interface Interval {
  value: Figure;
  low: Figure | null;
  high: Figure | null;
  /** the unweighted base: respondents behind the estimate */
  n: Figure;
}

/** Whether population estimates are printed weighted in these results. */
export const populationWeighted = (r: Results): boolean => r.weights.method !== 'none';

const sel = (pairs: Record<string, string>) => `[${Object.entries(pairs).map(([k, v]) => `${k}=${v}`).join(',')}]`;

function fig(value: number | null | undefined, key: string, kind: FigureKind, variant: Variant): Figure | null {
  return typeof value === 'number' && Number.isFinite(value) ? { value, key, kind, variant } : null;
}

function estimate(cell: EstimateCellT | undefined, base: string, weighted: boolean): Interval | null {
  if (!cell || 'suppressed' in cell) return null;
  const n = fig(cell.n, `${base}.n`, 'count', 'unweighted');
  if (!n) return null;
  if (weighted) {
    const w = cell.weighted;
    const v = fig(w?.mean, `${base}.weighted.mean`, 'mean', 'weighted');
    if (!v) return null;
    return { value: v, low: fig(w?.ciLow, `${base}.weighted.ciLow`, 'mean', 'weighted'), high: fig(w?.ciHigh, `${base}.weighted.ciHigh`, 'mean', 'weighted'), n };
  }
  const v = fig(cell.mean, `${base}.mean`, 'mean', 'unweighted');
  if (!v) return null;
  return { value: v, low: fig(cell.ciLow, `${base}.ciLow`, 'mean', 'unweighted'), high: fig(cell.ciHigh, `${base}.ciHigh`, 'mean', 'unweighted'), n };
}

/** An area's mean importance, level or gap in a cell: weighted when the results are. */
export function areaMean(r: Results, area: string, measure: 'importance' | 'level' | 'gap', segment: string, group: string): Interval | null {
  const a = r.estimates.areas.find((x) => x.area === area);
  const cell = a?.[measure].find((c) => c.segment === segment && c.group === group);
  return estimate(cell, `estimates.areas${sel({ area })}.${measure}${sel({ segment, group })}`, populationWeighted(r));
}

/** An item's mean importance, level or gap in a cell: weighted when the results are. */
export function itemMean(r: Results, item: string, measure: 'importance' | 'level' | 'gap', segment: string, group: string): Interval | null {
  const it = r.estimates.items.find((x) => x.item === item);
  const cell = it?.[measure].find((c) => c.segment === segment && c.group === group);
  return estimate(cell, `estimates.items${sel({ item })}.${measure}${sel({ segment, group })}`, populationWeighted(r));
}

export interface ShareFigure {
  value: Figure;
  low: Figure | null;
  high: Figure | null;
  /** respondents who answered the question (unweighted) */
  base: Figure;
}

/** The share of a choice option in a cell: weighted when the results are; null when suppressed. */
export function share(r: Results, question: string, option: string, segment: string, group: string): ShareFigure | null {
  const c = r.choices.find((x) => x.question === question)?.cells.find((x) => x.segment === segment && x.group === group);
  if (!c || !('options' in c)) return null;
  const o = c.options.find((x) => x.value === option);
  if (!o || o.suppressed) return null;
  const base = `choices${sel({ question })}.cells${sel({ segment, group })}`;
  const b = fig(c.n, `${base}.n`, 'count', 'unweighted');
  if (!b) return null;
  const ob = `${base}.options${sel({ value: option })}`;
  if (populationWeighted(r)) {
    const v = fig(o.weighted?.proportion, `${ob}.weighted.proportion`, 'share', 'weighted');
    return v && { value: v, low: fig(o.weighted?.ciLow, `${ob}.weighted.ciLow`, 'share', 'weighted'), high: fig(o.weighted?.ciHigh, `${ob}.weighted.ciHigh`, 'share', 'weighted'), base: b };
  }
  const v = fig(o.proportion, `${ob}.proportion`, 'share', 'unweighted');
  return v && { value: v, low: fig(o.ciLow, `${ob}.ciLow`, 'share', 'unweighted'), high: fig(o.ciHigh, `${ob}.ciHigh`, 'share', 'unweighted'), base: b };
}

/** The options of a choice question in a cell with their shares (suppressed ones left out), largest first. */
export function shares(r: Results, question: string, segment: string, group: string): { option: string; label: { pl: string; en: string }; share: ShareFigure }[] {
  const c = r.choices.find((x) => x.question === question)?.cells.find((x) => x.segment === segment && x.group === group);
  if (!c || !('options' in c)) return [];
  return c.options
    .map((o) => ({ option: o.value, label: o.label, share: share(r, question, o.value, segment, group) }))
    .filter((x): x is { option: string; label: { pl: string; en: string }; share: ShareFigure } => x.share !== null)
    .sort((a, b) => b.share.value.value - a.share.value.value || a.option.localeCompare(b.option));
}

export interface PriorityFigures {
  area: string;
  mwds: Figure;
  low: Figure | null;
  high: Figure | null;
  rank: Figure | null;
  n: Figure;
  quadrant: PriorityAreaT['quadrant'];
  /** the importance and gap of the same record, when they may be printed beside the MWDS (see the policy) */
  importance: Figure | null;
  gap: Figure | null;
  level: Figure | null;
}

/** An area's training priority in a cell, read from `priorities.cells[].areas[]` as published. */
export function priority(r: Results, area: string, segment: string, group: string): PriorityFigures | null {
  const c = r.priorities.cells.find((x) => x.segment === segment && x.group === group);
  if (!c || 'suppressed' in c) return null;
  const a = c.areas.find((x) => x.area === area);
  if (!a) return null;
  const variant: Variant = prioritiesWeighted(r) ? 'weighted' : 'unweighted';
  const base = `priorities.cells${sel({ segment, group })}.areas${sel({ area })}`;
  const mwds = fig(a.mwds, `${base}.mwds`, 'mwds', variant);
  const n = fig(a.n, `${base}.n`, 'count', 'unweighted');
  if (!mwds || !n) return null;
  const beside = meansBesideMwds(r);
  return {
    area, mwds, n, quadrant: a.quadrant,
    low: fig(a.ciLow, `${base}.ciLow`, 'mwds', variant),
    high: fig(a.ciHigh, `${base}.ciHigh`, 'mwds', variant),
    rank: fig(a.rank, `${base}.rank`, 'rank', variant),
    importance: beside ? fig(a.meanImportance, `${base}.meanImportance`, 'mean', variant) : null,
    gap: beside ? fig(a.meanGap, `${base}.meanGap`, 'mean', variant) : null,
    level: beside ? fig(a.meanLevel, `${base}.meanLevel`, 'mean', variant) : null,
  };
}

/** The areas of a priority cell that have an MWDS, by rank (null when the cell is suppressed). */
export function priorityAreas(r: Results, segment: string, group: string): PriorityAreaT[] | null {
  const c = r.priorities.cells.find((x) => x.segment === segment && x.group === group);
  if (!c || 'suppressed' in c) return null;
  return c.areas.filter((a) => a.mwds !== null && a.rank !== null).sort((a, b) => a.rank! - b.rank! || a.area.localeCompare(b.area));
}

/**
 * Whether the priorities' own importance, level and gap may be printed beside the MWDS: only when they are
 * the same variant as every other mean printed (else one area's importance would appear with two values).
 */
export const meansBesideMwds = (r: Results): boolean => prioritiesWeighted(r) === populationWeighted(r);

/**
 * How the published area MWDS is defined, read from the numbers themselves: `product` when every area's
 * MWDS equals its mean gap × mean importance (then it is reproducible from the figures beside it),
 * `mean_of_items` when it equals the mean of its items' MWDS, else `other`.
 */
export function mwdsDefinition(r: Results): 'product' | 'mean_of_items' | 'other' {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  let product = true;
  let items = true;
  let any = false;
  for (const c of r.priorities.cells) {
    if ('suppressed' in c) continue;
    for (const a of c.areas) {
      if (a.mwds === null) continue;
      any = true;
      if (a.meanGap === null || a.meanImportance === null || !close(a.mwds, a.meanGap * a.meanImportance)) product = false;
      const its = c.items.filter((i) => i.area === a.area && i.mwds !== null);
      if (!its.length || !close(a.mwds, its.reduce((s, i) => s + i.mwds!, 0) / its.length)) items = false;
    }
  }
  if (!any) return 'other';
  return product ? 'product' : items ? 'mean_of_items' : 'other';
}

/** A count the results publish (a segment's respondents, JSTs, staff-group sizes), or null when withheld. */
export function segmentCount(r: Results, segment: string, what: 'respondents' | 'jsts' | 'management' | 'operational'): Figure | null {
  const s = r.segments.find((x) => x.code === segment) as Record<string, unknown> | undefined;
  return fig(s?.[what] as number | null | undefined, `segments${sel({ code: segment })}.${what}`, 'count', 'unweighted');
}

/**
 * Follows a key made by this module ("a.b[k=v,k2=v2].c", "a.years[0]") through a JSON value: a name steps into
 * a field, a selector picks the array element whose fields equal the given values, a number picks by position.
 */
export function resolveKey(root: unknown, key: string): unknown {
  let cur: unknown = root;
  for (const part of key.match(/[^.[\]]+(\[[^\]]*\])?/g) ?? []) {
    const m = /^([^[]+)(?:\[([^\]]*)\])?$/.exec(part);
    if (!m || cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[m[1]!];
    if (m[2] !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      if (/^\d+$/.test(m[2])) {
        cur = cur[Number(m[2])];
        continue;
      }
      const want = Object.fromEntries(m[2].split(',').map((kv) => kv.split('=') as [string, string]));
      cur = cur.find((x) => x && typeof x === 'object' && Object.entries(want).every(([k, v]) => String((x as Record<string, unknown>)[k]) === v));
    }
  }
  return cur;
}
