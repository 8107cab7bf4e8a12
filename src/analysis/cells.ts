/**
 * Cells: the segment × staff-group groupings every result is computed for. Each analysed respondent
 * belongs to one segment (by JST kind, see config.segments) and one staff group, and so to four cells:
 * (segment, group), (segment, all), (all, group) and (all, all).
 */
import { JST_KINDS } from '../domain/jst.ts';
import { STAFF_GROUPS } from '../questionnaire/types.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { AnalysisConfig } from './config.ts';
import type { GroupCode } from './results-schema.ts';
import type { Partition } from './series.ts';

export interface Cell {
  segment: string;
  group: GroupCode;
  /** row indices of the cell's respondents, ascending */
  rows: Int32Array;
}

/** Segment index (into config.segments) of each respondent, −1 where its JST kind is in no segment. */
export function segmentIndex(d: Dataset, config: AnalysisConfig): Int8Array {
  const byKind = JST_KINDS.map((k) => config.segments.findIndex((s) => s.kinds.includes(k)));
  return Int8Array.from(d.kind, (k) => byKind[k] ?? -1);
}

export function buildCells(d: Dataset, config: AnalysisConfig): Cell[] {
  const seg = segmentIndex(d, config);
  const segments = [...config.segments.map((s, i) => ({ code: s.code, index: i })), { code: 'all', index: -2 }];
  const groups: { code: GroupCode; index: number }[] = [...STAFF_GROUPS.map((g, i) => ({ code: g as GroupCode, index: i })), { code: 'all', index: -2 }];
  const cells: Cell[] = [];
  const rows = new Int32Array(d.n);
  for (const s of segments) {
    for (const g of groups) {
      const n = cellRows(d.n, seg, d.group, s.index, g.index, rows);
      cells.push({ segment: s.code, group: g.code, rows: rows.slice(0, n) });
    }
  }
  return cells;
}

/** The rows (ascending, of the first `rows`) of segment `s` and staff group `g` (−2: any) into `out`; returns how many. */
function cellRows(rows: number, seg: Int8Array, group: Int8Array, s: number, g: number, out: Int32Array): number {
  let n = 0;
  for (let i = 0; i < rows; i++) {
    const si = seg[i]!;
    if (si < 0) continue;
    if ((s === -2 || si === s) && (g === -2 || group[i] === g)) out[n++] = i;
  }
  return n;
}

/** Values of a column on a cell's rows, into a reusable buffer; returns the filled view. */
export function gather(column: Float64Array, rows: Int32Array, buffer: Float64Array): Float64Array {
  const out = buffer.subarray(0, rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]!]!;
  return out;
}

/**
 * The cells as a partition into base cells segment × staff group (base = segment index × 2 + group
 * index), in the order of `buildCells`: each cell is the union of its base cells. Series are read once
 * per partition (series.ts).
 */
export function cellPartition(d: Dataset, config: AnalysisConfig, cells: readonly Cell[]): Partition {
  const seg = segmentIndex(d, config);
  const base = new Int32Array(d.n);
  for (let i = 0; i < d.n; i++) base[i] = seg[i]! < 0 || d.group[i]! < 0 ? -1 : seg[i]! * 2 + d.group[i]!;
  const segs = config.segments.map((s) => s.code);
  return {
    base,
    nBase: segs.length * 2,
    cells: cells.map((c) => {
      const si = c.segment === 'all' ? segs.map((_, i) => i) : [segs.indexOf(c.segment)];
      const gi = c.group === 'all' ? [0, 1] : [STAFF_GROUPS.indexOf(c.group)];
      return { segment: c.segment, group: c.group, bases: si.flatMap((s) => gi.map((g) => s * 2 + g)), byGroup: c.group !== 'all' };
    }),
  };
}
