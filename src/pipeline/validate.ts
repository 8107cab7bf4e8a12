/** The one validation of responses before an analysis: every issue named by file and row, nothing analysed if any. */
import { DiagError, type ErrorDetail } from '../errors.ts';
import { describeIssue, type SurveyResponse } from '../questionnaire/response.ts';
import type { SurveyInstrument } from '../questionnaire/types.ts';
import { validateResponse } from '../questionnaire/validate.ts';

/**
 * Throws INPUT_INVALID listing every issue of every response (`where(i)` names response i: "row 12", "item 3",
 * "stored response 4"), with `hint` after the count in the message.
 */
export function requireValid(q: SurveyInstrument, responses: readonly SurveyResponse[], shown: string, where: (i: number) => string | undefined, hint: string): void {
  const problems: ErrorDetail[] = [];
  responses.forEach((r, i) => {
    for (const issue of validateResponse(q, r).issues) problems.push({ file: shown, column: where(i), message: describeIssue(issue) });
  });
  if (problems.length) throw new DiagError('INPUT_INVALID', `${shown}: ${problems.length} validation issues${hint}`, problems);
}
