/**
 * The synthetic pilot as files, in the formats the pilot analysis reads: the diagnosis responses of the pilot's
 * officials, the register (participant code → diagnosis respondent id) and one responses CSV per pilot instrument
 * (the flat record format of `diag validate`), all UTF-8 with BOM and ";".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Questionnaire } from '../questionnaire/types.ts';
import { writeResponsesCsv } from '../responses/csv.ts';
import type { PilotInstruments, PilotSynthResult, RegisterEntry } from './pilot.ts';

export const PILOT_FILES = {
  diagnosis: 'pilot-diagnosis.csv',
  register: 'pilot-register.csv',
  reaction: 'pilot-reactions.csv',
  post: 'pilot-post.csv',
  followup: 'pilot-followup.csv',
} as const;

/** The register as CSV: a header `participant_code;respondent_id`, one line per participant. */
export function registerCsv(entries: readonly RegisterEntry[]): string {
  return `\uFEFFparticipant_code;respondent_id\n${entries.map((e) => `${e.code};${e.respondentId}`).join('\n')}\n`;
}

/** Writes the five files into `dir` (created if needed); returns their paths. */
export function writePilotFiles(dir: string, q: Questionnaire, instruments: PilotInstruments, result: PilotSynthResult): Record<keyof typeof PILOT_FILES, string> {
  mkdirSync(dir, { recursive: true });
  const path = (k: keyof typeof PILOT_FILES) => join(dir, PILOT_FILES[k]);
  writeFileSync(path('diagnosis'), writeResponsesCsv(q, result.diagnosis));
  writeFileSync(path('register'), registerCsv(result.register));
  writeFileSync(path('reaction'), writeResponsesCsv(instruments.reaction, result.reactions));
  writeFileSync(path('post'), writeResponsesCsv(instruments.post, result.post));
  writeFileSync(path('followup'), writeResponsesCsv(instruments.followup, result.followup));
  return { diagnosis: path('diagnosis'), register: path('register'), reaction: path('reaction'), post: path('post'), followup: path('followup') };
}
