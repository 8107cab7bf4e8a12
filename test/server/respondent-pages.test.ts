import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/responses/store/types.ts';
import { buildApp } from '../../src/server/app.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { answers, CITY, DRAFT_A, startTestServer, submit, URBAN, type TestServer } from './helpers.ts';

let s: TestServer;
beforeEach(async () => {
  s = await startTestServer({ slots: 1 });
});
afterEach(async () => s.close());

function configOf(html: string): Record<string, unknown> {
  const m = /<script type="application\/json" id="diag-config">(.*?)<\/script>/s.exec(html);
  if (!m) throw new Error('no #diag-config in the page');
  return JSON.parse(m[1]!) as Record<string, unknown>;
}

describe('the respondent page of an invitation link', () => {
  it('renders the questionnaire with the JST of the invitation fixed from the frame', async () => {
    const r = await s.app.inject(`/s/${s.tokens[URBAN]}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<html lang="pl">');
    expect(r.body).toContain('name="viewport"');
    expect(r.body).toContain('Bolesławiec');
    expect(r.body).toContain('/assets/vendor/survey.core.min.js');
    expect(r.body).toContain('/assets/vendor/survey-js-ui.min.js');
    const config = configOf(r.body);
    expect(config.prefill).toEqual({ jst_kind: 'urban', teryt: URBAN, voivodeship: '02' });
    expect(config.readOnly).toEqual(['jst_kind', 'teryt', 'voivodeship']);
    expect(config.lang).toBe('pl');
    // the token is read by the script from the address bar, never written into the page
    expect(r.body).not.toContain(s.tokens[URBAN]);
  });

  it('switches to English with ?lang=en', async () => {
    const r = await s.app.inject(`/s/${s.tokens[CITY]}?lang=en`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<html lang="en">');
    expect(r.body).toContain('Survey for');
    expect(r.body).toContain('city with county rights');
    expect(configOf(r.body).lang).toBe('en');
    expect(r.body).toContain('href="?lang=pl"');
  });

  it('answers an unknown token with a Polish 404 page, and an English one with ?lang=en', async () => {
    const r = await s.app.inject('/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('Nie rozpoznajemy tego linku');
    const en = await s.app.inject('/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?lang=en');
    expect(en.statusCode).toBe(404);
    expect(en.body).toContain('We do not recognise this link');
  });

  it('answers a malformed token with the same 404 page', async () => {
    for (const url of ['/s/abc', '/s/%3Cscript%3E', `/s/${'x'.repeat(150)}`]) {
      const r = await s.app.inject(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.body).toContain('Nie rozpoznajemy tego linku');
      expect(r.body).not.toContain('<script>');
    }
  });

  it('warns before starting how many questionnaires the invitation still allows, and gives the wave contact', async () => {
    const three = await startTestServer({ slots: 3 });
    try {
      const before = await three.app.inject(`/s/${three.tokens[URBAN]}`);
      expect(before.body).toContain('można wysłać jeszcze 3 ankiety');
      expect(before.body).not.toContain('slots-note--last');
    } finally {
      await three.close();
    }
    await s.store.setWaveContact('w1', 'badanie.jst@example.pl');
    const last = await s.app.inject(`/s/${s.tokens[URBAN]}`);
    expect(last.body).toContain('mailto:badanie.jst@example.pl');
    expect(last.body).toContain('można wysłać jeszcze tylko jedną ankietę');
    expect(last.body).toContain('slots-note--last');
  });

  it('puts the study contact on every error page: the wave’s for its links, the latest wave’s for unknown ones', async () => {
    await s.store.setWaveContact('w1', 'badanie.jst@example.pl');
    await s.store.closeWave('w1');
    for (const url of [`/s/${s.tokens[URBAN]}`, '/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/no-such-page']) {
      const r = await s.app.inject(url);
      expect(r.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(r.body, url).toContain('Kontakt z zespołem badania: <a href="mailto:badanie.jst@example.pl">');
    }
  });

  it('follows Accept-Language unless a language is chosen', async () => {
    const url = `/s/${s.tokens[URBAN]}`;
    const en = await s.app.inject({ url, headers: { 'accept-language': 'en-GB,en;q=0.9,pl;q=0.5' } });
    expect(en.body).toContain('<html lang="en">');
    const pl = await s.app.inject({ url, headers: { 'accept-language': 'de-DE,pl;q=0.8,en;q=0.7' } });
    expect(pl.body).toContain('<html lang="pl">');
    const chosen = await s.app.inject({ url: `${url}?lang=pl`, headers: { 'accept-language': 'en' } });
    expect(chosen.body).toContain('<html lang="pl">');
    expect((await s.app.inject({ url, headers: { 'accept-language': 'fr' } })).body).toContain('<html lang="pl">');
    const notFound = await s.app.inject({ url: '/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', headers: { 'accept-language': 'en' } });
    expect(notFound.body).toContain('We do not recognise this link');
  });

  it('answers a closed wave with 410 Gone', async () => {
    await s.store.closeWave('w1');
    const r = await s.app.inject(`/s/${s.tokens[URBAN]}`);
    expect(r.statusCode).toBe(410);
    expect(r.body).toContain('Badanie zostało zakończone');
    expect((await s.app.inject(`/s/${s.tokens[URBAN]}?lang=en`)).body).toContain('The survey has closed');
  });

  it('answers a link whose every slot is used with 409', async () => {
    expect((await submit(s, s.tokens[URBAN]!, { draftId: DRAFT_A, data: answers('urban') })).statusCode).toBe(201);
    const r = await s.app.inject(`/s/${s.tokens[URBAN]}`);
    expect(r.statusCode).toBe(409);
    expect(r.body).toContain('Ankieta z tego linku została już wypełniona');
    // whoever began before the last slot went can get back to the form and finish (stored over-quota)
    expect(r.body).toContain('<a href="?continue=1&amp;lang=pl">wróć do ankiety</a>');
    const back = await s.app.inject(`/s/${s.tokens[URBAN]}?continue=1`);
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain('wysłano już wszystkie przewidziane ankiety. Dokończona ankieta zostanie zapisana');
    // switching the language keeps the way back in: the English page is the form too, not the 409
    const switchHref = /class="lang-switch"[^>]*><a href="([^"]+)"/.exec(back.body)?.[1]?.replace(/&amp;/g, '&');
    expect(switchHref).toBe('?continue=1&lang=en');
    const english = await s.app.inject(`/s/${s.tokens[URBAN]}${switchHref}`);
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('<html lang="en">');
    // the ordinary form's language link carries nothing else
    expect(/class="lang-switch"[^>]*><a href="([^"]+)"/.exec((await s.app.inject(`/s/${s.tokens[CITY]}`)).body)?.[1]).toBe('?lang=en');
    // the other JST's link is unaffected
    expect((await s.app.inject(`/s/${s.tokens[CITY]}`)).statusCode).toBe(200);
    await s.store.closeWave('w1');
    expect((await s.app.inject(`/s/${s.tokens[URBAN]}?continue=1`)).statusCode).toBe(410);
  });

  it('never shows a stack trace: a failing store gives a plain 500 page', async () => {
    const broken = new Proxy(s.store, {
      get(target, prop, receiver) {
        if (prop === 'findInvitation') return async () => { throw new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path'); };
        return Reflect.get(target, prop, receiver) as unknown;
      },
    }) as Store;
    const app = await buildApp({ store: broken, questionnaire: shippedQuestionnaire() });
    try {
      const page = await app.inject(`/s/${s.tokens[URBAN]}`);
      expect(page.statusCode).toBe(500);
      expect(page.body).toContain('Coś poszło nie tak');
      const api = await app.inject({ method: 'POST', url: `/api/s/${s.tokens[URBAN]}/responses`, payload: { draftId: DRAFT_A, data: {} } });
      expect(api.statusCode).toBe(500);
      expect(api.json()).toEqual({ code: 'INTERNAL', message: 'internal server error', details: [] });
      for (const body of [page.body, api.body]) {
        expect(body).not.toContain('SQLITE_CORRUPT');
        expect(body).not.toContain('/secret/path');
        expect(body).not.toMatch(/\bat .*\.ts:\d+/);
      }
    } finally {
      await app.close();
    }
  });

  it('refuses the links of a wave created for another questionnaire than the server serves (503), the form and the submission alike, storing nothing', async () => {
    const { newToken, hashToken } = await import('../../src/responses/store/tokens.ts');
    const frame = (await s.store.findFrame())!;
    const token = newToken(24);
    await s.store.createWave(
      { name: 'other', frameId: frame.id, sampleSize: 1, strata: ['kind'], allocation: 'proportional', seed: '1', slots: 2, allocationTable: [], secretFingerprint: '0'.repeat(16), instrument: { file: 'ewaluacja.json', version: '0.1', sha256: 'e'.repeat(64) } },
      [{ teryt: URBAN, tokenHash: hashToken(token), slots: 2, stratum: 'urban', inclusionProbability: 1, baseWeight: 1 }],
    );
    const page = await s.app.inject(`/s/${token}`);
    expect(page.statusCode).toBe(503);
    expect(page.body).not.toContain('id="survey"');
    const sent = await s.app.inject({ method: 'POST', url: `/api/s/${token}/responses`, payload: { draftId: DRAFT_A, data: answers('urban') } });
    expect(sent.statusCode).toBe(503);
    expect(sent.json()).toMatchObject({ code: 'INSTRUMENT_MISMATCH' });
    expect(await s.store.countResponses({ wave: 'other' })).toBe(0);
    // a wave bound to the questionnaire served works as ever
    const served = shippedQuestionnaire();
    const own = newToken(24);
    await s.store.createWave(
      { name: 'own', frameId: frame.id, sampleSize: 1, strata: ['kind'], allocation: 'proportional', seed: '1', slots: 2, allocationTable: [], secretFingerprint: '0'.repeat(16), instrument: { file: 'diagnoza-jst.json', version: served.version, sha256: served.hash } },
      [{ teryt: URBAN, tokenHash: hashToken(own), slots: 2, stratum: 'urban', inclusionProbability: 1, baseWeight: 1 }],
    );
    expect((await s.app.inject(`/s/${own}`)).statusCode).toBe(200);
    expect((await s.app.inject({ method: 'POST', url: `/api/s/${own}/responses`, payload: { draftId: DRAFT_A, data: answers('urban') } })).statusCode).toBe(201);
  });

  it('answers a malformed page address as such: never as a fault of the server, never with a word of saved answers', async () => {
    for (const url of ['/s/', '/s/%E0%A4%A', '/s/abc?lang=xx', '/admin?lang=xx']) {
      const page = await s.app.inject(url);
      expect(page.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(page.statusCode, url).toBeLessThan(500);
      expect(page.headers['content-type'], url).toContain('text/html');
      expect(page.body, url).not.toContain('Coś poszło nie tak');
      expect(page.body, url).not.toContain('zapisać się automatycznie');
      expect(page.body, url).toMatch(/Nieprawidłowy adres|Nie rozpoznajemy tego linku|Nie ma takiej strony/);
    }
    expect((await s.app.inject({ url: '/s/', headers: { 'accept-language': 'en' } })).body).toMatch(/Invalid address|We do not recognise this link/);
  });

  it('answers an unknown page with a 404 page and an unknown API route with JSON', async () => {
    const page = await s.app.inject('/nowhere');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Nie ma takiej strony');
    const api = await s.app.inject('/api/nowhere');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'INPUT_NOT_FOUND' });
  });

  it('serves SurveyJS, its Polish locale and the questionnaire from node_modules, gzipped, with an ETag', async () => {
    for (const path of ['vendor/survey.core.min.js', 'vendor/polish.min.js', 'vendor/survey-js-ui.min.js', 'vendor/survey-core.fontless.min.css', 'vendor/chart.umd.min.js', 'survey-page.js', 'dashboard.js']) {
      const r = await s.app.inject(`/assets/${path}`);
      expect(r.statusCode, path).toBe(200);
      expect(r.headers.etag).toBeTruthy();
    }
    const gz = await s.app.inject({ url: '/assets/vendor/survey.core.min.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(500_000);
    const again = await s.app.inject({ url: '/assets/vendor/survey.core.min.js', headers: { 'if-none-match': gz.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    const q = await s.app.inject('/assets/questionnaire.json');
    expect(q.json()).toEqual(shippedQuestionnaire().json);
    expect((await s.app.inject('/assets/../package.json')).statusCode).toBe(404);
  });
});
