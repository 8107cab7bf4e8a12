/**
 * The real server in headless Chromium: a respondent opens their invitation link, fills in the questionnaire by
 * clicking, reloads half-way and finds their answers again, continues on "another device" with the resume link,
 * submits, and sees the thank-you page only once the server has stored the response; an admin signs in to the
 * dashboard. No Content-Security-Policy violation may occur on the way (the CSP has no 'unsafe-inline').
 *
 * Screenshots at 1280 px and 390 px land in .tmp/server/ (gitignored) for a human to look at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SurveyModel } from 'survey-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionSpec } from '../../src/questionnaire/types.ts';
import { validateResponse } from '../../src/questionnaire/validate.ts';
import { openStore } from '../../src/responses/store/open.ts';
import { hashToken, newToken } from '../../src/responses/store/tokens.ts';
import type { Store } from '../../src/responses/store/types.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { generateSynthetic } from '../../src/synth/generate.ts';
import { waveWithTokens } from '../store/fixtures.ts';
import { findChromium, launchChromium } from './harness.ts';

// tsconfig has no DOM lib: the few browser objects the page callbacks touch.
interface DomElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selectors: string): DomElement | null;
}
declare const document: { querySelector(s: string): DomElement | null; querySelectorAll(s: string): ArrayLike<DomElement> & Iterable<DomElement>; documentElement: { scrollWidth: number } };
declare const window: {
  survey: SurveyModel;
  surveyError?: string;
  diagState: { draftId: string; completed: boolean; saves: number };
  cspViolations: string[];
  innerWidth: number;
  getComputedStyle(e: DomElement): { color: string; backgroundColor: string; boxShadow: string; fontFamily: string };
  addEventListener(type: string, cb: (e: { violatedDirective: string; blockedURI: string }) => void): void;
};
declare const location: { hash: string; href: string };

const here = dirname(fileURLToPath(import.meta.url));
const SCREENS = resolve(here, '..', '..', '.tmp', 'server');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const URBAN = '0201011';
const q = shippedQuestionnaire();
const specs = new Map(q.questions.map((x) => [x.name, x]));
const FIXED = new Set(['jst_kind', 'teryt', 'voivodeship']);
const COMMENT = 'Zażółć gęślą jaźń: potrzebne szkolenia z arkuszy organizacyjnych.';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('the survey server in headless Chromium', () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let tokens: Record<string, string>;
  let adminToken: string;

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'diag-browser-server-'));
    store = await openStore({ dataDir: dir, databaseUrl: '' });
    ({ tokens } = await waveWithTokens(store, 'w1', 3));
    adminToken = newToken(32);
    await store.createAdminToken('browser', hashToken(adminToken));
    [server, browser] = await Promise.all([startServer({ store, questionnaire: q, host: '127.0.0.1', port: 0, rateLimit: false }), launchChromium(chromiumPath)]);
    context = await newContext();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function newContext(): Promise<BrowserContext> {
    const c = await browser.newContext({ viewport: DESKTOP, locale: 'pl-PL' });
    c.setDefaultTimeout(10_000);
    await c.addInitScript(() => {
      window.cspViolations = [];
      window.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    return c;
  }

  async function open(c: BrowserContext, url: string, viewport = DESKTOP): Promise<Page> {
    const page = await c.newPage();
    await page.setViewportSize(viewport);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
    (page as Page & { errors?: string[] }).errors = errors;
    await page.goto(url);
    return page;
  }

  async function waitForSurvey(page: Page): Promise<void> {
    await page.waitForFunction(() => window.survey !== undefined || window.surveyError !== undefined);
    expect(await page.evaluate(() => window.surveyError)).toBeUndefined();
    await page.locator('.sd-page').first().waitFor();
  }

  async function shoot(page: Page, name: string, viewports: Record<string, { width: number; height: number }> = { desktop: DESKTOP, phone: PHONE }): Promise<void> {
    const original = page.viewportSize();
    for (const [label, viewport] of Object.entries(viewports)) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(SCREENS, `${label}-${name}.png`), fullPage: true });
    }
    if (original) await page.setViewportSize(original);
  }

  const problems = async (page: Page) => [...((page as Page & { errors?: string[] }).errors ?? []), ...(await page.evaluate(() => window.cspViolations))];

  // --- answering as a person: click labels, pick from dropdowns, type --------------------------------------
  function pick(name: string, n: number, offset = 0): number {
    let h = offset;
    for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    return h % n;
  }

  async function visibleQuestions(page: Page): Promise<string[]> {
    const names = await page.locator('.sd-page .sd-row .sd-question[data-name]').evaluateAll((els) =>
      (els as unknown as DomElement[]).filter((e) => !e.closest('.sd-table')).map((e) => e.getAttribute('data-name') ?? ''));
    return names.filter((n) => specs.has(n) && !FIXED.has(n));
  }

  async function answer(page: Page, spec: QuestionSpec): Promise<void> {
    const root = page.locator(`[data-name="${spec.name}"]`);
    const values = () => root.locator('input[type=radio], input[type=checkbox]').evaluateAll((els) => (els as unknown as { value: string }[]).map((e) => e.value));
    const click = (value: string) => root.locator(`label:has(input[value="${value}"])`).click();
    switch (spec.type) {
      case 'radiogroup': {
        const options = await values();
        await click(spec.name === 'staff_group' ? 'management' : options[pick(spec.name, options.length)]!);
        break;
      }
      case 'checkbox': {
        const options = (await values()).filter((v) => v !== spec.noneValue);
        const count = Math.min(spec.maxSelected ?? 2, 2, options.length);
        for (let i = 0; i < count; i++) await click(options[(pick(spec.name, options.length) + i * 2) % options.length]!);
        break;
      }
      case 'dropdown': {
        const items = page.locator('.sv-popup .sv-list__item:visible');
        for (let attempt = 1; ; attempt++) {
          await root.locator('.sd-dropdown').scrollIntoViewIfNeeded();
          await root.locator('.sd-dropdown').click();
          try {
            await items.first().click({ timeout: 1_000 });
            await items.first().waitFor({ state: 'hidden' });
            break;
          } catch (e) {
            if (attempt === 3) throw e;
          }
        }
        break;
      }
      case 'text': {
        const input = root.locator('input');
        await input.fill(spec.inputType === 'number' ? String(5 + pick(spec.name, 40)) : 'tekst');
        await input.press('Tab');
        break;
      }
      case 'comment':
        await root.locator('textarea').fill(COMMENT);
        await root.locator('textarea').press('Tab');
        break;
      case 'matrixdropdown': {
        const rows = root.locator('tbody tr.sd-table__row');
        const n = await rows.count();
        for (let r = 0; r < n; r++) {
          const cells = rows.nth(r).locator('fieldset');
          const m = await cells.count();
          for (let c = 0; c < m; c++) await cells.nth(c).locator('label.sd-rating__item').nth(pick(spec.name, 5, r * 7 + c * 3)).click();
        }
        break;
      }
      default:
        throw new Error(`no way to answer a '${spec.type}' question (${spec.name})`);
    }
  }

  async function answerPage(page: Page): Promise<void> {
    const answered = new Set<string>();
    for (let fresh = await visibleQuestions(page); fresh.length; fresh = (await visibleQuestions(page)).filter((n) => !answered.has(n))) {
      for (const name of fresh) {
        answered.add(name);
        await answer(page, specs.get(name)!);
      }
    }
  }

  const currentPage = (page: Page) => page.evaluate(() => window.survey.currentPage?.name as string);

  /** Answers pages and moves on until `stopAt` is the current page (or the survey is submitted). */
  async function fillUntil(page: Page, stopAt: string | null, shots: string[] = []): Promise<string[]> {
    const visited: string[] = [];
    for (let step = 0; step < 40; step++) {
      const name = await currentPage(page);
      if (name === stopAt) return visited;
      visited.push(name);
      await answerPage(page);
      if (shots.includes(name)) await shoot(page, `form-${name}`);
      const last = await page.evaluate(() => window.survey.isLastPage);
      await page.getByRole('button', { name: last ? 'Zakończyć i wysłać' : 'Dalej', exact: true }).click();
      if (last) return visited;
      await page.waitForFunction((from) => window.survey.currentPage?.name !== from, name, { timeout: 5_000 });
    }
    throw new Error('the questionnaire did not end');
  }

  async function waitForSave(page: Page, after: number): Promise<void> {
    await page.waitForFunction((n) => window.diagState.saves > n, after, { timeout: 10_000 });
  }

  it('lets a respondent fill in the form by clicking, resume after a reload, submit, and see the thank-you page', async () => {
    const page = await open(context, `${server.url}/s/${tokens[URBAN]}`);
    await waitForSurvey(page);
    await shoot(page, 'form-intro');
    // the JST comes from the invitation, read-only
    await page.getByRole('button', { name: 'Dalej', exact: true }).click();
    await page.waitForFunction(() => window.survey.currentPage?.name === 'jst');
    const fixed = await page.evaluate(() => ['jst_kind', 'teryt', 'voivodeship'].map((n) => [window.survey.getValue(n), window.survey.getQuestionByName(n).isReadOnly]));
    expect(fixed).toEqual([['urban', true], ['0201011', true], ['02', true]]);
    expect(await page.locator('[data-name="jst_kind"] input[value="urban"]').isChecked()).toBe(true);

    await fillUntil(page, 'area_STRAT', ['jst', 'area_PRAWO']);
    await page.locator('#resume').waitFor();
    const saves = await page.evaluate(() => window.diagState.saves);
    await page.locator('[data-name="STRAT"] tbody tr.sd-table__row').first().locator('label.sd-rating__item').first().click();
    await waitForSave(page, saves);
    const before = await page.evaluate(() => ({ data: window.survey.data as Record<string, unknown>, draft: window.diagState.draftId }));
    expect(await page.locator('#save-status').textContent()).toContain('Odpowiedzi zapisane');

    await page.reload();
    await waitForSurvey(page);
    expect(await currentPage(page)).toBe('area_STRAT');
    const after = await page.evaluate(() => ({ data: window.survey.data as Record<string, unknown>, draft: window.diagState.draftId }));
    expect(after).toEqual(before);
    expect(await page.locator('#save-status').textContent()).toContain('Wczytano zapisane odpowiedzi');

    await fillUntil(page, null, ['area_STRAT', 'training']);
    await page.locator('.sd-completedpage').waitFor();
    expect(await page.locator('.sd-completedpage').textContent()).toContain('Dziękujemy za udział w badaniu');
    expect(await page.evaluate(() => window.diagState.completed)).toBe(true);
    await shoot(page, 'thank-you');

    const stored = await store.listResponses();
    expect(stored).toHaveLength(1);
    const response = stored[0]!;
    expect(response.meta).toMatchObject({ wave: 'w1', source: 'web' });
    expect(response.data).toMatchObject({ jst_kind: 'urban', teryt: URBAN, voivodeship: '02', staff_group: 'management', comments: COMMENT });
    expect(validateResponse(q, response).issues).toEqual([]);
    expect(await store.loadDraft(hashToken(tokens[URBAN]!), before.draft)).toBeNull();
    expect(await problems(page)).toEqual([]);
    await page.close();
  });

  it('continues on another device from the resume link, which leaves no draft id in the address bar', async () => {
    const first = await open(context, `${server.url}/s/${tokens[URBAN]}?lang=en`);
    await waitForSurvey(first);
    await first.getByRole('button', { name: 'Next', exact: true }).click();
    await first.waitForFunction(() => window.survey.currentPage?.name === 'jst');
    await answerPage(first);
    await first.getByRole('button', { name: 'Next', exact: true }).click();
    await first.waitForFunction(() => window.survey.currentPage?.name === 'respondent');
    await answerPage(first);
    await waitForSave(first, 0);
    await first.waitForFunction(() => document.querySelector('#save-status')?.textContent?.startsWith('Answers saved') === true);
    const link = await first.locator('#resume-link').inputValue();
    expect(link).toMatch(/#d=[A-Za-z0-9_-]{16,}$/);
    const data = await first.evaluate(() => window.survey.data as Record<string, unknown>);
    await shoot(first, 'form-resume-en', { desktop: DESKTOP });

    const phone = await newContext();
    try {
      const second = await open(phone, link, PHONE);
      await waitForSurvey(second);
      expect(await second.evaluate(() => window.survey.data as Record<string, unknown>)).toEqual(data);
      expect(await second.evaluate(() => location.hash)).toBe('');
      expect(await second.evaluate(() => window.diagState.draftId)).toBe(link.split('#d=')[1]);
      expect(await problems(second)).toEqual([]);
    } finally {
      await phone.close();
    }
    await first.close();
  });

  /** Contrast ratios (WCAG 2.1) of the text matched by each selector against its nearest opaque background. */
  function contrasts(page: Page, selectors: string[]) {
    return page.evaluate((sels) => {
      const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = (c: string) => {
        const [r, g, b] = parse(c).map((v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const ratio = (a: string, b: string) => { const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m); return (x! + 0.05) / (y! + 0.05); };
      const bgOf = (e: DomElement | null): string => {
        for (let n = e; n; n = (n as unknown as { parentElement: DomElement | null }).parentElement) {
          const bg = window.getComputedStyle(n).backgroundColor;
          if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg;
        }
        return 'rgb(255, 255, 255)';
      };
      return Object.fromEntries(sels.map((sel) => [sel, [...document.querySelectorAll(sel)].map((e) => Math.round(ratio(window.getComputedStyle(e).color, bgOf(e)) * 100) / 100)]));
    }, selectors);
  }

  it('reads well: sans-serif text at ≥ 4.5:1 (statements too), visible control borders, no sideways scrolling on a phone', async () => {
    const page = await open(context, `${server.url}/s/${tokens['0261011']}`, PHONE);
    await waitForSurvey(page);
    const goTo = async (name: string, probe: string) => {
      await page.evaluate((n) => { window.survey.setValue('staff_group', 'management'); window.survey.currentPage = window.survey.getPageByName(n); }, name);
      await page.locator(probe).first().waitFor();
    };
    await goTo('jst', '[data-name="cuw"]');
    const jst = await contrasts(page, ['.sd-page__title', '.sd-question__title', '.sd-item__control-label', '.sd-question__description', '.sd-navigation__next-btn', '.jst', '.jst__note']);
    const controls = await page.evaluate(() => ({
      font: window.getComputedStyle(document.querySelector('.sd-question__title')!).fontFamily,
      radio: window.getComputedStyle(document.querySelector('[data-name="cuw"] .sd-item__decorator')!).boxShadow,
    }));
    await goTo('area_PRAWO', '[data-name="PRAWO"] .sd-rating__item');
    const matrix = await contrasts(page, ['[data-name="PRAWO"] .sd-table__cell--row-text', '.sd-table__responsive-title', '.sd-page__description', '.sd-rating__item']);
    const rating = await page.evaluate(() => window.getComputedStyle(document.querySelector('.sd-rating__item')!).boxShadow);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    // the five ratings of a cell on one line at 390 px
    const lines = await page.locator('[data-name="PRAWO"] fieldset').first().locator('label.sd-rating__item').evaluateAll((els) => new Set((els as unknown as { offsetTop: number }[]).map((e) => e.offsetTop)).size);
    expect(lines).toBe(1);

    expect(controls.font).toMatch(/^"Open Sans", "Segoe UI", "DejaVu Sans"/);
    for (const [sel, values] of Object.entries({ ...jst, ...matrix })) {
      expect(values.length, sel).toBeGreaterThan(0);
      for (const v of values) expect(v, sel).toBeGreaterThanOrEqual(4.5);
    }
    // a 1 px inset border of #767676: 4.5:1 against white, above the 3:1 WCAG asks of control boundaries
    expect(controls.radio).toContain('rgb(118, 118, 118) 0px 0px 0px 1px inset');
    expect(rating).toContain('rgb(118, 118, 118) 0px 0px 0px 1px inset');
    expect(overflow).toBe(false);
    await shoot(page, 'form-matrix-phone', { phone: PHONE });
    expect(await problems(page)).toEqual([]);
    await page.close();
  });

  it('shows a clear page for an unknown link', async () => {
    const page = await open(context, `${server.url}/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(await page.locator('h1').textContent()).toBe('Nie rozpoznajemy tego linku');
    await shoot(page, 'unknown-link');
    expect(await problems(page)).toEqual([]);
    await page.close();
  });

  it('lets an admin sign in to the dashboard and see progress, quality and downloads, with respondent text left inert', async () => {
    // a second respondent whose comment tries to inject markup
    const data = completeResponse(q, 'city_county', 'operational').data;
    data.comments = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const r = await fetch(`${server.url}/api/s/${tokens['0261011']}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ draftId: 'browserXSSdraft000000', data }) });
    expect(r.status).toBe(201);

    // a second wave, as fieldwork in full swing: the synthetic sample, its JSTs invited, its responses imported
    const synthetic = generateSynthetic(q, { respondents: 600, seed: 'browser-dashboard' });
    const { frame } = await store.importFrame({ name: 'synthetic', version: '1', source: 'test' }, synthetic.frame);
    await store.createWave(
      { name: 'w2', frameId: frame.id, sampleSize: synthetic.sampled.length, strata: ['kind'], allocation: 'equal', seed: 's', slots: 5, allocationTable: [], secretFingerprint: '0'.repeat(16) },
      synthetic.sampled.map((u, i) => ({ teryt: u.teryt, tokenHash: hashToken(`w2-${i}`), slots: 5, stratum: u.kind, inclusionProbability: 1, baseWeight: 1 })),
    );
    // half of the invited JSTs have answered so far
    const answered = new Set(synthetic.sampled.filter((_, i) => i % 2 === 0).map((u) => u.teryt));
    const w2 = synthetic.responses.filter((x) => answered.has(String(x.data.teryt))).map((x) => ({ ...x, meta: { ...x.meta, wave: 'w2' } }));
    await store.importResponses({ fileName: 'w2.csv', sha256: '1'.repeat(64) }, w2);

    const page = await open(context, `${server.url}/admin`);
    await page.getByLabel('Token administratora').fill(adminToken);
    await page.getByRole('button', { name: 'Zaloguj' }).click();
    await page.locator('#progress-table').waitFor();
    await page.locator('#progress-chart').waitFor();
    const text = (await page.locator('#dashboard').textContent()) ?? '';
    expect(text).toContain(`Odpowiedzi w bazie: ${await store.countResponses()}`);
    expect(text).toContain('Postęp edycji: w2');
    // fieldwork progress: counts of JSTs and responses, summing to the wave's
    const total = page.locator('#progress-table tr.total td');
    expect((await total.allTextContents()).slice(0, 5).map((c) => Number(c.trim()))).toEqual([synthetic.sampled.length, answered.size, 0, synthetic.sampled.length - answered.size, w2.length]);
    // not clipped: every progress table fits its box from 1280 px to 1920 px
    for (const width of [1280, 1600, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(100);
      for (const id of ['progress-table', 'progress-segments', 'nonresponders-table']) {
        const fits = await page.evaluate((tid) => {
          const t = document.querySelector(`#${tid}`) as unknown as { scrollWidth: number; parentElement: { clientWidth: number } };
          return t.scrollWidth <= t.parentElement.clientWidth;
        }, id);
        expect(fits, `${id} at ${width} px`).toBe(true);
      }
    }
    await page.setViewportSize(DESKTOP);
    await shoot(page, 'dashboard');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), 'the dashboard scrolls sideways on a phone').toBe(false);
    await page.setViewportSize(DESKTOP);
    // the first wave at pilot scale: its two respondents are shown (fieldwork administration, not answers)
    await page.locator('button[data-wave="w1"]').click();
    await page.getByText('Postęp edycji: w1').waitFor();
    await page.getByText('Jakość danych (dla edycji w1)').waitFor();
    const { waveFieldwork } = await import('../../src/responses/fieldwork.ts');
    const w1 = (await waveFieldwork(store, 'w1', 'teryt')).jsts;
    const n = (st: string) => w1.filter((j) => j.status === st).length;
    expect(w1.reduce((a, j) => a + j.responses, 0)).toBeGreaterThanOrEqual(1);
    expect((await page.locator('#progress-table tr.total td').allTextContents()).slice(0, 5).map((c) => Number(c.trim()))).toEqual([2, n('answered'), n('started'), n('not_started'), w1.reduce((a, j) => a + j.responses, 0)]);
    expect(await page.locator('#nonresponders h2').textContent()).toBe(`JST bez odpowiedzi (${2 - n('answered')})`);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV (kody)' }).click();
    expect((await download).suggestedFilename()).toBe('responses-w1.csv');
    await shoot(page, 'dashboard-w1', { desktop: DESKTOP });
    // the token lives in sessionStorage only: a reload keeps the session
    await page.reload();
    await page.locator('#progress-table').waitFor();
    expect(await problems(page)).toEqual([]);
    await page.close();
  });

  it('signs in from a sign-in link (/admin#token=…, as npm start prints it) and takes the token out of the address bar', async () => {
    const c = await newContext();
    try {
      const page = await open(c, `${server.url}/admin#token=${adminToken}`);
      await page.locator('#progress-table').waitFor();
      expect(page.url()).toBe(`${server.url}/admin`);
      expect(await problems(page)).toEqual([]);
      const wrong = await open(c, `${server.url}/admin#token=${'W'.repeat(43)}`);
      await wrong.getByText('Nieprawidłowy token.').waitFor();
      expect(await wrong.locator('#login').isVisible()).toBe(true);
    } finally {
      await c.close();
    }
  });
});
