/**
 * Small helpers shared by the first four chapters (summary, about the survey, competences, priorities):
 * the source line and notes every figure and table carries, number wording in the report's language,
 * the estimate a chapter prints (weighted when the results are weighted), and the priority rows of a cell.
 * Nothing here computes a statistic: it reads results.json and words it.
 */
import type { NumericEstimateT } from '../../analysis/results-schema.ts';
import { areaEstimate, areaLabel, isEstimate, priorityCell, type PriorityCellOk, type ReportContext } from '../context.ts';
import { formatCi, formatInt, formatNumber, formatPercent, NBSP, plural } from '../kit/index.ts';
import type { Localized } from '../context.ts';

export type AreaPriority = PriorityCellOk['areas'][number];

export const t = (ctx: ReportContext, pl: string, en: string): string => ctx.tr({ pl, en });

/** The "Źródło:" line under every figure and table (the kit prints the word "Źródło"). */
export function sourceLine(ctx: ReportContext): string {
  return ctx.synthetic
    ? t(ctx, 'diagnoza kompetencji kadr JST, dane syntetyczne; opracowanie własne', 'diagnosis of JST staff competences, synthetic data; own analysis')
    : t(ctx, 'diagnoza kompetencji kadr JST; opracowanie własne', 'diagnosis of JST staff competences; own analysis');
}

export const num = (ctx: ReportContext, x: number | null | undefined, decimals = 2): string => formatNumber(x, { decimals, lang: ctx.lang });
export const int = (ctx: ReportContext, x: number | null | undefined): string => formatInt(x, ctx.lang);
export const ci = (ctx: ReportContext, lo: number | null | undefined, hi: number | null | undefined, decimals = 2): string => formatCi(lo, hi, { decimals, lang: ctx.lang });
export const pct = (ctx: ReportContext, share: number | null | undefined, decimals = 0): string => formatPercent(share, { fraction: true, decimals, lang: ctx.lang });

/** "n = 609" with a no-break space. */
export const nIs = (ctx: ReportContext, n: number | null | undefined): string => `n${NBSP}=${NBSP}${int(ctx, n)}`;

/** "95 % PU" / "95% CI" — the short name of the interval used in brackets and headers. */
export const ciWord = (ctx: ReportContext): string => t(ctx, `PU${NBSP}95${NBSP}%`, '95% CI');

/** "4,74 (PU 95 %: 4,37–5,08)": a value and its interval, for running text. */
export function valueWithCi(ctx: ReportContext, value: number | null | undefined, lo: number | null | undefined, hi: number | null | undefined): string {
  const v = num(ctx, value);
  if (lo == null || hi == null) return v;
  return `${v} (${ciWord(ctx)}: ${ci(ctx, lo, hi)})`;
}

/** "4,74 (4,37–5,08)": a value and its interval, for table cells. */
export function cellWithCi(ctx: ReportContext, value: number | null | undefined, lo: number | null | undefined, hi: number | null | undefined): string {
  if (lo == null || hi == null) return num(ctx, value);
  return `${num(ctx, value)} (${ci(ctx, lo, hi)})`;
}

/**
 * A count in the genitive after a word that governs it ("odpowiedzi 609 osób", "z 1 gminy"): Polish puts
 * every count other than 1 in the genitive plural here, and 1 in the genitive singular.
 */
export function genCount(ctx: ReportContext, n: number, one: Localized, many: Localized): string {
  return `${int(ctx, n)}${NBSP}${ctx.tr(n === 1 ? one : many)}`;
}

/** Units of a segment in the genitive ("gmin", "powiatów i miast na prawach powiatu"). */
export function jstGen(ctx: ReportContext, n: number, segment = ctx.segment.code): string {
  const kinds = [ctx.segment, ...ctx.others].find((s) => s.code === segment)?.kinds ?? [];
  if (kinds.every((k) => k === 'county' || k === 'city_county')) {
    return kinds.includes('city_county')
      ? genCount(ctx, n, { pl: 'powiatu lub miasta na prawach powiatu', en: 'county or city with county rights' }, { pl: 'powiatów i miast na prawach powiatu', en: 'counties and cities with county rights' })
      : genCount(ctx, n, { pl: 'powiatu', en: 'county' }, { pl: 'powiatów', en: 'counties' });
  }
  if (kinds.every((k) => k === 'rural' || k === 'urban' || k === 'urban_rural')) return genCount(ctx, n, { pl: 'gminy', en: 'gmina' }, { pl: 'gmin', en: 'gminas' });
  return genCount(ctx, n, { pl: 'JST', en: 'local government' }, { pl: 'JST', en: 'local governments' });
}

