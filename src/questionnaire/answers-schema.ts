/**
 * The JSON Schema of a questionnaire's answers, derived from its codebook: what the server checks a respondent's
 * body against before any other code sees it (src/server/respondent/body.ts), and what the OpenAPI document shows.
 *
 * Every question is a property (no other property is allowed), with the JSON type it takes and its bounds:
 * - a single choice: one of its choice values; a checkbox: an array of at most as many choice values as it has;
 * - a rating: one of its scale values; a boolean: true or false;
 * - a number input: a number (an integer where the codebook says whole numbers) within its min and max;
 * - text and comments: a string of at most the question's maxLength (else TEXT_MAX_LENGTH) characters, keeping the
 *   text rule (no NUL, no unpaired surrogate: `format: "safe-text"`, util/safe-text.ts);
 * - a matrix of rated items: an object of its own items, each an object of its own columns holding a scale value.
 * `null` (and "" for a single value) stands for "no answer", as SurveyJS and validateResponse read it. So the depth
 * is bounded (at most three levels below the answers), every string and array is bounded, and no value can reach
 * validation in a type it does not expect. What the schema cannot say — which questions are shown and required,
 * which choices are shown, the TERYT code — validateResponse checks next, listing every issue.
 */
import { SAFE_TEXT_FORMAT } from '../util/safe-text.ts';
import type { SurveyInstrument, QuestionSpec } from './types.ts';

/** Longest text a text or comment question without its own maxLength takes. */
export const TEXT_MAX_LENGTH = 10_000;

export type JsonSchema = Record<string, unknown>;

/** Choice values as the JSON they may arrive in: the text, and the number too where the text is a plain number. */
function choiceEnum(values: string[]): (string | number)[] {
  return values.flatMap((v) => (/^-?(0|[1-9]\d{0,14})$/.test(v) ? [v, Number(v)] : [v]));
}

function choicesOf(q: QuestionSpec): string[] {
  return [...(q.choices ?? []).map((c) => c.value), ...(q.noneValue ? [q.noneValue] : [])];
}

/** The schema of one question's answer. */
export function answerSchema(q: QuestionSpec): JsonSchema {
  const description = describeAnswer(q, 1);
  switch (q.type) {
    case 'radiogroup':
    case 'dropdown':
      return { description, enum: [...choiceEnum(choicesOf(q)), '', null] };
    case 'checkbox': {
      const choices = choicesOf(q);
      return { description, type: ['array', 'null'], maxItems: choices.length, items: { enum: choiceEnum(choices) } };
    }
    case 'rating':
      return { description, enum: [...(q.rateValues ?? []), '', null] };
    case 'boolean':
      return { description, enum: [true, false, '', null] };
    case 'matrixdropdown': {
      const columns = q.columns ?? [];
      const row = {
        type: ['object', 'null'],
        additionalProperties: false,
        properties: Object.fromEntries(columns.map((c) => [c.name, { enum: [...c.values, '', null] }])),
      };
      return { description, type: ['object', 'null'], additionalProperties: false, properties: Object.fromEntries((q.rows ?? []).map((r) => [r.value, row])) };
    }
    case 'text':
      if (q.inputType === 'number') {
        // "" (an emptied input) is the one string a number input may hold: maxLength 0 applies to strings only.
        return { description, type: [q.integer ? 'integer' : 'number', 'string', 'null'], maxLength: 0, ...(q.min !== undefined ? { minimum: q.min } : {}), ...(q.max !== undefined ? { maximum: q.max } : {}) };
      }
      return { description, type: ['string', 'null'], maxLength: q.maxLength ?? TEXT_MAX_LENGTH, format: SAFE_TEXT_FORMAT };
    case 'comment':
      return { description, type: ['string', 'null'], maxLength: q.maxLength ?? TEXT_MAX_LENGTH, format: SAFE_TEXT_FORMAT };
  }
}

/** The schema of a whole set of answers (complete or partial: which are required is validation's business). */
export function answersSchema(questionnaire: SurveyInstrument): JsonSchema {
  return {
    type: 'object',
    description: 'the answers keyed by question name, as SurveyJS produces them (see `diag codebook`); no other property',
    additionalProperties: false,
    properties: Object.fromEntries(questionnaire.questions.map((q) => [q.name, answerSchema(q)])),
  };
}

/**
 * What is expected at a place inside the answers, in words, for error messages: `path` is the JSON pointer below
 * the answers object split in segments ([] the answers, [question], [question, item or index], [question, item,
 * column]). Undefined for a place the schema does not know.
 */
export function expectedAt(questionnaire: SurveyInstrument, path: readonly string[]): string | undefined {
  if (path.length === 0) return 'an object of answers keyed by question name (see `diag codebook`)';
  const q = questionnaire.questions.find((x) => x.name === path[0]);
  return q ? describeAnswer(q, path.length) : undefined;
}

/** One question's answer in words, at `depth` 1 (the answer), 2 (an element or item) or 3 (a matrix cell). */
function describeAnswer(q: QuestionSpec, depth: number): string | undefined {
  const list = (values: readonly (string | number)[]) => values.join(', ');
  switch (q.type) {
    case 'radiogroup':
    case 'dropdown':
      return depth === 1 ? `one of ${list(choicesOf(q))}` : undefined;
    case 'checkbox':
      return depth === 1 ? `a list of at most ${choicesOf(q).length} choices from ${list(choicesOf(q))}` : depth === 2 ? `a choice of ${q.name}: ${list(choicesOf(q))}` : undefined;
    case 'rating':
      return depth === 1 ? `one of ${list(q.rateValues ?? [])}` : undefined;
    case 'boolean':
      return depth === 1 ? 'true or false' : undefined;
    case 'matrixdropdown': {
      const columns = q.columns ?? [];
      if (depth === 1) return `an object of rated items of ${q.name}: ${list((q.rows ?? []).map((r) => r.value))}`;
      if (depth === 2) return `an object of ratings ${list(columns.map((c) => c.name))}`;
      return `a rating ${list(columns[0]?.values ?? [])}`;
    }
    case 'text':
      if (depth !== 1) return undefined;
      if (q.inputType === 'number') {
        const range = q.min !== undefined || q.max !== undefined ? ` from ${q.min ?? '−∞'} to ${q.max ?? '∞'}` : '';
        return `${q.integer ? 'a whole number' : 'a number'}${range}`;
      }
      return `text of at most ${q.maxLength ?? TEXT_MAX_LENGTH} characters without NUL or unpaired surrogates`;
    case 'comment':
      return depth === 1 ? `text of at most ${q.maxLength ?? TEXT_MAX_LENGTH} characters without NUL or unpaired surrogates` : undefined;
  }
}
