/**
 * Cronbach's alpha per area, measure and cell, with corrected item–total correlations. An area's alpha
 * in a cell uses the items every respondent of the cell is shown (by the codebook's visibility: items
 * for one JST kind or staff group only drop out of mixed cells), on the respondents who rated all of
 * them (listwise).
 */
import { cronbachAlpha } from './stats/index.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { AnalysisConfig } from './config.ts';
import { gather, type Cell } from './cells.ts';
import type { ReliabilityT } from './results-schema.ts';
import { itemColumn } from './scores.ts';

export function reliability(d: Dataset, cells: Cell[], config: AnalysisConfig): ReliabilityT[] {
  const q = d.questionnaire;
  const out: ReliabilityT[] = [];
  const k = config.suppressionThreshold;
  for (const cell of cells) {
    const kinds = cell.segment === 'all' ? config.segments.flatMap((s) => s.kinds) : config.segments.find((s) => s.code === cell.segment)!.kinds;
    const groups = cell.group === 'all' ? ['management', 'operational'] : [cell.group];
    for (const area of q.areas) {
      const items = area.items.filter((it) => {
        const v = q.variables.find((x) => x.item === it.code)!;
        return kinds.every((kd) => v.visibility.jstKinds.includes(kd)) && groups.every((g) => v.visibility.staffGroups.includes(g as 'management'));
      });
      if (items.length === 0) continue;
      for (const measure of ['importance', 'level'] as const) {
        const cols = items.map((it) => gather(itemColumn(d, it.code, measure), cell.rows, new Float64Array(cell.rows.length)));
        const res = cronbachAlpha(cols);
        if (res.n < k) {
          out.push({ area: area.code, measure, segment: cell.segment, group: cell.group, suppressed: true, reason: res.n === 0 ? 'no complete answers' : `fewer than ${k} respondents` });
          continue;
        }
        out.push({
          area: area.code, measure, segment: cell.segment, group: cell.group, n: res.n, k: res.k, alpha: res.alpha,
          items: items.map((it, j) => ({ item: it.code, itemRestCorrelation: res.items[j]?.itemRestCorrelation ?? null, alphaIfDeleted: res.items[j]?.alphaIfDeleted ?? null })),
        });
      }
    }
  }
  return out;
}
