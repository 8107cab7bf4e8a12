/**
 * What every section of a programme document reads: the programme (its JSON), the language, word forms, and
 * the ledger through which every number is printed (ledger.ts), so that a test can trace each one.
 */
import type { Figure, ShareFigure } from '../../recommendations/figures.ts';
import type { Localized, Mode, ProgrammeDoc } from '../../recommendations/programme.ts';
import { MISSING, NBSP, pluralForm, type Lang } from '../kit/index.ts';
import { Ledger } from '../ledger.ts';
import { groupForms, segmentForms, type GroupForms, type SegmentForms } from '../words.ts';

export interface ProgrammeContext {
  doc: ProgrammeDoc;
  lang: Lang;
  synthetic: boolean;
  ledger: Ledger;
  seg: SegmentForms;
  grp: GroupForms;
  /** the other staff group's forms ("pracowników operacyjnych") */
  other: GroupForms;
}

export function programmeContext(doc: ProgrammeDoc, lang: Lang, synthetic: boolean, ledger = new Ledger(lang)): ProgrammeContext {
  return {
    doc, lang, synthetic, ledger,
    seg: segmentForms(doc.segment.code, lang, doc.segment.label[lang]),
    grp: groupForms(doc.staffGroup, lang),
    other: groupForms(doc.staffGroup === 'management' ? 'operational' : 'management', lang),
  };
}

export const tr = (ctx: ProgrammeContext, x: Localized): string => x[ctx.lang];
export const t = (ctx: ProgrammeContext, pl: string, en: string): string => (ctx.lang === 'pl' ? pl : en);

/** A number from the programme's JSON, printed and recorded under `programme:<CODE>:<path>`. */
export function pn(ctx: ProgrammeContext, path: string, value: number, decimals?: number): string {
  return ctx.ledger.number(`programme:${ctx.doc.code}:${path}`, value, { decimals: decimals ?? (Number.isInteger(value) ? 0 : 1), kind: 'programme' });
}

/** A share (0–1) from the programme's JSON or the plan, printed as a percentage: "40 %". */
export function ppct(ctx: ProgrammeContext, path: string, value: number): string {
  const text = ctx.ledger.number(`programme:${ctx.doc.code}:${path}`, value, { decimals: 0, percent: true, kind: 'programme' });
  return `${text}${ctx.lang === 'pl' ? NBSP + '%' : '%'}`;
}

/** A number that is not data (a position in a list), recorded as such. */
export const tn = (ctx: ProgrammeContext, what: string, value: number): string => ctx.ledger.number(`text:${what}`, value, { decimals: 0, kind: 'text' });

/** A figure from the results, or "–" when withheld. */
export const fig = (ctx: ProgrammeContext, f: Figure | null | undefined, decimals?: number): string => (f ? ctx.ledger.figure(f, decimals) : MISSING);
export const pctOf = (ctx: ProgrammeContext, s: ShareFigure | null | undefined): string => (s ? ctx.ledger.figure(s.value) : MISSING);

/** A printed count and its noun in agreement: "18 godzin", "22 godziny", "1 godzina". */
export function counted(ctx: ProgrammeContext, printed: string, n: number, pl: [string, string, string], en: [string, string]): string {
  return `${printed}${NBSP}${ctx.lang === 'pl' ? pluralForm(n, pl[0], pl[1], pl[2], 'pl') : pluralForm(n, en[0], en[1], en[1], 'en')}`;
}

export const HOURS: { pl: [string, string, string]; en: [string, string] } = { pl: ['godzina', 'godziny', 'godzin'], en: ['hour', 'hours'] };
/** genitive ("nie przekracza 24 godzin", "z 4 modułów"): every count but 1 takes the genitive plural */
export const HOURS_GEN: { pl: [string, string, string]; en: [string, string] } = { pl: ['godziny', 'godzin', 'godzin'], en: ['hour', 'hours'] };
export const MODULES_GEN: { pl: [string, string, string]; en: [string, string] } = { pl: ['modułu', 'modułów', 'modułów'], en: ['module', 'modules'] };
export const AREAS_GEN: { pl: [string, string, string]; en: [string, string] } = { pl: ['obszaru', 'obszarów', 'obszarów'], en: ['area', 'areas'] };
export const PEOPLE_GEN: { pl: [string, string, string]; en: [string, string] } = { pl: ['osoby', 'osób', 'osób'], en: ['person', 'people'] };
/** accusative ("kieruje 1 osobę", "2 osoby", "5 osób") */
export const PEOPLE_ACC: { pl: [string, string, string]; en: [string, string] } = { pl: ['osobę', 'osoby', 'osób'], en: ['person', 'people'] };
/** locative ("w 1 grupie", "w 34 grupach") */
export const GROUPS_LOC: { pl: [string, string, string]; en: [string, string] } = { pl: ['grupie', 'grupach', 'grupach'], en: ['group', 'groups'] };
export const PEOPLE: { pl: [string, string, string]; en: [string, string] } = { pl: ['osoba', 'osoby', 'osób'], en: ['person', 'people'] };
export const GROUPS: { pl: [string, string, string]; en: [string, string] } = { pl: ['grupa', 'grupy', 'grup'], en: ['group', 'groups'] };
export const DAYS: { pl: [string, string, string]; en: [string, string] } = { pl: ['dzień', 'dni', 'dni'], en: ['day', 'days'] };
export const MODULES: { pl: [string, string, string]; en: [string, string] } = { pl: ['moduł', 'moduły', 'modułów'], en: ['module', 'modules'] };

