/**
 * Responses CSV straight to the analysis dataset, for `diag analyze` at 100,000 respondents.
 *
 * The reference path (responses/csv.ts → questionnaire/validate.ts → dataset.ts) makes a SurveyJS-shaped
 * response object per row, validates it and only then turns it into columns: seconds of work and a
 * gigabyte of objects for a large file. Here each row is read from the file's bytes and checked in one
 * pass, and its answers go into typed columns, with the same result and the same errors.
 *
 * What keeps the two paths equal: the fast check is conservative. It accepts a row only when it is certain
 * that the reference would read it without a problem and find no validation issue; every other row (a
 * cell it cannot read at a glance, a value not allowed, a hidden or missing answer, anything unusual) is
 * read by the reference code itself (`fromRecord`, `validateResponse`, `DatasetBuilder.fill`), which also
 * gives the exact problems, in row order. Validity depends only on an answer and on what the respondent
 * was shown, and that only on the answers the visibility conditions read (here JST kind and staff group),
 * so a plan is made per distinct tuple of those answers (from `validator.shown`), and each distinct
 * single-column answer is validated once per way its question is shown, by the validator's own
 * `checkQuestion`. Ratings and checkboxes, most of every row, are checked against the plan with typed
 * arrays and bit masks. Questionnaires using what this does not model (requiredIf, expression validators,
 * validators on a matrix, conditions reading a checkbox or matrix, a column two questions would read)
 * send every row the reference way; CSV the scanner does not cut exactly as papaparse does (see
 * csv-scan.ts) is read by the reference path as a whole.
 *
 * Where the time goes (100,000 rows, 47 MB): cutting and checking the rows, then writing ratings and
 * checkbox answers (staged as bytes and masks, 8,192 rows at a time) into their columns (bytes, see
 * ../column-store.ts) a column at a time, which is several times faster than writing a hundred columns row
 * by row, and the fingerprints.
 *
 * The files: index.ts (this: the entry points and the loop over the rows), csv-scan.ts (the CSV's encoding,
 * delimiter and rows, cut as papaparse cuts them), layout.ts (what each header column holds), plans.ts
 * (visibility plans per tuple of condition answers), answers.ts and answer-cache.ts (single-column answers,
 * remembered by their bytes), cut-row.ts and check-row.ts (the row check, in two halves), columns.ts (the
 * staged answers written a column at a time), reference.ts (the reference path).
 */
import { DiagError, type ErrorDetail } from '../../errors.ts';
import { checkColumns } from '../../questionnaire/record.ts';
import type { Questionnaire } from '../../questionnaire/types.ts';
import type { PreparedData } from '../prepared.ts';
import { rowReader } from './check-row.ts';
import { CsvRows, guessFormat, utf8Text, type CsvFormat } from './csv-scan.ts';
import { prepareCsvReference } from './reference.ts';

export { prepareCsvReference };

/**
 * Reads responses CSV (bytes of a file named `file`) into the analysis dataset and the count of responses
 * per source: what `readResponsesCsv`, `validateResponse` on every response and `prepareData` give
 * together, including the DiagError they throw for a file that cannot be read or holds invalid responses.
 * `validUtf8`: the bytes after any byte-order mark are known to be valid UTF-8 (see csv-scan.ts utf8Text).
 */
export function prepareCsv(q: Questionnaire, bytes: Uint8Array, file: string, validUtf8 = false): PreparedData {
  return readCsvFast(q, bytes, file, validUtf8)?.prepared ?? prepareCsvReference(q, bytes, file);
}

export interface FastRead {
  prepared: PreparedData;
  /** data rows of the file, and those the fast check accepted (the others were read the reference way) */
  rows: number;
  checked: number;
}

/**
 * The fast reader alone, telling how much of the file it checked itself: null where it leaves the whole
 * file to the reference path (text it does not read as papaparse does, see csv-scan.ts). Throws what the
 * reference path throws. For `prepareCsv`, and for tests and the benchmark to see which path ran.
 */
export function readCsvFast(q: Questionnaire, bytes: Uint8Array, file: string, validUtf8 = false): FastRead | null {
  const buf = utf8Text(bytes, validUtf8);
  const format = buf ? guessFormat(buf) : null;
  return buf && format ? readFast(q, buf, format, file) : null;
}

/**
 * The fast reader proper: null when the CSV turns out to be malformed (the caller then runs the reference
 * path, which reports it); otherwise the prepared data, or the reference path's DiagError.
 */
function readFast(q: Questionnaire, buf: Buffer, format: CsvFormat, file: string): FastRead | null {
  const rows = new CsvRows(buf, format);
  let k: number;
  for (;;) {
    k = rows.next();
    if (k <= 0) return null;
    if (!rows.blank(k)) break;
  }
  const names: string[] = [];
  for (let i = 0; i < k; i++) names.push(rows.text(i).trim());
  checkColumns(q, names, file);

  const reader = rowReader(q, names, rows, rows.rowsAfterFirst(), file);
  const countProblems: ErrorDetail[] = [];
  let line = 1;
  for (;;) {
    if (!countProblems.length) {
      // the common case: a row of plain cells read and checked in one pass
      const next = reader.fast(rows.pos, line + 1);
      if (next === -2) return null;
      if (next >= 0) {
        rows.pos = next;
        line++;
        continue;
      }
    }
    // anything else (a blank row, a row of the wrong width, a row of blanks): cut into cells first
    k = rows.next();
    if (k === 0) break;
    if (k < 0) return null;
    if (rows.blank(k)) continue;
    line++;
    if (k !== names.length) countProblems.push({ file, row: line, message: `has ${k} cells, the header has ${names.length}` });
    else if (!countProblems.length) reader.reference(line);
  }
  if (countProblems.length) throw new DiagError('INPUT_INVALID', `${file}: the CSV cannot be read`, countProblems);
  return reader.finish();
}
