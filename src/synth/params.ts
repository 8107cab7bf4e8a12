/**
 * The synthetic population model: every effect planted in the synthetic data, in one place.
 * data-samples/README.md documents the same figures, and test/synth checks that the data carry them.
 *
 * Ratings come from latent scores on the 1–5 scale:
 *   latent = base(area, measure) + kindShift + groupShift + experienceShift
 *            + JST effect + respondent effect + respondent×area effect + item offset + item noise,
 * rounded to the nearest whole point and clamped to 1–5.
 */
import type { JstKind } from '../domain/jst.ts';
import type { StaffGroup } from '../questionnaire/types.ts';

export type Measure = 'imp' | 'lvl';

/** Base latent means per area: importance and level. The gap (imp − lvl) is the planted training need. */
export const AREA_BASE: Record<string, { imp: number; lvl: number }> = {
  PRAWO: { imp: 4.1, lvl: 4.0 }, // no real gap
  STRAT: { imp: 4.0, lvl: 3.2 },
  DANE: { imp: 4.1, lvl: 3.2 },
  FIN: { imp: 4.2, lvl: 3.6 },
  SIEC: { imp: 3.9, lvl: 3.6 },
  KADRY: { imp: 3.8, lvl: 3.7 }, // no real gap
  WSPAR: { imp: 4.0, lvl: 3.1 },
  INKL: { imp: 3.8, lvl: 3.3 },
  ZAWOD: { imp: 4.1, lvl: 2.9 },
  PRZED: { imp: 3.7, lvl: 3.6 }, // no real gap
  PARTN: { imp: 3.9, lvl: 3.2 },
};

export interface Shift {
  area: string;
  measure: Measure;
  delta: number;
  kinds?: JstKind[];
  groups?: StaffGroup[];
  note: string;
}

/** Planted differences between JST kinds and staff groups (latent scale). */
export const SHIFTS: Shift[] = [
  { area: 'DANE', measure: 'lvl', delta: -0.3, kinds: ['rural', 'urban_rural'], note: 'rural and urban-rural gminas analyse data less well' },
  { area: 'DANE', measure: 'lvl', delta: +0.3, kinds: ['urban', 'city_county'], note: 'urban gminas and cities analyse data better (0.6 above rural gminas)' },
  { area: 'SIEC', measure: 'imp', delta: +0.4, kinds: ['rural', 'urban_rural'], note: 'the school network matters more to rural gminas (small schools, transport)' },
  { area: 'PARTN', measure: 'imp', delta: +0.4, kinds: ['urban', 'city_county'], note: 'communication matters more in towns (competition between schools, consultations)' },
  { area: 'ZAWOD', measure: 'lvl', delta: +0.3, kinds: ['city_county'], note: 'cities with county rights run vocational education with more staff' },
  { area: 'STRAT', measure: 'imp', delta: +0.4, groups: ['management'], note: 'strategy matters more to management' },
  { area: 'STRAT', measure: 'lvl', delta: +0.4, groups: ['management'], note: 'management plans better' },
  { area: 'PARTN', measure: 'lvl', delta: +0.3, groups: ['management'], note: 'management communicates better' },
  { area: 'FIN', measure: 'lvl', delta: +0.3, groups: ['operational'], note: 'operational staff know finance better' },
];

/** Level shift by years in education administration: experience raises every level. */
export const EXPERIENCE_LEVEL_SHIFT: Record<string, number> = { lt2: -0.3, '2_5': -0.1, '6_10': 0, '11_20': 0.1, gt20: 0.2 };

/** Standard deviations of the latent components (1–5 scale). */
export const SD = {
  jst: { imp: 0.15, lvl: 0.25 },
  respondent: { imp: 0.3, lvl: 0.3 },
  respondentArea: { imp: 0.4, lvl: 0.35 },
  item: 0.4,
};

/** Fixed offsets of items within an area, by item position. */
export const ITEM_OFFSETS = [0, -0.15, 0.1, -0.05, 0.1];

export const QUALITY = {
  /** probability that any one rating cell is left empty */
  itemNonResponse: 0.03,
  /** probability that an optional count (schools, pupils) is left empty */
  countNonResponse: 0.08,
  /** share of respondents who give one value to every rating */
  straightLiners: 0.02,
  /** share of respondents who finish in 15–30 % of the median time */
  speeders: 0.03,
  /** speeders take 15–30 % of the median time; ordinary respondents at least 1.5 times that */
  slowestSpeederPace: 0.3,
  /** share of straight-liners who also speed */
  straightLinerSpeeds: 0.5,
  /** share of submissions that are a copy of another respondent's answers */
  duplicates: 0.003,
  /** median completion time, seconds, and its log-scale SD */
  medianDurationSec: 1200,
  durationLogSd: 0.35,
};

/** Share of management among respondents. */
export const MANAGEMENT_SHARE = 0.35;

/** Fieldwork window of the synthetic wave (UTC). */
export const FIELDWORK = { start: Date.UTC(2026, 2, 2), days: 53, wave: 'demo-2026' };

/** JST-level facts by kind: probabilities of a CUW, an education strategy (yes / in preparation) and a local coalition (yes / planned). */
export const JST_FACTS: Record<JstKind, { cuw: number; strategy: [number, number]; coalition: [number, number] }> = {
  rural: { cuw: 0.6, strategy: [0.25, 0.15], coalition: [0.08, 0.12] },
  urban_rural: { cuw: 0.55, strategy: [0.3, 0.15], coalition: [0.1, 0.12] },
  urban: { cuw: 0.4, strategy: [0.45, 0.15], coalition: [0.15, 0.15] },
  city_county: { cuw: 0.5, strategy: [0.7, 0.1], coalition: [0.25, 0.15] },
  county: { cuw: 0.3, strategy: [0.4, 0.15], coalition: [0.1, 0.12] },
};
