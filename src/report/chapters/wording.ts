/**
 * The wording every chapter shares: the text in the report's language, numbers and intervals in its
 * typography, the name of the interval at the confidence level of the results (`results.config.level`: never a
 * fixed "95 %"), the source line and notes every figure and table carries, counts in agreement, the estimate a
 * chapter prints (weighted when the results are weighted), effect-size and measure words, and the translation of
 * codebook names (DANE1_imp, DANE_gap, kc_lack_funds) into what a reader understands. Nothing here computes a
 * statistic: it selects and words what results.json holds.
 */
import type { ChoiceT, NumericEstimateT, TestResultT } from '../../analysis/results-schema.ts';
import { areaEstimate, areaLabel, isEstimate, itemLabel, priorityCell, type Localized, type PriorityCellOk, type ReportContext } from '../context.ts';
import { formatCi, formatDate, formatInt, formatN, formatNumber, formatPercent, levelPercent, NBSP, plural, type Inline } from '../kit/index.ts';
import { segmentForms, type SegmentForms } from '../words.ts';

/** `t(ctx, pl, en)`: the text in the report's language. */
export const t = (ctx: ReportContext, pl: string, en: string): string => ctx.tr({ pl, en });

/** The "Źródło:" line under every figure and table (the kit prints the word "Źródło"). */
export function sourceLine(ctx: ReportContext): string {
  return ctx.synthetic
    ? t(ctx, 'diagnoza kompetencji kadr JST, dane syntetyczne; opracowanie własne', 'diagnosis of JST staff competences, synthetic data; own analysis')
    : t(ctx, 'diagnoza kompetencji kadr JST; opracowanie własne', 'diagnosis of JST staff competences; own analysis');
}

export const num = (ctx: ReportContext, x: number | null | undefined, decimals = 2, signed = false): string => formatNumber(x, { decimals, lang: ctx.lang, signed });
export const int = (ctx: ReportContext, x: number | null | undefined): string => formatInt(x, ctx.lang);
export const ci = (ctx: ReportContext, lo: number | null | undefined, hi: number | null | undefined, decimals = 2): string => formatCi(lo, hi, { decimals, lang: ctx.lang });
/** A proportion (0–1) as a percentage. */
export const pct = (ctx: ReportContext, share: number | null | undefined, decimals = 0): string => formatPercent(share, { fraction: true, decimals, lang: ctx.lang });

/** The confidence level of the results' intervals in per cent, in the report's typography: "95", "90", "97,5". */
export const level = (ctx: ReportContext): string => levelPercent(ctx.results.config.level, ctx.lang);

/** "PU 95 %" / "95% CI" at the results' level — the short name of the interval used in brackets and headers. */
export const ciWord = (ctx: ReportContext): string => t(ctx, `PU${NBSP}${level(ctx)}${NBSP}%`, `${level(ctx)}% CI`);

/** A column header with its interval: "Ważność (PU 95 %)" / "Importance (95% CI)", at the results' level. */
export const withCiHeader = (ctx: ReportContext, pl: string, en: string): string => t(ctx, `${pl} (PU${NBSP}${level(ctx)}${NBSP}%)`, `${en} (${level(ctx)}%${NBSP}CI)`);

/** "przedział ufności 95 %" / "95% confidence interval" at the results' level (`plural`: "przedziały", "intervals"). */
export const ciName = (ctx: ReportContext, pluralForm = false): string =>
  t(ctx, `${pluralForm ? 'przedziały' : 'przedział'} ufności ${level(ctx)} %`, `${level(ctx)}% confidence interval${pluralForm ? 's' : ''}`);

export type AreaPriority = PriorityCellOk['areas'][number];

