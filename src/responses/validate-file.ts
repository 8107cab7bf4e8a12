/**
 * `diag validate` as a library function: a CSV file goes through the one intake path that `diag import` uses
 * (intake.ts), streamed, so the problems are exactly those import would report; a JSON file (an array of
 * `{ id, data, meta }`, as SurveyJS gives answers) is read whole and each response validated.
 */
import { extname } from 'node:path';
import { DiagError } from '../errors.ts';
import type { SurveyInstrument } from '../questionnaire/types.ts';
import { validateResponse } from '../questionnaire/validate.ts';
import { describeIssue } from '../questionnaire/response.ts';
import { checkResponsesFile, problemDetail, type IntakeOptions } from './intake.ts';
import { readResponsesFile } from './read-file.ts';
import type { ImportProblem } from './row-reader.ts';

export interface ValidationReport {
  file: string;
  format: 'csv' | 'json';
  responses: number;
  /** responses with at least one problem */
  invalid: number;
  problems: number;
}

/** A problem found by `validateFile`: where (a CSV row or a JSON item), and a line to print. */
export interface FileProblem {
  location: string;
  variable: string;
  value: string;
  expected: string;
  code: string;
  /** the line `diag validate` prints (for a CSV, the same as `diag import`'s) */
  text: string;
}

/** Checks a file of responses; every problem goes to `onProblem` as it is found. */
export async function validateFile(q: SurveyInstrument, path: string, shown: string, onProblem: (p: FileProblem) => void, options: Omit<IntakeOptions, 'onProblem'> = {}): Promise<ValidationReport> {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return validateJson(q, path, shown, onProblem);
  if (ext !== '.csv' && ext !== '.tsv' && ext !== '.txt') {
    throw new DiagError('INPUT_INVALID', `${shown}: unknown file type "${ext}"`, [{ file: shown, message: 'expected a .csv or .json file of responses' }]);
  }
  const fromCsv = (p: ImportProblem): FileProblem => {
    const d = problemDetail(p);
    return { location: `row ${p.row}`, variable: p.column, value: p.value, expected: p.expected, code: p.code, text: `${shown}, row ${p.row}${d.column ? `, ${d.column}` : ''}: ${d.message}` };
  };
  const summary = await checkResponsesFile(q, path, shown, { ...options, onProblem: (p) => onProblem(fromCsv(p)) });
  return { file: shown, format: 'csv', responses: summary.rows, invalid: summary.badRows, problems: summary.problems };
}

function validateJson(q: SurveyInstrument, path: string, shown: string, onProblem: (p: FileProblem) => void): ValidationReport {
  const { responses, locations } = readResponsesFile(q, path);
  const seen = new Map<string, string>();
  let invalid = 0;
  let problems = 0;
  responses.forEach((r, i) => {
    const location = locations[i] ?? '';
    const result = validateResponse(q, r);
    const first = seen.get(r.id);
    if (first !== undefined) result.issues.push({ respondent: r.id, variable: 'respondent_id', value: r.id, expected: `a unique id (also at ${first})`, code: 'invalid_value' });
    else seen.set(r.id, location);
    if (result.issues.length) invalid++;
    for (const issue of result.issues) {
      problems++;
      const value = issue.value === undefined ? '' : typeof issue.value === 'string' ? issue.value : JSON.stringify(issue.value);
      onProblem({ location, variable: issue.variable, value, expected: issue.expected, code: issue.code, text: `${shown}, ${location}: ${describeIssue(issue)}` });
    }
  });
  return { file: shown, format: 'json', responses: responses.length, invalid, problems };
}
