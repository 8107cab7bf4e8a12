/**
 * Imports responses collected elsewhere (paper, phone) from a CSV file into the store, all or nothing.
 *
 * The file: the flat record format (`diag codebook`), UTF-8 with or without BOM or Windows-1250, separated by
 * `;`, `,` or tab, columns matched by variable name. It is streamed (intake.ts): rows are checked and stored as
 * they are read, in one transaction of the store, so memory stays flat however large the file. If any row, cell
 * or respondent id is bad, the transaction is rolled back, nothing is stored and every problem is reported with
 * the file, row, column, value and what was expected — the same problems `diag validate` reports, from the same
 * code. A response whose id is already stored with the same answers is counted as already present, so importing
 * a file twice adds nothing the second time.
 */
import { DiagError } from '../errors.ts';
import type { SurveyInstrument } from '../questionnaire/types.ts';
import { readResponseRows, type IntakeOptions } from './intake.ts';
import { ResponseConflict } from './store/rows.ts';
import type { ImportResult, Store } from './store/types.ts';
import { assertWaveInstrument } from './waves.ts';

export { IMPORT_SOURCES, type ImportOptions, type ImportProblem, type ImportSource } from './row-reader.ts';
export { problemDetail } from './intake.ts';

export interface ImportReport extends ImportResult {
  file: string;
  rows: number;
  encoding: string;
  delimiter: string;
}

/**
 * Reads, checks and stores a file of responses, all or nothing. Throws RESPONSE_INVALID listing the problems (the
 * first 1,000; `onProblem` gets every one as it is found), RESPONSE_CONFLICT for ids stored with other answers.
 */
export async function importResponsesFile(q: SurveyInstrument, store: Store, path: string, options: IntakeOptions = {}, shownName = path): Promise<ImportReport> {
  if (options.wave !== undefined) await assertWaveInstrument(store, options.wave, q, 'import answers into it');
  const { summary, batches } = readResponseRows(q, path, shownName, options);
  try {
    const result = await store.importStream({ fileName: shownName, batches, sha256: () => summary.sha256 });
    return { ...result, file: shownName, rows: summary.rows, encoding: summary.encoding, delimiter: summary.delimiter };
  } catch (e) {
    if (!(e instanceof ResponseConflict)) throw e;
    const more = e.total - e.ids.length;
    throw new DiagError(
      'RESPONSE_CONFLICT',
      `${shownName}: ${e.total} respondent id${e.total === 1 ? ' is' : 's are'} already stored with different answers; nothing was imported`,
      [
        ...e.ids.map((id, i) => ({ file: shownName, row: e.rows[i] ?? 0, column: 'respondent_id', message: `value "${id}": expected an id not stored yet, or the same answers as the stored response` })),
        ...(more > 0 ? [{ file: shownName, message: `… and ${more} more ids stored with different answers` }] : []),
      ],
    );
  }
}
