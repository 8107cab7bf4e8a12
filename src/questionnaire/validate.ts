/**
 * Validation of one response against the questionnaire: the SurveyJS rules (required, requiredIf,
 * visibleIf, validators) plus a strict check against the codebook that SurveyJS itself does not make
 * (values outside the choices or the scale, unknown variables, answers to questions the respondent could
 * not see, TERYT codes, participant codes' check characters). Every entry point calls `validateResponse`.
 *
 * Conditions are compiled once per questionnaire and memoised (see expressions.ts), so a response costs
 * a few microseconds; `npm run bench` prints the rate.
 */
import { checkTeryt, JST_KIND_LABELS, type JstKind } from '../domain/jst.ts';
import { checkParticipantCode } from '../domain/participant-code.ts';
import { clipText, previewValue, unsafeTextReason } from '../util/safe-text.ts';
import { checkValue, choiceKey, type Add, type CompiledChoice, type CompiledQuestion } from './check-value.ts';
import { CompiledCondition } from './expressions.ts';
import { isEmptyAnswerOf, type SurveyResponse, type ValidationIssue, type ValidationResult } from './response.ts';
import type { ChoiceSpec, SurveyInstrument } from './types.ts';

/** Most issues one response lists; the last one then says how many more there were. */
export const MAX_ISSUES_PER_RESPONSE = 200;

export interface Validator {
  readonly questionnaire: SurveyInstrument;
  validate(response: SurveyResponse): ValidationResult;
  /** whether a question is shown for these answers (page, panel and question conditions) */
  isVisible(question: string, data: Record<string, unknown>): boolean;
  /** the choices (or matrix rows) of a question shown for these answers */
  visibleOptions(question: string, data: Record<string, unknown>): string[];
  /** everything shown for these answers at once: visible questions and their shown options (cached, do not modify) */
  shown(data: Record<string, unknown>): { questions: ReadonlySet<string>; options: ReadonlyMap<string, ReadonlySet<string>> };
  /** the answers visibility conditions read: `shown` depends on these alone */
  readonly conditionVariables: readonly string[];
  /**
   * The issues `validate` reports for one question of these answers (hidden answer, required, value,
   * validators), so that a reader can check an answer it has seen before without validating a whole
   * response again (see dataset/from-csv/).
   */
  checkQuestion(question: string, data: Record<string, unknown>, respondent?: string): ValidationIssue[];
  /** The issues `validate` reports for the programme rules (TERYT code, JST kind, voivodeship) of these answers. */
  checkProgramme(data: Record<string, unknown>, respondent?: string): ValidationIssue[];
}

const validators = new WeakMap<SurveyInstrument, Validator>();

/** The compiled validator of a questionnaire (compiled once, then reused). */
export function validatorFor(questionnaire: SurveyInstrument): Validator {
  let v = validators.get(questionnaire);
  if (!v) {
    v = compile(questionnaire);
    validators.set(questionnaire, v);
  }
  return v;
}

export function validateResponse(questionnaire: SurveyInstrument, response: SurveyResponse): ValidationResult {
  return validatorFor(questionnaire).validate(response);
}

function compileChoices(items: ChoiceSpec[] | undefined): CompiledChoice[] | undefined {
  return items?.map((c) => (c.visibleIf ? { ...c, condition: new CompiledCondition(c.visibleIf) } : { ...c }));
}

