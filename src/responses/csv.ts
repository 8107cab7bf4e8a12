/**
 * Responses as CSV: the flat record format (see questionnaire/record.ts) with a header row of variable
 * names. Written as UTF-8 with a byte-order mark, `;`-separated (what a Polish Excel opens directly);
 * read from UTF-8 (with or without BOM) or Windows-1250, separated by `;`, `,` or tab.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { DiagError, type ErrorDetail } from '../errors.ts';
import { decodeText } from '../util/text.ts';
import { checkColumns, fromRecord, recordColumns, toRecord } from '../questionnaire/record.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import type { Questionnaire } from '../questionnaire/types.ts';

export function writeResponsesCsv(q: Questionnaire, responses: Iterable<SurveyResponse>): string {
  const columns = recordColumns(q);
  const rows: (string | number)[][] = [];
  for (const r of responses) {
    const rec = toRecord(q, r);
    rows.push(columns.map((c) => rec[c] ?? ''));
  }
  return '\uFEFF' + Papa.unparse({ fields: columns, data: rows }, { delimiter: ';', newline: '\n' }) + '\n';
}

export interface ParsedCsv {
  header: string[];
  rows: Record<string, string>[];
  encoding: string;
  delimiter: string;
}

/** Parses CSV text into rows keyed by header; malformed rows are reported with their line. */
export function parseCsv(bytes: Uint8Array, file: string): ParsedCsv {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new DiagError('INPUT_INVALID', `${file} cannot be read as text`, [{ file, message: `expected ${decoded.expected}` }]);
  const { text, encoding } = decoded.decoded;
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [';', ',', '\t'], skipEmptyLines: 'greedy' });
  const problems: ErrorDetail[] = parsed.errors
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .map((e) => ({ file, ...(e.row !== undefined ? { row: e.row + 1 } : {}), message: `CSV syntax: ${e.message}` }));
  const [header, ...body] = parsed.data;
  if (!header || header.length === 0) throw new DiagError('INPUT_INVALID', `${file} is empty`, [{ file, message: 'expected a header row of variable names' }]);
  const names = header.map((h) => h.trim());
  const rows: Record<string, string>[] = [];
  body.forEach((cells, i) => {
    if (cells.length !== names.length) {
      problems.push({ file, row: i + 2, message: `has ${cells.length} cells, the header has ${names.length}` });
      return;
    }
    const row: Record<string, string> = {};
    names.forEach((n, j) => (row[n] = cells[j] ?? ''));
    rows.push(row);
  });
  if (problems.length) throw new DiagError('INPUT_INVALID', `${file}: the CSV cannot be read`, problems);
  return { header: names, rows, encoding: decoded.decoded.bom ? 'utf-8-bom' : encoding, delimiter: parsed.meta.delimiter };
}

export interface ReadResponses {
  responses: SurveyResponse[];
  /** CSV line number (1 = header) of each response */
  lines: number[];
  encoding: string;
  delimiter: string;
}

/** Reads responses from CSV bytes: header checked against the codebook, every cell read as its type. */
export function readResponsesCsv(q: Questionnaire, bytes: Uint8Array, file: string): ReadResponses {
  const csv = parseCsv(bytes, file);
  checkColumns(q, csv.header, file);
  const problems: ErrorDetail[] = [];
  const responses: SurveyResponse[] = [];
  const lines: number[] = [];
  csv.rows.forEach((cells, i) => {
    const { response, problems: p } = fromRecord(q, cells, { file, row: i + 2 });
    problems.push(...p);
    responses.push(response);
    lines.push(i + 2);
  });
  if (problems.length) throw new DiagError('INPUT_INVALID', `${file}: ${problems.length} cell${problems.length === 1 ? '' : 's'} cannot be read`, problems);
  return { responses, lines, encoding: csv.encoding, delimiter: csv.delimiter };
}

export function readResponsesCsvFile(q: Questionnaire, path: string): ReadResponses {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${path}`, [{ file: path, message: 'file not found or not readable' }]);
  }
  return readResponsesCsv(q, bytes, path);
}
