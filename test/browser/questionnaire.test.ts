/**
 * The questionnaire in a real browser: SurveyJS (survey-core + survey-js-ui) renders surveys/diagnoza-jst.json
 * in Debian's headless Chromium, and what it shows must agree with the toolkit's own reading of the
 * questionnaire (the codebook's visibility, the server-side validator, the titles in both languages).
 *
 * Screenshots of the key pages at 1280 px and 390 px land in .tmp/screens/ (gitignored) for a human to look at.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SurveyModel } from 'survey-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JST_KINDS, type JstKind } from '../../src/domain/jst.ts';
import { loadQuestionnaire } from '../../src/questionnaire/load.ts';
import { plainText, toLocalized } from '../../src/questionnaire/localized.ts';
import { STAFF_GROUPS, type Lang, type QuestionSpec, type StaffGroup } from '../../src/questionnaire/types.ts';
import { validateResponse } from '../../src/questionnaire/validate.ts';
import { findChromium, launchChromium, startHarness, type Harness } from './harness.ts';

// --- Browser globals, as seen from the callbacks that page.evaluate runs inside the page -----------------
// tsconfig has no DOM lib; these module-scoped declarations type the few browser objects the callbacks touch.
interface DomElement {
  readonly textContent: string | null;
  readonly tagName: string;
  getAttribute(name: string): string | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): Iterable<DomElement>;
  closest(selectors: string): DomElement | null;
}
interface DomInput extends DomElement {
  readonly value: string;
  readonly name: string;
  readonly type: string;
  blur(): void;
}
declare const document: {
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): Iterable<DomElement>;
  activeElement: DomInput | null;
  documentElement: { scrollWidth: number };
};
declare const window: { survey: SurveyModel; surveyCompleted: boolean; surveyError?: string; innerWidth: number; requestAnimationFrame(cb: () => void): number };

// --- Questionnaire and expectations ------------------------------------------------------------------------
const questionnaire = loadQuestionnaire();
const specs = new Map(questionnaire.questions.map((q) => [q.name, q]));
const spec = (name: string): QuestionSpec => {
  const q = specs.get(name);
  if (!q) throw new Error(`the browser shows question '${name}', which the codebook does not know`);
  return q;
};
const rawPages = questionnaire.json.pages as { name: string; title?: unknown; visibleIf?: string; elements?: { name: string; type: string }[] }[];
const pageTitle = (name: string, lang: Lang) => plainText(toLocalized(rawPages.find((p) => p.name === name)?.title, name)[lang]);
const layoutNames = new Set(rawPages.flatMap((p) => (p.elements ?? []).filter((e) => !specs.has(e.name)).map((e) => e.name)));

/** What the codebook says a respondent of this JST kind and staff group is shown. */
interface Shown {
  questions: string[];
  /** matrix question → visible row codes */
  rows: Record<string, string[]>;
  /** checkbox question → visible choice values */
  choices: Record<string, string[]>;
}

function expectedFromCodebook(kind: JstKind, group: StaffGroup): Shown {
  const out: Shown = { questions: [], rows: {}, choices: {} };
  const add = (map: Record<string, string[]>, key: string, value: string) => {
    const list = (map[key] ??= []);
    if (!list.includes(value)) list.push(value);
  };
  for (const v of questionnaire.variables) {
    if (!v.visibility.jstKinds.includes(kind) || !v.visibility.staffGroups.includes(group)) continue;
    if (!out.questions.includes(v.question)) out.questions.push(v.question);
    if (v.item) add(out.rows, v.question, v.item);
    if (v.choice) add(out.choices, v.question, v.choice);
  }
  return normalise(out);
}

function normalise(s: Shown): Shown {
  const sortMap = (m: Record<string, string[]>) => Object.fromEntries(Object.keys(m).sort().map((k) => [k, [...(m[k] ?? [])].sort()]));
  return { questions: [...s.questions].sort(), rows: sortMap(s.rows), choices: sortMap(s.choices) };
}

