/**
 * The pilot evaluation's results (`diag pilot analyze` → pilot-results.json). Every cell is either published with
 * its figures or withheld whole (`{ withheld: true }`, no n, no mean); no participant code, JST or respondent id
 * appears anywhere.
 */
import type { InstrumentRef, Localized } from '../../questionnaire/types.ts';
import type { PairedStats } from './paired.ts';

export interface PilotConfig {
  /** no cell describes fewer participants than this (suppression.minN) */
  minN: number;
  /** confidence level of every interval */
  level: number;
  /** an official's own diagnosis gap (area mean importance − area mean level) at which the area counts as their need */
  needGap: number;
}

/**
 * Officials in the register who returned no pilot questionnaire at all: their programme is unknown, so they appear
 * only as this row of the participant and attrition tables (and in "all"). No programme code can take this form
 * (choice values hold letters, digits and "_").
 */
export const NO_RESPONSE = '(no response)';

export const DEFAULT_PILOT_CONFIG: PilotConfig = { minN: 5, level: 0.95, needGap: 1 };

export interface Withheld {
  withheld: true;
}

/** 'all' or a staff group code of the diagnosis */
export type GroupKey = string;

export interface PairedCell {
  programme: string;
  staffGroup: GroupKey;
  area: string;
  /** absent for the area score (mean of the area's items both waves rated) */
  item?: string;
  stats: PairedStats | Withheld;
}

export interface NeedCell {
  programme: string;
  /** the area was the official's need in the diagnosis (own gap ≥ needGap), or not */
  need: boolean;
  /** distinct participants behind the pairs */
  participants: number | null;
  /** pairs are participant × area */
  stats: PairedStats | Withheld;
}

export interface AttritionCell {
  programme: string;
  /** null when withheld */
  completers: { n: number; meanBaseline: number | null; sd: number | null } | Withheld;
  dropouts: { n: number; meanBaseline: number | null; sd: number | null } | Withheld;
  /** completers − drop-outs (Welch) when both are published */
  difference: { value: number | null; ciLow: number | null; ciHigh: number | null; p: number | null; hedgesG: number | null } | null;
}

export interface ScaleSummary {
  scale: string;
  n: number;
  mean: number | null;
  sd: number | null;
  /** answers per scale value, lowest first */
  distribution: { value: number; count: number }[];
}

export interface ReactionCell {
  programme: string;
  module: string;
  result: { n: number; scales: ScaleSummary[] } | Withheld;
}

export interface FollowupCell {
  programme: string;
  result: { n: number; scales: ScaleSummary[]; choices: { question: string; choice: string; count: number | null; share: number | null }[] } | Withheld;
}

export interface PilotResults {
  kind: 'pilot-evaluation';
  generatedAt: string;
  /** every response read was marked synthetic (meta source "synthetic") */
  synthetic: boolean;
  config: PilotConfig;
  instruments: { diagnosis: InstrumentRef; reaction?: InstrumentRef; post: InstrumentRef; followup?: InstrumentRef };
  inputs: { file: string; sha256: string }[];
  labels: {
    programmes: Record<string, Localized>;
    staffGroups: Record<string, Localized>;
    areas: Record<string, Localized>;
    modules: Record<string, Localized>;
    scales: Record<string, Localized>;
    /** the follow-up's tabulated choice questions: the question's wording and each answer's (absent in older files) */
    choices?: Record<string, { title: Localized; values: Record<string, Localized> }>;
  };
  method: Record<string, string>;
  /** officials linked (in the register with a diagnosis response) and their JSTs, per programme; protected with attrition */
  participants: { programme: string; result: { linked: number; jsts: number } | Withheld }[];
  change: PairedCell[];
  changeItems: PairedCell[];
  responseShift: PairedCell[];
  thenTest: PairedCell[];
  needVsElsewhere: NeedCell[];
  attrition: AttritionCell[];
  reactions: ReactionCell[];
  followup: FollowupCell[];
  /** how many cells each table withheld: below the threshold (primary) and to protect them (complementary) */
  withheld: { table: string; primary: number; complementary: number; published: number }[];
}
