/**
 * The one way a file of responses comes in, for `diag validate` and `diag import` alike: the CSV streamed in
 * chunks (csv-stream.ts), the header checked against the codebook, every row read and checked (row-reader.ts),
 * respondent ids repeated within the file found (seen-ids.ts), and each problem handed on as it is found. So the
 * two commands report the same problems, and memory does not grow with the file: rows are handed on in batches
 * and dropped, problems beyond the first MAX_KEPT are counted, not kept.
 *
 * `readResponseRows` yields the valid rows in batches as long as no problem has been found (an import stores them
 * meanwhile, in its open transaction); after a first problem it reads on, yielding nothing, to report every
 * problem, and at the end throws RESPONSE_INVALID, so that an import stores nothing. A labelled export (value
 * labels instead of codes) is recognised on its first row with problems and refused in one line.
 */
import { createHash } from 'node:crypto';
import { clipText, ECHO_MAX, SAFE_TEXT_EXPECTED, unsafeTextReason } from '../util/safe-text.ts';
import { DiagError, type ErrorDetail } from '../errors.ts';
import { plainText } from '../questionnaire/localized.ts';
import { checkColumns } from '../questionnaire/record.ts';
import type { SurveyInstrument } from '../questionnaire/types.ts';
import { CsvFile, type CsvEncoding } from './csv-stream.ts';
import { RowReader, type ImportOptions, type ImportProblem } from './row-reader.ts';
import { SeenIds } from './seen-ids.ts';
import type { ImportRow } from './store/types.ts';

/** Problems kept with their details for the error; the rest are counted (and handed to `onProblem`). */
export const MAX_KEPT = 1000;
const BATCH = 64;

export interface IntakeOptions extends ImportOptions {
  /** called with every problem as it is found, in row order */
  onProblem?: (problem: ImportProblem) => void;
  /** bytes read at a time (default 1 MiB; tests use small chunks to cut rows anywhere) */
  chunkSize?: number;
  /** respondent ids kept in memory before they move to disk (default 200,000) */
  idsInMemory?: number;
  /** false: check only, put no rows together (validate); the checks are the same */
  rows?: boolean;
}

/** What a file held, filled in as it is read. */
export interface IntakeSummary {
  file: string;
  encoding: CsvEncoding;
  delimiter: string;
  /** data rows (blank rows not counted) */
  rows: number;
  /** rows with at least one problem */
  badRows: number;
  problems: number;
  /** the first MAX_KEPT problems */
  kept: ImportProblem[];
  /** SHA-256 of the file's bytes, once read to the end (not computed when only checking) */
  sha256: string;
  /** whether the fast check ran (see row-reader.ts) */
  fastCheck: boolean;
}

/** A problem as one detail line of a DiagError. */
export function problemDetail(p: ImportProblem): ErrorDetail {
  return { file: p.file, row: p.row, ...(p.column ? { column: p.column } : {}), message: p.column || p.value ? `value ${p.value === '' ? '(empty)' : JSON.stringify(clipText(p.value, ECHO_MAX))}: expected ${p.expected}` : `expected ${p.expected}` };
}

/** The error of a file with problems (nothing stored). */
export function refusal(summary: IntakeSummary, what = 'nothing was imported'): DiagError {
  const { problems, badRows, rows, file } = summary;
  return new DiagError('RESPONSE_INVALID', `${file}: ${problems} problem${problems === 1 ? '' : 's'} in ${badRows} of ${rows} rows; ${what}`, summary.kept.map(problemDetail));
}

export interface ResponseRows {
  summary: IntakeSummary;
  /** the valid rows, in batches (see the module comment) */
  batches: AsyncGenerator<ImportRow[]>;
}

