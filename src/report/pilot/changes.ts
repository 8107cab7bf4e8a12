/**
 * The revised programme catalogue as a list of changes against the current one, for the rollout: for every
 * programme and module of the current catalogue (recommendations/catalogue.json), the pilot's decision
 * (decisions.ts), the change to make in words (Polish and English), the evidence behind it and the rule that
 * fired. It uses only the figures the decisions use, which are published cells of pilot-results.json (each of
 * at least config.minN participants); a module whose cells were withheld, or which the pilot did not rate,
 * gets no decision and stays as it is.
 *
 * A catalogue programme is matched to the pilot programme of the same code, written with "_" for "-" (the
 * catalogue's GW-K is the pilot instruments' GW_K).
 */
import type { PilotResults } from '../../analysis/pilot/types.ts';
import type { Localized } from '../../questionnaire/types.ts';
import { moduleCode, moduleTitle, type Catalogue } from '../../recommendations/catalogue.ts';
import { formatNumber } from '../kit/format.ts';
import { moduleDecisions, RULES, type Decision, type ModuleDecision } from './decisions.ts';

export type ChangeRule = 'keep' | 'keep-capstone' | 'drop' | 'drop-capstone' | 'revise-delivery' | 'revise-content' | 'revise-delivery-content' | 'withheld' | 'not-piloted';

export interface HourRange {
  min: number;
  max: number;
}

export interface CatalogueChange {
  /** the catalogue's programme code (GW-K) and the pilot's (GW_K; null when the pilot had no such programme) */
  programme: string;
  pilotProgramme: string | null;
  /** the library key (DANE) and the programme's module code (GW-K-DANE) */
  module: string;
  moduleCode: string;
  /** the competence area the module trains (null for the closing module, the local plan) */
  area: string | null;
  title: Localized;
  decision: Decision;
  rule: ChangeRule;
  ruleText: Localized;
  change: Localized;
  /** the same as the report's table prints it, beside the module's name and decision (naming neither) */
  brief: Localized;
  /** the module's hours in the programme now (the sum of its forms' ranges) and the hours a drop frees */
  hours: HourRange;
  hoursFreed: HourRange | null;
  reaction: ModuleDecision['reaction'];
  gain: ModuleDecision['gain'];
}

export interface CatalogueChanges {
  kind: 'catalogue-changes';
  catalogue: { file: string; version: string; sha256: string };
  pilot: {
    results: { file: string; sha256: string };
    generatedAt: string;
    synthetic: boolean;
    minN: number;
    level: number;
    instruments: PilotResults['instruments'];
    inputs: PilotResults['inputs'];
  };
  rules: typeof RULES;
  programmes: { programme: string; pilotProgramme: string | null; title: Localized; counts: Record<Decision, number>; hours: HourRange; hoursFreed: HourRange }[];
  changes: CatalogueChange[];
  /** pilot programme × module decisions with no counterpart in the catalogue ("GW_K/XYZ") */
  unmatched: string[];
}

export interface ChangeSources {
  catalogue: Catalogue;
  catalogueFile: { file: string; sha256: string };
  results: PilotResults;
  resultsFile: { file: string; sha256: string };
}

export const pilotCodeOf = (catalogueCode: string): string => catalogueCode.replaceAll('-', '_');

