/**
 * Choice questions per cell: the share of respondents choosing each option, with a Wilson 95 % CI over
 * respondents and, with weights, the design-based weighted proportion and CI. The base of a single-choice
 * question is everyone who answered it; the base of a checkbox option is everyone who answered the
 * question and was shown the option.
 */
import { svyMean, wilsonInterval } from './stats/index.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { AnalysisConfig } from './config.ts';
import type { Cell } from './cells.ts';
import type { Designs } from './estimates.ts';
import type { ChoiceCellT, ChoiceT } from './results-schema.ts';
import { suppressCounts, suppressedCell } from './suppression.ts';

/** Questions reported as choices: every single- and multiple-choice question except the cell keys. */
export function choiceQuestions(d: Dataset): { question: string; type: 'single' | 'multiple' }[] {
  const q = d.questionnaire;
  const skip = new Set([q.roles.jstKind, q.roles.staffGroup, q.roles.voivodeship]);
  return q.questions.filter((x) => (x.type === 'radiogroup' || x.type === 'dropdown' || x.type === 'checkbox') && !skip.has(x.name)).map((x) => ({ question: x.name, type: x.type === 'checkbox' ? 'multiple' : 'single' }));
}

export function choiceResults(d: Dataset, cells: Cell[], config: AnalysisConfig, designs: Designs | null): ChoiceT[] {
  const q = d.questionnaire;
  const indicatorColumn = new Float64Array(d.n);
  const k = config.suppressionThreshold;
  const weightedShare = (indicator: (row: number) => number, cell: Cell) => {
    if (!designs) return null;
    for (const r of cell.rows) indicatorColumn[r] = indicator(r);
    const w = svyMean(indicatorColumn, cell.group === 'all' ? designs.all : designs.byGroup, config.level, cell.rows);
    return { proportion: w.mean, ciLow: w.ciLow, ciHigh: w.ciHigh };
  };
  return choiceQuestions(d).map(({ question, type }) => {
    const spec = q.questions.find((x) => x.name === question)!;
    const vars = q.variables.filter((v) => v.question === question);
    const cellsOut: ChoiceCellT[] = cells.map((cell) => {
      if (type === 'single') {
        const col = d.columns.get(question)!;
        const labels = vars[0]!.values ?? [];
        const counts = labels.map(() => 0);
        let n = 0;
        for (const r of cell.rows) {
          const v = col[r]!;
          if (!Number.isNaN(v)) {
            counts[v]!++;
            n++;
          }
        }
        if (n < k) return suppressedCell(cell.segment, cell.group, k, n);
        const shown = suppressCounts(counts, k, true);
        return {
          segment: cell.segment, group: cell.group, n, lowPrecision: n < config.lowPrecisionBelow,
          options: labels.map((l, j) => {
            if (shown[j] === null) return { value: String(l.value), label: l.label, count: null, proportion: null, ciLow: null, ciHigh: null, weighted: null, suppressed: `fewer than ${k} respondents` };
            const wi = wilsonInterval(counts[j]!, n, config.level);
            return { value: String(l.value), label: l.label, count: counts[j]!, proportion: wi.proportion, ciLow: wi.ciLow, ciHigh: wi.ciHigh, weighted: weightedShare((r) => (Number.isNaN(col[r]!) ? NaN : col[r] === j ? 1 : 0), cell) };
          }),
        };
      }
      // Multiple choice: each option is a 0/1 variable, missing where not answered or not shown.
      const optionColumns = vars.map((v) => d.columns.get(v.name)!);
      let answered = 0;
      for (const r of cell.rows) {
        for (const c of optionColumns) {
          if (c[r] === c[r]) { answered++; break; }
        }
      }
      if (answered < k) return suppressedCell(cell.segment, cell.group, k, answered);
      return {
        segment: cell.segment, group: cell.group, n: answered, lowPrecision: answered < config.lowPrecisionBelow,
        options: vars.map((v, j) => {
          const col = optionColumns[j]!;
          let n = 0;
          let count = 0;
          for (const r of cell.rows) {
            const x = col[r]!;
            if (Number.isNaN(x)) continue;
            n++;
            count += x;
          }
          const label = spec.choices?.find((c) => c.value === v.choice)?.label ?? { pl: 'żadne', en: 'none' };
          if (n < k || (count > 0 && count < k)) return { value: v.choice ?? v.name, label, count: null, proportion: null, ciLow: null, ciHigh: null, weighted: null, suppressed: n < k ? `shown to fewer than ${k} respondents` : `fewer than ${k} respondents` };
          const wi = wilsonInterval(count, n, config.level);
          return { value: v.choice ?? v.name, label, count, proportion: wi.proportion, ciLow: wi.ciLow, ciHigh: wi.ciHigh, weighted: weightedShare((r) => col[r]!, cell) };
        }),
      };
    });
    return { question, label: spec.title, type, cells: cellsOut };
  });
}
