import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateResponse } from '../../src/questionnaire/validate.ts';
import { hashToken, webRespondentId } from '../../src/responses/store/tokens.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { answers, CITY, DRAFT_A, DRAFT_B, startTestServer, submit, URBAN, type TestServer } from './helpers.ts';

let s: TestServer;
beforeEach(async () => {
  s = await startTestServer({ slots: 2 });
});
afterEach(async () => s.close());

const slotsUsed = async (teryt: string) => (await s.store.listInvitations('w1')).find((i) => i.teryt === teryt)?.slotsUsed;

describe('submitting a completed questionnaire', () => {
  it('stores a valid response once (201) with its wave, source and completion time', async () => {
    const token = s.tokens[URBAN]!;
    const r = await submit(s, token, { draftId: DRAFT_A, data: answers('urban'), startedAt: '2026-11-24T11:40:00Z' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({ status: 'stored', storedAt: '2026-11-24T12:00:00.000Z' });
    expect(await s.store.countResponses()).toBe(1);
    expect(await slotsUsed(URBAN)).toBe(1);
    const stored = await s.store.getResponse(webRespondentId(hashToken(token), DRAFT_A));
    expect(stored?.meta).toMatchObject({ wave: 'w1', source: 'web', startedAt: '2026-11-24T11:40:00.000Z', durationSec: 1200 });
    expect(validateResponse(shippedQuestionnaire(), stored!).ok).toBe(true);
  });

  it('answers the same submission again with 200 and stores nothing more (a double submit)', async () => {
    const body = { draftId: DRAFT_A, data: answers('urban') };
    expect((await submit(s, s.tokens[URBAN]!, body)).statusCode).toBe(201);
    const again = await submit(s, s.tokens[URBAN]!, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'duplicate' });
    expect(await s.store.countResponses()).toBe(1);
    expect(await slotsUsed(URBAN)).toBe(1);
  });

  it('stores two respondents of one JST under two draft ids, each using a slot', async () => {
    expect((await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban', 'management') })).statusCode).toBe(201);
    expect((await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_B, data: answers('urban', 'operational') })).statusCode).toBe(201);
    expect(await slotsUsed(URBAN)).toBe(2);
    const third = await submit(s, s.tokens[URBAN]!, { draftId: 'draftCCCCCCCCCCCCCCCCC', data: answers('urban') });
    expect(third.statusCode).toBe(409);
    expect(third.json()).toMatchObject({ code: 'SLOTS_EXHAUSTED' });
    expect(await s.store.countResponses()).toBe(2);
  });

  it('refuses other answers under a draft id already submitted (409 conflict)', async () => {
    expect((await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban', 'management', 'pierwsza') })).statusCode).toBe(201);
    const r = await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban', 'management', 'druga') });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'RESPONSE_CONFLICT' });
    expect(await s.store.countResponses()).toBe(1);
  });

  it('rejects an invalid response with 422 and every issue, storing nothing and using no slot', async () => {
    const data = answers('urban');
    delete data.staff_group;
    data.PRAWO = { PRAWO1: { imp: 9, lvl: 3 } };
    data.made_up = 'x';
    const r = await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data });
    expect(r.statusCode).toBe(422);
    const body = r.json() as { code: string; issues: { variable: string; code: string }[]; details: unknown[] };
    expect(body.code).toBe('RESPONSE_INVALID');
    const codes = body.issues.map((i) => `${i.variable}:${i.code}`);
    expect(codes).toContain('staff_group:required');
    expect(codes).toContain('made_up:unknown_variable');
    expect(codes.some((c) => c.endsWith(':invalid_value') || c.endsWith(':hidden_answer'))).toBe(true);
    expect(body.details.length).toBe(body.issues.length);
    expect(await s.store.countResponses()).toBe(0);
    expect(await slotsUsed(URBAN)).toBe(0);
  });

  it('refuses a JST other than the invitation\'s (the form shows it read-only; the server enforces it)', async () => {
    const data = { ...answers('city_county'), teryt: CITY };
    const r = await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data });
    expect(r.statusCode).toBe(422);
    const vars = (r.json() as { issues: { variable: string }[] }).issues.map((i) => i.variable);
    expect(vars).toContain('jst_kind');
    expect(vars).toContain('teryt');
    expect(await s.store.countResponses()).toBe(0);
  });

  it('fills in the invitation\'s JST when the answers leave it out', async () => {
    const data = answers('urban');
    delete data.jst_kind;
    delete data.teryt;
    delete data.voivodeship;
    expect((await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data })).statusCode).toBe(201);
    const stored = await s.store.getResponse(webRespondentId(hashToken(s.tokens[URBAN]!), DRAFT_A));
    expect(stored?.data).toMatchObject({ jst_kind: 'urban', teryt: URBAN, voivodeship: '02' });
  });

  it('answers 404 for an unknown token and 410 for a closed wave, without echoing the token', async () => {
    const unknown = 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ';
    const r = await submit(s, unknown, { draftId: DRAFT_A, data: answers('urban') });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'INVITATION_UNKNOWN' });
    expect(r.body).not.toContain(unknown);
    await s.store.closeWave('w1');
    const closed = await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban') });
    expect(closed.statusCode).toBe(410);
    expect(closed.json()).toMatchObject({ code: 'WAVE_CLOSED' });
    expect(closed.body).not.toContain(s.tokens[URBAN]!);
  });

  it('refuses a body over 256 KB with 413, and malformed JSON or a bad draft id with 400', async () => {
    const big = await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: { ...answers('urban'), comments: 'x'.repeat(300_000) } });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const bad = await s.app.inject({ method: 'POST', url: `/api/s/${s.tokens[URBAN]}/responses`, headers: { 'content-type': 'application/json' }, payload: '{"draftId": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INPUT_INVALID' });
    const shortId = await submit(s, s.tokens[URBAN]!, { draftId: 'x', data: answers('urban') });
    expect(shortId.statusCode).toBe(400);
    expect(shortId.json()).toMatchObject({ code: 'INPUT_INVALID', details: [{ column: 'body/draftId' }] });
    expect(await s.store.countResponses()).toBe(0);
  });
});