export function catalogueChanges(src: ChangeSources): CatalogueChanges {
  const { catalogue: c, results: r } = src;
  const decisions = moduleDecisions(r);
  const piloted = new Set(Object.keys(r.labels.programmes));
  const used = new Set<ModuleDecision>();
  const changes: CatalogueChange[] = [];
  const programmes: CatalogueChanges['programmes'] = [];
  for (const p of c.programmes) {
    const pilotProgramme = piloted.has(pilotCodeOf(p.code)) ? pilotCodeOf(p.code) : null;
    const summary = { programme: p.code, pilotProgramme, title: p.title, counts: { keep: 0, revise: 0, drop: 0, none: 0 }, hours: { min: 0, max: 0 }, hoursFreed: { min: 0, max: 0 } };
    for (const pm of p.modules) {
      const lib = c.modules[pm.module]!;
      const d = pilotProgramme === null ? undefined : decisions.find((x) => x.programme === pilotProgramme && x.module === pm.module);
      if (d) used.add(d);
      const hours = { min: sum(pm.forms.map((f) => f.hours[0])), max: sum(pm.forms.map((f) => f.hours[1])) };
      const decision: Decision = d?.decision ?? 'none';
      const rule = ruleOf(d, lib.capstone === true);
      const title = moduleTitle(lib, p.segment);
      const forms = (lang: 'pl' | 'en') => pm.forms.map((f) => `${c.forms[f.form]![lang]} ${range(f.hours[0], f.hours[1], lang)}`).join(', ');
      const ctx: TextContext = { title, programme: p.code, hours, forms, d };
      changes.push({
        programme: p.code, pilotProgramme, module: pm.module, moduleCode: moduleCode(p.code, pm.module), area: lib.area ?? null, title, decision, rule,
        ruleText: { pl: RULE_TEXT[rule]('pl'), en: RULE_TEXT[rule]('en') },
        change: { pl: changeText(rule, ctx, 'pl'), en: changeText(rule, ctx, 'en') },
        brief: { pl: briefText(rule, ctx, 'pl'), en: briefText(rule, ctx, 'en') },
        hours, hoursFreed: decision === 'drop' ? hours : null,
        reaction: d?.reaction ?? null, gain: d?.gain ?? null,
      });
      summary.counts[decision]++;
      summary.hours.min += hours.min;
      summary.hours.max += hours.max;
      if (decision === 'drop') {
        summary.hoursFreed.min += hours.min;
        summary.hoursFreed.max += hours.max;
      }
    }
    programmes.push(summary);
  }
  return {
    kind: 'catalogue-changes',
    catalogue: { file: src.catalogueFile.file, version: c.version, sha256: src.catalogueFile.sha256 },
    pilot: { results: src.resultsFile, generatedAt: r.generatedAt, synthetic: r.synthetic, minN: r.config.minN, level: r.config.level, instruments: r.instruments, inputs: r.inputs },
    rules: { ...RULES },
    programmes,
    changes,
    unmatched: decisions.filter((d) => !used.has(d)).map((d) => `${d.programme}/${d.module}`),
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function ruleOf(d: ModuleDecision | undefined, capstone: boolean): ChangeRule {
  if (!d) return 'not-piloted';
  if (d.decision === 'none') return 'withheld';
  if (d.decision === 'keep') return capstone ? 'keep-capstone' : 'keep';
  if (d.decision === 'drop') return capstone ? 'drop-capstone' : 'drop';
  const low = d.reasons.includes('lowReaction') || d.reasons.includes('veryLowReaction');
  const weak = d.reasons.includes('noGain') || d.reasons.includes('smallGain');
  return low && weak ? 'revise-delivery-content' : weak ? 'revise-content' : 'revise-delivery';
}

type Lang = 'pl' | 'en';
const n2 = (x: number, lang: Lang) => formatNumber(x, { decimals: 2, lang });
const range = (lo: number, hi: number, lang: Lang) => `${lo === hi ? String(lo) : `${lo}–${hi}`} ${lang === 'pl' ? 'godz.' : 'h'}`;

const RULE_TEXT: Record<ChangeRule, (lang: Lang) => string> = {
  keep: (l) => (l === 'pl'
    ? `zachować: ocena ≥ ${n2(RULES.keepReaction, l)} i przyrost ≥ ${n2(RULES.keepGain, l)} pkt z 95% PU powyżej 0`
    : `keep: rating ≥ ${n2(RULES.keepReaction, l)} and rise ≥ ${n2(RULES.keepGain, l)} points with the 95% CI above 0`),
  'keep-capstone': (l) => (l === 'pl' ? `zachować (moduł końcowy, oceniany tylko przez uczestników): ocena ≥ ${n2(RULES.keepReaction, l)}` : `keep (closing module, judged on its ratings alone): rating ≥ ${n2(RULES.keepReaction, l)}`),
  drop: (l) => (l === 'pl'
    ? `usunąć: ocena < ${n2(RULES.dropReaction, l)} i brak mierzalnego przyrostu (95% PU sięga 0)`
    : `drop: rating < ${n2(RULES.dropReaction, l)} and no measurable rise (the 95% CI reaches 0)`),
  'drop-capstone': (l) => (l === 'pl' ? `usunąć (moduł końcowy, oceniany tylko przez uczestników): ocena < ${n2(RULES.dropReaction, l)}` : `drop (closing module, judged on its ratings alone): rating < ${n2(RULES.dropReaction, l)}`),
  'revise-delivery': (l) => (l === 'pl'
    ? `poprawić sposób prowadzenia: ocena < ${n2(RULES.keepReaction, l)} przy przyroście spełniającym próg`
    : `revise the delivery: rating < ${n2(RULES.keepReaction, l)} with a rise that meets the bar`),
  'revise-content': (l) => (l === 'pl'
    ? `poprawić treść: ocena ≥ ${n2(RULES.keepReaction, l)}, ale przyrost < ${n2(RULES.keepGain, l)} pkt lub 95% PU sięga 0`
    : `revise the content: rating ≥ ${n2(RULES.keepReaction, l)}, but a rise < ${n2(RULES.keepGain, l)} points or a 95% CI that reaches 0`),
  'revise-delivery-content': (l) => (l === 'pl'
    ? `poprawić sposób prowadzenia i treść: ocena < ${n2(RULES.keepReaction, l)} i przyrost < ${n2(RULES.keepGain, l)} pkt lub 95% PU sięga 0 (bez przesłanek do usunięcia)`
    : `revise the delivery and the content: rating < ${n2(RULES.keepReaction, l)} and a rise < ${n2(RULES.keepGain, l)} points or a 95% CI that reaches 0 (short of a drop)`),
  withheld: (l) => (l === 'pl' ? 'brak decyzji: za mało uczestników (komórki pominięte)' : 'no decision: too few participants (cells withheld)'),
  'not-piloted': (l) => (l === 'pl' ? 'brak decyzji: moduł nie był oceniany w pilotażu' : 'no decision: the module was not rated in the pilot'),
};

interface TextContext {
  title: Localized;
  programme: string;
  hours: HourRange;
  forms: (lang: Lang) => string;
  d: ModuleDecision | undefined;
}

/** Why the level did not clearly rise, in the words of the rules. */
function weakGain(d: ModuleDecision, lang: Lang): string {
  const pl = lang === 'pl';
  if (d.reasons.includes('noGain')) return pl ? 'przyrost poziomu w obszarze nie jest mierzalny (95% PU sięga zera)' : 'the rise of the level in its area is not measurable (the 95% CI reaches zero)';
  return pl ? `poziom w obszarze wzrósł o mniej niż ${n2(RULES.keepGain, lang)} pkt` : `the level in its area rose by less than ${n2(RULES.keepGain, lang)} points`;
}

function changeText(rule: ChangeRule, x: TextContext, lang: Lang): string {
  const pl = lang === 'pl';
  const title = pl ? `„${x.title.pl}”` : `"${x.title.en}"`;
  const hours = range(x.hours.min, x.hours.max, lang);
  const d = x.d!;
  switch (rule) {
    case 'keep':
    case 'keep-capstone':
      return pl ? `Bez zmian: moduł ${title} pozostaje w programie ${x.programme} (${hours}).` : `No change: module ${title} stays in programme ${x.programme} (${hours}).`;
    case 'drop':
      return pl
        ? `Usunąć moduł ${title} z programu ${x.programme}; zwalnia to ${hours} (${x.forms('pl')}) na inne moduły programu.`
        : `Remove module ${title} from programme ${x.programme}; this frees ${hours} (${x.forms('en')}) for the programme's other modules.`;
    case 'drop-capstone':
      return pl
        ? `Usunąć moduł ${title} w obecnej postaci z programu ${x.programme} i zastąpić go nowym modułem końcowym (każdy program kończy się planem lokalnym); zwalnia to ${hours} (${x.forms('pl')}).`
        : `Remove module ${title} as it stands from programme ${x.programme} and replace it with a new closing module (every programme ends in a local plan); this frees ${hours} (${x.forms('en')}).`;
    case 'revise-delivery':
      return pl
        ? `Poprawić sposób prowadzenia modułu ${title} w programie ${x.programme} (trenerzy, metody, organizacja zajęć), bez zmiany treści: uczestnicy ocenili go nisko, ${d.gain ? 'choć skutecznie podnosi ich poziom' : 'a moduł końcowy jest oceniany tylko na podstawie ich ocen'}.`
        : `Revise the delivery of module ${title} in programme ${x.programme} (trainers, methods, organisation), keeping its content: the participants rated it low, ${d.gain ? 'though it raises their level' : 'and the closing module is judged on their ratings alone'}.`;
    case 'revise-content':
      return pl
        ? `Poprawić treść modułu ${title} w programie ${x.programme} (cele, tematy, ćwiczenia na sprawach JST), bez zmiany sposobu prowadzenia: uczestnicy ocenili go dobrze, ale ${weakGain(d, 'pl')}.`
        : `Revise the content of module ${title} in programme ${x.programme} (goals, topics, exercises on JST cases), keeping its delivery: the participants rated it well, but ${weakGain(d, 'en')}.`;
    case 'revise-delivery-content':
      return pl
        ? `Poprawić sposób prowadzenia i treść modułu ${title} w programie ${x.programme}: uczestnicy ocenili go nisko, a ${weakGain(d, 'pl')}.`
        : `Revise both the delivery and the content of module ${title} in programme ${x.programme}: the participants rated it low, and ${weakGain(d, 'en')}.`;
    case 'withheld':
      return pl
        ? `Bez decyzji: za mało uczestników, by ocenić moduł ${title} w programie ${x.programme}; pozostaje bez zmian do ponownej oceny we wdrożeniu.`
        : `No decision: too few participants to judge module ${title} in programme ${x.programme}; it stays as it is until the rollout evaluates it again.`;
    case 'not-piloted':
      return pl
        ? `Bez decyzji: moduł ${title} programu ${x.programme} nie był oceniany w pilotażu; pozostaje bez zmian.`
        : `No decision: module ${title} of programme ${x.programme} was not rated in the pilot; it stays as it is.`;
  }
}

/** The change as the report's table prints it, beside the module's name and decision: naming neither. */
function briefText(rule: ChangeRule, x: TextContext, lang: Lang): string {
  const pl = lang === 'pl';
  const hours = range(x.hours.min, x.hours.max, lang);
  const d = x.d!;
  switch (rule) {
    case 'keep':
    case 'keep-capstone':
      return pl ? `Bez zmian (${hours}).` : `No change (${hours}).`;
    case 'drop':
      return pl ? `Usunąć z programu; zwalnia ${hours} (${x.forms('pl')}).` : `Remove from the programme; frees ${hours} (${x.forms('en')}).`;
    case 'drop-capstone':
      return pl ? `Zastąpić nowym modułem końcowym; zwalnia ${hours} obecnego modułu.` : `Replace with a new closing module; frees the current module's ${hours}.`;
    case 'revise-delivery':
      return pl
        ? `Poprawić sposób prowadzenia (trenerzy, metody, organizacja zajęć), treść bez zmian: ${d.gain ? 'niska ocena przy przyroście spełniającym próg' : 'niska ocena modułu końcowego'}.`
        : `Revise the delivery (trainers, methods, organisation), keep the content: ${d.gain ? 'rated low, with a rise that meets the bar' : 'the closing module is rated low'}.`;
    case 'revise-content':
      return pl ? `Poprawić treść (cele, tematy, ćwiczenia na sprawach JST), sposób prowadzenia bez zmian: ${weakGain(d, 'pl')}.` : `Revise the content (goals, topics, exercises on JST cases), keep the delivery: ${weakGain(d, 'en')}.`;
    case 'revise-delivery-content':
      return pl ? `Poprawić sposób prowadzenia i treść: niska ocena, a ${weakGain(d, 'pl')}.` : `Revise the delivery and the content: rated low, and ${weakGain(d, 'en')}.`;
    case 'withheld':
      return pl ? 'Bez zmian do ponownej oceny we wdrożeniu (za mało uczestników).' : 'No change until the rollout evaluates it again (too few participants).';
    case 'not-piloted':
      return pl ? 'Bez zmian (moduł nie był oceniany w pilotażu).' : 'No change (the module was not rated in the pilot).';
  }
}
