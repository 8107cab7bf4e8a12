/** The reference path, and what the fast path shares with it: the validation error and the count of sources. */
import { DiagError, type ErrorDetail } from '../../errors.ts';
import { describeIssue } from '../../questionnaire/response.ts';
import type { Questionnaire } from '../../questionnaire/types.ts';
import { validateResponse } from '../../questionnaire/validate.ts';
import { readResponsesCsv } from '../../responses/csv.ts';
import { buildDataset } from '../dataset.ts';
import type { PreparedData } from '../prepared.ts';

/** The reference path, as `diag analyze` has always read a CSV: every row a response, validated, then the dataset. */
export function prepareCsvReference(q: Questionnaire, bytes: Uint8Array, file: string): PreparedData {
  const { responses, lines } = readResponsesCsv(q, bytes, file);
  const problems: ErrorDetail[] = [];
  responses.forEach((r, i) => {
    for (const issue of validateResponse(q, r).issues) problems.push({ file, column: `row ${lines[i]}`, message: describeIssue(issue) });
  });
  if (problems.length) throw validationError(file, problems);
  return { dataset: buildDataset(q, responses), sources: countSources(responses.map((r) => r.meta.source ?? 'unknown'), responses.length) };
}

export function validationError(file: string, problems: ErrorDetail[]): DiagError {
  return new DiagError('INPUT_INVALID', `${file}: ${problems.length} validation issues; fix them (see \`diag validate\`) before analysing`, problems);
}

/** Responses per source, keys in order of first appearance (as analyze.ts counts them). */
export function countSources(sources: readonly string[], n: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const s = sources[i]!;
    out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}