/** Pages a respondent walks through, in order: layout-only pages without a condition, and pages with a question they are shown. */
function expectedPages(kind: JstKind, group: StaffGroup): string[] {
  const shown = new Set(expectedFromCodebook(kind, group).questions);
  return rawPages
    .filter((p) => {
      const names = (p.elements ?? []).map((e) => e.name).filter((n) => specs.has(n));
      return names.length === 0 ? !p.visibleIf : names.some((n) => shown.has(n));
    })
    .map((p) => p.name);
}

/** Matrix row code from the row text the browser shows, in the given language. */
function rowCode(question: string, text: string, lang: Lang): string {
  const matches = (spec(question).rows ?? []).filter((r) => plainText(r.label[lang]) === text.trim());
  if (matches.length !== 1) throw new Error(`matrix '${question}': the row text "${text}" matches ${matches.length} rows in ${lang}`);
  return matches[0]!.value;
}

// --- Browser plumbing ----------------------------------------------------------------------------------------
const here = dirname(fileURLToPath(import.meta.url));
const SCREENS = resolve(here, '..', '..', '.tmp', 'screens');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)('questionnaire in headless Chromium', () => {
  let harness: Harness;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    [harness, browser] = await Promise.all([startHarness(), launchChromium(chromiumPath)]);
    context = await browser.newContext({ viewport: DESKTOP, locale: 'pl-PL' });
    context.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await harness?.close();
  });

  async function openSurvey(options: { lang?: Lang; viewport?: { width: number; height: number } } = {}): Promise<Page> {
    const page = await context.newPage();
    if (options.viewport) await page.setViewportSize(options.viewport);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${harness.url}${options.lang === 'en' ? '?lang=en' : ''}`);
    await page.waitForFunction(() => window.survey !== undefined || window.surveyError !== undefined);
    const failure = await page.evaluate(() => window.surveyError);
    if (failure || errors.length) throw new Error(`the survey page failed: ${failure ?? errors.join('; ')}`);
    await page.locator('.sd-page').first().waitFor();
    return page;
  }

  /** Jumps to each page the respondent would see (without answering) and reads what the browser renders. */
  async function renderedForRespondent(page: Page, kind: JstKind, group: StaffGroup) {
    return page.evaluate(async ({ kind, group, layout }) => {
      const survey = window.survey;
      survey.setValue('jst_kind', kind);
      survey.setValue('staff_group', group);
      const frame = () => new Promise<void>((r) => window.requestAnimationFrame(() => r()));
      const out = {
        pages: [] as string[],
        questions: [] as string[],
        rows: {} as Record<string, string[]>,
        choices: {} as Record<string, string[]>,
        titles: {} as Record<string, string>,
        pageTitles: {} as Record<string, string>,
      };
      for (const p of survey.visiblePages) {
        survey.currentPage = p;
        const first = p.elements.find((e) => e.isVisible)?.name;
        for (let i = 0; i < 120; i++) {
          if (document.querySelector('.sd-page .sd-row [data-name]')?.getAttribute('data-name') === first) break;
          await frame();
        }
        out.pages.push(p.name);
        out.pageTitles[p.name] = document.querySelector('.sd-page__title')?.textContent ?? '';
        for (const el of document.querySelectorAll('.sd-page .sd-question[data-name]')) {
          if (el.closest('.sd-table')) continue;
          const name = el.getAttribute('data-name') ?? '';
          if (layout.includes(name)) continue;
          out.questions.push(name);
          // absent when the questionnaire hides a title (titleLocation "hidden")
          const title = el.querySelector('.sd-question__title .sv-string-viewer');
          if (title) out.titles[name] = title.textContent ?? '';
          const rowTexts = [...el.querySelectorAll('tbody tr.sd-table__row .sd-table__cell--row-text')].map((c) => c.textContent ?? '');
          if (el.querySelector('.sd-table')) out.rows[name] = rowTexts;
          const boxes = [...el.querySelectorAll('input[type=checkbox]')].map((i) => (i as DomInput).value);
          if (boxes.length) out.choices[name] = boxes;
        }
      }
      return out;
    }, { kind, group, layout: [...layoutNames] });
  }

  async function shoot(page: Page, name: string, viewports: Record<string, { width: number; height: number }>): Promise<void> {
    const original = page.viewportSize();
    for (const [label, viewport] of Object.entries(viewports)) {
      if (original?.width !== viewport.width) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(150); // SurveyJS switches matrices to their mobile layout on resize
      }
      await page.screenshot({ path: join(SCREENS, `${label}-${name}.png`), fullPage: true });
    }
    if (original && page.viewportSize()?.width !== original.width) {
      await page.setViewportSize(original);
      await page.waitForTimeout(150);
    }
  }

  // --- 1. Visibility: browser = codebook, for every JST kind and staff group ---------------------------
  describe('shows each respondent exactly the questions, matrix rows and choices the codebook assigns them', () => {
    let page: Page;
    beforeAll(async () => {
      page = await openSurvey();
    });
    afterAll(async () => page?.close());

    for (const kind of JST_KINDS) {
      for (const group of STAFF_GROUPS) {
        it(`${kind} × ${group}`, async () => {
          await page.evaluate(() => window.survey.clear(true, true));
          const seen = await renderedForRespondent(page, kind, group);
          const rendered = normalise({
            questions: seen.questions,
            rows: Object.fromEntries(Object.entries(seen.rows).map(([q, texts]) => [q, texts.map((t) => rowCode(q, t, 'pl'))])),
            choices: seen.choices,
          });
          const expected = expectedFromCodebook(kind, group);
          expect(rendered.questions).toEqual(expected.questions);
          expect(rendered.rows).toEqual(expected.rows);
          expect(rendered.choices).toEqual(expected.choices);
          expect(seen.pages).toEqual(expectedPages(kind, group));
          for (const [name, title] of Object.entries(seen.titles)) expect(title, `title of ${name}`).toBe(plainText(spec(name).title.pl));
          for (const [name, title] of Object.entries(seen.pageTitles)) expect(title, `title of page ${name}`).toBe(pageTitle(name, 'pl'));
          // The programme's headline rules, spelt out.
          const county = kind === 'county' || kind === 'city_county';
          expect(seen.pages.includes('area_ZAWOD')).toBe(county);
          expect(rendered.rows.SIEC?.includes('SIEC3')).toBe(kind === 'rural' || kind === 'urban_rural');
          expect(rendered.rows.STRAT?.includes('STRAT4')).toBe(group === 'management');
        });
      }
    }
  });

  // --- 2. A person fills it in, and the server-side validator accepts what the browser produced ---------
  interface Persona {
    id: string;
    kind: JstKind;
    group: StaffGroup;
    teryt: string;
    voivodeship: string;
    position: string;
    /** pick "none" in the exclusive checkboxes that offer it */
    pickNone: boolean;
  }

  const ANSWER_TEXT = 'Zażółć gęślą jaźń: potrzebne są szkolenia z arkuszy organizacyjnych.';
  const KEY_PAGES = ['intro', 'jst', 'respondent', 'area_SIEC', 'area_ZAWOD', 'training', 'key_competences'];

  /** A small, deterministic spread of answers, so that not every click lands on the first option. */
  function pick(name: string, n: number, offset = 0): number {
    let h = offset;
    for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    return h % n;
  }

  async function visibleQuestions(page: Page): Promise<string[]> {
    const names = await page.locator('.sd-page .sd-row .sd-question[data-name]').evaluateAll((els) =>
      (els as unknown as DomElement[]).filter((e) => !e.closest('.sd-table')).map((e) => e.getAttribute('data-name') ?? ''));
    return names.filter((n) => !layoutNames.has(n));
  }

  /**
   * Opens a SurveyJS dropdown and clicks an item (the first one without a label). SurveyJS closes an open
   * dropdown popup when the page scrolls, so the dropdown is scrolled into view and left to settle first,
   * as a person's eyes would; two more attempts cover a popup closed by a late scroll event.
   */
  async function chooseFromDropdown(page: Page, question: string, label: string | undefined): Promise<void> {
    const dropdown = page.locator(`[data-name="${question}"] .sd-dropdown`);
    const items = page.locator('.sv-popup .sv-list__item:visible');
    const item = label === undefined ? items.first() : items.filter({ hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
    for (let attempt = 1; ; attempt++) {
      await dropdown.scrollIntoViewIfNeeded();
      await page.evaluate(() => new Promise<void>((r) => window.requestAnimationFrame(() => window.requestAnimationFrame(() => r()))));
      await dropdown.click();
      try {
        await item.click({ timeout: 1_000 });
        // let the popup finish closing, or the next dropdown's popup can be closed along with it
        await items.first().waitFor({ state: 'hidden' });
        return;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
  }

  async function answer(page: Page, q: QuestionSpec, persona: Persona): Promise<void> {
    const root = page.locator(`[data-name="${q.name}"]`);
    const clickChoice = (value: string) => root.locator(`label:has(input[value="${value}"])`).click();
    const values = () => root.locator('input[type=radio], input[type=checkbox]').evaluateAll((els) => (els as unknown as DomInput[]).map((e) => e.value));
    switch (q.type) {
      case 'radiogroup': {
        const fixed: Record<string, string> = { jst_kind: persona.kind, staff_group: persona.group };
        const options = await values();
        await clickChoice(fixed[q.name] ?? options[pick(q.name, options.length)]!);
        break;
      }
      case 'checkbox': {
        const options = (await values()).filter((v) => v !== q.noneValue);
        if (persona.pickNone && q.noneValue) { await clickChoice(q.noneValue); break; }
        const count = Math.min(q.maxSelected ?? 3, 3, options.length);
        for (let i = 0; i < count; i++) await clickChoice(options[(pick(q.name, options.length) + i * 2) % options.length]!);
        break;
      }
      case 'dropdown': {
        const fixed: Record<string, string> = { voivodeship: persona.voivodeship, position: persona.position };
        const value = fixed[q.name];
        const label = value === undefined ? undefined : q.choices?.find((c) => c.value === value)?.label.pl;
        if (value !== undefined && label === undefined) throw new Error(`'${value}' is not a choice of ${q.name}`);
        await chooseFromDropdown(page, q.name, label && plainText(label));
        break;
      }
      case 'text': {
        const input = root.locator('input');
        if (q.name === 'teryt') await input.pressSequentially(persona.teryt);
        else await input.fill(q.inputType === 'number' ? String(5 + pick(q.name, 40)) : 'tekst');
        await input.press('Tab');
        break;
      }
      case 'comment':
        await root.locator('textarea').fill(ANSWER_TEXT);
        await root.locator('textarea').press('Tab');
        break;
      case 'matrixdropdown': {
        const rows = root.locator('tbody tr.sd-table__row');
        const n = await rows.count();
        for (let r = 0; r < n; r++) {
          const cells = rows.nth(r).locator('fieldset');
          const m = await cells.count();
          for (let c = 0; c < m; c++) await cells.nth(c).locator('label.sd-rating__item').nth(pick(q.name, 5, r * 7 + c * 3)).click();
        }
        break;
      }
      default:
        throw new Error(`no way to answer a '${q.type}' question (${q.name}) in the browser test yet`);
    }
  }

  async function fillAsPerson(page: Page, persona: Persona, screens?: Record<string, { width: number; height: number }>) {
    const visited: string[] = [];
    /** pages wider than the window: a phone user would have to scroll sideways */
    const overflowing: string[] = [];
    for (let step = 0; step < 40; step++) {
      const state = await page.evaluate(() => ({
        page: window.survey.currentPage?.name as string,
        last: window.survey.isLastPage,
        next: window.survey.pageNextText,
        complete: window.survey.completeText,
      }));
      visited.push(state.page);
      if (screens && KEY_PAGES.includes(state.page)) await shoot(page, state.page, screens);
      const width = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      if (width.page > width.viewport) overflowing.push(`${state.page} (${width.page} px)`);
      // Answers can reveal questions on the same page (the position list follows the staff group): answer until none is new.
      const answered = new Set<string>();
      for (let fresh = await visibleQuestions(page); fresh.length; fresh = (await visibleQuestions(page)).filter((n) => !answered.has(n))) {
        for (const name of fresh) {
          answered.add(name);
          await answer(page, spec(name), persona);
        }
      }
      await page.getByRole('button', { name: state.last ? state.complete : state.next, exact: true }).click();
      const moved = await page
        .waitForFunction((from) => window.surveyCompleted || window.survey.currentPage?.name !== from, state.page, { timeout: 5_000 })
        .then(() => true, () => false);
      if (!moved) {
        const errors = await page.locator('.sd-question--error').evaluateAll((els) =>
          (els as unknown as DomElement[]).map((e) => `${e.getAttribute('data-name')}: ${e.querySelector('.sd-question__erbox')?.textContent ?? ''}`));
        throw new Error(`page '${state.page}' did not advance: ${errors.join(' | ') || 'no error shown'}`);
      }
      if (await page.evaluate(() => window.surveyCompleted)) break;
    }
    await page.locator('.sd-completedpage').waitFor();
    if (screens) await shoot(page, 'thank-you', screens);
    const data = await page.evaluate(() => window.survey.data as Record<string, unknown>);
    const thanks = (await page.locator('.sd-completedpage').textContent()) ?? '';
    return { visited, data, thanks, overflowing };
  }

  const people: { persona: Persona; viewport: { width: number; height: number }; screens?: Record<string, { width: number; height: number }> }[] = [
    {
      persona: { id: 'browser-rural-operational', kind: 'rural', group: 'operational', teryt: '0201022', voivodeship: '02', position: 'inspector', pickNone: true },
      viewport: DESKTOP,
      screens: { desktop: DESKTOP },
    },
    {
      persona: { id: 'browser-county-management', kind: 'county', group: 'management', teryt: '0201000', voivodeship: '02', position: 'county_board', pickNone: false },
      viewport: PHONE,
      screens: { phone: PHONE },
    },
  ];

  for (const { persona, viewport, screens } of people) {
    it(`lets a ${persona.kind} ${persona.group} employee complete it by clicking (${viewport.width} px) and the server-side validator accepts the answers`, async () => {
      const page = await openSurvey({ viewport });
      try {
        const { visited, data, thanks, overflowing } = await fillAsPerson(page, persona, screens);
        expect(visited).toEqual(expectedPages(persona.kind, persona.group));
        expect(overflowing, 'pages that scroll sideways').toEqual([]);
        expect(thanks).toContain('Dziękujemy za udział w badaniu');
        expect(data).toMatchObject({ jst_kind: persona.kind, staff_group: persona.group, teryt: persona.teryt, voivodeship: persona.voivodeship, position: persona.position });
        expect(data.comments).toBe(ANSWER_TEXT); // Polish letters survive the round trip
        // every rated item the respondent was shown has both ratings
        const shown = expectedFromCodebook(persona.kind, persona.group);
        for (const [matrix, rows] of Object.entries(shown.rows)) {
          const value = data[matrix] as Record<string, Record<string, number>> | undefined;
          expect(Object.keys(value ?? {}).sort(), matrix).toEqual(rows);
          for (const row of rows) expect(Object.keys(value?.[row] ?? {}).sort(), `${matrix}.${row}`).toEqual(['imp', 'lvl']);
        }
        const result = validateResponse(questionnaire, { id: persona.id, data, meta: {} });
        expect(result.issues).toEqual([]);
        expect(result.ok).toBe(true);
      } finally {
        await page.close();
      }
    });
  }

  // --- 3. Language, errors, keyboard ------------------------------------------------------------------
  it('shows English titles, rows and buttons with ?lang=en', async () => {
    const page = await openSurvey({ lang: 'en' });
    try {
      await expect.poll(() => page.locator('.sd-page__title').first().textContent()).toBe('About the survey');
      await expect.poll(() => page.getByRole('button', { name: 'Next', exact: true }).count()).toBe(1);
      expect(await page.locator('.sd-root-modern').textContent()).toContain(questionnaire.title.en);
      const seen = await renderedForRespondent(page, 'city_county', 'management');
      expect(Object.keys(seen.titles).length).toBeGreaterThan(10);
      for (const [name, title] of Object.entries(seen.titles)) expect(title, `title of ${name}`).toBe(plainText(spec(name).title.en));
      for (const [name, title] of Object.entries(seen.pageTitles)) expect(title, `title of page ${name}`).toBe(pageTitle(name, 'en'));
      // rows resolve through their English labels, so none is left in Polish
      for (const [q, texts] of Object.entries(seen.rows)) for (const t of texts) rowCode(q, t, 'en');
      expect(seen.questions).toContain('ZAWOD');
    } finally {
      await page.close();
    }
  });

  it('blocks "Dalej" while a required question is empty and explains why in Polish', async () => {
    const page = await openSurvey();
    try {
      await page.getByRole('button', { name: 'Dalej', exact: true }).click();
      await expect.poll(() => page.evaluate(() => window.survey.currentPage?.name)).toBe('jst');
      await page.getByRole('button', { name: 'Dalej', exact: true }).click();
      const kindError = page.locator('[data-name="jst_kind"] .sd-question__erbox');
      await kindError.waitFor();
      expect((await kindError.textContent())?.trim()).toBe('Proszę odpowiedzieć na to pytanie.');
      expect(await page.evaluate(() => window.survey.currentPage?.name)).toBe('jst');
      // SurveyJS moves the focus to the first question in error (asynchronously, after scrolling to it)
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-name]')?.getAttribute('data-name'))).toBe('jst_kind');
      // the TERYT format message is the questionnaire's own Polish text
      const teryt = page.locator('[data-name="teryt"] input');
      await teryt.click();
      await teryt.pressSequentially('12ab');
      await teryt.press('Tab');
      await expect.poll(() => page.locator('[data-name="teryt"] .sd-question__erbox').textContent()).toContain('Kod TERYT składa się z 7 cyfr.');
    } finally {
      await page.close();
    }
  });

  it('lets a keyboard user Tab to the first radio group and answer it with Space and the arrow keys', async () => {
    const page = await openSurvey();
    try {
      await page.getByRole('button', { name: 'Dalej', exact: true }).click();
      await expect.poll(() => page.evaluate(() => window.survey.currentPage?.name)).toBe('jst');
      await page.evaluate(() => document.activeElement?.blur());
      const focused = () => page.evaluate(() => {
        const a = document.activeElement;
        return a ? { tag: a.tagName, type: a.type ?? '', name: a.name ?? '', value: a.value ?? '' } : undefined;
      });
      let first: Awaited<ReturnType<typeof focused>>;
      for (let i = 0; i < 5 && !(first?.tag === 'INPUT' || first?.tag === 'TEXTAREA' || first?.tag === 'BUTTON'); i++) {
        await page.keyboard.press('Tab');
        first = await focused();
      }
      expect(first, 'first control reached with Tab').toMatchObject({ tag: 'INPUT', type: 'radio', value: 'rural' });
      expect(first?.name).toMatch(/^jst_kind/);
      await page.keyboard.press('Space');
      await expect.poll(() => page.evaluate(() => window.survey.getValue('jst_kind'))).toBe('rural');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => page.evaluate(() => window.survey.getValue('jst_kind'))).toBe('urban_rural');
      expect(await page.locator('[data-name="jst_kind"] input[value="urban_rural"]').isChecked()).toBe(true);
    } finally {
      await page.close();
    }
  });
});