describe('autosave drafts', () => {
  const put = (token: string, body: unknown) => s.app.inject({ method: 'PUT', url: `/api/s/${token}/draft`, payload: body as Record<string, unknown> });
  const get = (token: string, id: string) => s.app.inject(`/api/s/${token}/draft?id=${id}`);

  it('loads back what was saved, keyed by the invitation and the draft id', async () => {
    const partial = { jst_kind: 'urban', teryt: URBAN, voivodeship: '02', staff_group: 'management', comments: 'Zażółć gęślą jaźń' };
    const saved = await put(s.tokens[URBAN]!, { id: DRAFT_A, answers: partial, startedAt: '2026-11-24T11:00:00Z', page: 3 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ savedAt: '2026-11-24T12:00:00.000Z' });
    const loaded = await get(s.tokens[URBAN]!, DRAFT_A);
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json()).toEqual({ id: DRAFT_A, answers: partial, startedAt: '2026-11-24T11:00:00Z', page: 3, savedAt: '2026-11-24T12:00:00.000Z' });
    // another draft id, or the same id under another invitation, sees nothing
    expect((await get(s.tokens[URBAN]!, DRAFT_B)).statusCode).toBe(404);
    expect((await get(s.tokens[CITY]!, DRAFT_A)).statusCode).toBe(404);
  });

  it('replaces the draft on each save and deletes it when the response is submitted', async () => {
    await put(s.tokens[URBAN]!, { id: DRAFT_A, answers: { staff_group: 'operational' }, page: 1 });
    await put(s.tokens[URBAN]!, { id: DRAFT_A, answers: { staff_group: 'management' }, page: 2 });
    expect((await get(s.tokens[URBAN]!, DRAFT_A)).json()).toMatchObject({ answers: { staff_group: 'management' }, page: 2 });
    expect((await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban') })).statusCode).toBe(201);
    expect((await get(s.tokens[URBAN]!, DRAFT_A)).statusCode).toBe(404);
  });

  it('refuses saving into a closed wave (410) or under an unknown token (404)', async () => {
    expect((await put('ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', { id: DRAFT_A, answers: {} })).statusCode).toBe(404);
    await s.store.closeWave('w1');
    const r = await put(s.tokens[URBAN]!, { id: DRAFT_A, answers: {} });
    expect(r.statusCode).toBe(410);
    expect(r.json()).toMatchObject({ code: 'WAVE_CLOSED' });
  });

  it('refuses a draft with a malformed id or without answers (400)', async () => {
    expect((await put(s.tokens[URBAN]!, { id: 'short', answers: {} })).statusCode).toBe(400);
    expect((await put(s.tokens[URBAN]!, { id: DRAFT_A })).statusCode).toBe(400);
    expect((await get(s.tokens[URBAN]!, 'bad id!')).statusCode).toBe(400);
  });
});
