/**
 * The pilot's keep / revise / drop decision for each programme × module, by stated rules over two pieces of
 * evidence: how the participants rated the module (the mean of its reaction scales) and how much their competence
 * in the module's area rose (mean change from the diagnosis to the end of the programme, with its JST-clustered
 * 95 % interval). A module is matched to the competence area with the same code (the capstone module, the local
 * plan, trains no single area and is judged on its reactions alone).
 *
 *   keep    reaction mean ≥ RULES.keepReaction, and the area's mean change ≥ RULES.keepGain with the clustered
 *           interval above 0;
 *   drop    reaction mean < RULES.dropReaction, and no measurable gain (the clustered interval reaches 0 or below);
 *   revise  anything else: poorly rated but effective (revise delivery), well rated but no clear gain (revise
 *           content);
 *   none    too few participants: the cells are withheld, no decision.
 * Where the programme's own reaction cell is withheld, the module's all-programme cell is used and the decision
 * says so. The rules compare the figures as the report prints them, rounded to two decimals, so that a printed
 * 0,20 never sits beside "revise for a rise below 0,20".
 */
import type { PairedStats } from '../../analysis/pilot/paired.ts';
import type { PilotResults, ScaleSummary } from '../../analysis/pilot/types.ts';

export const RULES = { keepReaction: 3.5, keepGain: 0.2, dropReaction: 3.0 };

export type Decision = 'keep' | 'revise' | 'drop' | 'none';

export interface ModuleDecision {
  programme: string;
  module: string;
  decision: Decision;
  reaction: { mean: number; n: number; pooled: boolean } | null;
  gain: { mean: number; ciLow: number; ciHigh: number; n: number } | null;
  /** why, in terms of the rules */
  reasons: ('lowReaction' | 'veryLowReaction' | 'noGain' | 'smallGain' | 'noArea' | 'withheld')[];
}

const reactionMean = (scales: ScaleSummary[]): number | null => {
  const ms = scales.map((s) => s.mean).filter((m): m is number => m !== null);
  return ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : null;
};

export function moduleDecisions(results: PilotResults): ModuleDecision[] {
  const out: ModuleDecision[] = [];
  const programmes = Object.keys(results.labels.programmes);
  for (const programme of programmes) {
    const modules = results.reactions.filter((r) => r.programme === programme).map((r) => r.module);
    for (const module of modules) {
      const own = results.reactions.find((r) => r.programme === programme && r.module === module)!.result;
      const pooledCell = results.reactions.find((r) => r.programme === 'all' && r.module === module)?.result;
      let reaction: ModuleDecision['reaction'] = null;
      if (!('withheld' in own)) reaction = { mean: reactionMean(own.scales) ?? NaN, n: own.n, pooled: false };
      else if (pooledCell && !('withheld' in pooledCell)) reaction = { mean: reactionMean(pooledCell.scales) ?? NaN, n: pooledCell.n, pooled: true };
      const hasArea = module in results.labels.areas;
      const cell = hasArea ? results.change.find((c) => c.programme === programme && c.staffGroup === 'all' && c.area === module && c.item === undefined) : undefined;
      const s = cell && !('withheld' in cell.stats) ? (cell.stats as PairedStats) : null;
      const gain = s && s.meanChange !== null && s.clustered.ciLow !== null && s.clustered.ciHigh !== null ? { mean: s.meanChange, ciLow: s.clustered.ciLow, ciHigh: s.clustered.ciHigh, n: s.n } : null;
      out.push({ programme, module, ...decide(reaction, gain, hasArea) });
    }
  }
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function decide(rawReaction: ModuleDecision['reaction'], rawGain: ModuleDecision['gain'], hasArea: boolean): Pick<ModuleDecision, 'decision' | 'reaction' | 'gain' | 'reasons'> {
  const reasons: ModuleDecision['reasons'] = [];
  const reaction = rawReaction && { ...rawReaction, mean: round2(rawReaction.mean) };
  const gain = rawGain && { ...rawGain, mean: round2(rawGain.mean), ciLow: round2(rawGain.ciLow), ciHigh: round2(rawGain.ciHigh) };
  if (!reaction || (hasArea && !gain)) return { decision: 'none', reaction, gain, reasons: ['withheld'] };
  if (!hasArea) reasons.push('noArea');
  if (reaction.mean < RULES.dropReaction) reasons.push('veryLowReaction');
  else if (reaction.mean < RULES.keepReaction) reasons.push('lowReaction');
  const measurable = gain ? gain.ciLow > 0 : true;
  if (gain && !measurable) reasons.push('noGain');
  else if (gain && gain.mean < RULES.keepGain) reasons.push('smallGain');
  let decision: Decision;
  if (reaction.mean < RULES.dropReaction && !measurable) decision = 'drop';
  else if (!hasArea) decision = reaction.mean < RULES.dropReaction ? 'drop' : reaction.mean >= RULES.keepReaction ? 'keep' : 'revise';
  else decision = reaction.mean >= RULES.keepReaction && gain!.mean >= RULES.keepGain && measurable ? 'keep' : 'revise';
  return { decision, reaction, gain, reasons };
}