/** Reads a CSV file of responses (see the module comment). */
export function readResponseRows(q: SurveyInstrument, path: string, shown: string, options: IntakeOptions = {}): ResponseRows {
  if (options.wave !== undefined && unsafeTextReason(options.wave)) throw new DiagError('USAGE', `--wave ${unsafeTextReason(options.wave)}`, [{ column: 'wave', message: SAFE_TEXT_EXPECTED }]);
  const hash = createHash('sha256');
  const csv = new CsvFile(path, shown, { ...(options.rows !== false ? { onChunk: (b: Buffer) => hash.update(b) } : {}), ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}) });
  const summary: IntakeSummary = { file: shown, encoding: 'utf-8', delimiter: ';', rows: 0, badRows: 0, problems: 0, kept: [], sha256: '', fastCheck: false };
  const labelled = labelledDetector(q, shown);
  async function* batches(): AsyncGenerator<ImportRow[]> {
    const ids = new SeenIds(options.idsInMemory);
    let reader: RowReader | null = null;
    let batch: ImportRow[] = [];
    try {
      for await (const row of csv.rows()) {
        if (row.blank()) continue;
        if (!reader) {
          const names: string[] = [];
          for (let i = 0; i < row.count; i++) names.push(row.text(i).trim());
          checkColumns(q, names, shown);
          reader = new RowReader(q, names, shown, options, (id, line) => ids.add(id, line), options.rows !== false);
          summary.encoding = csv.encoding;
          summary.delimiter = csv.delimiter;
          summary.fastCheck = reader.fastCheck;
          continue;
        }
        summary.rows++;
        const out = reader.read(row);
        if (Array.isArray(out)) {
          if (summary.badRows === 0) labelled(out);
          summary.badRows++;
          for (const p of out) {
            summary.problems++;
            if (summary.kept.length < MAX_KEPT) summary.kept.push(p);
            options.onProblem?.(p);
          }
        } else if (summary.problems === 0 && options.rows !== false) {
          batch.push(out);
          if (batch.length >= BATCH) {
            yield batch;
            batch = [];
          }
        }
      }
    } finally {
      ids.close();
    }
    if (!reader) throw new DiagError('INPUT_INVALID', `${shown} holds no header row`, [{ file: shown, message: 'expected a header row of variable names' }]);
    summary.sha256 = hash.digest('hex');
    if (summary.problems > 0) throw refusal(summary);
    if (batch.length) yield batch;
  }
  return { summary, batches: batches() };
}

/**
 * Checks a file and stores nothing: the summary, with every problem handed to `onProblem`. Throws only when the
 * file cannot be read at all (missing, not text, a header that does not match the codebook, a labelled export).
 */
export async function checkResponsesFile(q: SurveyInstrument, path: string, shown: string, options: IntakeOptions = {}): Promise<IntakeSummary> {
  const { summary, batches } = readResponseRows(q, path, shown, { ...options, rows: false });
  try {
    for await (const _ of batches);
  } catch (e) {
    if (!(e instanceof DiagError && e.code === 'RESPONSE_INVALID')) throw e;
  }
  return summary;
}

/**
 * Recognises a labelled export (`diag export --format labelled`) from the problems of its first bad row: at least
 * three cells, and half of the row's problems, hold a value label of their variable that is not one of its codes.
 */
function labelledDetector(q: SurveyInstrument, file: string): (problems: ImportProblem[]) => void {
  let labels: Map<string, { labels: Map<string, string>; codes: Set<string> }> | null = null;
  return (problems) => {
    labels ??= new Map(
      q.variables.map((v) => [v.name, { labels: new Map((v.values ?? []).map((x) => [plainText(x.label.pl), String(x.value)] as const)), codes: new Set((v.values ?? []).map((x) => String(x.value))) }]),
    );
    const hits: { column: string; label: string; code: string }[] = [];
    for (const p of problems) {
      const v = labels.get(p.column);
      const value = p.value.trim();
      const code = v?.labels.get(value);
      if (code !== undefined && !v!.codes.has(value)) hits.push({ column: p.column, label: value, code });
    }
    if (hits.length >= 3 && hits.length * 2 >= problems.length) {
      const e = hits[0]!;
      throw new DiagError(
        'INPUT_INVALID',
        `${file} is a labelled export (value labels such as ${e.column} = "${e.label}" instead of codes such as "${e.code}"), which cannot be imported: import the raw export instead (\`diag export --format raw\`, responses-….csv)`,
      );
    }
  };
}
