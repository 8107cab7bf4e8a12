/**
 * Responses as CSV: the flat record format (see questionnaire/record.ts) with a header row of variable
 * names. Written as UTF-8 with a byte-order mark, `;`-separated (what a Polish Excel opens directly);
 * read from UTF-8 (with or without BOM) or Windows-1250, separated by `;`, `,` or tab.
 */
import Papa from 'papaparse';
import { DiagError, type ErrorDetail } from '../errors.ts';
import { decodeText } from '../util/text.ts';
import { checkColumns, fromRecord, recordColumns, toRecord } from '../questionnaire/record.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import type { SurveyInstrument } from '../questionnaire/types.ts';

export function writeResponsesCsv(q: SurveyInstrument, responses: Iterable<SurveyResponse>): string {
  const columns = recordColumns(q);
  const rows: (string | number)[][] = [];
  for (const r of responses) rows.push(responseCells(q, columns, r));
  return '\uFEFF' + Papa.unparse({ fields: columns, data: rows }, { delimiter: ';', newline: '\n' }) + '\n';
}

/** One response's cells, in the order of `columns` (recordColumns), as writeResponsesCsv writes them. */
export function responseCells(q: SurveyInstrument, columns: readonly string[], r: SurveyResponse): (string | number)[] {
  const rec = toRecord(q, r);
  return columns.map((c) => rec[c] ?? '');
}

/**
 * writeResponsesCsv line by line, for writers that stream: the first line (BOM and header), then each row's line.
 * Their concatenation is writeResponsesCsv's text (Papa quotes cell by cell; rows are joined by newlines).
 */
export const responsesCsvLines = {
  header: (columns: readonly string[]): string => `\uFEFF${Papa.unparse([columns as string[]], { delimiter: ';', newline: '\n' })}\n`,
  row: (cells: readonly (string | number)[]): string => `${Papa.unparse([cells as (string | number)[]], { delimiter: ';', newline: '\n' })}\n`,
};

/**
 * CSV bytes row by row: decodes them, checks each row's width against the header and hands it on keyed by column
 * name. Malformed rows are reported with their line (1 = header) once the whole file has been read. The bytes are
 * held whole: this is the reader of `diag analyze` (whose reference it is, see dataset/from-csv/); `diag validate`
 * and `diag import` stream files of any size through intake.ts instead.
 */
function forEachCsvRow(bytes: Uint8Array, file: string, onHeader: (header: string[]) => void, onRow: (cells: Record<string, string>, line: number) => void): { encoding: string; delimiter: string } {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new DiagError('INPUT_INVALID', `${file} cannot be read as text`, [{ file, message: `expected ${decoded.expected}` }]);
  const { text, encoding } = decoded.decoded;
  const problems: ErrorDetail[] = [];
  let names: string[] | null = null;
  let line = 0;
  let delimiter = ';';
  Papa.parse<string[]>(text, {
    delimitersToGuess: [';', ',', '\t'],
    skipEmptyLines: 'greedy',
    step: (result) => {
      line++;
      delimiter = result.meta.delimiter;
      for (const e of result.errors) if (e.code !== 'UndetectableDelimiter') problems.push({ file, row: line, message: `CSV syntax: ${e.message}` });
      const cells = result.data;
      if (!names) {
        names = cells.map((h) => h.trim());
        onHeader(names);
        return;
      }
      if (cells.length !== names.length) {
        problems.push({ file, row: line, message: `has ${cells.length} cells, the header has ${names.length}` });
        return;
      }
      const row: Record<string, string> = {};
      for (let j = 0; j < names.length; j++) row[names[j]!] = cells[j] ?? '';
      onRow(row, line);
    },
  });
  if (!names) throw new DiagError('INPUT_INVALID', `${file} is empty`, [{ file, message: 'expected a header row of variable names' }]);
  if (problems.length) throw new DiagError('INPUT_INVALID', `${file}: the CSV cannot be read`, problems);
  return { encoding: decoded.decoded.bom ? 'utf-8-bom' : encoding, delimiter };
}

export interface ReadResponses {
  responses: SurveyResponse[];
  /** CSV line number (1 = header) of each response */
  lines: number[];
  encoding: string;
  delimiter: string;
}

/** Reads responses from CSV bytes: header checked against the codebook, every cell read as its type. */
export function readResponsesCsv(q: SurveyInstrument, bytes: Uint8Array, file: string): ReadResponses {
  const problems: ErrorDetail[] = [];
  const responses: SurveyResponse[] = [];
  const lines: number[] = [];
  const meta = forEachCsvRow(
    bytes,
    file,
    (header) => checkColumns(q, header, file),
    (cells, line) => {
      const { response, problems: p } = fromRecord(q, cells, { file, row: line });
      for (const x of p) problems.push(x);
      responses.push(response);
      lines.push(line);
    },
  );
  if (problems.length) throw new DiagError('INPUT_INVALID', `${file}: ${problems.length} cell${problems.length === 1 ? '' : 's'} cannot be read`, problems);
  return { responses, lines, encoding: meta.encoding, delimiter: meta.delimiter };
}
