/**
 * Turns one SurveyJS question (read through its model, so SurveyJS defaults apply) into the QuestionSpec
 * that validation and the codebook use. Texts come from the raw JSON so both languages are kept.
 */
import type { Question } from 'survey-core';
import { toLocalized } from './localized.ts';
import type { ChoiceSpec, QuestionSpec, QuestionType, RatingColumnSpec, ValidatorSpec } from './types.ts';

/** See load.ts RESERVED_NAMES (kept here too: load.ts imports this module). */
const RESERVED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export type RawElement = Record<string, unknown> & { name: string; type: string };

type AnyQuestion = Question & Record<string, any>;

export function readQuestion(question: Question, raw: RawElement, page: string, fail: (message: string) => void): QuestionSpec {
  const q = question as AnyQuestion;
  const type = q.getType() as QuestionType;
  const spec: QuestionSpec = {
    name: q.name,
    type,
    title: toLocalized(raw.title, q.name),
    page,
    visibleIf: visibilityChain(q),
    required: q.isRequired === true,
    validators: readValidators(raw, fail),
  };
  if (q.requiredIf) spec.requiredIf = q.requiredIf;

  if (type === 'radiogroup' || type === 'dropdown' || type === 'checkbox') {
    spec.choices = readItems(raw.choices, 'choice', fail);
    if (spec.choices.length === 0) fail('has no choices');
    if (type === 'checkbox') {
      if (q.showNoneItem) {
        spec.noneValue = String(q.noneItem?.value ?? 'none');
        if (q.noneText !== undefined) spec.noneLabel = toLocalized(q.noneText, spec.noneValue);
      }
      if (q.maxSelectedChoices > 0) spec.maxSelected = q.maxSelectedChoices;
      if (q.minSelectedChoices > 0) spec.minSelected = q.minSelectedChoices;
    }
  } else if (type === 'matrixdropdown') {
    spec.rows = readItems(raw.rows, 'row', fail);
    spec.columns = readColumns(q, raw, fail);
  } else if (type === 'rating') {
    spec.rateValues = (q.visibleRateValues ?? []).map((v: { value: unknown }) => Number(v.value));
  } else if (type === 'text') {
    spec.inputType = q.inputType || 'text';
    if (spec.inputType === 'number') {
      if (typeof raw.min === 'number') spec.min = raw.min;
      if (typeof raw.max === 'number') spec.max = raw.max;
      // A whole step (SurveyJS `step`, the HTML input's step) from a whole minimum: counts, years, sizes.
      if (typeof raw.step === 'number' && Number.isInteger(raw.step) && raw.step >= 1 && (spec.min === undefined || Number.isInteger(spec.min))) spec.integer = true;
    } else if (spec.inputType !== 'text') {
      fail(`text input type '${spec.inputType}' is not supported (use "text" or "number")`);
    }
  }
  if ((type === 'text' || type === 'comment') && q.maxLength > 0) spec.maxLength = q.maxLength;
  return spec;
}

/** Conditions of the page, every enclosing panel and the question, outermost first. */
function visibilityChain(q: AnyQuestion): string[] {
  const chain: string[] = [];
  if (q.visibleIf) chain.push(q.visibleIf);
  let parent = q.parent as unknown as AnyQuestion | undefined;
  while (parent) {
    if (parent.visibleIf) chain.push(parent.visibleIf);
    parent = parent.parent as unknown as AnyQuestion | undefined;
  }
  return chain.reverse();
}

function readItems(items: unknown, what: string, fail: (message: string) => void): ChoiceSpec[] {
  if (!Array.isArray(items)) return [];
  const out: ChoiceSpec[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const obj: Record<string, unknown> = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : { value: item };
    const value = obj.value;
    if (typeof value !== 'string' && typeof value !== 'number') { fail(`a ${what} has no value`); continue; }
    const key = String(value);
    if (!/^[A-Za-z0-9_]+$/.test(key)) fail(`${what} value '${key}' must hold only letters, digits and "_"`);
    if (RESERVED.has(key)) fail(`${what} value '${key}' is a reserved name (a property of every JavaScript object)`);
    if (seen.has(key)) fail(`duplicate ${what} value '${key}'`);
    seen.add(key);
    const choice: ChoiceSpec = { value: key, label: toLocalized(obj.text, key) };
    if (typeof obj.visibleIf === 'string' && obj.visibleIf.trim()) choice.visibleIf = obj.visibleIf;
    out.push(choice);
  }
  return out;
}

function readColumns(q: AnyQuestion, raw: RawElement, fail: (message: string) => void): RatingColumnSpec[] {
  const rawColumns = Array.isArray(raw.columns) ? (raw.columns as Record<string, unknown>[]) : [];
  const out: RatingColumnSpec[] = [];
  for (const column of q.columns as AnyQuestion[]) {
    const cellType = column.cellType === 'default' ? q.cellType : column.cellType;
    if (cellType !== 'rating') { fail(`matrix column '${column.name}' must have cellType "rating" (got '${cellType}')`); continue; }
    if (RESERVED.has(column.name)) fail(`matrix column '${column.name}' is a reserved name (a property of every JavaScript object)`);
    const template = column.templateQuestion as AnyQuestion;
    const values = (template.visibleRateValues ?? []).map((v: { value: unknown }) => Number(v.value));
    const rawColumn = rawColumns.find((c) => c.name === column.name) ?? {};
    out.push({ name: column.name, label: toLocalized(rawColumn.title, column.name), values, required: column.isRequired === true });
  }
  return out;
}

function readValidators(raw: RawElement, fail: (message: string) => void): ValidatorSpec[] {
  if (raw.validators === undefined) return [];
  if (!Array.isArray(raw.validators)) { fail('"validators" must be an array'); return []; }
  const out: ValidatorSpec[] = [];
  for (const v of raw.validators as Record<string, unknown>[]) {
    const message = toLocalized(v.text, '');
    const num = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : undefined);
    switch (v.type) {
      case 'regex': {
        const source = String(v.regex ?? '');
        try {
          out.push({ type: 'regex', regex: new RegExp(source), source, message });
        } catch {
          fail(`regex validator '${source}' is not a valid regular expression`);
        }
        break;
      }
      case 'email':
        out.push({ type: 'regex', regex: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, source: 'email', message });
        break;
      case 'numeric':
        out.push({ type: 'numeric', ...opt('min', num('minValue')), ...opt('max', num('maxValue')), message });
        break;
      case 'text':
        out.push({ type: 'text', ...opt('minLength', num('minLength')), ...opt('maxLength', num('maxLength')), message });
        break;
      case 'answercount':
        out.push({ type: 'answercount', ...opt('min', num('minCount')), ...opt('max', num('maxCount')), message });
        break;
      case 'expression':
        if (typeof v.expression !== 'string') fail('expression validator without "expression"');
        else out.push({ type: 'expression', expression: v.expression, message });
        break;
      default:
        fail(`validator type '${String(v.type)}' is not supported (regex, email, numeric, text, answercount, expression)`);
    }
  }
  return out;
}

function opt<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}
