import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/server/log.ts';
import { admin, answers, DRAFT_A, DRAFT_B, startTestServer, submit, URBAN, type TestServer } from './helpers.ts';

let s: TestServer;
afterEach(async () => s?.close());

const PUBLIC = join(import.meta.dirname, '..', '..', 'src', 'server', 'public');

describe('security headers', () => {
  it('sends a same-origin CSP, nosniff, no framing and no X-Powered-By on pages, API and assets', async () => {
    s = await startTestServer();
    for (const url of [`/s/${s.tokens[URBAN]}`, '/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/admin', '/api/admin/waves', '/assets/survey-page.js', '/api/health']) {
      const r = await s.app.inject(url);
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['x-powered-by']).toBeUndefined();
    }
    expect((await s.app.inject(`/s/${s.tokens[URBAN]}`)).headers['cache-control']).toBe('no-store');
  });
});

describe('rate limiting', () => {
  it('limits the public routes per client address (429, a page or JSON), and not the admin API', async () => {
    s = await startTestServer({ rateLimit: { max: 3, timeWindow: '1 minute' } });
    const token = s.tokens[URBAN]!;
    for (let i = 0; i < 3; i++) expect((await s.app.inject(`/s/${token}`)).statusCode).toBe(200);
    const page = await s.app.inject(`/s/${token}`);
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Zbyt wiele prób');
    const api = await submit(s, token, { draftId: DRAFT_A, data: answers('urban') });
    expect(api.statusCode).toBe(429);
    expect(api.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await s.store.countResponses()).toBe(0);
    // another address has its own budget
    expect((await s.app.inject({ url: `/s/${token}`, remoteAddress: '10.0.0.9' })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await admin(s, '/api/admin/waves')).statusCode).toBe(200);
  });

  it('can be turned off (the benchmark does)', async () => {
    s = await startTestServer({ rateLimit: false });
    for (let i = 0; i < 400; i++) expect((await s.app.inject(`/s/${s.tokens[URBAN]}`)).statusCode).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  it('lists every route with its parameters, body and reply schemas', async () => {
    s = await startTestServer();
    const r = await s.app.inject('/api/docs/openapi.json');
    expect(r.statusCode).toBe(200);
    const doc = r.json() as { openapi: string; paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown; responses: Record<string, unknown>; security?: unknown }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual([
      'GET /admin', 'GET /api/admin/export', 'GET /api/admin/overview', 'GET /api/admin/programmes', 'GET /api/admin/programmes/{code}.json', 'GET /api/admin/programmes/{code}.pdf', 'GET /api/admin/quality', 'GET /api/admin/reports/{segment}.pdf', 'GET /api/admin/results',
      'GET /api/admin/over-quota', 'GET /api/admin/waves', 'GET /api/admin/waves/{name}/jsts', 'GET /api/admin/waves/{name}/log', 'GET /api/admin/waves/{name}/mailmerge', 'GET /api/admin/waves/{name}/progress',
      'GET /api/health', 'GET /api/s/{token}/draft', 'GET /assets/{*}', 'GET /s/{token}',
      'POST /api/admin/over-quota/{id}', 'POST /api/admin/waves/{name}/contacts', 'POST /api/admin/waves/{name}/send', 'POST /api/s/{token}/responses', 'PUT /api/admin/waves/{name}/contact', 'PUT /api/s/{token}/draft',
    ].sort());
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        if (path.includes('{')) expect(op.parameters?.length, `${method} ${path}`).toBeGreaterThan(0);
        if (path.startsWith('/api/admin/')) expect(op.security, `${method} ${path}`).toEqual([{ bearer: [] }]);
      }
    }
    expect(doc.paths['/api/s/{token}/responses']?.post?.requestBody).toBeTruthy();
    expect(Object.keys(doc.paths['/api/s/{token}/responses']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201', '404', '409', '410', '413', '422']));
  });
});

describe('secrets in the log', () => {
  it('redacts the token in respondent URLs and drops query strings', () => {
    expect(redactUrl('/s/abcDEF123_-xyz?lang=en')).toBe('/s/[token]');
    expect(redactUrl('/api/s/abcDEF123_-xyz/draft?id=secretdraft')).toBe('/api/s/[token]/draft');
    expect(redactUrl('/api/admin/waves')).toBe('/api/admin/waves');
  });

  it('never logs an invitation token, a draft id or the admin token, whatever happens', async () => {
    s = await startTestServer();
    const token = s.tokens[URBAN]!;
    const unknown = 'QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ';
    await s.app.inject(`/s/${token}`);
    await s.app.inject(`/s/${token}?lang=en`);
    await s.app.inject(`/s/${unknown}`);
    await s.app.inject(`/s/${token}/extra/path`);
    await s.app.inject({ method: 'PUT', url: `/api/s/${token}/draft`, payload: { id: DRAFT_A, answers: { staff_group: 'management' } } });
    await s.app.inject(`/api/s/${token}/draft?id=${DRAFT_A}`);
    await s.app.inject(`/api/s/${token}/draft?id=${DRAFT_B}`);
    await submit(s, token, { draftId: DRAFT_A, data: { staff_group: 'x' } });
    await submit(s, token, { draftId: DRAFT_A, data: answers('urban') });
    await submit(s, unknown, { draftId: DRAFT_B, data: answers('urban') });
    await s.app.inject({ method: 'POST', url: `/api/s/${token}/responses`, headers: { 'content-type': 'application/json' }, payload: `{"draftId":"${DRAFT_B}",` });
    await admin(s, '/api/admin/waves');
    await admin(s, '/api/admin/waves', 'wrongwrongwrongwrongwrong');
    await s.store.closeWave('w1');
    await submit(s, token, { draftId: DRAFT_B, data: answers('urban') });
    const log = s.logs.join('');
    expect(s.logs.length).toBeGreaterThan(20);
    for (const secret of [token, unknown, DRAFT_A, DRAFT_B, s.adminToken, 'wrongwrongwrongwrongwrong']) expect(log).not.toContain(secret);
    expect(log).toContain('/s/[token]');
    expect(log).not.toMatch(/authorization/i);
  });
});

describe('text from respondents on the dashboard', () => {
  it('is never turned into markup: the page holds no data, and its script writes text only', async () => {
    s = await startTestServer();
    const attack = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    expect((await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban', 'management', attack) })).statusCode).toBe(201);
    const page = await s.app.inject('/admin');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('alert(');
    expect(page.body).not.toContain('<img');
    // whatever the API returns travels as JSON or CSV, never as HTML
    for (const url of ['/api/admin/export?format=raw', '/api/admin/quality', '/api/admin/waves/w1/progress']) {
      const r = await admin(s, url);
      expect(String(r.headers['content-type']), url).not.toContain('html');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    for (const file of ['dashboard.js', 'survey-page.js']) {
      const code = readFileSync(join(PUBLIC, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      expect(code, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    }
  });
});
