import type { QuestionType } from './types.ts';

/** A response as every entry point (web form, CSV import, synthetic data) hands it to validation and the store. */
export interface ResponseMeta {
  /** collection wave or source batch */
  wave?: string;
  /** web, import, synthetic, … */
  source?: string;
  /** ISO 8601 timestamps */
  startedAt?: string;
  submittedAt?: string;
  /** completion time in seconds, where known */
  durationSec?: number;
}

export interface SurveyResponse {
  /** respondent identifier, unique within a data set */
  id: string;
  /** answers keyed by question name, exactly as SurveyJS produces them */
  data: Record<string, unknown>;
  meta: ResponseMeta;
}

export type IssueCode =
  | 'unknown_variable'
  | 'required'
  | 'hidden_answer'
  | 'invalid_value'
  | 'too_many_choices'
  | 'too_few_choices'
  | 'validator'
  | 'teryt_invalid'
  | 'teryt_mismatch'
  /** a participant code whose check character does not agree */
  | 'participant_code_invalid'
  /** more problems than one response lists (the last issue says how many more there were) */
  | 'too_many_issues';

export interface ValidationIssue {
  respondent: string;
  /** codebook variable (or question name where the whole question is concerned) */
  variable: string;
  /** the value found, as an error may echo it: bounded (see util/safe-text.ts previewValue) */
  value: unknown;
  expected: string;
  code: IssueCode;
}

export interface ValidationResult {
  ok: boolean;
  issues: ValidationIssue[];
}

/** One line per issue, as the CLI and import reports print it. */
export function describeIssue(issue: ValidationIssue): string {
  const value = issue.value === undefined ? 'missing' : JSON.stringify(issue.value);
  return `respondent ${issue.respondent}, ${issue.variable} = ${value}: expected ${issue.expected} [${issue.code}]`;
}

/**
 * An empty answer of a question of this type: nothing (undefined, null), or the type's own empty value — "" for a
 * single value, [] for a checkbox, {} for a matrix. A value of another type is never empty: `[]` where a comment is
 * expected, or `{}` where a choice is, is a wrong answer, not a missing one.
 */
export function isEmptyAnswerOf(type: QuestionType, v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (type === 'checkbox') return Array.isArray(v) && v.length === 0;
  if (type === 'matrixdropdown') return typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0;
  return v === '';
}

/** SurveyJS's notion of an empty answer, whatever the question (for values already validated). */
export function isEmptyAnswer(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

/**
 * The answers without the empty ones, as stored and analysed: a question left empty (null, "", [] for a checkbox,
 * {} for a matrix) is absent, and so are empty items and cells inside a matrix. Everything else, valid or not, is
 * kept as it is (validation judges it). `types` gives each question's type; a name it does not know is kept.
 */
export function compactAnswers(data: Record<string, unknown>, types: ReadonlyMap<string, QuestionType>): Record<string, unknown> {
  const names = Object.keys(data);
  // Most answers hold nothing empty: then a plain copy (V8's fast clone keeps the object's fast shape).
  if (!names.some((name) => hasEmpty(data[name], types.get(name)))) return { ...data };
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const type = types.get(name);
    let value = data[name];
    if (type === 'matrixdropdown' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const rows: Record<string, unknown> = {};
      for (const row of Object.keys(value)) {
        let cells = (value as Record<string, unknown>)[row];
        if (typeof cells === 'object' && cells !== null && !Array.isArray(cells)) {
          const kept: Record<string, unknown> = {};
          for (const col of Object.keys(cells)) {
            const cell = (cells as Record<string, unknown>)[col];
            if (!isBlank(cell)) put(kept, col, cell);
          }
          if (Object.keys(kept).length === 0) continue;
          cells = kept;
        } else if (isBlank(cells)) continue;
        put(rows, row, cells);
      }
      value = rows;
    }
    if (type !== undefined && isEmptyAnswerOf(type, value)) continue;
    put(out, name, value);
  }
  return out;
}

const isBlank = (v: unknown) => v === null || v === '' || v === undefined;

/** Whether compactAnswers would change this answer. */
function hasEmpty(value: unknown, type: QuestionType | undefined): boolean {
  if (type === undefined) return false;
  if (isEmptyAnswerOf(type, value)) return true;
  if (type !== 'matrixdropdown' || typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const row of Object.values(value)) {
    if (isBlank(row)) return true;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) continue;
    const cells = Object.values(row);
    if (cells.length === 0 || cells.some(isBlank)) return true;
  }
  return false;
}

/** obj[key] = value, also for a key named `__proto__` (an own property then, never the prototype). */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