/** Respondents in the genitive: "609 osób", "1 osoby". */
export const peopleGen = (ctx: ReportContext, n: number): string => genCount(ctx, n, { pl: 'osoby', en: 'respondent' }, { pl: 'osób', en: 'respondents' });

/**
 * Why a cell is not shown, for notes and sentences: under the threshold, or withheld so that such a cell
 * cannot be worked out (the reader is never told which, since that would narrow the withheld value).
 */
export function withheldWhy(ctx: ReportContext): string {
  const k = ctx.results.config.suppressionThreshold;
  return t(ctx, `mniej niż ${k} odpowiedzi albo ukryte, by nie dało się ich obliczyć z innych liczb`, `fewer than ${k} answers, or withheld so that they cannot be worked out from other figures`);
}

/**
 * Who a segment's results describe, with only the counts the results publish (a withheld count is never
 * printed, nor a sum it could be worked out from): "609 osób z 217 gmin — 203 osoby z kadry zarządzającej
 * i 406 osób z grupy pracowników operacyjnych", or without the withheld parts and a word on why.
 */
export function segmentSizes(ctx: ReportContext, seg: { respondents: number | null; jsts: number; management: number | null; operational: number | null }, segment = ctx.segment.code): string {
  const k = ctx.results.config.suppressionThreshold;
  const who = seg.respondents === null ? t(ctx, 'osób', 'respondents') : peopleGen(ctx, seg.respondents);
  const from = `${who} ${t(ctx, 'z', 'from')} ${jstGen(ctx, seg.jsts, segment)}`;
  if (seg.management !== null && seg.operational !== null) {
    return `${from} — ${t(ctx,
      `${plural(seg.management, 'osoba', 'osoby', 'osób')} z kadry zarządzającej i ${plural(seg.operational, 'osoba', 'osoby', 'osób')} z grupy pracowników operacyjnych`,
      `${plural(seg.management, 'manager', 'managers', undefined, 'en')} and ${plural(seg.operational, 'operational official', 'operational officials', undefined, 'en')}`)}`;
  }
  const withheld = seg.respondents === null
    ? t(ctx, 'liczba badanych w segmencie i w grupach nie jest podana', 'the number of respondents in the segment and in each group is not given')
    : t(ctx, 'liczebności obu grup nie są podane', 'the size of each staff group is not given');
  return `${from} (${withheld}: ${t(ctx, `jedna z nich liczy mniej niż ${k} osób albo pozwoliłaby obliczyć taką liczbę`, `one of them is under ${k} people or would let such a count be worked out`)})`;
}

/** An area's name inside a sentence: lower-case first letter ("analiza danych oświatowych"). */
export function areaInText(ctx: ReportContext, code: string): string {
  const l = areaLabel(ctx, code);
  return l.charAt(0).toLocaleLowerCase(ctx.lang === 'pl' ? 'pl-PL' : 'en-GB') + l.slice(1);
}

/** An area's name quoted: „Analiza danych oświatowych” / "Analysing education data". */
export const areaQuoted = (ctx: ReportContext, code: string): string => (ctx.lang === 'pl' ? `„${areaLabel(ctx, code)}”` : `“${areaLabel(ctx, code)}”`);

/** Joins "a, b i c" / "a, b and c". */
export function joinList(ctx: ReportContext, parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  const and = t(ctx, ' i ', ' and ');
  return `${parts.slice(0, -1).join(', ')}${ctx.lang === 'en' && parts.length > 2 ? ',' : ''}${and}${parts[parts.length - 1]}`;
}

/** Whether the chapters print weighted estimates. */
export const useWeights = (ctx: ReportContext): boolean => ctx.results.weights.method !== 'none';

/**
 * The printed mean and interval of an estimate: the design-based one (weighted with frame weights; with
 * --weights none the unweighted mean with an interval that allows for JSTs as clusters). No interval where
 * the cell cannot support inference (`noInference`: its data from one JST, or one per stratum).
 */
