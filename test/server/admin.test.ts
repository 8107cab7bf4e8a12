import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { ResultsSchema, type Results } from '../../src/analysis/results-schema.ts';
import { generateSynthetic } from '../../src/synth/generate.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { admin, answers, CITY, DRAFT_A, DRAFT_B, startTestServer, submit, URBAN, type TestServer } from './helpers.ts';

let s: TestServer;
afterEach(async () => s.close());

const ADMIN_ROUTES = ['/api/admin/overview', '/api/admin/waves', '/api/admin/waves/w1/progress', '/api/admin/quality', '/api/admin/export?format=raw', '/api/admin/results', '/api/admin/reports/rural.pdf',
  '/api/admin/waves/w1/jsts', '/api/admin/waves/w1/log', '/api/admin/over-quota', '/api/admin/waves/w1/mailmerge?kind=invitation&baseUrl=http%3A%2F%2Fx.pl'];

describe('the admin API', () => {
  beforeEach(async () => {
    s = await startTestServer({ slots: 3 });
  });

  it.each(ADMIN_ROUTES)('refuses %s without a valid bearer token (401)', async (url) => {
    for (const authorization of [undefined, 'Bearer ', `Bearer ${'A'.repeat(43)}`, `Basic ${s.adminToken}`, s.adminToken]) {
      const r = await s.app.inject({ url, headers: authorization === undefined ? {} : { authorization } });
      expect(r.statusCode, String(authorization)).toBe(401);
      expect(r.headers['www-authenticate']).toContain('Bearer');
      expect(r.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });

  it.each([
    ['POST', '/api/admin/waves/w1/contacts', { csv: 'teryt;email\n0201011;a@b.pl\n' }],
    ['POST', '/api/admin/waves/w1/send', { kind: 'invitation', baseUrl: 'http://x.pl' }],
    ['PUT', '/api/admin/waves/w1/contact', { email: 'a@b.pl' }],
    ['POST', '/api/admin/over-quota/w123', { decision: 'accepted' }],
  ] as const)('refuses %s %s without a valid bearer token (401) and changes nothing', async (method, url, payload) => {
    const r = await s.app.inject({ method, url, payload });
    expect(r.statusCode).toBe(401);
    expect(await s.store.listContacts('w1')).toEqual([]);
    expect((await s.store.getWave('w1'))?.contactEmail).toBeNull();
  });

  it('refuses a revoked or an expired token (401), and takes a token with an expiry still ahead', async () => {
    const { hashToken, newToken } = await import('../../src/responses/store/tokens.ts');
    const later = newToken(32);
    const expired = newToken(32);
    await s.store.createAdminToken('later', hashToken(later), { expiresAt: '2026-12-01T00:00:00Z' });
    await s.store.createAdminToken('expired', hashToken(expired), { expiresAt: '2026-11-24T11:59:59Z' });
    expect((await admin(s, '/api/admin/waves', later)).statusCode).toBe(200);
    expect((await admin(s, '/api/admin/waves', expired)).statusCode).toBe(401);
    expect((await admin(s, '/api/admin/waves')).statusCode).toBe(200);
    await s.store.revokeAdminToken('test');
    const revoked = await admin(s, '/api/admin/waves');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('lists the waves with invitations, slots and responses', async () => {
    await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban') });
    const r = await admin(s, '/api/admin/waves');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.json()).toEqual({ waves: [{ name: 'w1', status: 'open', createdAt: '2026-11-24T12:00:00.000Z', closedAt: null, invitations: 2, slots: 6, responses: 1, questionnaire: null, diagnosis: true }] });
    const overview = await admin(s, '/api/admin/overview');
    expect(overview.json()).toMatchObject({ responses: 1, backend: 'sqlite', suppressionThreshold: 5, reports: false });
  });

  it('shows fieldwork progress per segment and voivodeship at pilot scale: JSTs answered / started / not started and responses', async () => {
    await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban', 'management') });
    await s.app.inject({ method: 'PUT', url: `/api/s/${s.tokens[CITY]}/draft`, payload: { id: DRAFT_B, answers: {} } });
    const r = await admin(s, '/api/admin/waves/w1/progress');
    expect(r.statusCode).toBe(200);
    const p = r.json() as { cells: { segment: string; voivodeship: string }[]; total: Record<string, unknown> };
    expect(p.total).toMatchObject({ invitedJst: 2, answeredJst: 1, startedJst: 1, notStartedJst: 0, responses: 1, drafts: 1, responseRate: 0.5 });
    expect(p.cells.find((c) => c.segment === 'urban' && c.voivodeship === '02')).toMatchObject({ invitedJst: 1, answeredJst: 1, responses: 1 });
    const open = await admin(s, '/api/admin/waves/w1/jsts');
    expect(open.json()).toEqual({ wave: 'w1', jsts: [expect.objectContaining({ teryt: CITY, name: 'Jelenia Góra', status: 'started', drafts: 1, responses: 0 })] });
    expect((await admin(s, '/api/admin/waves/w1/jsts?all=true')).json().jsts).toHaveLength(2);
    expect((await admin(s, '/api/admin/waves/nope/progress')).statusCode).toBe(404);
  });

  it('counts the data-quality flags', async () => {
    // the same answers twice from one JST: the second is a duplicate
    await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban') });
    await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_B, data: answers('urban') });
    const r = await admin(s, '/api/admin/quality');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ wave: null, respondents: 2, flags: { duplicate: 1 } });
    expect((await admin(s, '/api/admin/quality?wave=w1')).json()).toMatchObject({ wave: 'w1', respondents: 2 });
    expect((await admin(s, '/api/admin/quality?wave=nope')).statusCode).toBe(404);
  });

  it('exports the responses as Excel-ready CSV, raw and labelled', async () => {
    await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban', 'management', '=HYPERLINK("http://x")') });
    const raw = await admin(s, '/api/admin/export?format=raw');
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(raw.headers['content-disposition']).toBe('attachment; filename="responses-all.csv"');
    expect(raw.body.startsWith('\uFEFFrespondent_id;')).toBe(true);
    expect(raw.body).toContain(';urban;');
    expect(raw.body).not.toContain(';=HYPERLINK');
    const labelled = await admin(s, '/api/admin/export?format=labelled&wave=w1');
    expect(labelled.headers['content-disposition']).toBe('attachment; filename="responses-w1-labelled.csv"');
    expect(labelled.body).toContain('gmina miejska');
    expect((await admin(s, '/api/admin/export?format=pdf')).statusCode).toBe(400);
  });

  it('answers 404 for reports when the server renders none', async () => {
    const r = await admin(s, '/api/admin/reports/rural.pdf');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'INPUT_NOT_FOUND', message: 'PDF reports are not available on this server' });
  });
});

