/**
 * Cronbach's alpha per area, measure and cell, with corrected item–total correlations. An area's alpha
 * in a cell uses the items every respondent of the cell is shown (by the codebook's visibility: items
 * for one JST kind or staff group only drop out of mixed cells), on the respondents who rated all of
 * them (listwise).
 *
 * One pass per area, measure and item set accumulates, per segment × staff group, the complete rows'
 * count, item sums and cross-products; a cell's covariance matrix is the merge of its base cells, and
 * alpha follows from it (`alphaFromCovariance`, the second half of `cronbachAlpha`). Sums of whole-number
 * ratings are exact, so this equals cronbachAlpha on the cell's rows up to rounding
 * (test/analysis/series.test.ts).
 */
import { alphaFromCovariance } from '../stats/index.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { AnalysisConfig } from './config.ts';
import type { Partition } from './series.ts';
import type { ReliabilityT } from './results-schema.ts';
import { itemColumn } from './scores.ts';

export function reliability(d: Dataset, partition: Partition, config: AnalysisConfig): ReliabilityT[] {
  const q = d.questionnaire;
  const out: ReliabilityT[] = [];
  const k = config.suppressionThreshold;
  const B = partition.nBase;
  // Cross-products per (area, measure, item set), computed on first use, from the items' ratings decoded into
  // scratches reused set after set.
  const sums = new Map<string, Float64Array>();
  const scratch = Array.from({ length: Math.max(0, ...q.areas.map((a) => a.items.length)) }, () => new Float64Array(d.n));
  const crossProducts = (columns: () => Float64Array[], key: string): Float64Array => {
    let s = sums.get(key);
    if (s) return s;
    const cols = columns();
    const m = cols.length;
    const width = 1 + m + m * m; // n, Σx_a, Σx_a x_b
    s = new Float64Array(B * width);
    const x = new Float64Array(m);
    rows: for (let r = 0; r < d.n; r++) {
      const b = partition.base[r]!;
      if (b < 0) continue;
      for (let a = 0; a < m; a++) {
        const v = cols[a]![r]!;
        if (v !== v) continue rows;
        x[a] = v;
      }
      const at = b * width;
      s[at]! += 1;
      for (let a = 0; a < m; a++) {
        s[at + 1 + a]! += x[a]!;
        const row = at + 1 + m + a * m;
        for (let c = a; c < m; c++) s[row + c]! += x[a]! * x[c]!;
      }
    }
    sums.set(key, s);
    return s;
  };

  for (const cell of partition.cells) {
    const kinds = cell.segment === 'all' ? config.segments.flatMap((s) => s.kinds) : config.segments.find((s) => s.code === cell.segment)!.kinds;
    const groups = cell.group === 'all' ? ['management', 'operational'] : [cell.group];
    for (const area of q.areas) {
      const items = area.items.filter((it) => {
        const v = q.variables.find((x) => x.item === it.code)!;
        return kinds.every((kd) => v.visibility.jstKinds.includes(kd)) && groups.every((g) => v.visibility.staffGroups.includes(g as 'management'));
      });
      if (items.length === 0) continue;
      for (const measure of ['importance', 'level'] as const) {
        const m = items.length;
        const s = crossProducts(() => items.map((it, j) => itemColumn(d, it.code, measure, scratch[j])), `${measure}:${items.map((it) => it.code).join(',')}`);
        const width = 1 + m + m * m;
        const merged = new Float64Array(width);
        for (const b of cell.bases) for (let j = 0; j < width; j++) merged[j]! += s[b * width + j]!;
        const n = merged[0]!;
        const cov = new Float64Array(m * m);
        if (n >= 2) {
          for (let a = 0; a < m; a++) {
            for (let c = a; c < m; c++) {
              const sxy = merged[1 + m + a * m + c]! - (merged[1 + a]! * merged[1 + c]!) / n;
              cov[a * m + c] = cov[c * m + a] = sxy / (n - 1);
            }
          }
        }
        const res = alphaFromCovariance(cov, m, n);
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
