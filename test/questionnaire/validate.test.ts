import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { JST_KINDS } from '../../src/domain/jst.ts';
import { validateResponse } from '../../src/questionnaire/validate.ts';
import { STAFF_GROUPS } from '../../src/questionnaire/types.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';

const q = shippedQuestionnaire();
const combos = JST_KINDS.flatMap((kind) => STAFF_GROUPS.map((group) => ({ kind, group })));

/** A valid response changed by `edit`. */
function edited(edit: (data: Record<string, any>) => void, kind: (typeof JST_KINDS)[number] = 'rural', group: (typeof STAFF_GROUPS)[number] = 'operational'): SurveyResponse {
  const r = completeResponse(q, kind, group, 'R1');
  edit(r.data);
  return r;
}

describe('valid responses pass', () => {
  it.each(combos)('a complete response from a $kind JST, $group staff', ({ kind, group }) => {
    const result = validateResponse(q, completeResponse(q, kind, group));
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('optional answers may be skipped, including single rated items', () => {
    const r = edited((d) => {
      delete d.n_schools;
      delete d.comments;
      delete d.DANE.DANE2;
      delete d.FIN.FIN1.lvl;
    });
    expect(validateResponse(q, r).issues).toEqual([]);
  });
});

describe('invalid responses are rejected with respondent, variable, value and what was expected', () => {
  it.each([
    { case: 'an unknown variable', edit: (d: any) => (d.favourite_colour = 'blue'), variable: 'favourite_colour', code: 'unknown_variable', value: 'blue' },
    { case: 'a rating outside the scale', edit: (d: any) => (d.DANE.DANE1.imp = 9), variable: 'DANE1_imp', code: 'invalid_value', value: 9, expected: 'a rating 1, 2, 3, 4, 5' },
    { case: 'a rating given as text', edit: (d: any) => (d.DANE.DANE1.lvl = '3'), variable: 'DANE1_lvl', code: 'invalid_value', value: '3' },
    { case: 'an unknown item', edit: (d: any) => (d.DANE.DANE9 = { imp: 3 }), variable: 'DANE.DANE9', code: 'unknown_variable' },
    { case: 'an unknown measure', edit: (d: any) => (d.DANE.DANE1.wish = 3), variable: 'DANE1_wish', code: 'unknown_variable' },
    { case: 'a value that is not a choice', edit: (d: any) => (d.years_admin = 'forever'), variable: 'years_admin', code: 'invalid_value', expected: 'one of lt2, 2_5, 6_10, 11_20, gt20' },
    { case: 'a checkbox value that is not a choice', edit: (d: any) => d.kc_lack.push('unicorns'), variable: 'kc_lack_unicorns', code: 'invalid_value' },
    { case: 'a checkbox given as a string', edit: (d: any) => (d.train_forms = 'workshops'), variable: 'train_forms', code: 'invalid_value' },
    { case: '"none" together with other choices', edit: (d: any) => (d.kc_now = ['none', 'teacher_dev']), variable: 'kc_now_none', code: 'invalid_value' },
    { case: 'more training areas than allowed', edit: (d: any) => (d.train_areas = ['DANE', 'FIN', 'STRAT', 'PRAWO']), variable: 'train_areas', code: 'too_many_choices', expected: 'at most 3 choices' },
    { case: 'a required answer missing', edit: (d: any) => delete d.years_admin, variable: 'years_admin', code: 'required' },
    { case: 'an answer to a question the respondent could not see (vocational page in a rural gmina)', edit: (d: any) => (d.ZAWOD = { ZAWOD1: { imp: 5, lvl: 1 } }), variable: 'ZAWOD', code: 'hidden_answer' },
    { case: 'an answer to an item the respondent could not see (management-only item)', edit: (d: any) => (d.STRAT.STRAT4 = { imp: 5 }), variable: 'STRAT4', code: 'hidden_answer' },
    { case: 'a choice the respondent could not see (county board position in a gmina)', edit: (d: any) => (d.position = 'county_board'), variable: 'position', code: 'invalid_value' },
    { case: 'a task choice shown only to counties', edit: (d: any) => d.tasks.push('vocational'), variable: 'tasks_vocational', code: 'invalid_value' },
    { case: 'a number out of range', edit: (d: any) => (d.n_schools = 5000), variable: 'n_schools', code: 'invalid_value', expected: 'a number from 0 to 2000' },
    { case: 'a number given as text', edit: (d: any) => (d.n_pupils = 'dużo'), variable: 'n_pupils', code: 'invalid_value', value: 'dużo' },
    { case: 'a malformed TERYT code', edit: (d: any) => (d.teryt = '02010'), variable: 'teryt', code: 'validator', expected: 'text matching ^[0-9]{7}$ (A TERYT code has 7 digits.)' },
    { case: 'a TERYT code with an impossible voivodeship', edit: (d: any) => (d.teryt = '0301022'), variable: 'teryt', code: 'teryt_invalid' },
    { case: 'a TERYT code of another JST kind', edit: (d: any) => (d.teryt = '0201011'), variable: 'teryt', code: 'teryt_mismatch', expected: 'a code of a rural gmina (this code is a urban gmina)' },
    { case: 'a TERYT code in another voivodeship', edit: (d: any) => (d.teryt = '0401022'), variable: 'teryt', code: 'teryt_mismatch' },
    { case: 'a comment longer than allowed', edit: (d: any) => (d.comments = 'x'.repeat(4001)), variable: 'comments', code: 'invalid_value' },
  ])('$case', ({ edit, variable, code, ...rest }) => {
    const result = validateResponse(q, edited(edit));
    expect(result.ok).toBe(false);
    const issue = result.issues.find((i) => i.variable === variable && i.code === code);
    expect(issue, JSON.stringify(result.issues)).toBeDefined();
    expect(issue?.respondent).toBe('R1');
    if ('value' in rest) expect(issue?.value).toEqual(rest.value);
    if ('expected' in rest) expect(issue?.expected).toBe(rest.expected);
  });

  it('a county respondent may not answer the rural-only transport item', () => {
    const r = completeResponse(q, 'county', 'management', 'C1');
    (r.data.SIEC as Record<string, unknown>).SIEC3 = { imp: 4, lvl: 2 };
    const result = validateResponse(q, r);
    expect(result.issues).toEqual([expect.objectContaining({ respondent: 'C1', variable: 'SIEC3', code: 'hidden_answer' })]);
  });

  it('a city with county rights must answer with a city code and may answer both gmina and county items', () => {
    const r = completeResponse(q, 'city_county', 'operational');
    expect(r.data.PRZED).toBeDefined();
    expect(r.data.ZAWOD).toBeDefined();
    expect(validateResponse(q, r).ok).toBe(true);
    r.data.teryt = '0201011';
    expect(validateResponse(q, r).issues.map((i) => i.code)).toEqual(['teryt_mismatch']);
  });
});

describe('agreement with SurveyJS itself (the reference for required, visibleIf and validators)', () => {
  /** Questions SurveyJS flags when validating the response in its own model. */
  const model = new Model(q.json);
  function surveyJsErrors(data: Record<string, unknown>): string[] {
    model.data = structuredClone(data);
    model.validate(true, false);
    return model.getAllQuestions(true).filter((x) => x.errors.length > 0).map((x) => x.name);
  }

  const cases: { name: string; response: SurveyResponse }[] = [
    ...combos.map(({ kind, group }) => ({ name: `complete ${kind}/${group}`, response: completeResponse(q, kind, group) })),
    { name: 'missing required', response: edited((d) => { delete d.cuw; delete d.train_mode; }) },
    { name: 'bad TERYT pattern', response: edited((d) => (d.teryt = 'abc')) },
    { name: 'number above max', response: edited((d) => (d.n_pupils = 500000)) },
    { name: 'missing staff group', response: edited((d) => { delete d.staff_group; delete d.position; }) },
  ];

  it.each(cases)('$name: every question SurveyJS flags is flagged here too, and a clean verdict here is clean there', ({ response }) => {
    const ours = validateResponse(q, response);
    const theirs = surveyJsErrors(response.data);
    const flagged = new Set(ours.issues.map((i) => i.variable));
    for (const name of theirs) expect(flagged.has(name), `SurveyJS flags ${name}; ours: ${JSON.stringify(ours.issues)}`).toBe(true);
    if (ours.ok) expect(theirs).toEqual([]);
  });
});
