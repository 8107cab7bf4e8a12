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
    { case: 'a number out of range', edit: (d: any) => (d.n_schools = 5000), variable: 'n_schools', code: 'invalid_value', expected: 'a whole number from 0 to 2000' },
    { case: 'a fractional count', edit: (d: any) => (d.n_schools = 0.5), variable: 'n_schools', code: 'invalid_value', value: 0.5, expected: 'a whole number from 0 to 2000' },
    { case: 'an empty list where a comment is expected', edit: (d: any) => (d.comments = []), variable: 'comments', code: 'invalid_value', expected: 'text' },
    { case: 'an empty object where a comment is expected', edit: (d: any) => (d.kc_comment = {}), variable: 'kc_comment', code: 'invalid_value', expected: 'text' },
    { case: 'an empty list where a matrix answer is expected', edit: (d: any) => (d.DANE = []), variable: 'DANE', code: 'invalid_value', expected: 'an object of rated items' },
    { case: 'an empty object where a choice is expected', edit: (d: any) => (d.cuw = {}), variable: 'cuw', code: 'invalid_value' },
    { case: 'a NUL character in a comment', edit: (d: any) => (d.comments = 'a\u0000b'), variable: 'comments', code: 'invalid_value', expected: 'text without NUL characters (U+0000) or unpaired surrogates (U+D800–U+DFFF)' },
    { case: 'an unpaired surrogate in a comment', edit: (d: any) => (d.comments = 'x\uD800y'), variable: 'comments', code: 'invalid_value', expected: 'text without NUL characters (U+0000) or unpaired surrogates (U+D800–U+DFFF)' },
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

describe('hostile values are rejected, never crash validation', () => {
  const deep = (n: number, leaf: unknown = 1): unknown => {
    let v = leaf;
    for (let i = 0; i < n; i++) v = [v];
    return v;
  };
  const evil = { toString: 1, valueOf: 1 };
  const cases: [string, (d: Record<string, any>) => void, string][] = [
    ['an object with a non-callable toString as a checkbox value', (d) => (d.tasks = [evil]), 'tasks'],
    ['an object with a non-callable toString as the staff group (read by conditions)', (d) => (d.staff_group = evil), 'staff_group'],
    ['an object with a non-callable toString as the JST kind (read by conditions)', (d) => (d.jst_kind = evil), 'jst_kind'],
    ['an array holding one as the JST kind', (d) => (d.jst_kind = [evil]), 'jst_kind'],
    ['a matrix item keyed toString', (d) => (d.DANE = { toString: { imp: 1 }, DANE1: { imp: 4, lvl: 3 } }), 'DANE.toString'],
    ['a value nested 10,000 deep as the staff group', (d) => (d.staff_group = deep(10_000)), 'staff_group'],
    ['a value nested 10,000 deep as a checkbox item', (d) => (d.tasks = [deep(10_000, evil)]), 'tasks'],
    ['a value nested 10,000 deep as a comment', (d) => (d.comments = deep(10_000)), 'comments'],
    ['a value nested 10,000 deep under an unknown name', (d) => (d.x = deep(10_000)), 'x'],
    ['a matrix cell nested 10,000 deep', (d) => (d.DANE.DANE1.imp = deep(10_000)), 'DANE1_imp'],
    ['a __proto__ key', (d) => Object.defineProperty(d, '__proto__', { value: { polluted: true }, enumerable: true }), '__proto__'],
  ];
  it.each(cases)('%s', (_case, edit, variable) => {
    const result = validateResponse(q, edited(edit));
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.variable)).toContain(variable);
    // every issue can be serialised and is small, whatever the value was
    const text = JSON.stringify(result.issues);
    expect(text.length).toBeLessThan(20_000);
    for (const issue of result.issues) expect(typeof issue.value === 'string' ? issue.value.length : JSON.stringify(issue.value ?? null).length).toBeLessThanOrEqual(81);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists at most 200 problems of one response, then says how many more there were', () => {
    const r = edited((d) => {
      for (let i = 0; i < 1000; i++) d[`junk${i}`] = 'x'.repeat(1000);
    });
    const result = validateResponse(q, r);
    expect(result.issues).toHaveLength(201);
    expect(result.issues.at(-1)).toMatchObject({ code: 'too_many_issues', expected: 'at most 200 problems are listed: 800 more not shown' });
    expect(result.issues[0]?.value).toBe(`${'x'.repeat(80)}…`);
  });

  it.each([null, 'text', 42, [], [1, 2]])('takes any JSON value as the answers (%j): one clear issue, no crash', (data) => {
    const result = validateResponse(q, { id: 'R1', data: data as never, meta: {} });
    expect(result.ok).toBe(false);
    if (data !== null) expect(result.issues[0]).toMatchObject({ variable: 'data', code: 'invalid_value', expected: 'an object of answers keyed by question name' });
  });

  it('gives the same verdict for a valid response after a flood of hostile ones (nothing cached from them)', () => {
    for (let i = 0; i < 200; i++) validateResponse(q, edited((d) => (d.jst_kind = `x${i}`)));
    for (const { kind, group } of combos) expect(validateResponse(q, completeResponse(q, kind, group)).issues).toEqual([]);
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
