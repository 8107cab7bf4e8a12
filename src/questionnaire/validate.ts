/**
 * Validation of one response against the questionnaire: the SurveyJS rules (required, requiredIf,
 * visibleIf, validators) plus a strict check against the codebook that SurveyJS itself does not make
 * (values outside the choices or the scale, unknown variables, answers to questions the respondent could
 * not see, TERYT codes). Every entry point calls `validateResponse`.
 *
 * Conditions are compiled once per questionnaire and memoised (see expressions.ts), so a response costs
 * a few microseconds; `npm run bench` prints the rate.
 */
import { checkTeryt, JST_KIND_LABELS, type JstKind } from '../domain/jst.ts';
import { CompiledCondition } from './expressions.ts';
import { isEmptyAnswer, type SurveyResponse, type ValidationIssue, type ValidationResult } from './response.ts';
import type { ChoiceSpec, Questionnaire, QuestionSpec } from './types.ts';

interface CompiledChoice extends ChoiceSpec {
  condition?: CompiledCondition;
}

interface CompiledQuestion {
  spec: QuestionSpec;
  visible: CompiledCondition[];
  requiredIf?: CompiledCondition;
  choices?: CompiledChoice[];
  rows?: CompiledChoice[];
  expressionValidators: { condition: CompiledCondition; message: string }[];
}

export interface Validator {
  readonly questionnaire: Questionnaire;
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
   * response again (see dataset/from-csv.ts).
   */
  checkQuestion(question: string, data: Record<string, unknown>, respondent?: string): ValidationIssue[];
  /** The issues `validate` reports for the programme rules (TERYT code, JST kind, voivodeship) of these answers. */
  checkProgramme(data: Record<string, unknown>, respondent?: string): ValidationIssue[];
}

const validators = new WeakMap<Questionnaire, Validator>();

/** The compiled validator of a questionnaire (compiled once, then reused). */
export function validatorFor(questionnaire: Questionnaire): Validator {
  let v = validators.get(questionnaire);
  if (!v) {
    v = compile(questionnaire);
    validators.set(questionnaire, v);
  }
  return v;
}

export function validateResponse(questionnaire: Questionnaire, response: SurveyResponse): ValidationResult {
  return validatorFor(questionnaire).validate(response);
}

function compileChoices(items: ChoiceSpec[] | undefined): CompiledChoice[] | undefined {
  return items?.map((c) => (c.visibleIf ? { ...c, condition: new CompiledCondition(c.visibleIf) } : { ...c }));
}

