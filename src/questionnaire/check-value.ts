/**
 * The checks of one answer's value against its question (validate.ts runs them for every question shown): the
 * JSON type the question takes, the choices or scale, numbers and their range, text length, the text rule (no
 * NUL, no unpaired surrogate), and the question's SurveyJS validators.
 *
 * Written for any JSON value, hostile ones included: no method of a value is ever called (`String(v)` only on
 * strings and numbers, so an object whose `toString` is not a function cannot throw), nothing recurses into a
 * value, and the validators run only on a value of the right type.
 */
import { SAFE_TEXT_EXPECTED, unsafeTextReason } from '../util/safe-text.ts';
import type { CompiledCondition } from './expressions.ts';
import { isEmptyAnswer, type ValidationIssue } from './response.ts';
import type { ChoiceSpec, QuestionSpec } from './types.ts';

export interface CompiledChoice extends ChoiceSpec {
  condition?: CompiledCondition;
}

export interface CompiledQuestion {
  spec: QuestionSpec;
  visible: CompiledCondition[];
  requiredIf?: CompiledCondition;
  choices?: CompiledChoice[];
  rows?: CompiledChoice[];
  expressionValidators: { condition: CompiledCondition; message: string }[];
}

export type Add = (variable: string, value: unknown, expected: string, code: ValidationIssue['code']) => void;

/** A choice value's text, or null for anything that cannot be one (only strings and numbers can). */
export function choiceKey(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

function listOf(values: Iterable<string>): string {
  return [...values].join(', ');
}

/** A range in words: "from 0 to 2000". */
function range(min: number | undefined, max: number | undefined): string {
  return `from ${min ?? '−∞'} to ${max ?? '∞'}`;
}

/**
 * Checks a non-empty answer of a shown question. `conditionData` is what the question's expression validators
 * read (the sanitised condition answers, see validate.ts).
 */
export function checkValue(q: CompiledQuestion, value: unknown, shown: Set<string>, conditionData: Record<string, unknown>, add: Add): void {
  if (checkShape(q, value, shown, add)) runValidators(q, value, conditionData, add);
}

/** The type, choices, scale and range checks; false when the value is not even of the question's JSON type. */
function checkShape(q: CompiledQuestion, value: unknown, shown: Set<string>, add: Add): boolean {
  const spec = q.spec;
  const name = spec.name;
  switch (spec.type) {
    case 'radiogroup':
    case 'dropdown': {
      const key = choiceKey(value);
      if (key === null) {
        add(name, value, `one of ${listOf(shown)}`, 'invalid_value');
        return false;
      }
      if (!shown.has(key)) add(name, value, `one of ${listOf(shown)}`, 'invalid_value');
      return true;
    }
    case 'checkbox':
      return checkCheckbox(spec, value, shown, add);
    case 'matrixdropdown':
      return checkMatrix(q, value, shown, add);
    case 'rating':
      if (typeof value !== 'number' || !(spec.rateValues ?? []).includes(value)) {
        add(name, value, `one of ${(spec.rateValues ?? []).join(', ')}`, 'invalid_value');
        return false;
      }
      return true;
    case 'boolean':
      if (typeof value !== 'boolean') {
        add(name, value, 'true or false', 'invalid_value');
        return false;
      }
      return true;
    case 'text':
      if (spec.inputType === 'number') {
        const what = spec.integer ? 'a whole number' : 'a number';
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          add(name, value, what, 'invalid_value');
          return false;
        }
        if (spec.integer && !Number.isInteger(value)) {
          add(name, value, `${what} ${range(spec.min, spec.max)}`, 'invalid_value');
          return false;
        }
        if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
          add(name, value, `${what} ${range(spec.min, spec.max)}`, 'invalid_value');
          return false;
        }
        if (spec.maxLength !== undefined && String(value).length > spec.maxLength) add(name, value, `at most ${spec.maxLength} characters`, 'invalid_value');
        return true;
      }
      return checkText(spec, value, add);
    case 'comment':
      return checkText(spec, value, add);
  }
}

function checkText(spec: QuestionSpec, value: unknown, add: Add): boolean {
  if (typeof value !== 'string') {
    add(spec.name, value, 'text', 'invalid_value');
    return false;
  }
  if (unsafeTextReason(value) !== null) {
    add(spec.name, value, SAFE_TEXT_EXPECTED, 'invalid_value');
    return false;
  }
  if (spec.maxLength !== undefined && value.length > spec.maxLength) add(spec.name, value, `at most ${spec.maxLength} characters`, 'invalid_value');
  return true;
}

