/**
 * Derived respondent-level scores:
 * - item gap = importance − level of the same item (missing when either is);
 * - area score for a measure = mean of the area's items the respondent answered, provided they answered
 *   at least half of the items they were shown (otherwise missing);
 * - area gap = area importance score − area level score.
 */
import type { Dataset } from '../dataset/dataset.ts';
import type { MeasureRole, Questionnaire } from '../questionnaire/types.ts';
import type { Lattice } from './series.ts';

export interface AreaScores {
  importance: Float64Array;
  level: Float64Array;
  gap: Float64Array;
}

export interface Scores {
  /**
   * An item's gap per respondent, written into `into` when given (a scratch reused item after item: the gaps
   * are read once each, so a large dataset need not hold a column per item).
   */
  itemGap(item: string, into?: Float64Array): Float64Array;
  area: Map<string, AreaScores>;
}

export function itemColumn(d: Dataset, item: string, measure: MeasureRole): Float64Array {
  const m = d.questionnaire.measures.find((x) => x.role === measure)!;
  return d.columns.get(`${item}_${m.column}`)!;
}

export function computeScores(d: Dataset): Scores {
  const q = d.questionnaire;
  const area = new Map<string, AreaScores>();
  // Scratch per respondent, reused by every area and measure: Σ ratings, ratings answered, items shown.
  const sum = new Float64Array(d.n);
  const answered = new Int32Array(d.n);
  const seen = new Int32Array(d.n);
  for (const a of q.areas) {
    const imp = a.items.map((i) => itemColumn(d, i.code, 'importance'));
    const lvl = a.items.map((i) => itemColumn(d, i.code, 'level'));
    const shown = a.items.map((i) => d.shown.get(i.code)!);
    // Column by column (each read straight through), items in order, so each respondent's sum is the same.
    const score = (cols: Float64Array[]) => {
      sum.fill(0);
      answered.fill(0);
      seen.fill(0);
      for (let j = 0; j < cols.length; j++) addShown(cols[j]!, shown[j]!, sum, answered, seen);
      return areaMean(sum, answered, seen);
    };
    const importance = score(imp);
    const level = score(lvl);
    area.set(a.code, { importance, level, gap: difference(importance, level, new Float64Array(d.n)) });
  }
  const itemGap = (item: string, into = new Float64Array(d.n)) => {
    if (!q.areas.some((a) => a.items.some((i) => i.code === item))) throw new Error(`no rated item ${item}`);
    return difference(itemColumn(d, item, 'importance'), itemColumn(d, item, 'level'), into);
  };
  return { itemGap, area };
}

/** a − b, element by element (NaN where either is), into `out`. */
function difference(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  for (let r = 0; r < a.length; r++) out[r] = a[r]! - b[r]!;
  return out;
}

function addShown(col: Float64Array, shown: Uint8Array, sum: Float64Array, answered: Int32Array, seen: Int32Array): void {
  for (let r = 0; r < col.length; r++) {
    if (!shown[r]) continue;
    seen[r]!++;
    const v = col[r]!;
    if (v === v) {
      sum[r]! += v;
      answered[r]!++;
    }
  }
}

/** The area score: the mean of the ratings answered, if at least half of the items shown were answered. */
function areaMean(sum: Float64Array, answered: Int32Array, seen: Int32Array): Float64Array {
  const out = new Float64Array(sum.length);
  for (let r = 0; r < sum.length; r++) {
    const k = seen[r]!;
    out[r] = k > 0 && answered[r]! * 2 >= k ? sum[r]! / answered[r]! : NaN;
  }
  return out;
}

/**
 * The lattice an area's scores lie on: a mean of at most m whole-number ratings is a multiple of
 * 1/lcm(1, …, m), between the scale's ends; the gap lies on the same lattice. Null when the ratings are
 * not whole numbers or the lattice would be too fine to tabulate (scores are then described from rows).
 */
export function scoreLattice(q: Questionnaire, areaCode: string): { rating: Lattice; gap: Lattice } | null {
  const area = q.areas.find((a) => a.code === areaCode)!;
  const scales = area.items.map((it) => q.variables.find((v) => v.item === it.code)?.values?.map((v) => Number(v.value)) ?? []);
  const all = scales.flat();
  if (all.length === 0 || !all.every(Number.isInteger)) return null;
  let scale = 1;
  for (let m = 2; m <= area.items.length; m++) scale = (scale * m) / gcd(scale, m);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  if (2 * (hi - lo) * scale > 100_000) return null;
  return { rating: { min: lo, max: hi, scale }, gap: { min: lo - hi, max: hi - lo, scale } };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
