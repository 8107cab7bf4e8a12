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
    expect(third.statusCode).toBe(202);
    expect(third.json()).toMatchObject({ status: 'over_quota' });
    expect(await s.store.countResponses()).toBe(2);
  });

  it('never loses a questionnaire finished after colleagues used the last slot: kept over-quota, accepted into the data by the researcher', async () => {
    const token = s.tokens[URBAN]!;
    // the late respondent opened the form and autosaved while slots were free
    expect((await s.app.inject({ method: 'PUT', url: `/api/s/${token}/draft`, payload: { id: 'draftLATEXXXXXXXXXXXXX', answers: { staff_group: 'management' } } })).statusCode).toBe(200);
    expect((await submit(s, token, { draftId: DRAFT_A, data: answers('urban', 'management') })).statusCode).toBe(201);
    expect((await submit(s, token, { draftId: DRAFT_B, data: answers('urban', 'operational') })).statusCode).toBe(201);
    const late = await submit(s, token, { draftId: 'draftLATEXXXXXXXXXXXXX', data: answers('urban', 'management', 'późna odpowiedź') });
    expect(late.statusCode).toBe(202);
    const id = webRespondentId(hashToken(token), 'draftLATEXXXXXXXXXXXXX');
    expect((await s.store.getResponse(id))?.data.comments).toBe('późna odpowiedź');
    expect(await s.countDrafts()).toBe(0);
    // a retry of the same submission is recognised
    expect((await submit(s, token, { draftId: 'draftLATEXXXXXXXXXXXXX', data: answers('urban', 'management', 'późna odpowiedź') })).json()).toMatchObject({ status: 'over_quota' });
    expect(await s.store.countResponses()).toBe(2);
    expect(await s.store.listOverQuota({ wave: 'w1' })).toEqual([expect.objectContaining({ id, teryt: URBAN, review: 'pending' })]);
    await s.store.reviewOverQuota(id, 'accepted');
    expect(await s.store.countResponses({ wave: 'w1' })).toBe(3);
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
    data.SIEC = { ...(data.SIEC as object), SIEC3: { imp: 4, lvl: 2 } };
    const r = await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data });
    expect(r.statusCode).toBe(422);
    const body = r.json() as { code: string; issues: { variable: string; code: string }[]; details: unknown[] };
    expect(body.code).toBe('RESPONSE_INVALID');
    const codes = body.issues.map((i) => `${i.variable}:${i.code}`);
    expect(codes).toContain('staff_group:required');
    expect(codes).toContain('position:hidden_answer');
    expect(body.details.length).toBe(body.issues.length);
    expect(await s.store.countResponses()).toBe(0);
    expect(await slotsUsed(URBAN)).toBe(0);
  });

  it.each([
    ['an unknown question', (d: Record<string, unknown>) => (d.made_up = 'x'), 'body/data/made_up', 'is not a question of the questionnaire (see `diag codebook`)'],
    ['a rating outside the scale', (d: Record<string, any>) => (d.PRAWO.PRAWO1.imp = 9), 'body/data/PRAWO/PRAWO1/imp', 'expected a rating 1, 2, 3, 4, 5'],
    ['a rating as text (no coercion)', (d: Record<string, any>) => (d.PRAWO.PRAWO1.imp = '4'), 'body/data/PRAWO/PRAWO1/imp', 'expected a rating 1, 2, 3, 4, 5'],
    ['an unknown matrix item', (d: Record<string, any>) => (d.PRAWO.PRAWO9 = { imp: 4 }), 'body/data/PRAWO/PRAWO9', 'is not an item of PRAWO'],
    ['a fractional count', (d: Record<string, unknown>) => (d.n_schools = 0.5), 'body/data/n_schools', 'expected a whole number from 0 to 2000'],
    ['a count as text (no coercion)', (d: Record<string, unknown>) => (d.n_schools = '12'), 'body/data/n_schools', 'expected a whole number from 0 to 2000'],
    ['an empty list as a comment', (d: Record<string, unknown>) => (d.comments = []), 'body/data/comments', 'expected text of at most 4000 characters without NUL or unpaired surrogates'],
    ['an empty object as a comment', (d: Record<string, unknown>) => (d.comments = {}), 'body/data/comments', 'expected text of at most 4000 characters without NUL or unpaired surrogates'],
    ['an empty list as a matrix answer', (d: Record<string, unknown>) => (d.PRAWO = []), 'body/data/PRAWO', 'expected an object of rated items of PRAWO: PRAWO1, PRAWO2, PRAWO3, PRAWO4'],
    ['a checkbox value that is an object with a toString', (d: Record<string, unknown>) => (d.tasks = [{ toString: 1 }]), 'body/data/tasks/0', 'expected a choice of tasks'],
    ['a staff group that is an object', (d: Record<string, unknown>) => (d.staff_group = { toString: 1 }), 'body/data/staff_group', 'expected one of management, operational'],
    ['a NUL character in a comment', (d: Record<string, unknown>) => (d.comments = 'a\u0000b'), 'body/data/comments', 'contains a NUL character or an unpaired surrogate: expected text without them'],
    ['an unpaired surrogate in a comment', (d: Record<string, unknown>) => (d.comments = 'a\uD800b'), 'body/data/comments', 'contains a NUL character or an unpaired surrogate: expected text without them'],
    ['a comment longer than the questionnaire allows', (d: Record<string, unknown>) => (d.comments = 'x'.repeat(4001)), 'body/data/comments', 'expected text of at most 4000 characters'],
  ])('refuses %s with 400 naming the field, before validation, storing nothing', async (_case, edit, column, message) => {
    const data = answers('urban');
    edit(data);
    const r = await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data });
    expect(r.statusCode).toBe(400);
    const body = r.json() as { code: string; details: { column: string; message: string }[] };
    expect(body.code).toBe('INPUT_INVALID');
    expect(body.details[0]?.column).toBe(column);
    expect(body.details[0]?.message).toContain(message);
    expect(r.body).not.toContain('toString');
    expect(await s.store.countResponses()).toBe(0);
    expect(await slotsUsed(URBAN)).toBe(0);
  });

  it('refuses a body field the API does not declare (no silent dropping)', async () => {
    const r = await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban'), extra: 1 });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'INPUT_INVALID', details: [{ column: 'body/extra', message: 'is not a field of this body' }] });
    expect(await s.store.countResponses()).toBe(0);
  });

  it.each([
    ['application/json; charset=latin1', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['application/json; charset=utf-16', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['application/json; charset="ISO-8859-2"', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['application/json; charset=UTF-8', 201, undefined],
    ['application/json; charset=utf8', 201, undefined],
  ])('reads JSON in UTF-8 only: %s → %i', async (type, status, code) => {
    const payload = Buffer.from(JSON.stringify({ draftId: DRAFT_A, data: answers('urban', 'management', 'Zażółć') }), 'utf8');
    const r = await s.app.inject({ method: 'POST', url: `/api/s/${s.tokens[URBAN]}/responses`, headers: { 'content-type': type }, payload });
    expect(r.statusCode).toBe(status);
    if (code) expect(r.json()).toMatchObject({ code });
    expect(await s.store.countResponses()).toBe(status === 201 ? 1 : 0);
  });

  it('refuses bytes that are not UTF-8 (400), rather than reading them with replacement characters', async () => {
    const json = JSON.stringify({ draftId: DRAFT_A, data: answers('urban', 'management', 'Zażółć') });
    const latin2 = Buffer.from(json.replace(/[^\x00-\x7f]/g, (c) => String.fromCharCode(c === 'ż' ? 0xbf : c === 'ó' ? 0xf3 : c === 'ł' ? 0xb3 : c === 'ć' ? 0xe6 : 0x3f)), 'latin1');
    const r = await s.app.inject({ method: 'POST', url: `/api/s/${s.tokens[URBAN]}/responses`, headers: { 'content-type': 'application/json' }, payload: latin2 });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'INPUT_INVALID', message: 'the body is not valid UTF-8' });
    const utf16 = await s.app.inject({ method: 'POST', url: `/api/s/${s.tokens[URBAN]}/responses`, headers: { 'content-type': 'application/json' }, payload: Buffer.from(`\ufeff${json}`, 'utf16le') });
    expect(utf16.statusCode).toBe(400);
    expect(await s.store.countResponses()).toBe(0);
  });

  it('refuses prototype-pollution keys in the JSON (400)', async () => {
    for (const payload of [`{"draftId":"${DRAFT_A}","data":{"__proto__":{"x":1}}}`, `{"draftId":"${DRAFT_A}","data":{"constructor":{"prototype":{"x":1}}}}`]) {
      const r = await s.app.inject({ method: 'POST', url: `/api/s/${s.tokens[URBAN]}/responses`, headers: { 'content-type': 'application/json' }, payload });
      expect(r.statusCode, payload).toBe(400);
      expect(r.json()).toMatchObject({ code: 'INPUT_INVALID' });
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses a draft id or start time of the wrong shape or type', async () => {
    for (const body of [{ draftId: 12345678901234567890, data: {} }, { draftId: DRAFT_A, data: {}, startedAt: 'yesterday' }, { draftId: DRAFT_A, data: {}, startedAt: 1700000000 }, { draftId: [DRAFT_A], data: {} }]) {
      const r = await submit(s, s.tokens[URBAN]!, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
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
  const put = (token: string, body: unknown) => s.app.inject({ method: 'PUT', url: `/api/s/${token}/draft`, headers: { 'content-type': 'application/json' }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
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

  it('checks a draft against the questionnaire like a submission (types, sizes, the text rule), storing nothing it refuses', async () => {
    // JSON text nested 5,000 deep (JSON.stringify itself could not write it)
    const deep = `{"id":"${DRAFT_A}","answers":{"comments":${'['.repeat(5000)}1${']'.repeat(5000)}}}`;
    const cases: [unknown, string][] = [
      [{ id: DRAFT_A, answers: { made_up: 1 } }, 'body/answers/made_up'],
      [deep, 'body/answers/comments'],
      [{ id: DRAFT_A, answers: { tasks: [{ toString: 1 }] } }, 'body/answers/tasks/0'],
      [{ id: DRAFT_A, answers: { comments: 'a\u0000' } }, 'body/answers/comments'],
      [{ id: DRAFT_A, answers: {}, page: '3' }, 'body/page'],
      [{ id: DRAFT_A, answers: {}, page: 2.5 }, 'body/page'],
      [{ id: DRAFT_A, answers: {}, extra: true }, 'body/extra'],
    ];
    for (const [body, column] of cases) {
      const r = await put(s.tokens[URBAN]!, body);
      expect(r.statusCode, column).toBe(400);
      expect((r.json() as { details: { column: string }[] }).details[0]?.column).toBe(column);
    }
    expect((await get(s.tokens[URBAN]!, DRAFT_A)).statusCode).toBe(404);
    // a partial draft of the right types is saved: empty values as SurveyJS leaves them
    const partial = { jst_kind: 'urban', staff_group: 'management', n_schools: '', tasks: [], PRAWO: { PRAWO1: { imp: 4 } }, comments: null };
    expect((await put(s.tokens[URBAN]!, { id: DRAFT_A, answers: partial, page: 2 })).statusCode).toBe(200);
  });
});
