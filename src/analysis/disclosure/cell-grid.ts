/**
 * The segment × staff-group grid every main table of the results is laid out on: rows are the segments and
 * "all" (their sum), columns management, operational and "all" (their sum). Each such table is an additive
 * grid for cell suppression (stats/cell-suppression.ts): all staff = management + operational, all segments
 * = the segments, for counts, sums of answers and sums of squares alike.
 */
import type { AdditiveGrid } from '../../stats/cell-suppression.ts';
import type { AnalysisConfig } from '../config.ts';
import type { GroupCode } from '../results-schema.ts';

export const GROUPS: readonly GroupCode[] = ['management', 'operational', 'all'];

export interface CellGrid {
  /** the segment codes and 'all', in row order */
  segments: readonly string[];
  /** rows × 3 */
  size: number;
  /** position of a cell, or −1 for a cell outside the grid */
  pos(segment: string, group: string): number;
  segmentOf(pos: number): string;
  groupOf(pos: number): GroupCode;
}

export function cellGrid(config: AnalysisConfig): CellGrid {
  const segments = [...config.segments.map((s) => s.code), 'all'];
  return {
    segments,
    size: segments.length * 3,
    pos: (segment, group) => {
      const r = segments.indexOf(segment);
      const c = GROUPS.indexOf(group as GroupCode);
      return r < 0 || c < 0 ? -1 : r * 3 + c;
    },
    segmentOf: (pos) => segments[Math.floor(pos / 3)]!,
    groupOf: (pos) => GROUPS[pos % 3]!,
  };
}

/** The grid of cell ids offset … offset + size − 1 (or the given ids), with its totals. */
export function additiveGrid(g: CellGrid, ids: (pos: number) => number = (pos) => pos): AdditiveGrid {
  return { shape: [g.segments.length, 3], total: [true, true], cells: Array.from({ length: g.size }, (_, p) => ids(p)) };
}

/**
 * The information lost by withholding a cell of the grid: its respondents, counted four times for a cell
 * of one segment (what the segment's report and its two programmes are built on) and once for a national
 * cell (all segments together), so that complements are taken from the national figures first.
 */
export function cellCost(g: CellGrid, pos: number, n: number): number {
  return g.segmentOf(pos) === 'all' ? n : 4 * n;
}