function compile(questionnaire: Questionnaire): Validator {
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
  interface Shown {
    questions: Set<string>;
    options: Map<string, Set<string>>;
  }
  const shownCache = new Map<string, Shown>();
  const shownFor = (data: Record<string, unknown>): Shown => {
    let key = '';
    for (const v of conditionVariables) {
      const x = data[v];
      key += (x === undefined ? '~' : typeof x === 'string' ? x : JSON.stringify(x)) + '\u0001';
    }
    let s = shownCache.get(key);
    if (!s) {
      s = { questions: new Set(), options: new Map() };
      for (const q of questions) {
        if (!q.visible.every((c) => c.run(data))) continue;
        s.questions.add(q.spec.name);
        if (q.rows || q.choices) s.options.set(q.spec.name, visibleValues(q.rows ?? q.choices ?? [], data));
      }
      if (shownCache.size < 10_000) shownCache.set(key, s);
    }
    return s;
  };
  const isVisible = (q: CompiledQuestion, data: Record<string, unknown>) => shownFor(data).questions.has(q.spec.name);
  const optionsOf = (q: CompiledQuestion, data: Record<string, unknown>) => shownFor(data).options.get(q.spec.name) ?? new Set<string>();

  function validate(response: SurveyResponse): ValidationResult {
    const issues: ValidationIssue[] = [];
    const data = response.data ?? {};
    const respondent = response.id;
    const add = (variable: string, value: unknown, expected: string, code: ValidationIssue['code']) => issues.push({ respondent, variable, value, expected, code });

    for (const key of Object.keys(data)) {
      if (!byName.has(key)) add(key, data[key], 'a question of the questionnaire', 'unknown_variable');
    }
    for (const q of questions) checkQuestion(q, data, add);
    checkProgrammeRules(data, add);
    return { ok: issues.length === 0, issues };
  }

  function checkQuestion(q: CompiledQuestion, data: Record<string, unknown>, add: Add): void {
    const value = data[q.spec.name];
    const empty = isEmptyAnswer(value);
    if (!isVisible(q, data)) {
      if (!empty) add(q.spec.name, value, `no answer: the question is not shown when ${q.spec.visibleIf.join(' and ')}`, 'hidden_answer');
      return;
    }
    if (empty) {
      if (q.spec.required || q.requiredIf?.run(data)) add(q.spec.name, value, 'an answer (required)', 'required');
      return;
    }
    checkValue(q, value, data, optionsOf(q, data), add);
  }

  /** Runs one check with its own issue list, for the single-question entry points. */
  const collect = (respondent: string, check: (add: Add) => void): ValidationIssue[] => {
    const issues: ValidationIssue[] = [];
    check((variable, value, expected, code) => issues.push({ respondent, variable, value, expected, code }));
    return issues;
  };

  /** Programme rules no SurveyJS validator expresses: a well-formed TERYT code that agrees with the declared JST kind and voivodeship. */
  function checkProgrammeRules(data: Record<string, unknown>, add: (variable: string, value: unknown, expected: string, code: ValidationIssue['code']) => void) {
    const code = data[roles.teryt];
    if (typeof code !== 'string' || code === '') return;
    const check = checkTeryt(code);
    if (!check.ok) return add(roles.teryt, code, `a valid TERYT code: ${check.expected}`, 'teryt_invalid');
    const kind = data[roles.jstKind];
    if (typeof kind === 'string' && kind !== check.kind) {
      const label = JST_KIND_LABELS[check.kind as JstKind]?.en ?? check.kind;
      add(roles.teryt, code, `a code of a ${JST_KIND_LABELS[kind as JstKind]?.en ?? kind} (this code is a ${label})`, 'teryt_mismatch');
    }
    const voiv = data[roles.voivodeship];
    if (typeof voiv === 'string' && voiv !== check.voivodeship) add(roles.teryt, code, `a code in voivodeship ${voiv} (this code is in ${check.voivodeship})`, 'teryt_mismatch');
  }

  return {
    questionnaire,
    validate,
    isVisible: (name, data) => {
      const q = byName.get(name);
      return q ? isVisible(q, data) : false;
    },
    shown: shownFor,
    conditionVariables,
    checkQuestion: (name, data, respondent = '') => {
      const q = byName.get(name);
      if (!q) throw new Error(`checkQuestion: no question ${name}`);
      return collect(respondent, (add) => checkQuestion(q, data, add));
    },
    checkProgramme: (data, respondent = '') => collect(respondent, (add) => checkProgrammeRules(data, add)),
    visibleOptions: (name, data) => {
      const q = byName.get(name);
      return q && isVisible(q, data) ? [...optionsOf(q, data)] : [];
    },
  };
}

type Add = (variable: string, value: unknown, expected: string, code: ValidationIssue['code']) => void;

function visibleValues(items: CompiledChoice[], data: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const c of items) if (!c.condition || c.condition.run(data)) out.add(c.value);
  return out;
}

function listOf(values: Iterable<string>): string {
  return [...values].join(', ');
}

function checkValue(q: CompiledQuestion, value: unknown, data: Record<string, unknown>, shown: Set<string>, add: Add): void {
  const spec = q.spec;
  const name = spec.name;
  switch (spec.type) {
    case 'radiogroup':
    case 'dropdown': {
      const allowed = shown;
      if (typeof value !== 'string' && typeof value !== 'number') return add(name, value, `one of ${listOf(allowed)}`, 'invalid_value');
      if (!allowed.has(String(value))) add(name, value, `one of ${listOf(allowed)}`, 'invalid_value');
      break;
    }
    case 'checkbox': {
      const allowed = spec.noneValue ? new Set([...shown, spec.noneValue]) : shown;
      if (!Array.isArray(value)) return add(name, value, `a list of choices from ${listOf(allowed)}`, 'invalid_value');
      const seen = new Set<string>();
      for (const v of value) {
        const key = String(v);
        if ((typeof v !== 'string' && typeof v !== 'number') || !allowed.has(key)) add(`${name}_${key}`, v, `a choice of ${name}: ${listOf(allowed)}`, 'invalid_value');
        else if (seen.has(key)) add(`${name}_${key}`, v, 'each choice at most once', 'invalid_value');
        seen.add(key);
      }
      if (spec.noneValue && seen.has(spec.noneValue) && seen.size > 1) add(`${name}_${spec.noneValue}`, value, `"${spec.noneValue}" alone, without other choices`, 'invalid_value');
      if (spec.maxSelected !== undefined && seen.size > spec.maxSelected) add(name, value, `at most ${spec.maxSelected} choices`, 'too_many_choices');
      if (spec.minSelected !== undefined && seen.size < spec.minSelected) add(name, value, `at least ${spec.minSelected} choices`, 'too_few_choices');
      break;
    }
    case 'matrixdropdown':
      checkMatrix(q, value, shown, add);
      break;
    case 'rating':
      if (typeof value !== 'number' || !(spec.rateValues ?? []).includes(value)) add(name, value, `one of ${(spec.rateValues ?? []).join(', ')}`, 'invalid_value');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') add(name, value, 'true or false', 'invalid_value');
      break;
    case 'text':
      if (spec.inputType === 'number') {
        if (typeof value !== 'number' || !Number.isFinite(value)) return add(name, value, 'a number', 'invalid_value');
        if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) return add(name, value, `a number from ${spec.min ?? '−∞'} to ${spec.max ?? '∞'}`, 'invalid_value');
      } else if (typeof value !== 'string') {
        return add(name, value, 'text', 'invalid_value');
      }
      if (spec.maxLength !== undefined && String(value).length > spec.maxLength) add(name, value, `at most ${spec.maxLength} characters`, 'invalid_value');
      break;
    case 'comment':
      if (typeof value !== 'string') return add(name, value, 'text', 'invalid_value');
      if (spec.maxLength !== undefined && value.length > spec.maxLength) add(name, `${value.slice(0, 40)}…`, `at most ${spec.maxLength} characters`, 'invalid_value');
      break;
  }
  runValidators(q, value, data, add);
}

