/**
 * One synthetic respondent: profile answers, rated items from the latent model in params.ts, training
 * needs that follow the respondent's own gaps, and the JST's key-competence solutions.
 */
import type { JstKind } from '../domain/jst.ts';
import type { Validator } from '../questionnaire/validate.ts';
import type { Questionnaire, StaffGroup } from '../questionnaire/types.ts';
import type { Rng } from '../util/rng.ts';
import { AREA_BASE, EXPERIENCE_LEVEL_SHIFT, ITEM_OFFSETS, MANAGEMENT_SHARE, SD, SHIFTS, QUALITY, type Measure } from './params.ts';

/** What respondents of one JST share. */
export interface JstProfile {
  teryt: string;
  kind: JstKind;
  voivodeship: string;
  populationClass: string;
  schools?: number;
  pupils?: number;
  cuw: string;
  strategy: string;
  coalition: string;
  /** JST random effects on the latent scale */
  effect: { imp: number; lvl: number };
  /** key-competence solutions the JST runs */
  kcNow: string[];
}

const pickWeighted = <T extends string>(rng: Rng, table: Record<T, number>): T => {
  const keys = Object.keys(table) as T[];
  return keys[rng.weightedIndex(keys.map((k) => table[k]))] as T;
};

/** Each choice independently with its probability; at least one (the likeliest) when `atLeastOne`. */
function pickSome(rng: Rng, table: Record<string, number>, allowed: string[], atLeastOne: boolean): string[] {
  const out = allowed.filter((c) => rng.chance(table[c] ?? 0.2));
  if (out.length === 0 && atLeastOne) out.push(allowed[rng.weightedIndex(allowed.map((c) => table[c] ?? 0.2))] as string);
  return out;
}

const POSITIONS: Record<StaffGroup, { gmina: Record<string, number>; county: Record<string, number> }> = {
  management: {
    gmina: { head: 0.2, deputy_head: 0.15, secretary: 0.15, dept_head: 0.35, cuw_director: 0.1, other_mgmt: 0.05 },
    county: { county_board: 0.3, secretary: 0.15, dept_head: 0.4, cuw_director: 0.1, other_mgmt: 0.05 },
  },
  operational: {
    gmina: { inspector: 0.5, finance: 0.25, cuw_staff: 0.2, other_oper: 0.05 },
    county: { inspector: 0.5, finance: 0.25, cuw_staff: 0.2, other_oper: 0.05 },
  },
};
const YEARS = { lt2: 0.1, '2_5': 0.2, '6_10': 0.25, '11_20': 0.28, gt20: 0.17 };
const TASKS: Record<StaffGroup, Record<string, number>> = {
  management: { budget: 0.6, subsidy: 0.3, network: 0.6, org_sheets: 0.5, transport: 0.3, grants: 0.3, directors: 0.7, teacher_pay: 0.4, strategy: 0.7, report: 0.4, special_needs: 0.3, vocational: 0.5, projects: 0.4, partners: 0.6 },
  operational: { budget: 0.5, subsidy: 0.55, network: 0.3, org_sheets: 0.6, transport: 0.45, grants: 0.45, directors: 0.3, teacher_pay: 0.5, strategy: 0.2, report: 0.6, special_needs: 0.4, vocational: 0.4, projects: 0.3, partners: 0.3 },
};
const FORMS: Record<StaffGroup, Record<string, number>> = {
  management: { workshops: 0.45, elearning: 0.25, coaching: 0.55, study_visits: 0.5, peer_networks: 0.35 },
  operational: { workshops: 0.7, elearning: 0.55, coaching: 0.25, study_visits: 0.2, peer_networks: 0.35 },
};
const MODE: Record<StaffGroup, Record<string, number>> = {
  management: { onsite: 0.35, online: 0.25, hybrid: 0.4 },
  operational: { onsite: 0.3, online: 0.4, hybrid: 0.3 },
};
const DAYS: Record<StaffGroup, Record<string, number>> = {
  management: { le2: 0.45, '3_5': 0.4, '6_10': 0.12, gt10: 0.03 },
  operational: { le2: 0.25, '3_5': 0.45, '6_10': 0.22, gt10: 0.08 },
};
const KC_PRIORITIES: Record<'gmina' | 'county', Record<string, number>> = {
  gmina: { literacy: 0.45, multilingual: 0.35, stem: 0.45, digital: 0.45, personal: 0.4, citizenship: 0.15, entrepreneurship: 0.1, cultural: 0.15 },
  county: { literacy: 0.2, multilingual: 0.35, stem: 0.45, digital: 0.5, personal: 0.3, citizenship: 0.15, entrepreneurship: 0.45, cultural: 0.1 },
};
export const KC_NOW: Record<'rural' | 'urban' | 'county', Record<string, number>> = {
  rural: { strategy_goals: 0.15, school_programmes: 0.2, teacher_dev: 0.45, process_support: 0.15, extracurricular: 0.55, digital_infra: 0.6, partners: 0.15, monitoring: 0.25, career_guidance: 0.1 },
  urban: { strategy_goals: 0.35, school_programmes: 0.45, teacher_dev: 0.55, process_support: 0.3, extracurricular: 0.6, digital_infra: 0.55, partners: 0.4, monitoring: 0.45, career_guidance: 0.2 },
  county: { strategy_goals: 0.3, school_programmes: 0.3, teacher_dev: 0.5, process_support: 0.25, extracurricular: 0.4, digital_infra: 0.55, partners: 0.55, monitoring: 0.4, career_guidance: 0.55 },
};
const KC_LACK: Record<'rural' | 'urban' | 'county', Record<string, number>> = {
  rural: { funds: 0.75, staff: 0.55, data: 0.4, knowledge: 0.35, teachers: 0.3, infrastructure: 0.45, partners: 0.35, external_support: 0.3 },
  urban: { funds: 0.6, staff: 0.25, data: 0.45, knowledge: 0.3, teachers: 0.35, infrastructure: 0.3, partners: 0.45, external_support: 0.25 },
  county: { funds: 0.7, staff: 0.3, data: 0.4, knowledge: 0.3, teachers: 0.45, infrastructure: 0.4, partners: 0.5, external_support: 0.3 },
};
const KC_SUPPORT = { training: 0.6, advisory: 0.45, data_tools: 0.5, templates: 0.45, networks: 0.35, funding_info: 0.55 };
const KC_COMMENTS = [
  'Chcielibyśmy uruchomić sieć współpracy szkół w zakresie nauczania przedmiotów ścisłych.',
  'Planujemy program wspierania kompetencji cyfrowych uczniów we współpracy z lokalną firmą.',
  'Potrzebujemy narzędzia do wspólnej z dyrektorami analizy wyników egzaminów.',
  'Zależy nam na zajęciach językowych dla uczniów z małych szkół wiejskich.',
  'Chcemy przygotować lokalny plan rozwoju oświaty razem z rodzicami i organizacjami pozarządowymi.',
  'Rozważamy utworzenie centrum kształcenia zawodowego z udziałem pracodawców.',
];
const COMMENTS = [
  'Ankieta długa, ale potrzebna. Proszę o szkolenia blisko miejsca pracy.',
  'Najbardziej brakuje nam czasu – w małej gminie jedna osoba odpowiada za całą oświatę.',
  'Przydałyby się wzory dokumentów i konsultacje z ekspertem.',
  'Dziękuję za możliwość wypowiedzi; proszę o wyniki badania.',
];

