/**
 * From findings to recommendations: one rule decides, for every competence area of a programme, whether its
 * module is "core", "supplementary" or "not recommended", and how strong the evidence for it is, so that
 * the label a reader sees never contradicts the quadrant or the evidence beside it. Stated once here and in
 * the reports' methodology chapter and every programme document.
 *
 * Two signals from the diagnosis, per staff group of each segment (the cell):
 *  - Borich: how the area's MWDS stands against the typical need of the cell, the median MWDS of its areas:
 *    "clearly above" when the whole 95 % interval lies above the median, "above" when only the estimate
 *    does, else "not above";
 *  - IPA: the area's quadrant ("concentrate here" = importance at or above the cell's average and level
 *    below it).
 * Evidence for a training need:
 *  - strong: n ≥ lowPrecisionBelow, quadrant "concentrate here", MWDS clearly above typical;
 *  - moderate: n ≥ lowPrecisionBelow and either "concentrate here" with MWDS above typical, or MWDS clearly
 *    above typical in "low priority" or "keep up";
 *  - thin: everything else (and always under lowPrecisionBelow respondents or in "possible overkill").
 * Label:
 *  - core: quadrant "concentrate here" and evidence strong or moderate;
 *  - supplementary: not core, not "possible overkill", and evidence moderate, or at least DEMAND_SHARE of
 *    the group ask for training in the area (the question of roles.trainingAreas), or a lack that at least
 *    LACK_SHARE of the segment's officials report (roles.keyCompetences.lack; no such signal when the
 *    questionnaire declares no lack question) maps to the area (catalogue.lacks);
 *  - not recommended: everything else.
 * Hence a core module is always in "concentrate here" with strong or moderate evidence, a supplementary one
 * never has stronger evidence than "moderate", and a not-recommended one has thin evidence.
 *
 * Priority (the order modules are scheduled and given hours): core before supplementary, then stronger
 * evidence first, then higher MWDS. Shares (demand, lacks) are population estimates, weighted as the number
 * policy says (figures.ts).
 */
import type { PriorityAreaT, Results } from '../analysis/results-schema.ts';
import type { ProgrammeRoles } from '../questionnaire/types.ts';
import type { Catalogue, ProgrammeT } from './catalogue.ts';
import { priority, priorityAreas, share, type PriorityFigures, type ShareFigure } from './figures.ts';

export const DEMAND_SHARE = 0.3;
export const LACK_SHARE = 0.4;

export type Label = 'core' | 'supplementary' | 'not_recommended';
export type Strength = 'strong' | 'moderate' | 'thin';
/** how the MWDS stands against the cell's typical need (median MWDS of its areas) */
export type AboveTypical = 'clearly' | 'estimate' | 'no';
export type Reason = 'concentrate_here' | 'need_above_typical' | 'declared_demand' | 'lacking_solution';

export interface LackShare {
  lack: string;
  share: ShareFigure;
}

export interface AreaAssessment {
  area: string;
  /** the library key of the module that trains it, or null when the programme offers none */
  module: string | null;
  label: Label;
  strength: Strength;
  aboveTypical: AboveTypical;
  lowN: boolean;
  priority: PriorityFigures;
  quadrant: PriorityAreaT['quadrant'];
  demand: ShareFigure | null;
  lacks: LackShare[];
  reasons: Reason[];
}

export interface Assessment {
  /** whose answers the evidence rests on: the staff group's own cell, or the whole segment when it is withheld */
  evidenceFrom: 'group' | 'segment' | null;
  /** the cell's typical need: the median MWDS of its areas */
  typical: number | null;
  /** the largest MWDS of the cell (the scale of the need-based hours) */
  top: number | null;
  /** areas in priority order */
  areas: AreaAssessment[];
  /** lacks reported by at least LACK_SHARE of the segment's officials, largest first */
  lacks: LackShare[];
}

const STRENGTH_ORDER: Record<Strength, number> = { strong: 0, moderate: 1, thin: 2 };
const LABEL_ORDER: Record<Label, number> = { core: 0, supplementary: 1, not_recommended: 2 };

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The strength of the evidence for a training need, from the two signals (see the module comment). */
export function strengthOf(quadrant: PriorityAreaT['quadrant'], above: AboveTypical, lowN: boolean): Strength {
  if (lowN) return 'thin';
  if (quadrant === 'concentrate_here') return above === 'clearly' ? 'strong' : above === 'estimate' ? 'moderate' : 'thin';
  if ((quadrant === 'low_priority' || quadrant === 'keep_up') && above === 'clearly') return 'moderate';
  return 'thin';
}

