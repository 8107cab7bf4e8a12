/**
 * Fieldwork through the dashboard in headless Chromium, as a researcher does it by clicking: sign in, set the study's
 * contact address, load the JSTs' contacts from a CSV file, e-mail the invitations (a real SMTP server in-process
 * receives them), see a JST answer and a late colleague's questionnaire kept over the quota, accept it with a button,
 * and e-mail reminders that reach only the JSTs that have not answered. Every step is checked against what the
 * store and the SMTP server hold, not only against what the page says.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/responses/store/open.ts';
import { hashToken, newToken } from '../../src/responses/store/tokens.ts';
import type { Store } from '../../src/responses/store/types.ts';
import { createWave } from '../../src/responses/waves.ts';
import type { FrameUnit } from '../../src/sampling/frame.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { shippedFrame } from '../helpers/small-wave.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { findChromium, launchChromium } from './harness.ts';

declare const window: { cspViolations: string[]; addEventListener(type: string, cb: (e: { violatedDirective: string; blockedURI: string }) => void): void };

const here = dirname(fileURLToPath(import.meta.url));
const SCREENS = resolve(here, '..', '..', '.tmp', 'server');
const CONTACT = 'zespol.badania@example.pl';
const q = shippedQuestionnaire();
const contactOf = (teryt: string) => `oswiata.${teryt}@jst.example.pl`;
const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('fieldwork from the dashboard in headless Chromium', () => {
  let dir: string;
  let store: Store;
  let smtp: TestSmtp;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let units: FrameUnit[];
  let adminToken: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'diag-browser-fieldwork-'));
    store = await openStore({ dataDir: dir, databaseUrl: '' });
    const frame = shippedFrame();
    await store.importFrame({ name: 'frame', version: 'test', source: 'frame.csv' }, frame);
    const created = await createWave(store, { name: 'pilot', size: 10, strata: ['kind'], allocation: 'proportional', seed: 'browser', slots: 1, dataDir: dir });
    const sampled = new Set(created.sample.units.map((u) => u.teryt));
    units = frame.filter((u) => sampled.has(u.teryt));
    adminToken = newToken(32);
    await store.createAdminToken('researcher', hashToken(adminToken));
    smtp = await startTestSmtp();
    [server, browser] = await Promise.all([
      startServer({ store, questionnaire: q, host: '127.0.0.1', port: 0, rateLimit: false, dataDir: dir, smtp: smtp.config }),
      launchChromium(chromiumPath!),
    ]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pl-PL' });
    context.setDefaultTimeout(15_000);
    await context.addInitScript(() => {
      window.cspViolations = [];
      window.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    // the send buttons ask before e-mailing anybody: the researcher says yes
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${server.url}/admin#token=${adminToken}`);
    await page.getByText('Postęp edycji: pilot').waitFor();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const status = () => page.locator('#dash-status');
  const submit = (token: string, unit: FrameUnit, draftId: string, comment: string) => {
    const data = { ...completeResponse(q, unit.kind, 'management').data, teryt: unit.teryt, voivodeship: unit.voivodeship, comments: comment };
    return fetch(`${server.url}/api/s/${token}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ draftId, data }) });
  };
  const linkIn = (text: string) => /\/s\/([A-Za-z0-9_-]+)/.exec(text)?.[1];

  it('saves the study contact address and loads the contacts file chosen in the file picker', async () => {
    await page.getByLabel('Adres kontaktowy badania (widoczny dla respondentów)').fill(CONTACT);
    await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
    await expect.poll(() => status().textContent()).toBe('Zapisano.');
    expect((await store.getWave('pilot'))?.contactEmail).toBe(CONTACT);

    const csv = `teryt;email;name\r\n${units.map((u) => `${u.teryt};${contactOf(u.teryt)};Wydział Oświaty`).join('\r\n')}\r\n`;
    await page.locator('#contacts-file').setInputFiles({ name: 'kontakty.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Wczytaj kontakty' }).click();
    await expect.poll(() => status().textContent()).toBe('Zapisano 10 kontaktów dla 10 JST.');
    expect((await store.listContacts('pilot')).map((c) => c.teryt).sort()).toEqual(units.map((u) => u.teryt).sort());
    // the non-responder list now shows one contact on file for every JST
    await expect.poll(async () => (await page.locator('#nonresponders-table tbody tr td:nth-child(6)').allTextContents()).map(Number)).toEqual(units.map(() => 1));
  });

  it('e-mails the invitations with a click: every JST gets its own working link, with the study contact', async () => {
    await page.getByRole('button', { name: 'Wyślij zaproszenia e-mailem' }).click();
    await expect.poll(() => status().textContent()).toBe('Wysłano 10 wiadomości do 10 z 10 JST; odrzucone: 0.');
    expect(smtp.received).toHaveLength(10);
    for (const u of units) {
      const mail = smtp.received.find((m) => m.to.includes(contactOf(u.teryt)))!;
      expect(mail.text).toContain(`${server.url}/s/`);
      expect(mail.text).toContain(CONTACT);
      // the link is the JST's: its page names the JST
      const page2 = await fetch(`${server.url}/s/${linkIn(mail.text)}`);
      expect(page2.status).toBe(200);
      expect(await page2.text()).toContain(u.name);
    }
  });

  it('shows a late colleague\'s questionnaire as over-quota and accepts it into the data with a button', async () => {
    const first = units[0]!;
    const token = linkIn(smtp.received.find((m) => m.to.includes(contactOf(first.teryt)))!.text)!;
    expect((await submit(token, first, 'browser-fieldwork-first', 'pierwsza')).status).toBe(201);
    const late = await submit(token, first, 'browser-fieldwork-late1', 'spóźniona, ale kompletna');
    expect(late.status).toBe(202);
    expect(await late.json()).toMatchObject({ status: 'over_quota' });

    await page.locator('button[data-wave="pilot"]').click();
    const row = page.locator('#overquota-table tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('td').first().textContent()).toBe(first.teryt);
    await row.getByRole('button', { name: 'Włącz do danych' }).click();
    await expect.poll(async () => (await row.locator('td').nth(2).textContent()) ?? '').toMatch(/^włączona do danych \(/);
    expect(await store.countResponses({ wave: 'pilot' })).toBe(2);
    // the counts above the wave follow: two responses in the store, both in the pilot
    await expect.poll(() => page.locator('#total-responses').textContent()).toBe('2');
    await expect.poll(() => page.locator('td[data-responses="pilot"]').textContent()).toBe('2');
    // progress by voivodeship: one JST answered, two responses
    const total = page.locator('#progress-table tr.total td');
    await expect.poll(async () => (await total.allTextContents()).slice(0, 6).map((c) => Number(c.trim()))).toEqual([10, 1, 0, 9, 2, 0]);
  });

  it('e-mails reminders only to the nine JSTs that have not answered, and lists them', async () => {
    const before = smtp.received.length;
    await page.getByRole('button', { name: 'Wyślij przypomnienia (tylko JST bez odpowiedzi)' }).click();
    await expect.poll(() => status().textContent()).toBe('Wysłano 9 wiadomości do 9 z 9 JST; odrzucone: 0.');
    const reminders = smtp.received.slice(before);
    expect(reminders.flatMap((m) => m.to).sort()).toEqual(units.slice(1).map((u) => contactOf(u.teryt)).sort());
    expect(reminders.every((m) => m.subject.startsWith('Przypomnienie:'))).toBe(true);
    await expect.poll(() => page.locator('#nonresponders h2').textContent()).toBe('JST bez odpowiedzi (9)');
    // the reminder time is on every listed JST; no address is ever on the page
    await expect.poll(async () => (await page.locator('#nonresponders-table tbody tr td:nth-child(7)').allTextContents()).every((t) => /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(t))).toBe(true);
    expect(await page.locator('#dashboard').textContent()).not.toContain('@jst.example.pl');
    await page.screenshot({ path: join(SCREENS, 'desktop-dashboard-fieldwork.png'), fullPage: true });
    expect([...problems, ...(await page.evaluate(() => window.cspViolations))]).toEqual([]);
  });
});