function checkCheckbox(spec: QuestionSpec, value: unknown, shown: Set<string>, add: Add): boolean {
  const name = spec.name;
  const allowed = spec.noneValue ? new Set([...shown, spec.noneValue]) : shown;
  if (!Array.isArray(value)) {
    add(name, value, `a list of choices from ${listOf(allowed)}`, 'invalid_value');
    return false;
  }
  const seen = new Set<string>();
  let typed = true;
  for (const v of value) {
    const key = choiceKey(v);
    if (key === null) {
      add(name, v, `a choice of ${name}: ${listOf(allowed)}`, 'invalid_value');
      typed = false;
    } else if (!allowed.has(key)) add(`${name}_${key}`, v, `a choice of ${name}: ${listOf(allowed)}`, 'invalid_value');
    else if (seen.has(key)) add(`${name}_${key}`, v, 'each choice at most once', 'invalid_value');
    if (key !== null) seen.add(key);
  }
  if (spec.noneValue && seen.has(spec.noneValue) && seen.size > 1) add(`${name}_${spec.noneValue}`, value, `"${spec.noneValue}" alone, without other choices`, 'invalid_value');
  if (spec.maxSelected !== undefined && seen.size > spec.maxSelected) add(name, value, `at most ${spec.maxSelected} choices`, 'too_many_choices');
  if (spec.minSelected !== undefined && seen.size < spec.minSelected) add(name, value, `at least ${spec.minSelected} choices`, 'too_few_choices');
  return typed;
}

function checkMatrix(q: CompiledQuestion, value: unknown, rows: Set<string>, add: Add): boolean {
  const spec = q.spec;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    add(spec.name, value, 'an object of rated items', 'invalid_value');
    return false;
  }
  const allRows = new Set((q.rows ?? []).map((r) => r.value));
  const columns = spec.columns ?? [];
  for (const row of Object.keys(value)) {
    const cells = (value as Record<string, unknown>)[row];
    if (!allRows.has(row)) { add(`${spec.name}.${row}`, cells, `an item of ${spec.name}: ${listOf(allRows)}`, 'unknown_variable'); continue; }
    if (!rows.has(row)) {
      if (!isEmptyAnswer(cells)) add(`${row}`, cells, 'no answer: the item is not shown to this respondent', 'hidden_answer');
      continue;
    }
    if (typeof cells !== 'object' || cells === null || Array.isArray(cells)) { add(row, cells, `ratings for ${columns.map((c) => c.name).join(', ')}`, 'invalid_value'); continue; }
    for (const col of Object.keys(cells)) {
      const rating = (cells as Record<string, unknown>)[col];
      const column = columns.find((c) => c.name === col);
      if (!column) { add(`${row}_${col}`, rating, `a rating column of ${spec.name}: ${columns.map((c) => c.name).join(', ')}`, 'unknown_variable'); continue; }
      if (rating === undefined || rating === null || rating === '') continue;
      if (typeof rating !== 'number' || !column.values.includes(rating)) add(`${row}_${col}`, rating, `a rating ${column.values.join(', ')}`, 'invalid_value');
    }
  }
  for (const column of columns) {
    if (!column.required) continue;
    for (const row of rows) {
      const cells = (value as Record<string, unknown>)[row];
      const cell = typeof cells === 'object' && cells !== null ? (cells as Record<string, unknown>)[column.name] : undefined;
      if (isEmptyAnswer(cell)) add(`${row}_${column.name}`, undefined, 'a rating (required)', 'required');
    }
  }
  return true;
}

/** The question's SurveyJS validators, on a value of the question's type (a string, a number or an array). */
function runValidators(q: CompiledQuestion, value: unknown, conditionData: Record<string, unknown>, add: Add): void {
  const name = q.spec.name;
  const text = choiceKey(value);
  for (const v of q.spec.validators) {
    switch (v.type) {
      case 'regex':
        if (text === null || !v.regex.test(text)) add(name, value, `text matching ${v.source}${v.message.en ? ` (${v.message.en})` : ''}`, 'validator');
        break;
      case 'numeric': {
        const n = typeof value === 'number' ? value : text === null ? NaN : Number(text);
        if (!Number.isFinite(n) || (v.min !== undefined && n < v.min) || (v.max !== undefined && n > v.max)) add(name, value, `a number ${range(v.min, v.max)}`, 'validator');
        break;
      }
      case 'text': {
        const len = text === null ? 0 : text.length;
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
    if (!ev.condition.run(conditionData)) add(name, value, ev.message, 'validator');
  }
}