describe('analysis results and reports from the store', () => {
  const q = shippedQuestionnaire();
  const synthetic = generateSynthetic(q, { respondents: 120, seed: 'server-admin' });
  const render = vi.fn(async (results: Results, segment: string, lang: string) => Buffer.from(`%PDF-1.7 ${segment} ${lang} n=${results.dataset.respondents}`));

  beforeEach(async () => {
    render.mockClear();
    s = await startTestServer({ reports: render });
    await s.store.importFrame({ name: 'synthetic', version: '1', source: 'test' }, synthetic.frame);
    await s.store.importResponses({ fileName: 'synthetic.csv', sha256: '0'.repeat(64) }, synthetic.responses);
  });

  it('computes the results off the event loop: a request sent meanwhile is answered first', async () => {
    let resultsDone = false;
    const pending = admin(s, '/api/admin/results').then((r) => {
      resultsDone = true;
      return r;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const health = await s.app.inject({ url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(resultsDone).toBe(false);
    expect((await pending).statusCode).toBe(200);
  });

  it('runs the analysis on the stored responses with the stored frame, and caches it by response count', async () => {
    const list = vi.spyOn(s.store, 'listResponses');
    const r = await admin(s, '/api/admin/results');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const results = r.json() as Results;
    expect(Value.Check(ResultsSchema, results)).toBe(true);
    expect(results.dataset.respondents).toBe(120);
    expect(results.weights.method).not.toBe('none');
    expect(results.input.frame?.units).toBe(synthetic.frame.length);
    expect((await admin(s, '/api/admin/results')).body).toBe(r.body);
    expect(list).toHaveBeenCalledTimes(1);
    // a new response makes the next request recompute
    await submit(s, s.tokens[CITY]!, { draftId: DRAFT_A, data: answers('city_county') });
    expect(((await admin(s, '/api/admin/results')).json() as Results).dataset.respondents).toBe(121);
    expect(list).toHaveBeenCalledTimes(2);
  });

  it('serves a segment report from the renderer it was given, once per results and language', async () => {
    const r = await admin(s, '/api/admin/reports/rural.pdf?lang=en');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.body).toBe('%PDF-1.7 rural en n=120');
    await admin(s, '/api/admin/reports/rural.pdf?lang=en');
    expect(render).toHaveBeenCalledTimes(1);
    expect((await admin(s, '/api/admin/reports/nowhere.pdf')).statusCode).toBe(404);
    expect((await admin(s, '/api/admin/overview')).json()).toMatchObject({ reports: true });
  });
});
