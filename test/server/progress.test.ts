import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/analysis/config.ts';
import type { JstKind } from '../../src/domain/jst.ts';
import { statusOf, type JstFieldwork } from '../../src/responses/fieldwork.ts';
import { waveProgress } from '../../src/server/admin/progress.ts';

const jsts: JstFieldwork[] = [];

/** An invited JST with `responses` in the data, `drafts` in progress and `pending` over-quota responses. */
function jst(teryt: string, kind: JstKind, responses: number, drafts = 0, pending = 0): void {
  jsts.push({
    teryt, name: `JST ${teryt}`, kind, voivodeship: teryt.slice(0, 2), status: statusOf({ responses, drafts }),
    slots: 3, slotsUsed: Math.min(3, responses), responses, pending, drafts, contacts: 1, invitedAt: null, remindedAt: null,
  });
}

// the pilot's shape: small numbers everywhere, which the team must see
jst('0201011', 'urban', 2);
jst('0201022', 'rural', 1, 1);
jst('0202022', 'rural', 0, 2);
jst('0402022', 'rural', 0);
jst('0401000', 'county', 3, 0, 1);
jst('0601000', 'city_county', 0);

const p = waveProgress({ segments: DEFAULT_CONFIG.segments, jsts });
const cell = (segment: string, voivodeship: string) => p.cells.find((c) => c.segment === segment && c.voivodeship === voivodeship)!;

describe('fieldwork progress of a wave', () => {
  it('classifies a JST as answered (a response in the data), started (drafts only) or not started', () => {
    expect(statusOf({ responses: 1, drafts: 3 })).toBe('answered');
    expect(statusOf({ responses: 0, drafts: 1 })).toBe('started');
    expect(statusOf({ responses: 0, drafts: 0 })).toBe('not_started');
  });

  it('counts JSTs by status and responses per segment × voivodeship, even single respondents (no suppression: administration, not answers)', () => {
    expect(cell('rural', '02')).toEqual({ segment: 'rural', voivodeship: '02', invitedJst: 2, answeredJst: 1, startedJst: 1, notStartedJst: 0, responses: 1, pending: 0, drafts: 3, responseRate: 0.5 });
    expect(cell('county', '04')).toMatchObject({ invitedJst: 1, answeredJst: 1, responses: 3, pending: 1 });
    expect(cell('county', '06')).toMatchObject({ invitedJst: 1, answeredJst: 0, notStartedJst: 1, responses: 0, responseRate: 0 });
    expect(cell('urban', '04')).toMatchObject({ invitedJst: 0, responseRate: null });
  });

  it('adds up: margins and the total are the sums of the cells', () => {
    expect(p.total).toMatchObject({ segment: 'all', voivodeship: 'all', invitedJst: 6, answeredJst: 3, startedJst: 1, notStartedJst: 2, responses: 6, pending: 1, drafts: 3, responseRate: 0.5 });
    for (const s of p.segments) {
      const parts = p.cells.filter((c) => c.segment === s.segment);
      for (const k of ['invitedJst', 'answeredJst', 'startedJst', 'notStartedJst', 'responses', 'pending', 'drafts'] as const) expect(parts.reduce((a, c) => a + c[k], 0), `${s.segment} ${k}`).toBe(s[k]);
    }
    for (const v of p.voivodeships) expect(p.cells.filter((c) => c.voivodeship === v.voivodeship).reduce((a, c) => a + c.invitedJst, 0)).toBe(v.invitedJst);
    expect(p.voivodeships.map((v) => v.voivodeship)).toEqual(['02', '04', '06']);
    expect(p.segments.map((s) => s.segment)).toEqual(DEFAULT_CONFIG.segments.map((s) => s.code));
  });
});
