/**
 * Shared wording for chapters 5–9 (differences, key competences, recommendations, methodology, annex):
 * number formatting in the report's language, effect-size and measure words, the source line, and the
 * translation of codebook names (DANE1_imp, DANE_gap, kc_lack_funds) into what a reader understands.
 * Nothing here computes a statistic: it selects and words what results.json holds.
 */
import { formatCi, formatDate, formatInt, formatN, formatNumber, formatPercent, plural, type Inline } from '../kit/index.ts';
import type { ChoiceT, TestResultT } from '../../analysis/results-schema.ts';
import { CONTENT_BOTTOM, PAGE, STYLE } from '../kit/layout.ts';
import { measureTable, normalizeTable, type MeasureText } from '../kit/table.ts';
import { textHeight, useStyle } from '../kit/text.ts';
import type { Report, TableSpec } from '../kit/index.ts';
import { areaLabel, itemLabel, type Localized, type ReportContext } from '../context.ts';
import { segmentForms, type SegmentForms } from '../words.ts';

export type Measure = 'importance' | 'level' | 'gap';

/** `t(ctx, pl, en)`: the text in the report's language. */
export const t = (ctx: ReportContext, pl: string, en: string): string => ctx.tr({ pl, en });

export const num = (ctx: ReportContext, x: number | null | undefined, decimals = 2, signed = false): string => formatNumber(x, { decimals, lang: ctx.lang, signed });
export const int = (ctx: ReportContext, x: number | null | undefined): string => formatInt(x, ctx.lang);
export const nOf = (ctx: ReportContext, x: number | null | undefined): string => formatN(x, ctx.lang);
/** A proportion (0–1) as a percentage. */
export const pct = (ctx: ReportContext, p: number | null | undefined, decimals = 0): string => formatPercent(p, { fraction: true, decimals, lang: ctx.lang });
export const ci = (ctx: ReportContext, lo: number | null | undefined, hi: number | null | undefined, decimals = 2): string => formatCi(lo, hi, { decimals, lang: ctx.lang });
/** "95 % CI" in Polish typography, "95% CI" in English. */
export const ciLabel = (ctx: ReportContext): string => t(ctx, `PU ${Math.round(ctx.results.config.level * 100)}\u00A0%`, `${Math.round(ctx.results.config.level * 100)}% CI`);
/** A proportion's CI in per cent: "41–52 %". */
export const pctCi = (ctx: ReportContext, lo: number | null | undefined, hi: number | null | undefined): string => {
  const r = formatCi(lo == null ? lo : lo * 100, hi == null ? hi : hi * 100, { decimals: 0, lang: ctx.lang });
  return r === '–' ? r : ctx.lang === 'pl' ? `${r}\u00A0%` : `${r}%`;
};

/** The source line under every figure and table. */
export function sourceLine(ctx: ReportContext): string {
  return ctx.synthetic
    ? t(ctx, 'diagnoza kompetencji kadr JST, dane syntetyczne; opracowanie własne', 'diagnosis of JST staff competences, synthetic data; own analysis')
    : t(ctx, 'diagnoza kompetencji kadr JST; opracowanie własne', 'diagnosis of JST staff competences; own analysis');
}

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

/** A list joined as prose: "a, b i c" / "a, b and c". */
export function joinList(ctx: ReportContext, parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  const and = ctx.lang === 'pl' ? ' i ' : ' and ';
  return `${parts.slice(0, -1).join(', ')}${and}${parts[parts.length - 1]}`;
}

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
    const measure: Measure | undefined = tail === 'gap' ? 'gap' : q.measures.find((m) => m.column === tail)?.role;
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

/**
 * A table kept on one page when it fits on one: if it would break across pages although it is shorter
 * than about a third of a page, or only a few rows would stay or spill, it starts on the next page instead (the kit splits
 * any table that does not fit). `pending`: height of a heading or keep-with-next paragraph still held.
 */
export function keptTable(report: Report, spec: TableSpec, pending = 0): number {
  const doc = report.doc;
  const measure: MeasureText = (text, bold) => {
    useStyle(doc, bold ? STYLE.tableHead : STYLE.table);
    return doc.widthOfString(text);
  };
  const norm = normalizeTable(spec, report.width, report.lang, measure);
  const size = measureTable(report, norm);
  const notes = (spec.notes ?? []).reduce<number>((h, n) => h + textHeight(doc, typeof n === 'string' ? n : n.map((r) => (typeof r === 'string' ? r : r.text)).join(''), STYLE.note, report.width) + 2, 0);
  const rowsH = size.rows.reduce((a, b2) => a + b2, 0);
  const height = 55 + size.header + rowsH + notes + 14;
  const page = CONTENT_BOTTOM - PAGE.margin.top;
  if (!report.atTop && report.remaining < height + 30 + pending && height + pending < page * 0.9) {
    // rows that would spill onto the next page (`pending`: held heading and paragraph drawn first)
    let room = report.remaining - pending - 45 - size.header;
    let spill = 0;
    size.rows.forEach((h, i) => {
      const need = h + (i === size.rows.length - 1 ? notes + 14 : 0);
      if (spill === 0 && room >= need) room -= h;
      else spill++;
    });
    const fit = size.rows.length - spill;
    // a short table, or one of which fewer than three rows would stay, moves whole; a longer one breaks, and
    // the kit sees that its continuation holds at least two rows (table.ts pageBreaks)
    if (height < page * 0.25 || fit < 3 || (spill > 0 && spill < 2 && size.rows.length <= 4)) report.newPage();
  }
  return report.table(spec);
}