function checkMatrix(q: CompiledQuestion, value: unknown, rows: Set<string>, add: Add): void {
  const spec = q.spec;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return add(spec.name, value, 'an object of rated items', 'invalid_value');
  const allRows = new Set((q.rows ?? []).map((r) => r.value));
  const columns = spec.columns ?? [];
  for (const [row, cells] of Object.entries(value as Record<string, unknown>)) {
    if (!allRows.has(row)) { add(`${spec.name}.${row}`, cells, `an item of ${spec.name}: ${listOf(allRows)}`, 'unknown_variable'); continue; }
    if (!rows.has(row)) {
      if (!isEmptyAnswer(cells)) add(`${row}`, cells, 'no answer: the item is not shown to this respondent', 'hidden_answer');
      continue;
    }
    if (typeof cells !== 'object' || cells === null || Array.isArray(cells)) { add(row, cells, `ratings for ${columns.map((c) => c.name).join(', ')}`, 'invalid_value'); continue; }
    for (const [col, rating] of Object.entries(cells as Record<string, unknown>)) {
      const column = columns.find((c) => c.name === col);
      if (!column) { add(`${row}_${col}`, rating, `a rating column of ${spec.name}: ${columns.map((c) => c.name).join(', ')}`, 'unknown_variable'); continue; }
      if (rating === undefined || rating === null || rating === '') continue;
      if (typeof rating !== 'number' || !column.values.includes(rating)) add(`${row}_${col}`, rating, `a rating ${column.values.join(', ')}`, 'invalid_value');
    }
  }
  for (const column of columns) {
    if (!column.required) continue;
    for (const row of rows) {
      const cells = (value as Record<string, Record<string, unknown> | undefined>)[row];
      if (isEmptyAnswer(cells?.[column.name])) add(`${row}_${column.name}`, undefined, 'a rating (required)', 'required');
    }
  }
}

function runValidators(q: CompiledQuestion, value: unknown, data: Record<string, unknown>, add: Add): void {
  const name = q.spec.name;
  for (const v of q.spec.validators) {
    switch (v.type) {
      case 'regex':
        if (!v.regex.test(String(value))) add(name, value, `text matching ${v.source}${v.message.en ? ` (${v.message.en})` : ''}`, 'validator');
        break;
      case 'numeric': {
        const n = typeof value === 'number' ? value : Number(value);
        if (!Number.isFinite(n) || (v.min !== undefined && n < v.min) || (v.max !== undefined && n > v.max)) add(name, value, `a number from ${v.min ?? '−∞'} to ${v.max ?? '∞'}`, 'validator');
        break;
      }
      case 'text': {
        const len = String(value).length;
        if ((v.minLength !== undefined && len < v.minLength) || (v.maxLength !== undefined && len > v.maxLength)) add(name, value, `text of ${v.minLength ?? 0} to ${v.maxLength ?? '∞'} characters`, 'validator');
        break;
      }
      case 'answercount': {
        const count = Array.isArray(value) ? value.length : 1;
        if ((v.min !== undefined && count < v.min) || (v.max !== undefined && count > v.max)) add(name, value, `${v.min ?? 0} to ${v.max ?? '∞'} answers`, 'validator');
        break;
      }
      case 'expression':
        break;
    }
  }
  for (const ev of q.expressionValidators) {
    if (!ev.condition.run(data)) add(name, value, ev.message, 'validator');
  }
}
