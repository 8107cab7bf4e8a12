/**
 * The part of loading that every instrument shares, whatever its programme metadata: the SurveyJS JSON walked
 * (element types, names, duplicates, unsupported features), read by SurveyJS's own serializer, and turned into
 * QuestionSpecs; then, once the metadata has claimed its questions, every condition compiled and the codebook's
 * variable names checked. Used by load.ts (the diagnosis) and instrument.ts (the pilot's instruments).
 */
import { Model } from 'survey-core';
import { DiagError, type ErrorDetail } from '../errors.ts';
import { checkExpressions } from './expressions.ts';
import { readQuestion, type RawElement } from './read-question.ts';
import { LAYOUT_TYPES, QUESTION_TYPES, type QuestionSpec, type Variable } from './types.ts';

/** Features SurveyJS offers that the codebook cannot represent yet: refused rather than silently mis-coded. */
const UNSUPPORTED_PROPERTIES = ['showOtherItem', 'hasOther', 'showCommentArea', 'hasComment', 'choicesByUrl', 'choicesFromQuestion', 'valueName', 'isAllRowRequired'];
const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
/**
 * Names every JavaScript object already has (`toString`, `constructor`, `__proto__`, …): an answer keyed by one of
 * them could not be told from the object's own machinery, so no question, item or column may be called so.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The kind an instrument's metadata declares (`"instrument"`): "diagnosis" when it declares none. */
export function instrumentKindOf(programme: unknown): string {
  return isObject(programme) && typeof programme.instrument === 'string' ? programme.instrument : 'diagnosis';
}

export function invalid(file: string, problems: ErrorDetail[]): DiagError {
  return new DiagError('QUESTIONNAIRE_INVALID', `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the questionnaire`, problems);
}

/**
 * The questions of a SurveyJS questionnaire. Problems are reported through `fail`; a questionnaire too broken to
 * read further (no pages, bad elements) throws at once with everything found so far.
 */
export function readSurveyQuestions(file: string, json: unknown, fail: (message: string) => void, problems: readonly ErrorDetail[]): { json: Record<string, unknown>; questions: QuestionSpec[] } {
  if (!isObject(json) || !Array.isArray(json.pages) || json.pages.length === 0) {
    throw new DiagError('QUESTIONNAIRE_INVALID', `${file} is not a SurveyJS questionnaire`, [{ file, message: 'expected an object with a non-empty "pages" array' }]);
  }

  // 1. Walk the raw JSON: element types, names, duplicates, unsupported features.
  const raw = new Map<string, RawElement>();
  const pageOf = new Map<string, string>();
  const seen = new Set<string>();
  const walk = (elements: unknown, page: string) => {
    if (elements === undefined) return;
    if (!Array.isArray(elements)) return fail(`page '${page}': "elements" must be an array`);
    for (const [i, el] of elements.entries()) {
      if (!isObject(el)) { fail(`page '${page}', element ${i + 1}: expected an object`); continue; }
      const name = typeof el.name === 'string' ? el.name : undefined;
      const label = name ? `question '${name}'` : `element ${i + 1}`;
      if (typeof el.type !== 'string') { fail(`page '${page}', ${label}: missing "type"`); continue; }
      const known = (QUESTION_TYPES as readonly string[]).includes(el.type) || (LAYOUT_TYPES as readonly string[]).includes(el.type);
      if (!known) fail(`page '${page}', ${label}: unknown question type '${el.type}' (supported: ${[...QUESTION_TYPES, ...LAYOUT_TYPES].join(', ')})`);
      if (!name) { fail(`page '${page}', ${label}: missing "name"`); continue; }
      if (!NAME_PATTERN.test(name)) fail(`page '${page}', ${label}: name must start with a letter and hold only letters, digits and "_"`);
      if (RESERVED_NAMES.has(name)) fail(`page '${page}', ${label}: '${name}' is a reserved name (a property of every JavaScript object); rename the question`);
      if (seen.has(name)) fail(`page '${page}', ${label}: duplicate name '${name}'`);
      seen.add(name);
      for (const prop of UNSUPPORTED_PROPERTIES) if (prop in el) fail(`page '${page}', ${label}: property '${prop}' is not supported by the codebook`);
      if (el.type === 'panel') walk(el.elements, page);
      else if (known) { raw.set(name, el as RawElement); pageOf.set(name, page); }
    }
  };
  for (const [i, page] of json.pages.entries()) {
    if (!isObject(page)) { fail(`page ${i + 1}: expected an object`); continue; }
    const pageName = typeof page.name === 'string' ? page.name : `page ${i + 1}`;
    if (seen.has(pageName)) fail(`page '${pageName}': duplicate name`);
    seen.add(pageName);
    walk(page.elements, pageName);
  }
  if (problems.length) throw invalid(file, [...problems]);

  // 2. Let SurveyJS read it too: unknown properties and malformed values are reported by its serializer.
  const model = new Model(json);
  for (const err of model.jsonErrors ?? []) fail(`SurveyJS: ${(err as { message: string }).message}`);

  // 3. Questions through the SurveyJS model (it applies SurveyJS defaults), titles from the raw JSON.
  const questions: QuestionSpec[] = [];
  for (const q of model.getAllQuestions(false)) {
    const el = raw.get(q.name);
    if (!el || !(QUESTION_TYPES as readonly string[]).includes(q.getType())) continue;
    questions.push(readQuestion(q, el, pageOf.get(q.name) ?? '', (m) => fail(`question '${q.name}': ${m}`)));
  }
  return { json, questions };
}

/** Step 5, once the metadata has claimed its questions: every condition compiles and reads only known questions. */
export function checkConditions(questions: QuestionSpec[], fail: (message: string) => void): void {
  checkExpressions(questions, fail);
}

/** No two variables of the codebook share a name. */
export function checkVariableNames(variables: Variable[], fail: (message: string) => void): void {
  const names = new Set<string>();
  for (const v of variables) {
    if (names.has(v.name)) fail(`variable name '${v.name}' (from question '${v.question}') is produced twice; rename a question, row or choice`);
    names.add(v.name);
  }
}