/** "n = 609" with a no-break space. */
export const nIs = (ctx: ReportContext, n: number | null | undefined): string => `n${NBSP}=${NBSP}${int(ctx, n)}`;

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
  const L = levelPercent(ctx.results.config.level, ctx.lang);
  if (!useWeights(ctx)) return t(ctx, `Średnie nieważone; przedziały ufności ${L} % uwzględniają to, że respondenci jednej JST odpowiadają podobnie.`, `Unweighted means; ${L}% confidence intervals allow for respondents of one JST answering alike.`);
  return t(ctx, `Średnie ważone do struktury populacji JST (rodzaj JST × województwo); przedziały ufności ${L} % uwzględniają wagi i to, że respondenci jednej JST odpowiadają podobnie.`, `Means weighted to the population of JSTs (JST kind × voivodeship); ${L}% confidence intervals allow for the weights and for respondents of one JST answering alike.`);
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

export type Measure = 'importance' | 'level' | 'gap';

export const nOf = (ctx: ReportContext, x: number | null | undefined): string => formatN(x, ctx.lang);
/** A proportion's CI in per cent: "41–52 %". */
export const pctCi = (ctx: ReportContext, lo: number | null | undefined, hi: number | null | undefined): string => {
  const r = formatCi(lo == null ? lo : lo * 100, hi == null ? hi : hi * 100, { decimals: 0, lang: ctx.lang });
  return r === '–' ? r : ctx.lang === 'pl' ? `${r}\u00A0%` : `${r}%`;
};


export const MAGNITUDE: Record<string, Localized> = {
  negligible: { pl: 'znikomy', en: 'negligible' },
  small: { pl: 'mały', en: 'small' },
  medium: { pl: 'średni', en: 'medium' },
  large: { pl: 'duży', en: 'large' },
};
/** "mały" / "small": the magnitude word the analysis stored with the test. */
export const magnitudeWord = (ctx: ReportContext, m: string | null | undefined): string => (m && MAGNITUDE[m] ? ctx.tr(MAGNITUDE[m]!) : '–');
/** "efekt mały" / "small effect". */
export const effectPhrase = (ctx: ReportContext, m: string | null | undefined): string => (ctx.lang === 'pl' ? `efekt ${magnitudeWord(ctx, m)}` : `${magnitudeWord(ctx, m)} effect`);

export const MEASURE_WORDS: Record<Measure, Localized> = {
  importance: { pl: 'ważność', en: 'importance' },
  level: { pl: 'poziom', en: 'level' },
  gap: { pl: 'luka', en: 'gap' },
};
export const measureWord = (ctx: ReportContext, m: Measure): string => ctx.tr(MEASURE_WORDS[m]);

/** JST kinds in the plural, for the segment definitions. */
export const KIND_PLURAL: Record<string, Localized> = {
  rural: { pl: 'gminy wiejskie', en: 'rural gminas' },
  urban_rural: { pl: 'gminy miejsko-wiejskie', en: 'urban-rural gminas' },
  urban: { pl: 'gminy miejskie', en: 'urban gminas' },
  city_county: { pl: 'miasta na prawach powiatu', en: 'cities with county rights' },
  county: { pl: 'powiaty ziemskie', en: 'counties (powiaty ziemskie)' },
};
export const kindWord = (ctx: ReportContext, k: string): string => (KIND_PLURAL[k] ? ctx.tr(KIND_PLURAL[k]!) : k);

export const segForms = (ctx: ReportContext, code: string): SegmentForms => {
  const s = [ctx.segment, ...ctx.others].find((x) => x.code === code);
  return segmentForms(code, ctx.lang, s ? ctx.tr(s.label) : code);
};
/** Polish instrumental ("z gminami wiejskimi"); English: the nominative. */
export const segWith = (ctx: ReportContext, code: string): string => segForms(ctx, code).inst;

/** Polish dative ("gminom wiejskim brakuje"); English: the nominative. */
export const segDat = (ctx: ReportContext, code: string): string => segForms(ctx, code).dat;

/** A count with its noun in agreement: `countOf(ctx, 3, ['różnica','różnice','różnic'], ['difference','differences'])`. */
export function countOf(ctx: ReportContext, n: number, plForms: [string, string, string], enForms: [string, string]): string {
  return ctx.lang === 'pl' ? plural(n, plForms[0], plForms[1], plForms[2], 'pl') : plural(n, enForms[0], enForms[1], enForms[1], 'en');
}