export const kindFamily = (kind: JstKind): 'rural' | 'urban' | 'county' =>
  kind === 'rural' || kind === 'urban_rural' ? 'rural' : kind === 'county' ? 'county' : 'urban';

/** A JST's shared facts and effects. */
export function jstProfile(rng: Rng, unit: { teryt: string; kind: JstKind; voivodeship: string; population?: number; schools?: number; pupils?: number }, facts: { cuw: number; strategy: [number, number]; coalition: [number, number] }, populationClass: string): JstProfile {
  const tri = (p: [number, number], middle: string) => {
    const x = rng.next();
    return x < p[0] ? 'yes' : x < p[0] + p[1] ? middle : 'no';
  };
  return {
    teryt: unit.teryt,
    kind: unit.kind,
    voivodeship: unit.voivodeship,
    populationClass,
    ...(unit.schools !== undefined ? { schools: unit.schools } : {}),
    ...(unit.pupils !== undefined ? { pupils: unit.pupils } : {}),
    cuw: rng.chance(facts.cuw) ? 'yes' : 'no',
    strategy: tri(facts.strategy, 'in_preparation'),
    coalition: tri(facts.coalition, 'planned'),
    effect: { imp: rng.normal(0, SD.jst.imp), lvl: rng.normal(0, SD.jst.lvl) },
    kcNow: pickSome(rng, KC_NOW[kindFamily(unit.kind)], Object.keys(KC_NOW.rural), false),
  };
}

/** Most respondents report a JST fact as it is; some do not know, a few differ. */
function reportFact(rng: Rng, truth: string, options: string[], group: StaffGroup): string {
  const x = rng.next();
  const dontKnow = group === 'operational' ? 0.08 : 0.03;
  if (x < dontKnow) return 'dont_know';
  if (x < dontKnow + 0.03) return rng.pick(options.filter((o) => o !== truth && o !== 'dont_know'));
  return truth;
}

export interface RespondentDraft {
  data: Record<string, unknown>;
  straightLiner: boolean;
}

