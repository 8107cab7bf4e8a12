/**
 * Derived respondent-level scores:
 * - item gap = importance − level of the same item (missing when either is);
 * - area score for a measure = mean of the area's items the respondent answered, provided they answered
 *   at least half of the items they were shown (otherwise missing);
 * - area gap = area importance score − area level score.
 */
import type { Dataset } from '../dataset/dataset.ts';
import type { MeasureRole } from '../questionnaire/types.ts';

export interface AreaScores {
  importance: Float64Array;
  level: Float64Array;
  gap: Float64Array;
}

export interface Scores {
  itemGap: Map<string, Float64Array>;
  area: Map<string, AreaScores>;
}

export function itemColumn(d: Dataset, item: string, measure: MeasureRole): Float64Array {
  const m = d.questionnaire.measures.find((x) => x.role === measure)!;
  return d.columns.get(`${item}_${m.column}`)!;
}

export function computeScores(d: Dataset): Scores {
  const q = d.questionnaire;
  const itemGap = new Map<string, Float64Array>();
  const area = new Map<string, AreaScores>();
  for (const a of q.areas) {
    const imp = a.items.map((i) => itemColumn(d, i.code, 'importance'));
    const lvl = a.items.map((i) => itemColumn(d, i.code, 'level'));
    const shown = a.items.map((i) => d.shown.get(i.code)!);
    a.items.forEach((item, j) => {
      const g = new Float64Array(d.n);
      const ij = imp[j]!;
      const lj = lvl[j]!;
      for (let r = 0; r < d.n; r++) g[r] = ij[r]! - lj[r]!; // NaN propagates
      itemGap.set(item.code, g);
    });
    const score = (cols: Float64Array[]) => {
      const out = new Float64Array(d.n);
      for (let r = 0; r < d.n; r++) {
        let sum = 0;
        let answered = 0;
        let seen = 0;
        for (let j = 0; j < cols.length; j++) {
          if (!shown[j]![r]) continue;
          seen++;
          const v = cols[j]![r]!;
          if (!Number.isNaN(v)) {
            sum += v;
            answered++;
          }
        }
        out[r] = seen > 0 && answered * 2 >= seen ? sum / answered : NaN;
      }
      return out;
    };
    const importance = score(imp);
    const level = score(lvl);
    const gap = new Float64Array(d.n);
    for (let r = 0; r < d.n; r++) gap[r] = importance[r]! - level[r]!;
    area.set(a.code, { importance, level, gap });
  }
  return { itemGap, area };
}