export interface Printed {
  mean: number | null;
  lo: number | null;
  hi: number | null;
  n: number;
  noInference: string | null;
}
export function printed(ctx: ReportContext, e: NumericEstimateT): Printed {
  // the number policy (recommendations/figures.ts): the design-based estimate (weighted to the population with
  // frame weights; JSTs as clusters with equal weights without them) or nothing, never the other in its place,
  // so that no quantity appears with two values
  const noInference = e.noInference ?? null;
  if (e.weighted || useWeights(ctx)) return { mean: e.weighted?.mean ?? null, lo: e.weighted?.ciLow ?? null, hi: e.weighted?.ciHigh ?? null, n: e.n, noInference };
  return { mean: e.mean, lo: e.ciLow, hi: e.ciHigh, n: e.n, noInference };
}

/**
 * The note for a table or chart in which some value has no interval because its data come from one JST
 * (or one JST per stratum), or null when there is none: the one rule for every output, said in words.
 */
export function noInferenceNote(ctx: ReportContext, reasons: readonly (string | null | undefined)[]): string | null {
  const any = reasons.filter((r): r is string => !!r);
  if (!any.length) return null;
  const one = any.some((r) => r.startsWith('all respondents'));
  const perStratum = any.some((r) => !r.startsWith('all respondents'));
  const why = [
    one ? t(ctx, 'wszystkie odpowiedzi pochodzą z jednej JST', 'all answers come from one JST') : null,
    perStratum ? t(ctx, 'odpowiedzi pochodzą z jednej JST w każdej warstwie', 'the answers come from one JST in each stratum') : null,
  ].filter(Boolean).join(t(ctx, ' albo ', ' or '));
  return t(ctx,
    `Wynik bez przedziału ufności: ${why}, więc nie da się ocenić jego niepewności ani go testować (urzędnicy jednej JST odpowiadają podobnie).`,
    `A result without an interval: ${why}, so its uncertainty cannot be assessed nor can it be tested (officials of one JST answer alike).`);
}

/** The printed area estimate of a measure for a group, or null when suppressed or absent. */
export function areaPrinted(ctx: ReportContext, area: string, measure: 'importance' | 'level' | 'gap', group: string): Printed | null {
  const e = areaEstimate(ctx, area, measure, group);
  if (!isEstimate(e)) return null;
  const p = printed(ctx, e);
  return p.mean === null ? null : p;
}

/** The note that says which means are printed. */
export function weightNote(ctx: ReportContext): string {
  if (!useWeights(ctx)) return t(ctx, 'Średnie nieważone; przedziały ufności 95 % uwzględniają to, że respondenci jednej JST odpowiadają podobnie.', 'Unweighted means; 95% confidence intervals allow for respondents of one JST answering alike.');
  return t(ctx, 'Średnie ważone do struktury populacji JST (rodzaj JST × województwo); przedziały ufności 95 % uwzględniają wagi i to, że respondenci jednej JST odpowiadają podobnie.', 'Means weighted to the population of JSTs (JST kind × voivodeship); 95% confidence intervals allow for the weights and for respondents of one JST answering alike.');
}

/** The areas of a priority cell with an MWDS, by rank. */
export function rankedAreas(ctx: ReportContext, group: string): AreaPriority[] {
  const cell = priorityCell(ctx, group);
  if (!cell) return [];
  return cell.areas.filter((a) => a.mwds !== null && a.rank !== null).sort((a, b) => a.rank! - b.rank!);
}

/** Two intervals overlap (either missing counts as overlapping: we cannot tell them apart). */
export function overlap(a: { ciLow: number | null; ciHigh: number | null }, b: { ciLow: number | null; ciHigh: number | null }): boolean {
  if (a.ciLow === null || a.ciHigh === null || b.ciLow === null || b.ciHigh === null) return true;
  return a.ciLow <= b.ciHigh && b.ciLow <= a.ciHigh;
}

/**
 * An area with its MWDS and interval for running text: "analiza danych oświatowych (MWDS 4,74; PU 95 %: 4,37–5,08)";
 * without `nameCi` the interval is not named again ("(MWDS 3,55; 3,22–3,87)"), for the later items of a list.
 */
export function areaWithMwds(ctx: ReportContext, a: AreaPriority, quoted = false, nameCi = true): string {
  const name = quoted ? areaQuoted(ctx, a.area) : areaInText(ctx, a.area);
  const interval = a.ciLow !== null && a.ciHigh !== null ? `; ${nameCi ? `${ciWord(ctx)}: ` : ''}${ci(ctx, a.ciLow, a.ciHigh)}` : '';
  return `${name} (MWDS ${num(ctx, a.mwds)}${interval})`;
}

/** Capitalise the first letter of a sentence. */
export const cap = (s: string): string => s.charAt(0).toLocaleUpperCase('pl-PL') + s.slice(1);
