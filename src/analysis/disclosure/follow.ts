/**
 * Results computed from protected tables follow their tables:
 * - a test is published only when every cell it compares is published (its n, mean and, for an unweighted
 *   rank test or a chi-square, the counts it is computed from: a statistic over a table with one withheld
 *   part would let a reader solve for it); Holm's correction is then applied to the published tests of each
 *   family, so that no adjusted p-value depends on a withheld test;
 * - a priorities cell is published when its respondents count is; within it an item when its gap cell is
 *   (same respondents: those who rated both), an area when its importance, level and gap cells are, the
 *   declared training demand when that checkbox option is; ranks, cross-hairs and quadrants are then
 *   computed again from what is listed.
 */
import { holm } from '../../stats/index.ts';
import { rankAndPlace } from '../priorities.ts';
import type { PriorityCellT, Results, TestResultT } from '../results-schema.ts';
import type { ChoiceProtector } from './choices.ts';
import type { DistributionProtector } from './distributions.ts';
import type { EstimateProtector } from './estimates.ts';
import type { CellGrid } from './cell-grid.ts';
import type { RespondentProtector } from './counts.ts';
import { withheldCell, type Tally } from './protector.ts';

export interface Published {
  grid: CellGrid;
  estimates: Map<string, EstimateProtector>;
  distributions: Map<string, DistributionProtector>;
  /** single-choice questions by name, checkbox questions by name */
  choices: Map<string, ChoiceProtector>;
  /** checkbox option variables (question_value) → their question and value */
  options: Map<string, { question: string; value: string }>;
  respondents: RespondentProtector;
}

/**
 * Whether the figures of `variable` a test compares are all published in the cell. Every test needs the
 * cell's estimate (n, mean) or choice cell. A test computed from the cell's answer counts on respondents —
 * the unweighted rank tests (Mann–Whitney, Kruskal–Wallis) — needs its distribution too: with the other
 * counts of a withheld distribution, its rank sum would solve for them. The design-based tests are
 * computed from weighted JST totals, which no published table adds up to.
 */
function testCellPublished(pub: Published, t: TestResultT, segment: string, group: string): boolean {
  const est = pub.estimates.get(t.variable);
  if (est) {
    if (est.hiddenAt(segment, group)) return false;
    const dist = pub.distributions.get(t.variable);
    if (!dist || !(t.test === 'mann_whitney' || t.test === 'kruskal_wallis')) return true;
    const p = pub.grid.pos(segment, group);
    return p >= 0 && dist.hidden[p] === 0;
  }
  const single = pub.choices.get(t.variable);
  if (single) return single.cellPublished(segment, group);
  const option = pub.options.get(t.variable);
  if (option) return pub.choices.get(option.question)?.optionPublishedAt(option.value, segment, group) ?? false;
  return false;
}

/**
 * Keeps the tests whose cells are all published and applies Holm again within each family over the kept
 * tests that have a statistic (a comparison listed for want of inference has none). A test withheld here
 * counts among its family's omitted comparisons.
 */
export function protectTests(pub: Published, tests: Results['tests']): Tally {
  const kept: TestResultT[] = [];
  let withheld = 0;
  for (const t of tests.results) {
    const cells = t.by === 'segment' ? t.groups.map((s) => [s, t.within.group ?? 'all'] as const) : t.groups.map((g) => [t.within.segment ?? 'all', g] as const);
    if (cells.every(([s, g]) => testCellPublished(pub, t, s, g))) kept.push(t);
    else withheld++;
  }
  const alpha = tests.alpha;
  const results: TestResultT[] = [];
  for (const f of tests.families) {
    const before = tests.results.filter((t) => t.family === f.id);
    const inFamily = kept.filter((t) => t.family === f.id);
    const tested = inFamily.filter((t) => !t.noInference);
    const adjusted = holm(tested.map((t) => t.p));
    const adj = new Map(tested.map((t, i) => [t, adjusted[i] ?? null]));
    for (const t of inFamily) {
      const pAdjusted = adj.get(t) ?? null;
      results.push({ ...t, pAdjusted, significant: pAdjusted !== null && pAdjusted < alpha });
    }
    const droppedTested = before.filter((t) => !t.noInference).length - tested.length;
    const droppedListed = before.filter((t) => t.noInference).length - (inFamily.length - tested.length);
    f.tests = tested.length;
    f.omitted += droppedTested;
    // a comparison listed for want of inference and now withheld stays omitted, but is no longer listed
    f.omittedNoInference -= droppedListed;
  }
  tests.results = results;
  return { published: results.length, primary: 0, complementary: withheld };
}

export function protectPriorities(pub: Published, results: Results, k: number, names: { importance: string; level: string; trainingAreas: string }): Tally {
  const tally: Tally = { published: 0, primary: 0, complementary: 0 };
  const training = pub.choices.get(names.trainingAreas);
  results.priorities.cells = results.priorities.cells.map((cell): PriorityCellT => {
    if ('suppressed' in cell) return cell;
    const { segment, group } = cell;
    if (pub.respondents.hiddenAt(segment, group)) {
      if (cell.n < k) tally.primary++;
      else tally.complementary++;
      return withheldCell(segment, group, k);
    }
    tally.published++;
    const shown = (variable: string) => pub.estimates.get(variable)?.hiddenAt(segment, group) === false;
    const items = cell.items.filter((it) => shown(`${it.item}_gap`));
    const areas = cell.areas
      .filter((a) => shown(`${a.area}_${names.importance}`) && shown(`${a.area}_${names.level}`) && shown(`${a.area}_gap`))
      .map((a) => (training?.optionPublishedAt(a.area, segment, group) ? a : { ...a, trainingDemand: { count: null, proportion: null } }));
    const crosshairs = rankAndPlace(items, areas);
    return { ...cell, items, areas, crosshairs };
  });
  return tally;
}
