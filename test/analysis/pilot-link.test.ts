import { describe, expect, it } from 'vitest';
import { linkParticipants } from '../../src/analysis/pilot/link.ts';
import { participantCode } from '../../src/domain/participant-code.ts';
import { isDiagError } from '../../src/errors.ts';
import { shippedPilotInstruments } from '../../src/questionnaire/instrument.ts';
import type { PilotInput } from '../../src/pipeline/pilot-input.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const q = shippedQuestionnaire();
const { reaction, post } = shippedPilotInstruments();
const [a, b, c] = ['a', 'b', 'c'].map((k) => participantCode('link test secret, long enough', k)) as [string, string, string];
const rows = (n: number) => Array.from({ length: n }, (_, i) => `row ${i + 2}`);

function input(reactions: Record<string, unknown>[], posts: Record<string, unknown>[]): PilotInput {
  return {
    diagnosis: { instrument: q, file: 'diag.csv', where: rows(3), responses: ['D1', 'D2', 'D3'].map((id, i) => ({ id, meta: {}, data: { teryt: `02010${i}1`, staff_group: 'management' } })) },
    register: { file: 'register.csv', rows: [{ code: a, respondentId: 'D1', row: 2 }, { code: b, respondentId: 'D2', row: 3 }, { code: c, respondentId: 'D3', row: 4 }] },
    reaction: { instrument: reaction, file: 'reactions.csv', where: rows(reactions.length), responses: reactions.map((data, i) => ({ id: `R${i}`, meta: {}, data })) },
    post: { instrument: post, file: 'post.csv', where: rows(posts.length), responses: posts.map((data, i) => ({ id: `E${i}`, meta: {}, data })) },
  };
}
const problems = (i: PilotInput) => {
  try {
    linkParticipants(i);
  } catch (e) {
    if (isDiagError(e)) return e.details.map((d) => `${d.file}:${d.row}:${d.column}: ${d.message}`);
    throw e;
  }
  return [];
};

describe('linking the pilot by participant code', () => {
  it('links each code to its diagnosis response, JST and staff group; lower-case codes are read', () => {
    const ps = linkParticipants(input([{ participant_code: a.toLowerCase(), programme: 'GW_K', module: 'DANE' }], [{ participant_code: a, programme: 'GW_K' }]));
    const p = ps.find((x) => x.code === a)!;
    expect(p).toMatchObject({ jst: '0201001', staffGroup: 'management', programme: 'GW_K' });
    expect([...p.reactions.keys()]).toEqual(['DANE']);
    // officials who returned nothing are kept, with no programme (the attrition table's "no response" row)
    expect(ps.find((x) => x.code === c)!.programme).toBe('');
  });

  it('one programme per participant, one reaction per module: every breach named by file, row and column', () => {
    const got = problems(input(
      [{ participant_code: a, programme: 'GW_K', module: 'DANE' }, { participant_code: a, programme: 'GW_K', module: 'DANE' }, { participant_code: b, programme: 'GM_O', module: 'FIN' }],
      [{ participant_code: a, programme: 'PW_K' }, { participant_code: b, programme: 'GM_O' }],
    ));
    // the end-of-programme response is read first: its programme is the one the reactions must agree with
    expect(got).toEqual([
      'reactions.csv:2:programme: programme "GW_K" differs from "PW_K" given for the same participant in post.csv row 2',
      'reactions.csv:3:programme: programme "GW_K" differs from "PW_K" given for the same participant in post.csv row 2',
    ]);
    const twice = problems(input(
      [{ participant_code: a, programme: 'GW_K', module: 'DANE' }, { participant_code: a, programme: 'GW_K', module: 'DANE' }],
      [{ participant_code: a, programme: 'GW_K' }],
    ));
    expect(twice).toEqual(['reactions.csv:3:module: a second reaction to module "DANE" from one participant']);
  });
});
