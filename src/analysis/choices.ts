/**
 * Choice questions per cell: the share of respondents choosing each option, with a Wilson 95 % CI over
 * respondents and, with weights, the design-based weighted proportion and CI. The base of a single-choice
 * question is everyone who answered it; the base of a checkbox option is everyone who answered the
 * question and was shown the option. Each option is one 0/1 series read once for all cells (series.ts);
 * its frequency tables are kept for the chi-square tests.
 */
import { wilsonInterval } from '../stats/index.ts';
import { MISSING } from '../dataset/column-store.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { AnalysisConfig } from './config.ts';
import type { Estimator, SeriesCounts } from './estimates.ts';
import type { ChoiceCellT, ChoiceT, EstimateCellT } from './results-schema.ts';
import { INDICATOR, mergeCounts, total, type BaseCounts, type Partition } from './series.ts';
import { suppressCounts, suppressedCell } from './suppression.ts';
import type { TestRunner } from './tests.ts';

/** Per segment (base cells 2s, 2s + 1 of the main partition) the row of a segment × answer table. */
function segmentRows(partition: Partition, row: (bases: number[]) => number[]): number[][] {
  return Array.from({ length: partition.nBase / 2 }, (_, s) => row([2 * s, 2 * s + 1]));
}

/** Questions reported as choices: every single- and multiple-choice question except the cell keys. */
export function choiceQuestions(d: Dataset): { question: string; type: 'single' | 'multiple' }[] {
  const q = d.questionnaire;
  const skip = new Set([q.roles.jstKind, q.roles.staffGroup, q.roles.voivodeship]);
  return q.questions.filter((x) => (x.type === 'radiogroup' || x.type === 'dropdown' || x.type === 'checkbox') && !skip.has(x.name)).map((x) => ({ question: x.name, type: x.type === 'checkbox' ? 'multiple' : 'single' }));
}

/** Name under which the frequency tables of option `j` of a single-choice question are kept. */
export const optionSeries = (question: string, j: number) => `${question}#${j}`;

/**
 * `tests` makes the Rao–Scott test of segment × answer of each single-choice question and checkbox option
 * from the weighted sums of its 0/1 series, collected as each is read.
 */
export function choiceResults(d: Dataset, partition: Partition, est: Estimator, config: AnalysisConfig, counts: SeriesCounts, tests?: TestRunner): ChoiceT[] {
  const q = d.questionnaire;
  const k = config.suppressionThreshold;
  const series = (name: string, y: Float64Array) => {
    const r = est.series(y, INDICATOR);
    counts.set(name, r.counts!);
    return { counts: r.counts!, estimates: r.estimates };
  };
  const chosen = (c: BaseCounts, bases: number[]) => {
    const m = mergeCounts(c, bases);
    return { n: total(m), count: m[1]! };
  };
  // One scratch for every column read: each is read, and its sums used, before the next.
  const scratch = new Float64Array(d.n);
  const weighted = (e: EstimateCellT) => ('weighted' in e && e.weighted ? { proportion: e.weighted.mean, ciLow: e.weighted.ciLow, ciHigh: e.weighted.ciHigh } : null);
  // The inference rule (series.ts): a cell whose answers come from one JST (or one per stratum) gets no interval.
  const reasonOf = (e: EstimateCellT | undefined) => (e && 'noInference' in e ? e.noInference ?? null : null);
  const wilson = (count: number, n: number, reason: string | null) => {
    const wi = wilsonInterval(count, n, config.level);
    return reason ? { proportion: wi.proportion, ciLow: null, ciHigh: null } : { proportion: wi.proportion, ciLow: wi.ciLow, ciHigh: wi.ciHigh };
  };

  return choiceQuestions(d).map(({ question, type }) => {
    const spec = q.questions.find((x) => x.name === question)!;
    const vars = q.variables.filter((v) => v.question === question);
    let cellsOut: ChoiceCellT[];
    if (type === 'single') {
      const col = d.columns.get(question, scratch)!;
      const labels = vars[0]!.values ?? [];
      const table = tests?.choiceTable(labels.length);
      const options = labels.map((_, j) => {
        const r = est.indicator(col, j);
        counts.set(optionSeries(question, j), r.counts);
        const sums = est.sums();
        if (table && sums) table.add(sums, j, null);
        return r;
      });
      if (tests && table) tests.choice(question, table, segmentRows(partition, (bases) => options.map((o) => mergeCounts(o.counts, bases)[1]!)));
      cellsOut = partition.cells.map((cell, c) => {
        const per = options.map((o) => chosen(o.counts, cell.bases));
        const n = per[0]?.n ?? 0;
        if (n < k) return suppressedCell(cell.segment, cell.group, k, n);
        const shown = suppressCounts(per.map((x) => x.count), k, true);
        const reason = reasonOf(options[0]?.estimates[c]);
        return {
          segment: cell.segment, group: cell.group, n, lowPrecision: n < config.lowPrecisionBelow,
          options: labels.map((l, j) => {
            if (shown[j] === null) return { value: String(l.value), label: l.label, n: null, count: null, proportion: null, ciLow: null, ciHigh: null, weighted: null, suppressed: `fewer than ${k} respondents` };
            return { value: String(l.value), label: l.label, n, count: per[j]!.count, ...wilson(per[j]!.count, n, reason), weighted: weighted(options[j]!.estimates[c]!) };
          }),
          ...(reason ? { noInference: reason } : {}),
        };
      });
    } else {
      // Multiple choice: each option is a 0/1 variable, missing where not answered or not shown.
      const optionColumns = vars.map((v) => d.columns.stored.get(v.name)!);
      const answeredBase = new Float64Array(partition.nBase);
      for (let r = 0; r < d.n; r++) {
        const b = partition.base[r]!;
        if (b < 0) continue;
        for (const col of optionColumns) {
          const x = col[r]!;
          if (col instanceof Uint8Array ? x !== MISSING : x === x) { answeredBase[b]! += 1; break; }
        }
      }
      const options = vars.map((v) => {
        const r = series(v.name, d.columns.get(v.name, scratch)!);
        const sums = est.sums();
        if (tests && sums) {
          const table = tests.choiceTable(2);
          table.add(sums, 1, 0);
          tests.choice(v.name, table, segmentRows(partition, (bases) => Array.from(mergeCounts(r.counts, bases))));
        }
        return r;
      });
      cellsOut = partition.cells.map((cell, c) => {
        let answered = 0;
        for (const b of cell.bases) answered += answeredBase[b]!;
        if (answered < k) return suppressedCell(cell.segment, cell.group, k, answered);
        let cellReason: string | null = null;
        const out = vars.map((v, j) => {
          const { n, count } = chosen(options[j]!.counts, cell.bases);
          const label = spec.choices?.find((ch) => ch.value === v.choice)?.label ?? { pl: 'żadne', en: 'none' };
          if (n < k || (count > 0 && count < k)) return { value: v.choice ?? v.name, label, n: null, count: null, proportion: null, ciLow: null, ciHigh: null, weighted: null, suppressed: n < k ? `shown to fewer than ${k} respondents` : `fewer than ${k} respondents` };
          const reason = reasonOf(options[j]!.estimates[c]);
          cellReason ??= reason;
          return { value: v.choice ?? v.name, label, n, count, ...wilson(count, n, reason), weighted: weighted(options[j]!.estimates[c]!) };
        });
        return { segment: cell.segment, group: cell.group, n: answered, lowPrecision: answered < config.lowPrecisionBelow, options: out, ...(cellReason ? { noInference: cellReason } : {}) };
      });
    }
    return { question, label: spec.title, type, cells: cellsOut };
  });
}
