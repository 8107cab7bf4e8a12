/**
 * Responses from a file, by extension: `.csv` in the flat record format, `.json` as an array of
 * `{ "id": …, "data": { SurveyJS answers }, "meta": { … } }`.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { DiagError, type ErrorDetail } from '../errors.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import { readResponsesCsv } from './csv.ts';

export interface ResponsesFile {
  responses: SurveyResponse[];
  /** where each response sits: "row 12" (CSV line) or "item 3" (JSON array index, from 1) */
  locations: string[];
  format: 'csv' | 'json';
}

export function readResponsesFile(q: Questionnaire, path: string): ResponsesFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${path}`, [{ file: path, message: 'file not found or not readable' }]);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') {
    const csv = readResponsesCsv(q, bytes, path);
    return { responses: csv.responses, locations: csv.lines.map((l) => `row ${l}`), format: 'csv' };
  }
  if (ext === '.json') return readResponsesJson(bytes, path);
  throw new DiagError('INPUT_INVALID', `${path}: unknown file type "${ext}"`, [{ file: path, message: 'expected a .csv or .json file of responses' }]);
}

function readResponsesJson(bytes: Buffer, path: string): ResponsesFile {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DiagError('INPUT_INVALID', `${path} is not valid JSON: ${(e as Error).message}`, [{ file: path, message: 'malformed JSON' }]);
  }
  if (!Array.isArray(value)) throw new DiagError('INPUT_INVALID', `${path}: expected a JSON array of responses`, [{ file: path, message: 'expected [ { "id": …, "data": { … } }, … ]' }]);
  const problems: ErrorDetail[] = [];
  const responses: SurveyResponse[] = [];
  value.forEach((item, i) => {
    const where = `item ${i + 1}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return problems.push({ file: path, column: where, message: 'expected an object { id, data, meta }' });
    const r = item as Record<string, unknown>;
    if (typeof r.id !== 'string' || r.id === '') problems.push({ file: path, column: where, message: '"id" must be a non-empty string' });
    if (typeof r.data !== 'object' || r.data === null || Array.isArray(r.data)) problems.push({ file: path, column: where, message: '"data" must be an object of answers' });
    const meta = typeof r.meta === 'object' && r.meta !== null ? (r.meta as SurveyResponse['meta']) : {};
    responses.push({ id: String(r.id ?? ''), data: (r.data ?? {}) as Record<string, unknown>, meta });
  });
  if (problems.length) throw new DiagError('INPUT_INVALID', `${path}: ${problems.length} malformed response${problems.length === 1 ? '' : 's'}`, problems);
  return { responses, locations: responses.map((_, i) => `item ${i + 1}`), format: 'json' };
}
