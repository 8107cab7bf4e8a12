/**
 * Polish (and English) word forms the generated sentences need: segments and staff groups in the cases
 * a sentence puts them in, so that text reads as written by an analyst ("w gminach wiejskich",
 * "kadry zarządzającej"), never as a label pasted into a template.
 */
import type { Lang } from './kit/index.ts';

export interface SegmentForms {
  /** nominative: "gminy wiejskie" */
  nom: string;
  /** genitive: "gmin wiejskich" (potrzeby gmin wiejskich) */
  gen: string;
  /** locative with preposition: "w gminach wiejskich" */
  inLoc: string;
  /** instrumental: "gminami wiejskimi" (z gminami wiejskimi) */
  inst: string;
  /** dative: "gminom wiejskim" (gminom wiejskim brakuje) */
  dat: string;
  /** capitalised title: "Gminy wiejskie" */
  title: string;
}

const SEGMENT_FORMS: Record<string, Record<Lang, SegmentForms>> = {
  rural: {
    pl: { nom: 'gminy wiejskie', gen: 'gmin wiejskich', inLoc: 'w gminach wiejskich', inst: 'gminami wiejskimi', dat: 'gminom wiejskim', title: 'Gminy wiejskie' },
    en: { nom: 'rural gminas', gen: 'rural gminas', inLoc: 'in rural gminas', inst: 'rural gminas', dat: 'rural gminas', title: 'Rural gminas' },
  },
  urban: {
    pl: { nom: 'gminy miejskie', gen: 'gmin miejskich', inLoc: 'w gminach miejskich', inst: 'gminami miejskimi', dat: 'gminom miejskim', title: 'Gminy miejskie' },
    en: { nom: 'urban gminas', gen: 'urban gminas', inLoc: 'in urban gminas', inst: 'urban gminas', dat: 'urban gminas', title: 'Urban gminas' },
  },
  county: {
    pl: { nom: 'powiaty', gen: 'powiatów', inLoc: 'w powiatach', inst: 'powiatami', dat: 'powiatom', title: 'Powiaty' },
    en: { nom: 'counties', gen: 'counties', inLoc: 'in counties', inst: 'counties', dat: 'counties', title: 'Counties' },
  },
};

export interface GroupForms {
  /** "kadra zarządzająca" / "pracownicy operacyjni" */
  nom: string;
  /** "kadry zarządzającej" / "pracowników operacyjnych" */
  gen: string;
  /** "dla kadry zarządzającej" */
  forGroup: string;
  /** instrumental: "kadrą zarządzającą" (razem z kadrą zarządzającą) */
  inst: string;
  /** "Kadra zarządzająca" */
  title: string;
}

const GROUP_FORMS: Record<string, Record<Lang, GroupForms>> = {
  management: {
    pl: { nom: 'kadra zarządzająca', gen: 'kadry zarządzającej', forGroup: 'dla kadry zarządzającej', inst: 'kadrą zarządzającą', title: 'Kadra zarządzająca' },
    en: { nom: 'management', gen: 'management', forGroup: 'for management', inst: 'management', title: 'Management' },
  },
  operational: {
    pl: { nom: 'pracownicy operacyjni', gen: 'pracowników operacyjnych', forGroup: 'dla pracowników operacyjnych', inst: 'pracownikami operacyjnymi', title: 'Pracownicy operacyjni' },
    en: { nom: 'operational staff', gen: 'operational staff', forGroup: 'for operational staff', inst: 'operational staff', title: 'Operational staff' },
  },
  all: {
    pl: { nom: 'wszyscy badani', gen: 'wszystkich badanych', forGroup: 'dla wszystkich badanych', inst: 'wszystkimi badanymi', title: 'Wszyscy badani' },
    en: { nom: 'all respondents', gen: 'all respondents', forGroup: 'for all respondents', inst: 'all respondents', title: 'All respondents' },
  },
};

/** Forms of a segment; a configured segment without stored forms falls back to its label. */
export function segmentForms(code: string, lang: Lang, label?: string): SegmentForms {
  const f = SEGMENT_FORMS[code]?.[lang];
  if (f) return f;
  const l = label ?? code;
  const lower = l.toLowerCase();
  return { nom: lower, gen: lower, inLoc: lang === 'pl' ? `w grupie „${l}”` : `in ${l}`, inst: lower, dat: lower, title: l };
}

export function groupForms(group: string, lang: Lang): GroupForms {
  return (GROUP_FORMS[group] ?? GROUP_FORMS.all!)[lang];
}

/** Polish words for Borich/IPA concepts used across chapters. */
export const QUADRANT_LABELS: Record<string, Record<Lang, string>> = {
  concentrate_here: { pl: 'Skoncentruj się tutaj', en: 'Concentrate here' },
  keep_up: { pl: 'Utrzymaj', en: 'Keep up the good work' },
  low_priority: { pl: 'Niski priorytet', en: 'Low priority' },
  possible_overkill: { pl: 'Możliwy nadmiar', en: 'Possible overkill' },
};

export const FORM_LABELS: Record<string, Record<Lang, string>> = {
  workshops: { pl: 'warsztaty', en: 'workshops' },
  elearning: { pl: 'e-learning', en: 'e-learning' },
  coaching: { pl: 'doradztwo i coaching', en: 'advisory and coaching' },
  study_visits: { pl: 'wizyty studyjne', en: 'study visits' },
  peer_networks: { pl: 'sieci współpracy', en: 'peer networks' },
};