/** "z gmin wiejskich" / "from rural gminas". */
export const fromSeg = (ctx: ReportContext, code: string): string => (ctx.lang === 'pl' ? `z ${segForms(ctx, code).gen}` : `from ${segForms(ctx, code).gen}`);


export const quote = (ctx: ReportContext, s: string): string => (ctx.lang === 'pl' ? `„${s}”` : `“${s}”`);
/** Lower-cases the first letter unless the word is an acronym ("JST"). */
export const lowerFirst = (s: string): string => (s.length > 1 && s[1] === s[1]!.toLowerCase() ? s[0]!.toLowerCase() + s.slice(1) : s);
export const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** What a tested variable stands for. */
export type VariableRef =
  | { kind: 'item'; item: string; area: string; measure: Measure; label: string; areaLabel: string }
  | { kind: 'area'; area: string; measure: Measure; label: string }
  | { kind: 'choice'; question: string; choice: string | null; questionLabel: string; optionLabel: string | null; type: 'single' | 'multiple' }
  | { kind: 'other'; label: string };

/** DANE1_imp → item DANE1, importance; DANE_gap → area DANE, gap; kc_lack_funds → kc_lack, "środków finansowych". */
export function describeVariable(ctx: ReportContext, name: string): VariableRef {
  const q = ctx.questionnaire;
  const i = name.lastIndexOf('_');
  if (i > 0) {
    const head = name.slice(0, i);
    const tail = name.slice(i + 1);
    const role = q.measures.find((m) => m.column === tail)?.role;
    const measure: Measure | undefined = tail === 'gap' ? 'gap' : role === 'retrospective' ? undefined : role;
    if (measure) {
      const area = q.areas.find((a) => a.code === head);
      if (area) return { kind: 'area', area: area.code, measure, label: areaLabel(ctx, area.code) };
      const owner = q.areas.find((a) => a.items.some((it) => it.code === head));
      if (owner && measure !== 'gap') return { kind: 'item', item: head, area: owner.code, measure, label: itemLabel(ctx, head), areaLabel: areaLabel(ctx, owner.code, true) };
    }
  }
  const v = q.variables.find((x) => x.name === name);
  const question = v?.question ?? name;
  const choice = ctx.results.choices.find((c) => c.question === question);
  if (choice) {
    const value = choice.type === 'multiple' ? (v?.choice ?? null) : null;
    const opt = value ? firstOptionLabel(choice, value) : null;
    return { kind: 'choice', question, choice: value, questionLabel: ctx.tr(choice.label), optionLabel: opt ? ctx.tr(opt) : null, type: choice.type };
  }
  return { kind: 'other', label: v ? ctx.tr(v.label) : t(ctx, 'zmienna kwestionariusza', 'questionnaire variable') };
}

function firstOptionLabel(choice: ChoiceT, value: string): Localized | null {
  for (const c of choice.cells) {
    if ('options' in c) {
      const o = c.options.find((x) => x.value === value);
      if (o) return o.label;
    }
  }
  return null;
}

/** The choice cell of a question for a segment and group, or null when suppressed or absent. */
export function choiceCell(ctx: ReportContext, question: string, segment = ctx.segment.code, group = 'all') {
  const c = ctx.results.choices.find((x) => x.question === question)?.cells.find((x) => x.segment === segment && x.group === group);
  return c && 'options' in c ? c : null;
}

/** Which side of a two-group test is "this segment": +1 when listed first, −1 when second. */
export function orient(test: TestResultT, segment: string): { sign: 1 | -1; other: string } {
  const sign = test.groups[0] === segment ? 1 : -1;
  return { sign, other: test.groups.find((g) => g !== segment) ?? test.groups[1] ?? '' };
}

/** Bold run helper. */
export const b = (text: string) => ({ text, bold: true });

export type { Inline };

/** An ISO timestamp as "24 listopada 2026, 16:14 UTC". */
export function formatDateTime(ctx: ReportContext, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '–';
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(d, ctx.lang)}, ${hh}:${mm} UTC`;
}