/** Hours from the programme JSON with their noun: "18 godzin" (nominative and accusative; `gen` for the genitive). */
export const hours = (ctx: ProgrammeContext, path: string, h: number, gen = false): string => counted(ctx, pn(ctx, path, h), h, (gen ? HOURS_GEN : HOURS).pl, HOURS.en);

export const LABEL_WORDS: Record<string, Localized> = {
  core: { pl: 'podstawowy', en: 'core' },
  supplementary: { pl: 'uzupełniający', en: 'supplementary' },
  capstone: { pl: 'końcowy (plan lokalny)', en: 'capstone (local plan)' },
  not_recommended: { pl: 'niezalecany', en: 'not recommended' },
};
export const STRENGTH_WORDS: Record<string, Localized> = {
  strong: { pl: 'mocne', en: 'strong' },
  moderate: { pl: 'umiarkowane', en: 'moderate' },
  thin: { pl: 'słabe', en: 'thin' },
};
/** "tryb stacjonarny" etc. (adjective agreeing with "tryb") */
export const MODE_WORDS: Record<Mode, Localized> = {
  onsite: { pl: 'stacjonarny', en: 'on site' },
  online: { pl: 'zdalny', en: 'online' },
  hybrid: { pl: 'łączony', en: 'blended' },
};
export const modeWord = (ctx: ProgrammeContext, m: Mode): string => tr(ctx, MODE_WORDS[m]);
/** locative, after "w trybie": "w trybie łączonym" */
export const MODE_WORDS_LOC: Record<Mode, Localized> = {
  onsite: { pl: 'stacjonarnym', en: 'on site' },
  online: { pl: 'zdalnym', en: 'online' },
  hybrid: { pl: 'łączonym', en: 'blended' },
};
export const modeLoc = (ctx: ProgrammeContext, m: Mode): string => tr(ctx, MODE_WORDS_LOC[m]);

export const quote = (ctx: ProgrammeContext, s: string): string => (ctx.lang === 'pl' ? `„${s}”` : `“${s}”`);
export const cap = (s: string): string => (s ? s.charAt(0).toLocaleUpperCase('pl-PL') + s.slice(1) : s);
export const lowerFirst = (s: string): string => (s.length > 1 && s[1] !== s[1]!.toUpperCase() ? s.charAt(0).toLocaleLowerCase('pl-PL') + s.slice(1) : s);

/** "a, b i c" / "a, b and c". */
export function joinList(ctx: ProgrammeContext, parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')}${ctx.lang === 'pl' ? ' i ' : parts.length > 2 ? ', and ' : ' and '}${parts[parts.length - 1]}`;
}

/** What allows the yearly budget: the respondents' answer, or (withheld) the rollout plan's assumption. */
export const budgetSource = (ctx: ProgrammeContext): string => (ctx.doc.time.source === 'plan'
  ? t(ctx, 'na które pozwala budżet czasu przyjęty w planie wdrożenia', 'the rollout plan assumes')
  : t(ctx, 'na które pozwala czas deklarowany przez badanych', 'respondents say they can give'));

/** The source line under every table. */
export const sourceLine = (ctx: ProgrammeContext): string => (ctx.synthetic
  ? t(ctx, 'diagnoza kompetencji kadr JST (dane syntetyczne), katalog programów, plan wdrożenia; opracowanie własne', 'diagnosis of JST staff competences (synthetic data), programme catalogue, rollout plan; own analysis')
  : t(ctx, 'diagnoza kompetencji kadr JST, katalog programów, plan wdrożenia; opracowanie własne', 'diagnosis of JST staff competences, programme catalogue, rollout plan; own analysis'));
