/**
 * Fieldwork progress of a wave: invited JSTs, responding JSTs and respondents per segment × voivodeship, with the
 * segment and voivodeship margins and the total — and no small cell, ever.
 *
 * Primary suppression: a count of 1 to threshold − 1 respondents (default 5, the analysis's threshold) is hidden
 * (null, with the reason); 0 is shown (it discloses nobody). Secondary suppression: where a line (a segment across
 * voivodeships, a voivodeship across segments, or the margins against the total) has exactly one hidden cell and
 * its sum is shown, the hidden count could be recovered by subtraction, so one more cell of the line is hidden —
 * the smallest one among those with invited JSTs (a cell nobody was invited to is known to be empty, so hiding it
 * protects nothing); if there is none, the line's sum is hidden instead. This repeats until no line has a single
 * hidden cell. Responding JSTs are hidden together with respondents.
 */
import type { SegmentDef } from '../../analysis/config.ts';
import type { Questionnaire } from '../../questionnaire/types.ts';
import type { FrameUnit } from '../../sampling/frame.ts';
import type { Invitation, StoredResponse } from '../../responses/store/types.ts';
import type { ProgressCellT } from '../schemas.ts';

interface Tally {
  segment: string;
  voivodeship: string;
  invited: number;
  jsts: Set<string>;
  respondents: number;
  suppressed: string | null;
}

export interface ProgressInput {
  questionnaire: Questionnaire;
  segments: readonly SegmentDef[];
  threshold: number;
  invitations: readonly Invitation[];
  units: ReadonlyMap<string, FrameUnit>;
  responses: readonly StoredResponse[];
}

export interface Progress {
  total: Omit<ProgressCellT, 'segment' | 'voivodeship' | 'suppressed'>;
  segments: ProgressCellT[];
  voivodeships: ProgressCellT[];
  cells: ProgressCellT[];
}

const ALL = 'all';

export function waveProgress(input: ProgressInput): Progress {
  const { questionnaire: q, segments, threshold } = input;
  const segmentOf = new Map(segments.flatMap((s) => s.kinds.map((k) => [k as string, s.code] as const)));
  const tallies = new Map<string, Tally>();
  const tally = (segment: string, voivodeship: string): Tally => {
    const key = `${segment}\u0000${voivodeship}`;
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { segment, voivodeship, invited: 0, jsts: new Set(), respondents: 0, suppressed: null }));
    return t;
  };
  const places = (teryt: string, kind: unknown, voivodeship: unknown) => {
    const seg = segmentOf.get(String(kind));
    return seg && typeof voivodeship === 'string' && voivodeship ? [seg, voivodeship, teryt] as const : undefined;
  };
  const invitationTeryt = new Map(input.invitations.map((i) => [i.id, i.teryt]));
  for (const inv of input.invitations) {
    const unit = input.units.get(inv.teryt);
    const at = unit && places(inv.teryt, unit.kind, unit.voivodeship);
    if (!at) continue;
    for (const line of lines(at[0], at[1])) tally(...line).invited++;
  }
  for (const r of input.responses) {
    const teryt = (r.invitationId !== null ? invitationTeryt.get(r.invitationId) : undefined) ?? String(r.data[q.roles.teryt] ?? '');
    const unit = input.units.get(teryt);
    const at = unit ? places(teryt, unit.kind, unit.voivodeship) : places(teryt, r.data[q.roles.jstKind], r.data[q.roles.voivodeship]);
    if (!at) continue;
    for (const line of lines(at[0], at[1])) {
      const t = tally(...line);
      t.respondents++;
      t.jsts.add(at[2]);
    }
  }
  const segmentCodes = segments.map((s) => s.code);
  const voivodeships = [...new Set([...tallies.values()].map((t) => t.voivodeship).filter((v) => v !== ALL))].sort();
  for (const s of [...segmentCodes, ALL]) for (const v of [...voivodeships, ALL]) tally(s, v);

  const reason = `fewer than ${threshold} respondents`;
  for (const t of tallies.values()) if (t.respondents > 0 && t.respondents < threshold) t.suppressed = reason;
  suppressComplements(segmentCodes, voivodeships, tally);

  const out = (t: Tally): ProgressCellT => ({
    segment: t.segment,
    voivodeship: t.voivodeship,
    invitedJst: t.invited,
    respondingJst: t.suppressed ? null : t.jsts.size,
    respondents: t.suppressed ? null : t.respondents,
    responseRate: t.suppressed || t.invited === 0 ? null : Math.min(1, t.jsts.size / t.invited),
    suppressed: t.suppressed,
  });
  const total = out(tally(ALL, ALL));
  return {
    total: { invitedJst: total.invitedJst, respondingJst: total.respondingJst, respondents: total.respondents, responseRate: total.responseRate },
    segments: segmentCodes.map((s) => out(tally(s, ALL))),
    voivodeships: voivodeships.map((v) => out(tally(ALL, v))),
    cells: segmentCodes.flatMap((s) => voivodeships.map((v) => out(tally(s, v)))),
  };
}

/** The cell itself and the margins it adds to. */
function lines(segment: string, voivodeship: string): [string, string][] {
  return [[segment, voivodeship], [segment, ALL], [ALL, voivodeship], [ALL, ALL]];
}

function suppressComplements(segments: string[], voivodeships: string[], tally: (s: string, v: string) => Tally): void {
  // Every additive line: its parts and its sum.
  const groups: { parts: Tally[]; sum: Tally }[] = [
    ...segments.map((s) => ({ parts: voivodeships.map((v) => tally(s, v)), sum: tally(s, ALL) })),
    ...voivodeships.map((v) => ({ parts: segments.map((s) => tally(s, v)), sum: tally(ALL, v) })),
    { parts: segments.map((s) => tally(s, ALL)), sum: tally(ALL, ALL) },
    { parts: voivodeships.map((v) => tally(ALL, v)), sum: tally(ALL, ALL) },
  ];
  const secondary = 'hidden so that a smaller hidden count cannot be worked out from the totals';
  for (let changed = true, rounds = 0; changed && rounds < 100; rounds++) {
    changed = false;
    for (const { parts, sum } of groups) {
      const hidden = parts.filter((p) => p.suppressed);
      if (hidden.length !== 1 || sum.suppressed) continue;
      const candidates = parts.filter((p) => !p.suppressed && p.invited > 0).sort((a, b) => a.respondents - b.respondents);
      const pick = candidates[0] ?? sum;
      pick.suppressed = secondary;
      changed = true;
    }
  }
}
