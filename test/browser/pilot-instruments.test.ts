/**
 * The pilot's instruments in a real browser: SurveyJS (survey-core + survey-js-ui) renders each of
 * surveys/pilot-*.json in Debian's headless Chromium; a synthetic participant's answers (synth/pilot.ts) are set,
 * SurveyJS shows the same questions, matrix rows and module choices the toolkit's validator expects for that
 * programme, and the questionnaire completes with those answers unchanged.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import type { SurveyModel } from 'survey-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PILOT_INSTRUMENT_FILES, shippedPilotInstruments } from '../../src/questionnaire/instrument.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import type { PilotInstrument } from '../../src/questionnaire/types.ts';
import { validatorFor } from '../../src/questionnaire/validate.ts';
import { generatePilot } from '../../src/synth/pilot.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { findChromium, launchChromium, startHarness, type Harness } from './harness.ts';

declare const window: { survey: SurveyModel; surveyCompleted: boolean; surveyError?: string };

const instruments = shippedPilotInstruments();
const pilot = generatePilot(shippedQuestionnaire(), instruments, { seed: 2026 });
const chromiumPath = findChromium();

/** One response per programme (the first found), so that every programme's conditions are exercised. */
const perProgramme = (responses: SurveyResponse[]) => [...new Map(responses.map((r) => [r.data.programme as string, r])).values()];

describe.skipIf(!chromiumPath)('pilot instruments in headless Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  const harnesses: Harness[] = [];

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pl-PL' });
    context.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    for (const h of harnesses) await h.close();
  });

  const cases: [keyof typeof instruments, SurveyResponse[]][] = [['reaction', pilot.reactions], ['post', pilot.post], ['followup', pilot.followup]];
  it.each(cases)('%s: shows what the validator expects for each programme and completes with the answers unchanged', async (kind, responses) => {
    const instrument: PilotInstrument = instruments[kind];
    const validator = validatorFor(instrument);
    const harness = await startHarness(PILOT_INSTRUMENT_FILES[kind]);
    harnesses.push(harness);
    const samples = perProgramme(responses);
    expect(samples).toHaveLength(6);
    for (const response of samples) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(harness.url);
      await page.waitForFunction(() => window.survey !== undefined || window.surveyError !== undefined);
      expect(await page.evaluate(() => window.surveyError)).toBeUndefined();
      await page.locator('.sd-page').first().waitFor();
      const seen = await page.evaluate((data) => {
        const s = window.survey;
        s.data = data;
        const visible = s.getAllQuestions(true).map((q) => q.name).sort();
        const rows: Record<string, string[]> = {};
        const choices: Record<string, string[]> = {};
        for (const q of s.getAllQuestions(true) as unknown as { name: string; getType(): string; visibleRows?: { name: string }[]; visibleChoices?: { value: string }[] }[]) {
          if (q.getType() === 'matrixdropdown') rows[q.name] = (q.visibleRows ?? []).map((r) => r.name);
          if (q.visibleChoices) choices[q.name] = q.visibleChoices.map((c) => String(c.value));
        }
        let steps = 0;
        while (!s.isLastPage && steps++ < 50) if (!s.nextPage()) break;
        const completed = s.completeLastPage();
        return { visible, rows, choices, completed, onLast: s.isLastPage, data: s.data };
      }, response.data);
      expect(errors).toEqual([]);
      const shown = validator.shown(response.data);
      const expectedVisible = instrument.questions.map((q) => q.name).filter((n) => shown.questions.has(n)).sort();
      // the html intro is layout, not a question
      expect(seen.visible.filter((n) => n !== 'intro_text')).toEqual(expectedVisible);
      for (const [name, rows] of Object.entries(seen.rows)) expect(rows).toEqual([...(shown.options.get(name) ?? [])]);
      if (instrument.moduleQuestion) expect(seen.choices[instrument.moduleQuestion]).toEqual([...(shown.options.get(instrument.moduleQuestion) ?? [])]);
      expect(seen.completed).toBe(true);
      expect(await page.evaluate(() => window.surveyCompleted)).toBe(true);
      expect(seen.data).toEqual(response.data);
      await page.close();
    }
  }, 120_000);
});
