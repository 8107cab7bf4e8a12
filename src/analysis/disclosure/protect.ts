/**
 * Disclosure control, applied once to the whole results model before anything leaves the analysis: every
 * output (results.json, the reports' text, tables and charts, the dashboard and the API) renders from what
 * this returns.
 *
 * The rule: no published figure describes fewer than k respondents (config.suppressionThreshold), and no
 * withheld figure can be worked out from the published ones — by subtraction within a table (all staff =
 * management + operational; all segments = the three segments; a breakdown's categories = their segment;
 * a distribution's ratings = its n), across linked tables, or with a cell's mean and SD. Each table is a
 * suppression problem (stats/cell-suppression.ts); all are protected in lockstep over the thresholds
 * 2 … k, so a larger k withholds everything a smaller one does. Tests, priorities and reliability follow
 * the cells they are computed from (follow.ts).
 */
import type { AnalysisConfig } from '../config.ts';
import type { ChoiceT, EstimateCellT, Results, WithheldT } from '../results-schema.ts';
import { cellGrid } from './cell-grid.ts';
import { ChoiceProtector } from './choices.ts';
import { ReliabilityProtector, RespondentProtector } from './counts.ts';
import { DistributionProtector } from './distributions.ts';
import { EstimateProtector, type BreakdownCells } from './estimates.ts';
import { protectPriorities, protectTests, type Published } from './follow.ts';
import { addTally, EMPTY_TALLY, type Protector, type TableName, type Tally } from './protector.ts';

/** Names the analysis gives its variables: the measures' column suffixes and the training-areas question. */
export interface Vocabulary {
  importance: string;
  level: string;
  trainingAreas: string;
}

const DESCRIPTIONS: Record<TableName, string> = {
  respondents: 'respondents per segment and staff group',
  coverage: 'respondents per segment and voivodeship',
  estimates: 'estimates (n, mean, SD, median, intervals, weighted estimates) per item, area and cell',
  distributions: 'answer distributions per item and cell (published whole or withheld whole)',
  breakdowns: 'area estimates per segment and breakdown category',
  choices: 'counts of each answer to choice questions per cell',
  reliability: "Cronbach's alpha per area, measure and cell",
  priorities: 'training priorities (MWDS, IPA) per cell',
  tests: 'tests between segments and staff groups',
};

export function disclosureRule(k: number): string {
  return `No published figure describes fewer than ${k} respondents: a cell with 1 … ${k - 1} respondents is withheld, and so are the further cells needed so that no withheld count, sum or mean can be worked out from the published figures — by subtraction within a table (all staff = management + operational; all segments = the segments; categories = their total), across tables that share a total, or from a cell's mean and SD. Complements are chosen to withhold the fewest respondents of a segment's own cells (national cells first). A larger threshold never publishes anything a smaller one withholds.`;
}

export function protectResults(results: Results, config: AnalysisConfig, names: Vocabulary): Results {
  const k = config.suppressionThreshold;
  const g = cellGrid(config);
  const protectors: Protector[] = [];
  const pub: Published = { grid: g, estimates: new Map(), distributions: new Map(), choices: new Map(), options: new Map(), respondents: new RespondentProtector(g, results) };
  protectors.push(pub.respondents);

  const est = results.estimates;
  for (const item of est.items) {
    for (const measure of ['importance', 'level', 'gap'] as const) {
      const variable = `${item.item}_${measure === 'gap' ? 'gap' : names[measure]}`;
      const e = new EstimateProtector(g, item[measure]);
      pub.estimates.set(variable, e);
      protectors.push(e);
      if (measure === 'gap') continue;
      const dists = item.distribution[measure];
      const open = dists.find((d) => !('suppressed' in d));
      if (!open || 'suppressed' in open) continue;
      const d = new DistributionProtector(g, dists, open.values, item[measure], e);
      pub.distributions.set(variable, d);
      protectors.push(d);
    }
  }
  for (const area of est.areas) {
    for (const measure of ['importance', 'level', 'gap'] as const) {
      const variable = `${area.area}_${measure === 'gap' ? 'gap' : names[measure]}`;
      const linked = est.breakdowns.map((b): BreakdownCells => {
        const cellsOf = b.cells.filter((c) => c.area === area.area);
        const find = (segment: string, category: string) => cellsOf.find((c) => c.segment === segment && c.category === category);
        return {
          categories: b.categories.map((c) => c.value),
          get: (segment, category) => find(segment, category)?.[measure] as EstimateCellT,
          set: (segment, category, cell) => {
            const c = find(segment, category);
            if (c) c[measure] = cell;
          },
        };
      });
      const e = new EstimateProtector(g, area[measure], linked);
      pub.estimates.set(variable, e);
      protectors.push(e);
    }
  }
  for (const choice of results.choices) {
    const c = new ChoiceProtector(g, choice);
    pub.choices.set(choice.question, c);
    if (choice.type === 'multiple') for (const value of optionValues(choice)) pub.options.set(`${choice.question}_${value}`, { question: choice.question, value });
    protectors.push(c);
  }
  const byAreaMeasure = new Map<string, number[]>();
  results.reliability.forEach((r, i) => {
    const key = `${r.area}\u0000${r.measure}`;
    (byAreaMeasure.get(key) ?? byAreaMeasure.set(key, []).get(key)!).push(i);
  });
  for (const indices of byAreaMeasure.values()) protectors.push(new ReliabilityProtector(g, results.reliability, indices));

  // lockstep over the thresholds: the state after step t depends on t alone, so a larger k passes through
  // every state of a smaller one (distributions step after their estimates, which they depend on)
  for (let t = 2; t <= k; t++) for (const p of protectors) p.step(t);

  const tallies = new Map<TableName, Tally>();
  const count = (table: TableName, t: Tally) => tallies.set(table, addTally(tallies.get(table) ?? EMPTY_TALLY, t));
  // tests and priorities read the protectors' state, so they go before the cells are rewritten
  count('tests', protectTests(pub, results.tests));
  count('priorities', protectPriorities(pub, results, k, names));
  for (const p of protectors) for (const [table, t] of p.apply(k)) count(table, t);
  for (const [flag, n] of Object.entries(results.dataset.flagged)) if (n !== null && n > 0 && n < k) results.dataset.flagged[flag] = null;

  const withheld: WithheldT[] = (Object.keys(DESCRIPTIONS) as TableName[])
    .filter((table) => tallies.has(table))
    .map((table) => ({ table, description: DESCRIPTIONS[table], ...tallies.get(table)! }));
  results.disclosure = { threshold: k, rule: disclosureRule(k), withheld, respondentCells: results.disclosure.respondentCells };
  return results;
}

function optionValues(choice: ChoiceT): string[] {
  const open = choice.cells.find((c) => !('suppressed' in c));
  return open && !('suppressed' in open) ? open.options.map((o) => o.value) : [];
}