function compile(questionnaire: SurveyInstrument): Validator {
  const questions: CompiledQuestion[] = questionnaire.questions.map((spec) => ({
    spec,
    visible: spec.visibleIf.map((e) => new CompiledCondition(e)),
    ...(spec.requiredIf ? { requiredIf: new CompiledCondition(spec.requiredIf) } : {}),
    ...(spec.choices ? { choices: compileChoices(spec.choices) } : {}),
    ...(spec.rows ? { rows: compileChoices(spec.rows) } : {}),
    expressionValidators: spec.validators.flatMap((v) => (v.type === 'expression' ? [{ condition: new CompiledCondition(v.expression), message: v.message.en || v.expression }] : [])),
  }));
  const byName = new Map(questions.map((q) => [q.spec.name, q]));
  const roles = questionnaire.roles;

  // What a respondent is shown depends only on the answers the conditions read (for this questionnaire:
  // JST kind and staff group), so the whole picture is computed once per distinct tuple of those answers.
  const conditionVariables = [...new Set(questions.flatMap((q) => [...q.visible, ...(q.choices ?? []), ...(q.rows ?? [])].flatMap((c) => ('variables' in c ? c.variables : c.condition?.variables ?? []))))];
  // Every answer any condition reads (visibility, requiredIf, expression validators).
  const conditionReads = [...new Set([...conditionVariables, ...questions.flatMap((q) => [...(q.requiredIf?.variables ?? []), ...q.expressionValidators.flatMap((e) => e.condition.variables)])])];

  /**
   * The answers conditions are evaluated on: only those they read, each as a fresh copy of a well-formed value of
   * its question's type (choices only among the question's choices), anything else left out as if unanswered. So
   * survey-core's expression engine never meets a hostile value (an object with a `toString` that is not a
   * function, a value thousands of levels deep), and the visibility cache holds at most one entry per combination
   * of real choices. A response with such a value is rejected anyway: checkValue reports it.
   */
  const conditionData = (data: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const name of conditionReads) {
      const q = byName.get(name);
      const v = q ? conditionValue(q, data[name]) : undefined;
      if (v !== undefined) out[name] = v;
    }
    return out;
  };

  interface Shown {
    questions: Set<string>;
    options: Map<string, Set<string>>;
  }
  const shownCache = new Map<string, Shown>();
  /** What is shown for these (sanitised) condition answers. */
  const shownFor = (cdata: Record<string, unknown>): Shown => {
    let key = '';
    for (const v of conditionVariables) {
      const x = cdata[v];
      key += (x === undefined ? '~' : typeof x === 'string' && !x.includes('\u0001') ? x : JSON.stringify(x)) + '\u0001';
    }
    let s = shownCache.get(key);
    if (!s) {
      s = { questions: new Set(), options: new Map() };
      for (const q of questions) {
        if (!q.visible.every((c) => c.run(cdata))) continue;
        s.questions.add(q.spec.name);
        if (q.rows || q.choices) s.options.set(q.spec.name, visibleValues(q.rows ?? q.choices ?? [], cdata));
      }
      if (shownCache.size < 10_000) shownCache.set(key, s);
    }
    return s;
  };
  const isVisible = (q: CompiledQuestion, shown: Shown) => shown.questions.has(q.spec.name);
  const optionsOf = (q: CompiledQuestion, shown: Shown) => shown.options.get(q.spec.name) ?? new Set<string>();

  /** An issue adder that bounds what it keeps: values previewed, names clipped, at most MAX_ISSUES_PER_RESPONSE. */
  const collector = (respondent: string) => {
    const issues: ValidationIssue[] = [];
    let more = 0;
    const add: Add = (variable, value, expected, code) => {
      if (issues.length >= MAX_ISSUES_PER_RESPONSE) { more++; return; }
      issues.push({ respondent, variable: clipText(variable, 100), value: previewValue(value), expected, code });
    };
    const done = (): ValidationIssue[] => {
      if (more > 0) issues.push({ respondent, variable: '(response)', value: undefined, expected: `at most ${MAX_ISSUES_PER_RESPONSE} problems are listed: ${more} more not shown`, code: 'too_many_issues' });
      return issues;
    };
    return { add, done };
  };

  function validate(response: SurveyResponse): ValidationResult {
    const respondent = typeof response?.id === 'string' ? clipText(response.id, 100) : '';
    const { add, done } = collector(respondent);
    const raw: unknown = response?.data;
    const data = isAnswers(raw) ? raw : {};
    if (!isAnswers(raw) && raw !== undefined) add('data', raw, 'an object of answers keyed by question name', 'invalid_value');
    for (const key of Object.keys(data)) {
      if (!byName.has(key)) add(key, data[key], 'a question of the questionnaire', 'unknown_variable');
    }
    const cdata = conditionData(data);
    const shown = shownFor(cdata);
    for (const q of questions) checkQuestion(q, data, cdata, shown, add);
    checkProgrammeRules(data, add);
    const issues = done();
    return { ok: issues.length === 0, issues };
  }

  function checkQuestion(q: CompiledQuestion, data: Record<string, unknown>, cdata: Record<string, unknown>, shown: Shown, add: Add): void {
    const value = data[q.spec.name];
    const empty = isEmptyAnswerOf(q.spec.type, value);
    if (!isVisible(q, shown)) {
      if (!empty) add(q.spec.name, value, `no answer: the question is not shown when ${q.spec.visibleIf.join(' and ')}`, 'hidden_answer');
      return;
    }
    if (empty) {
      if (q.spec.required || q.requiredIf?.run(cdata)) add(q.spec.name, value, 'an answer (required)', 'required');
      return;
    }
    checkValue(q, value, optionsOf(q, shown), cdata, add);
  }

  /** Runs one check with its own issue list, for the single-question entry points. */
  const collect = (respondent: string, check: (add: Add) => void): ValidationIssue[] => {
    const { add, done } = collector(respondent);
    check(add);
    return done();
  };

  /**
   * Programme rules no SurveyJS validator expresses: a well-formed TERYT code that agrees with the declared JST kind
   * and voivodeship (instruments with the diagnosis' roles), and a participant code whose check character agrees
   * (instruments that carry one).
   */
  function checkProgrammeRules(data: Record<string, unknown>, add: Add) {
    const codeQuestion = questionnaire.participantCode;
    if (codeQuestion !== undefined) {
      const pc = data[codeQuestion];
      if (typeof pc === 'string' && pc !== '') {
        const check = checkParticipantCode(pc);
        if (!check.ok) add(codeQuestion, pc, `a participant code: ${check.reason}`, 'participant_code_invalid');
      }
    }
    if (!roles) return;
    const code = data[roles.teryt];
    if (typeof code !== 'string' || code === '') return;
    const check = checkTeryt(code);
    if (!check.ok) return add(roles.teryt, code, `a valid TERYT code: ${check.expected}`, 'teryt_invalid');
    const kind = data[roles.jstKind];
    if (typeof kind === 'string' && kind !== check.kind) {
      const label = JST_KIND_LABELS[check.kind as JstKind]?.en ?? check.kind;
      const declared = Object.hasOwn(JST_KIND_LABELS, kind) ? JST_KIND_LABELS[kind as JstKind].en : clipText(kind, 40);
      add(roles.teryt, code, `a code of a ${declared} (this code is a ${label})`, 'teryt_mismatch');
    }
    const voiv = data[roles.voivodeship];
    if (typeof voiv === 'string' && voiv !== check.voivodeship) add(roles.teryt, code, `a code in voivodeship ${clipText(voiv, 40)} (this code is in ${check.voivodeship})`, 'teryt_mismatch');
  }

  const answersOf = (data: Record<string, unknown>) => (isAnswers(data) ? data : {});
  return {
    questionnaire,
    validate,
    isVisible: (name, data) => {
      const q = byName.get(name);
      return q ? isVisible(q, shownFor(conditionData(answersOf(data)))) : false;
    },
    shown: (data) => shownFor(conditionData(answersOf(data))),
    conditionVariables,
    checkQuestion: (name, data, respondent = '') => {
      const q = byName.get(name);
      if (!q) throw new Error(`checkQuestion: no question ${name}`);
      const answers = answersOf(data);
      const cdata = conditionData(answers);
      return collect(respondent, (add) => checkQuestion(q, answers, cdata, shownFor(cdata), add));
    },
    checkProgramme: (data, respondent = '') => collect(respondent, (add) => checkProgrammeRules(answersOf(data), add)),
    visibleOptions: (name, data) => {
      const q = byName.get(name);
      const shown = shownFor(conditionData(answersOf(data)));
      return q && isVisible(q, shown) ? [...optionsOf(q, shown)] : [];
    },
  };
}

