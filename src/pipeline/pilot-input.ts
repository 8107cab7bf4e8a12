/** What the pilot analysis receives: the pilot's files read and validated (pilot.ts), as typed domain objects. */
import type { SurveyResponse } from '../questionnaire/response.ts';
import type { PilotInstrument, Questionnaire } from '../questionnaire/types.ts';

/** Responses of one file, with where each sits ("row 12" in a CSV, "item 3" in JSON). */
export interface SourceFile<I> {
  instrument: I;
  responses: readonly SurveyResponse[];
  /** the file as named in messages */
  file: string;
  where: readonly string[];
}

export interface RegisterRow {
  code: string;
  respondentId: string;
  /** CSV line (1 = header) */
  row: number;
}

export interface PilotInput {
  diagnosis: SourceFile<Questionnaire>;
  register: { rows: readonly RegisterRow[]; file: string };
  reaction?: SourceFile<PilotInstrument>;
  post: SourceFile<PilotInstrument>;
  followup?: SourceFile<PilotInstrument>;
}