/** `group`: the staff group to draw (the synthetic pilot's fixed mix); drawn with MANAGEMENT_SHARE when absent. */
export function draftRespondent(rng: Rng, q: Questionnaire, validator: Validator, jst: JstProfile, group?: StaffGroup): RespondentDraft {
  group ??= rng.chance(MANAGEMENT_SHARE) ? 'management' : 'operational';
  const isCountyLevel = jst.kind === 'county';
  const data: Record<string, unknown> = {
    jst_kind: jst.kind,
    teryt: jst.teryt,
    voivodeship: jst.voivodeship,
    population_class: jst.populationClass,
  };
  if (jst.schools !== undefined && !rng.chance(QUALITY.countNonResponse)) data.n_schools = jst.schools;
  if (jst.pupils !== undefined && !rng.chance(QUALITY.countNonResponse)) data.n_pupils = jst.pupils;
  data.cuw = reportFact(rng, jst.cuw, ['yes', 'no', 'dont_know'], group);
  data.strategy = reportFact(rng, jst.strategy, ['yes', 'in_preparation', 'no', 'dont_know'], group);
  data.coalition = reportFact(rng, jst.coalition, ['yes', 'planned', 'no', 'dont_know'], group);
  data.staff_group = group;
  data.position = pickWeighted(rng, POSITIONS[group][isCountyLevel ? 'county' : 'gmina']);
  const years = pickWeighted(rng, YEARS);
  data.years_admin = years;
  data.tasks = pickSome(rng, TASKS[group], validator.visibleOptions('tasks', data), true);

  // Rated items.
  const straightLiner = rng.chance(QUALITY.straightLiners);
  const straightValue = rng.pick([3, 4, 4, 5]);
  const personal = { imp: rng.normal(0, SD.respondent.imp), lvl: rng.normal(0, SD.respondent.lvl) };
  const gaps: { area: string; gap: number }[] = [];
  for (const area of q.areas) {
    if (!validator.isVisible(area.question, data)) continue;
    const base = AREA_BASE[area.code] ?? { imp: 3.8, lvl: 3.4 };
    const latent = (measure: Measure) => {
      let m = base[measure] + jst.effect[measure] + personal[measure] + rng.normal(0, SD.respondentArea[measure]);
      for (const s of SHIFTS) {
        if (s.area === area.code && s.measure === measure && (!s.kinds || s.kinds.includes(jst.kind)) && (!s.groups || s.groups.includes(group))) m += s.delta;
      }
      if (measure === 'lvl') m += EXPERIENCE_LEVEL_SHIFT[years] ?? 0;
      return m;
    };
    const areaLatent = { imp: latent('imp'), lvl: latent('lvl') };
    gaps.push({ area: area.code, gap: areaLatent.imp - areaLatent.lvl });
    const rows: Record<string, Record<string, number>> = {};
    const shown = validator.visibleOptions(area.question, data);
    area.items.forEach((item, i) => {
      if (!shown.includes(item.code)) return;
      const cells: Record<string, number> = {};
      for (const measure of ['imp', 'lvl'] as const) {
        const raw = areaLatent[measure] + (ITEM_OFFSETS[i] ?? 0) + rng.normal(0, SD.item);
        const rating = straightLiner ? straightValue : Math.min(5, Math.max(1, Math.round(raw)));
        if (!rng.chance(QUALITY.itemNonResponse)) cells[measure] = rating;
      }
      if (Object.keys(cells).length) rows[item.code] = cells;
    });
    if (Object.keys(rows).length) data[area.question] = rows;
  }

  // Training needs follow the respondent's own largest gaps (softmax on the latent gap).
  const k = rng.weightedIndex([0.15, 0.25, 0.6]) + 1;
  const pool = gaps.slice();
  const chosenAreas: string[] = [];
  while (chosenAreas.length < k && pool.length) {
    const i = rng.weightedIndex(pool.map((g) => Math.exp(2 * g.gap)));
    chosenAreas.push((pool.splice(i, 1)[0] as { area: string }).area);
  }
  data.train_areas = chosenAreas;
  data.train_forms = pickSome(rng, FORMS[group], Object.keys(FORMS[group]), true);
  data.train_mode = pickWeighted(rng, MODE[group]);
  data.train_days = pickWeighted(rng, DAYS[group]);

  // The JST's key-competence solutions, as this respondent reports them.
  const family = kindFamily(jst.kind);
  data.kc_priorities = pickSome(rng, KC_PRIORITIES[family === 'county' ? 'county' : 'gmina'], Object.keys(KC_PRIORITIES.gmina), true).slice(0, 3);
  const now = jst.kcNow.filter(() => !rng.chance(0.1));
  data.kc_now = now.length ? now : ['none'];
  data.kc_lack = pickSome(rng, KC_LACK[family], Object.keys(KC_LACK.rural), true);
  data.kc_support = pickSome(rng, KC_SUPPORT, Object.keys(KC_SUPPORT), true);
  if (rng.chance(0.06)) data.kc_comment = rng.pick(KC_COMMENTS);
  if (rng.chance(0.04)) data.comments = rng.pick(COMMENTS);
  return { data, straightLiner };
}
