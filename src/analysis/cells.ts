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
  for (const s of segments) {
    for (const g of groups) {
      const rows: number[] = [];
      for (let i = 0; i < d.n; i++) {
        if (seg[i]! < 0) continue;
        if ((s.index === -2 || seg[i] === s.index) && (g.index === -2 || d.group[i] === g.index)) {
          rows.push(i);
        }
      }
      cells.push({ segment: s.code, group: g.code, rows: Int32Array.from(rows) });
    }
  }
  return cells;
}

/** Values of a column on a cell's rows, into a reusable buffer; returns the filled view. */
export function gather(column: Float64Array, rows: Int32Array, buffer: Float64Array): Float64Array {
  const out = buffer.subarray(0, rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]!]!;
  return out;
}
