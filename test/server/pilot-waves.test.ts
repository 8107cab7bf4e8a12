/**
 * The pilot's questionnaires served beside the diagnosis: a wave created for the module-reaction questionnaire has
 * links like every other wave (/s/TOKEN), which lead to that questionnaire's page under /q/<id>; its answers are
 * validated against that questionnaire (the participant code's check character included) and stored in the wave;
 * the diagnosis' routes refuse them; the whole-store analysis leaves them out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { participantCode } from '../../src/domain/participant-code.ts';
import { shippedPilotInstruments } from '../../src/questionnaire/instrument.ts';
import { instrumentRef } from '../../src/questionnaire/types.ts';
import { hashToken, newToken } from '../../src/responses/store/tokens.ts';
import { readStored } from '../../src/pipeline/from-store.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { admin, answers, DRAFT_A, DRAFT_B, startTestServer, submit, URBAN, type TestServer } from './helpers.ts';

const pilot = shippedPilotInstruments();
const reaction = pilot.reaction;
const base = `/q/${reaction.hash.slice(0, 12)}`;
const CODE = participantCode('a pilot secret of some length', 'pilot:0201011:1');

/** A complete module reaction: the first programme and module, every rating 4, the given code. */
function reactionAnswers(code = CODE): Record<string, unknown> {
  const data: Record<string, unknown> = { [reaction.participantCode]: code, [reaction.programmeQuestion]: reaction.programmes[0]!.code, [reaction.moduleQuestion!]: 'PRAWO' };
  for (const s of reaction.scales) data[s.question] = 4;
  return data;
}

describe('pilot waves on the server', () => {
  let s: TestServer;
  let token: string;

  beforeEach(async () => {
    s = await startTestServer({ instruments: Object.values(pilot) });
    const frame = (await s.store.findFrame())!;
    token = newToken(24);
    await s.store.createWave(
      { name: 'reakcje', frameId: frame.id, sampleSize: 1, strata: ['kind'], allocation: 'proportional', seed: '1', slots: 3, allocationTable: [], secretFingerprint: '0'.repeat(16), instrument: instrumentRef(reaction) },
      [{ teryt: URBAN, tokenHash: hashToken(token), slots: 3, stratum: 'urban', inclusionProbability: 1, baseWeight: 1 }],
    );
  });
  afterEach(async () => s.close());

  it('leads the wave\'s link to the reaction questionnaire\'s page, keeping the language, and serves that questionnaire', async () => {
    const link = await s.app.inject(`/s/${token}?lang=en`);
    expect(link.statusCode).toBe(303);
    expect(link.headers.location).toBe(`${base}/s/${token}?lang=en`);
    const page = await s.app.inject(`${base}/s/${token}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="survey"');
    const config = JSON.parse(/<script type="application\/json" id="diag-config">([^<]*)<\/script>/.exec(page.body)![1]!) as { questionnaire: string; api: string; prefill: object };
    expect(config.api).toBe(`${base}/api/s/`);
    expect(config.prefill).toEqual({});
    // the page names the JST of the invitation but fixes no answer: the reaction questionnaire asks nothing of the JST
    expect(page.body).not.toContain('filled in from the invitation');
    const json = await s.app.inject(config.questionnaire);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual(reaction.json);
    // the diagnosis' links are untouched
    expect((await s.app.inject(`/s/${s.tokens[URBAN]}`)).statusCode).toBe(200);
  });

  it('stores a valid reaction in its wave, refuses a mistyped participant code (422) and the diagnosis\' answers, storing nothing', async () => {
    const url = `${base}/api/s/${token}/responses`;
    const typo = CODE.slice(0, 8) + (CODE[8] === 'A' ? 'B' : 'A');
    const bad = await s.app.inject({ method: 'POST', url, payload: { draftId: DRAFT_A, data: reactionAnswers(typo) } });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain(reaction.participantCode);
    const diagnosis = await s.app.inject({ method: 'POST', url, payload: { draftId: DRAFT_A, data: answers('urban') } });
    expect(diagnosis.statusCode).toBe(400);
    expect(await s.store.countResponses({ wave: 'reakcje' })).toBe(0);

    const ok = await s.app.inject({ method: 'POST', url, payload: { draftId: DRAFT_A, data: reactionAnswers() } });
    expect(ok.statusCode).toBe(201);
    const [stored] = await s.store.listResponses({ wave: 'reakcje' });
    expect(stored!.data[reaction.participantCode]).toBe(CODE);
    expect(stored!.meta).toMatchObject({ wave: 'reakcje', source: 'web' });
    // the same link's submission through the diagnosis' API is refused: another instrument
    const wrongApi = await submit(s, token, { draftId: DRAFT_B, data: reactionAnswers() });
    expect(wrongApi.statusCode).toBe(400);
    const wrongDiag = await submit(s, token, { draftId: DRAFT_B, data: answers('urban') });
    expect(wrongDiag.statusCode).toBe(503);
    expect(wrongDiag.json()).toMatchObject({ code: 'INSTRUMENT_MISMATCH' });
    expect(await s.store.countResponses({ wave: 'reakcje' })).toBe(1);
  });

  it('leaves the reactions out of the diagnosis\' analysis of the whole store', async () => {
    expect((await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban') })).statusCode).toBe(201);
    expect((await s.app.inject({ method: 'POST', url: `${base}/api/s/${token}/responses`, payload: { draftId: DRAFT_B, data: reactionAnswers() } })).statusCode).toBe(201);
    const logs: string[] = [];
    const read = await readStored(s.store, { frame: false, cwd: s.dir, instrument: shippedQuestionnaire().hash }, (m) => logs.push(m));
    expect(read.responses.map((r) => r.meta.wave)).toEqual(['w1']);
    expect(logs.join('\n')).toContain('left out 1 responses of waves of other questionnaires (reakcje)');
  });

  it('exports a pilot wave in its own questionnaire\'s columns, and says where its analysis is (not the diagnosis\')', async () => {
    expect((await s.app.inject({ method: 'POST', url: `${base}/api/s/${token}/responses`, payload: { draftId: DRAFT_A, data: reactionAnswers() } })).statusCode).toBe(201);
    const csv = await admin(s, '/api/admin/export?format=raw&wave=reakcje');
    expect(csv.statusCode).toBe(200);
    const [header, row] = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(header!.split(';')).toEqual(expect.arrayContaining([reaction.participantCode, reaction.programmeQuestion, reaction.moduleQuestion, ...reaction.scales.map((x) => x.question)]));
    expect(row).toContain(CODE);
    // every response: the diagnosis' waves only, in the diagnosis' columns
    const all = await admin(s, '/api/admin/export?format=raw');
    expect(all.statusCode).toBe(200);
    expect(all.body).not.toContain(CODE);
    const waves = (await admin(s, '/api/admin/waves')).json().waves as { name: string; questionnaire: string | null; diagnosis: boolean }[];
    expect(waves.map((w) => [w.name, w.questionnaire, w.diagnosis])).toEqual([['w1', null, true], ['reakcje', 'pilot-reakcja.json 1.0', false]]);
    const results = await admin(s, '/api/admin/results?wave=reakcje');
    expect(results.statusCode).toBe(400);
    expect(results.json().details[0].message).toContain('diag pilot analyze');
    const quality = await admin(s, '/api/admin/quality?wave=reakcje');
    expect(quality.statusCode).toBe(400);
  });
});