/** A plain object of answers (not an array, not null). */
function isAnswers(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * An answer as conditions may read it (see conditionData), or undefined: a choice among the question's choices, a
 * number, a boolean or a text keeping the text rule for single values; an array of such choices for a checkbox; for a
 * matrix a fresh object of its own items and columns holding numbers.
 */
function conditionValue(q: CompiledQuestion, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  const spec = q.spec;
  const isChoice = (x: unknown) => {
    const key = choiceKey(x);
    return key !== null && ((q.choices ?? []).some((c) => c.value === key) || key === spec.noneValue);
  };
  switch (spec.type) {
    case 'radiogroup':
    case 'dropdown':
      return isChoice(v) ? v : undefined;
    case 'checkbox':
      return Array.isArray(v) && v.length <= (q.choices?.length ?? 0) + 1 && v.every(isChoice) ? [...v] : undefined;
    case 'rating':
      return typeof v === 'number' && (spec.rateValues ?? []).includes(v) ? v : undefined;
    case 'boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'text':
    case 'comment':
      if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
      return typeof v === 'string' && unsafeTextReason(v) === null ? v : undefined;
    case 'matrixdropdown': {
      if (typeof v !== 'object' || Array.isArray(v)) return undefined;
      const out: Record<string, Record<string, number>> = {};
      for (const row of q.rows ?? []) {
        const cells = (v as Record<string, unknown>)[row.value];
        if (typeof cells !== 'object' || cells === null || Array.isArray(cells) || !Object.hasOwn(v, row.value)) continue;
        for (const col of spec.columns ?? []) {
          const x = Object.hasOwn(cells, col.name) ? (cells as Record<string, unknown>)[col.name] : undefined;
          if (typeof x === 'number' && Number.isFinite(x)) (out[row.value] ??= {})[col.name] = x;
        }
      }
      return out;
    }
  }
}

function visibleValues(items: CompiledChoice[], data: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const c of items) if (!c.condition || c.condition.run(data)) out.add(c.value);
  return out;
}

