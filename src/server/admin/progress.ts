/**
 * Fieldwork progress of a wave for the research team: per invited JST whether it has answered, started (drafts
 * autosaved, nothing sent) or not started (see responses/fieldwork.ts), tallied by segment × voivodeship with both
 * margins and the total, as counts of JSTs and of responses.
 *
 * No small-cell suppression here, on purpose: who has answered is fieldwork administration behind admin credentials
 * (the team needs it at pilot scale: 13 respondents in 9 of 30 JSTs must show), not a publication of answers. It
 * counts JSTs and responses and never tabulates an answer; every aggregate of answers (analysis, reports, quality
 * flags by group) keeps the k-threshold of src/analysis/disclosure/.
 */
import type { SegmentDef } from '../../analysis/config.ts';
import type { JstFieldwork } from '../../responses/fieldwork.ts';
import type { ProgressCellT } from '../schemas.ts';

export interface ProgressInput {
  segments: readonly SegmentDef[];
  jsts: readonly JstFieldwork[];
}

export interface Progress {
  total: ProgressCellT;
  segments: ProgressCellT[];
  voivodeships: ProgressCellT[];
  cells: ProgressCellT[];
}

export const ALL = 'all';

function empty(segment: string, voivodeship: string): ProgressCellT {
  return { segment, voivodeship, invitedJst: 0, answeredJst: 0, startedJst: 0, notStartedJst: 0, responses: 0, pending: 0, drafts: 0, responseRate: null };
}

export function waveProgress(input: ProgressInput): Progress {
  const segmentOf = new Map(input.segments.flatMap((s) => s.kinds.map((k) => [k as string, s.code] as const)));
  const cells = new Map<string, ProgressCellT>();
  const cell = (s: string, v: string) => {
    const key = `${s}\u0000${v}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = empty(s, v)));
    return c;
  };
  for (const j of input.jsts) {
    const seg = segmentOf.get(j.kind) ?? 'other';
    const voiv = j.voivodeship || '??';
    for (const c of [cell(seg, voiv), cell(seg, ALL), cell(ALL, voiv), cell(ALL, ALL)]) {
      c.invitedJst++;
      if (j.status === 'answered') c.answeredJst++;
      else if (j.status === 'started') c.startedJst++;
      else c.notStartedJst++;
      c.responses += j.responses;
      c.pending += j.pending;
      c.drafts += j.drafts;
    }
  }
  for (const c of cells.values()) c.responseRate = c.invitedJst === 0 ? null : c.answeredJst / c.invitedJst;
  const segmentCodes = [...input.segments.map((s) => s.code), ...(cells.has(`other\u0000${ALL}`) ? ['other'] : [])];
  const voivodeships = [...new Set([...cells.values()].map((c) => c.voivodeship).filter((v) => v !== ALL))].sort();
  return {
    total: cell(ALL, ALL),
    segments: segmentCodes.map((s) => cell(s, ALL)),
    voivodeships: voivodeships.map((v) => cell(ALL, v)),
    cells: segmentCodes.flatMap((s) => voivodeships.map((v) => cell(s, v))),
  };
}