/** The label, from the quadrant, the strength and the two declared signals (see the module comment). */
export function labelOf(quadrant: PriorityAreaT['quadrant'], strength: Strength, demand: boolean, lacking: boolean): Label {
  if (quadrant === 'concentrate_here' && strength !== 'thin') return 'core';
  if (quadrant === 'possible_overkill') return 'not_recommended';
  if (strength === 'moderate' || demand || lacking) return 'supplementary';
  return 'not_recommended';
}

/**
 * Assesses every area of a programme's cell; areas in priority order. `roles`: the questionnaire's roles, naming
 * the questions whose answers the rules read.
 */
export function assess(results: Results, catalogue: Catalogue, p: ProgrammeT, roles: ProgrammeRoles): Assessment {
  let evidenceFrom: Assessment['evidenceFrom'] = 'group';
  let group = p.staffGroup as string;
  let cellAreas = priorityAreas(results, p.segment, group);
  if (!cellAreas) {
    evidenceFrom = 'segment';
    group = 'all';
    cellAreas = priorityAreas(results, p.segment, group);
  }
  const lacks = segmentLacks(results, catalogue, p.segment, roles.keyCompetences?.lack);
  if (!cellAreas || !cellAreas.length) return { evidenceFrom: null, typical: null, top: null, areas: [], lacks };
  const typical = median(cellAreas.map((a) => a.mwds!));
  const top = Math.max(...cellAreas.map((a) => a.mwds!));
  const lowN = results.config.lowPrecisionBelow;
  const moduleOf = (area: string) => p.modules.find((m) => catalogue.modules[m.module]?.area === area)?.module ?? null;
  const areas: AreaAssessment[] = [];
  for (const a of cellAreas) {
    const pf = priority(results, a.area, p.segment, group);
    if (!pf || typical === null) continue;
    const above: AboveTypical = pf.low && pf.low.value > typical ? 'clearly' : pf.mwds.value > typical ? 'estimate' : 'no';
    const small = pf.n.value < lowN;
    const strength = strengthOf(a.quadrant, above, small);
    const demand = share(results, roles.trainingAreas, a.area, p.segment, group);
    const demanded = (demand?.value.value ?? 0) >= DEMAND_SHARE;
    const areaLacks = lacks.filter((l) => (catalogue.lacks[l.lack]?.areas ?? []).includes(a.area));
    const label = labelOf(a.quadrant, strength, demanded, areaLacks.length > 0);
    const reasons: Reason[] = [];
    if (a.quadrant === 'concentrate_here') reasons.push('concentrate_here');
    if (above !== 'no') reasons.push('need_above_typical');
    if (demanded) reasons.push('declared_demand');
    if (areaLacks.length) reasons.push('lacking_solution');
    areas.push({ area: a.area, module: moduleOf(a.area), label, strength, aboveTypical: above, lowN: small, priority: pf, quadrant: a.quadrant, demand, lacks: areaLacks, reasons });
  }
  areas.sort((x, y) => LABEL_ORDER[x.label] - LABEL_ORDER[y.label] || STRENGTH_ORDER[x.strength] - STRENGTH_ORDER[y.strength] || y.priority.mwds.value - x.priority.mwds.value || x.area.localeCompare(y.area));
  return { evidenceFrom, typical, top, areas, lacks };
}

/**
 * Lacks that at least LACK_SHARE of the segment's officials report (weighted shares as the policy says), from
 * the questionnaire's lack question (`question`); none when it has no such question.
 */
export function segmentLacks(results: Results, catalogue: Catalogue, segment: string, question: string | undefined): LackShare[] {
  if (question === undefined) return [];
  return Object.keys(catalogue.lacks)
    .map((lack) => ({ lack, share: share(results, question, lack, segment, 'all') }))
    .filter((x): x is LackShare => x.share !== null && x.share.value.value >= LACK_SHARE)
    .sort((a, b) => b.share.value.value - a.share.value.value || a.lack.localeCompare(b.lack));
}
