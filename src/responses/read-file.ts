/**
 * Responses from a file, by extension: `.csv` in the flat record format, `.json` as an array of
 * `{ "id": …, "data": { SurveyJS answers }, "meta": { … } }`.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { DiagError, type ErrorDetail } from '../errors.ts';
import { compactAnswers, type SurveyResponse } from '../questionnaire/response.ts';
import { unsafeTextReason } from '../util/safe-text.ts';
import type { SurveyInstrument } from '../questionnaire/types.ts';
import { readResponsesCsv } from './csv.ts';

export interface ResponsesFile {
  responses: SurveyResponse[];
  /** where each response sits: "row 12" (CSV line) or "item 3" (JSON array index, from 1) */
  locations: string[];
  format: 'csv' | 'json';
}

export function readResponsesFile(q: SurveyInstrument, path: string): ResponsesFile {
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
  if (ext === '.json') return readResponsesJson(bytes, path, q);
  throw new DiagError('INPUT_INVALID', `${path}: unknown file type "${ext}"`, [{ file: path, message: 'expected a .csv or .json file of responses' }]);
}

/** The metadata of a JSON response: known fields of the right type, text keeping the text rule. */
function readMeta(value: unknown, where: string, problem: (column: string, message: string) => void): SurveyResponse['meta'] {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    problem(where, '"meta" must be an object { wave, source, startedAt, submittedAt, durationSec }');
    return {};
  }
  const m = value as Record<string, unknown>;
  const meta: SurveyResponse['meta'] = {};
  for (const key of ['wave', 'source', 'startedAt', 'submittedAt'] as const) {
    const v = m[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') problem(`${where}.${key}`, `"${key}" must be text`);
    else if (unsafeTextReason(v)) problem(`${where}.${key}`, `"${key}" ${unsafeTextReason(v)}`);
    else meta[key] = v;
  }
  const d = m.durationSec;
  if (d !== undefined && d !== null) {
    if (typeof d !== 'number' || !Number.isFinite(d) || d < 0) problem(`${where}.durationSec`, '"durationSec" must be a number of seconds ≥ 0');
    else meta.durationSec = d;
  }
  return meta;
}

function readResponsesJson(bytes: Buffer, path: string, q: SurveyInstrument): ResponsesFile {
  const types = new Map(q.questions.map((x) => [x.name, x.type]));
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
    else if (unsafeTextReason(r.id)) problems.push({ file: path, column: `${where}.id`, message: `"id" ${unsafeTextReason(r.id)}` });
    const dataOk = typeof r.data === 'object' && r.data !== null && !Array.isArray(r.data);
    if (!dataOk) problems.push({ file: path, column: where, message: '"data" must be an object of answers' });
    const meta = readMeta(r.meta, `${where}.meta`, (column, message) => problems.push({ file: path, column, message }));
    responses.push({ id: typeof r.id === 'string' ? r.id : '', data: dataOk ? compactAnswers(r.data as Record<string, unknown>, types) : {}, meta });
  });
  if (problems.length) throw new DiagError('INPUT_INVALID', `${path}: ${problems.length} malformed response${problems.length === 1 ? '' : 's'}`, problems.slice(0, 1000));
  return { responses, locations: responses.map((_, i) => `item ${i + 1}`), format: 'json' };
}
