/**
 * Imports responses collected elsewhere (paper, phone) from a CSV file into the store, all or nothing.
 *
 * The file: the flat record format (`diag codebook`), UTF-8 with or without BOM or Windows-1250, separated by
 * `;`, `,` or tab, columns matched by variable name. Every row is read and validated with `validateResponse`;
 * if any row, cell or respondent id is bad, nothing is stored and every problem is reported with the file, row,
 * column, value and what was expected. A response whose id is already stored with the same answers is counted as
 * already present, so importing a file twice adds nothing the second time.
 */
import { readFileSync } from 'node:fs';
import { DiagError, type ErrorDetail } from '../errors.ts';
import { checkColumns, fromRecord } from '../questionnaire/record.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import { validateResponse } from '../questionnaire/validate.ts';
import { clipText, ECHO_MAX, SAFE_TEXT_EXPECTED, unsafeTextReason } from '../util/safe-text.ts';
import { restoreCell } from './csv-safe.ts';
import { parseCsv } from './csv.ts';
import { ResponseConflict } from './store/rows.ts';
import { sha256Hex } from './store/tokens.ts';
import type { ImportResult, Store } from './store/types.ts';

export const IMPORT_SOURCES = ['paper', 'phone', 'other'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

export interface ImportOptions {
  /** the wave of rows whose `wave` cell is empty; a row naming another wave is an error */
  wave?: string;
  /** the source of rows whose `source` cell is empty (default "import") */
  source?: ImportSource;
}

export interface ImportProblem {
  file: string;
  row: number;
  column: string;
  value: string;
  expected: string;
}

export interface PreparedImport {
  file: string;
  sha256: string;
  encoding: string;
  delimiter: string;
  responses: SurveyResponse[];
  /** CSV line of each response (the header is line 1) */
  rows: number[];
  problems: ImportProblem[];
}

/** Reads and checks every row; stores nothing. Header or CSV syntax errors throw INPUT_INVALID. */
export function prepareImport(q: Questionnaire, bytes: Uint8Array, file: string, options: ImportOptions = {}): PreparedImport {
  if (options.wave !== undefined && unsafeTextReason(options.wave)) throw new DiagError('USAGE', `--wave ${unsafeTextReason(options.wave)}`, [{ column: 'wave', message: SAFE_TEXT_EXPECTED }]);
  const csv = parseCsv(bytes, file);
  checkColumns(q, csv.header, file);
  const columns = new Set(csv.header);
  const problems: ImportProblem[] = [];
  const responses: SurveyResponse[] = [];
  const rows: number[] = [];
  const firstRow = new Map<string, number>();
  csv.rows.forEach((raw, i) => {
    const row = i + 2;
    const cells = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, restoreCell(v)]));
    const add = (column: string, value: string, expected: string) => problems.push({ file, row, column, value, expected });
    const reported = new Set<string>();
    // the text rule, for every cell: ids, wave and source as much as answers (none of it is stored otherwise)
    for (const [column, value] of Object.entries(cells)) {
      if (value !== undefined && unsafeTextReason(value)) {
        add(column, value, `${SAFE_TEXT_EXPECTED}: the cell ${unsafeTextReason(value)?.replace(/^contains /, 'holds ')}`);
        reported.add(column);
      }
    }
    const { response, problems: unreadable } = fromRecord(q, cells, { file, row });
    for (const p of unreadable) {
      const column = p.column ?? '';
      if (reported.has(column)) continue;
      reported.add(column);
      add(column, cells[column] ?? '', p.message.replace(/^".*?" is not /s, ''));
    }
    for (const issue of validateResponse(q, response).issues) {
      if (reported.has(issue.variable)) continue;
      const value = columns.has(issue.variable) ? (cells[issue.variable] ?? '') : issue.value === undefined ? '' : JSON.stringify(issue.value);
      add(issue.variable, value, `${issue.expected} [${issue.code}]`);
    }
    if (response.id !== '') {
      const first = firstRow.get(response.id);
      if (first !== undefined) add('respondent_id', response.id, `a respondent id not used before in the file (also on row ${first})`);
      else firstRow.set(response.id, row);
    }
    if (options.wave !== undefined) {
      if (response.meta.wave === undefined) response.meta.wave = options.wave;
      else if (response.meta.wave !== options.wave) add('wave', response.meta.wave, `empty or "${options.wave}" (--wave)`);
    }
    response.meta.source ??= options.source ?? 'import';
    responses.push(response);
    rows.push(row);
  });
  return { file, sha256: sha256Hex(bytes), encoding: csv.encoding, delimiter: csv.delimiter, responses, rows, problems };
}

/** A problem as one detail line of a DiagError. */
export function problemDetail(p: ImportProblem): ErrorDetail {
  return { file: p.file, row: p.row, column: p.column, message: `value ${p.value === '' ? '(empty)' : JSON.stringify(clipText(p.value, ECHO_MAX))}: expected ${p.expected}` };
}

export interface ImportReport extends ImportResult {
  file: string;
  rows: number;
  encoding: string;
  delimiter: string;
}

/** Reads, checks and stores a file of responses, all or nothing. Throws RESPONSE_INVALID listing every problem. */
export async function importResponsesFile(q: Questionnaire, store: Store, path: string, options: ImportOptions = {}, shownName = path): Promise<ImportReport> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${shownName}`, [{ file: shownName, message: 'file not found or not readable' }]);
  }
  const prepared = prepareImport(q, bytes, shownName, options);
  if (prepared.problems.length > 0) {
    const badRows = new Set(prepared.problems.map((p) => p.row)).size;
    throw new DiagError(
      'RESPONSE_INVALID',
      `${shownName}: ${prepared.problems.length} problem${prepared.problems.length === 1 ? '' : 's'} in ${badRows} of ${prepared.responses.length} rows; nothing was imported`,
      prepared.problems.map(problemDetail),
    );
  }
  try {
    const result = await store.importResponses({ fileName: shownName, sha256: prepared.sha256 }, prepared.responses);
    return { ...result, file: shownName, rows: prepared.responses.length, encoding: prepared.encoding, delimiter: prepared.delimiter };
  } catch (e) {
    if (!(e instanceof ResponseConflict)) throw e;
    const rowOf = new Map(prepared.responses.map((r, i) => [r.id, prepared.rows[i] ?? 0]));
    throw new DiagError(
      'RESPONSE_CONFLICT',
      `${shownName}: ${e.ids.length} respondent id${e.ids.length === 1 ? ' is' : 's are'} already stored with different answers; nothing was imported`,
      e.ids.map((id) => ({ file: shownName, row: rowOf.get(id) ?? 0, column: 'respondent_id', message: `value "${id}": expected an id not stored yet, or the same answers as the stored response` })),
    );
  }
}
