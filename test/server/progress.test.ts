import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/analysis/config.ts';
import type { JstKind } from '../../src/domain/jst.ts';
import type { Invitation, StoredResponse } from '../../src/responses/store/types.ts';
import type { FrameUnit } from '../../src/sampling/frame.ts';
import { waveProgress, type Progress } from '../../src/server/admin/progress.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const q = shippedQuestionnaire();
const units: FrameUnit[] = [];
const invitations: Invitation[] = [];
const responses: StoredResponse[] = [];

/** A JST with `n` respondents. */
function jst(teryt: string, kind: JstKind, n: number): void {
  const voivodeship = teryt.slice(0, 2);
  units.push({ teryt, name: teryt, kind, voivodeship, county: teryt.slice(0, 4), synthetic: true });
  const id = invitations.length + 1;
  invitations.push({ id, waveId: 1, teryt, tokenHash: String(id), slots: 10, slotsUsed: n, stratum: kind, inclusionProbability: 1, baseWeight: 1, createdAt: '' });
  for (let i = 0; i < n; i++) {
    responses.push({ id: `${teryt}-${i}`, data: { jst_kind: kind, teryt, voivodeship }, meta: {}, invitationId: id, importBatchId: null, contentHash: '', storedAt: '' });
  }
}

// urban: 02 has 6 respondents (shown), 04 has 2 (hidden) and 06 has 9: the row total would give 04 away.
jst('0201011', 'urban', 6);
jst('0401011', 'urban', 2);
jst('0601011', 'urban', 9);
// rural: 02 has 5 respondents in two JSTs, 04 none, 06 a JST invited that has not answered
jst('0201022', 'rural', 3);
jst('0202022', 'rural', 2);
jst('0402022', 'rural', 0);
jst('0602022', 'rural', 0);
// county: one respondent in 02, seven in 06 (hidden too, or the county total would give 02 away)
jst('0201000', 'county', 1);
jst('0601000', 'county', 7);
// 08: nothing small
jst('0801011', 'urban', 10);
jst('0802022', 'rural', 0);

function progress(): Progress {
  return waveProgress({ questionnaire: q, segments: DEFAULT_CONFIG.segments, threshold: 5, invitations, units: new Map(units.map((u) => [u.teryt, u])), responses });
}

describe('wave progress', () => {
  const p = progress();
  const cell = (segment: string, voivodeship: string) => p.cells.find((c) => c.segment === segment && c.voivodeship === voivodeship)!;
  const allCells = [...p.cells, ...p.segments, ...p.voivodeships, { ...p.total, segment: 'all', voivodeship: 'all', suppressed: null }];

  it('counts invited JSTs, responding JSTs and respondents per segment and voivodeship', () => {
    expect(cell('urban', '06')).toMatchObject({ invitedJst: 1, respondingJst: 1, respondents: 9, responseRate: 1, suppressed: null });
    expect(cell('rural', '02')).toMatchObject({ invitedJst: 2, respondingJst: 2, respondents: 5, responseRate: 1 });
    expect(cell('urban', '08')).toMatchObject({ invitedJst: 1, respondents: 10 });
    expect(p.total).toMatchObject({ invitedJst: 11, respondents: 40 });
  });

  it('hides every count of 1 to 4 respondents, with the reason', () => {
    expect(cell('urban', '04')).toMatchObject({ invitedJst: 1, respondents: null, respondingJst: null, responseRate: null, suppressed: 'fewer than 5 respondents' });
    expect(cell('county', '02')).toMatchObject({ respondents: null, suppressed: 'fewer than 5 respondents' });
    for (const c of allCells) if (c.respondents !== null) expect(c.respondents === 0 || c.respondents >= 5, JSON.stringify(c)).toBe(true);
  });

  it('shows zero: it discloses nobody', () => {
    expect(cell('rural', '08')).toMatchObject({ invitedJst: 1, respondents: 0, respondingJst: 0, responseRate: 0, suppressed: null });
  });

  it('hides a second cell wherever one hidden cell could be worked out from a shown total', () => {
    // urban row: 04 hidden, total shown → the smallest other cell with invitations (02: 6) is hidden too
    expect(cell('urban', '02').suppressed).toMatch(/worked out/);
    expect(cell('urban', '06').respondents).toBe(9);
    // county row: 02 hidden, so 06 is hidden too; then column 06 has one hidden cell, so rural 06 (0) is hidden
    expect(cell('county', '06').respondents).toBeNull();
    expect(cell('rural', '06').respondents).toBeNull();
    // column 04: urban hidden, so the invited rural JST without answers is hidden too (a zero would give it away)
    expect(cell('rural', '04')).toMatchObject({ invitedJst: 1, respondents: null });
    // no additive line (row, column, margins) is left with exactly one hidden part while its sum is shown
    const lines = [
      ...DEFAULT_CONFIG.segments.map((s) => ({ parts: p.cells.filter((c) => c.segment === s.code), sum: p.segments.find((x) => x.segment === s.code)! })),
      ...p.voivodeships.map((v) => ({ parts: p.cells.filter((c) => c.voivodeship === v.voivodeship), sum: v })),
      { parts: p.segments, sum: { respondents: p.total.respondents } },
      { parts: p.voivodeships, sum: { respondents: p.total.respondents } },
    ];
    for (const { parts, sum } of lines) {
      if (sum.respondents === null) continue;
      expect(parts.filter((c) => c.respondents === null).length, JSON.stringify(parts)).not.toBe(1);
    }
  });
});
