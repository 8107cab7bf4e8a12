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
  | 'teryt_mismatch';

export interface ValidationIssue {
  respondent: string;
  /** codebook variable (or question name where the whole question is concerned) */
  variable: string;
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

/** SurveyJS's notion of an empty answer. */
export function isEmptyAnswer(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}
