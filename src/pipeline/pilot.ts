/**
 * The pilot's input files, read and validated once, with their provenance: the diagnosis responses of the pilot's
 * officials, the register (participant code → diagnosis respondent id), and the responses of the pilot's
 * instruments (module reactions, end of programme, follow-up). Every response must be valid for its instrument
 * (a participant code with a wrong check character is an issue there, named by file, row and column); the linking
 * itself (unknown codes, duplicates) is analysis/pilot/link.ts's.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { DiagError, type ErrorDetail } from '../errors.ts';
import type { PilotInstrument, Questionnaire, SurveyInstrument } from '../questionnaire/types.ts';
import { readResponsesFile } from '../responses/read-file.ts';
import { decodeText } from '../util/text.ts';
import { fileName, type FileRef } from './from-file.ts';
import type { PilotInput, RegisterRow, SourceFile } from './pilot-input.ts';
import { sha256 } from './provenance.ts';
import { requireValid } from './validate.ts';

export interface PilotFiles {
  diagnosis: FileRef;
  register: FileRef;
  reaction?: FileRef;
  post: FileRef;
  followup?: FileRef;
}

export interface PilotInstrumentSet {
  diagnosis: Questionnaire;
  reaction: PilotInstrument;
  post: PilotInstrument;
  followup: PilotInstrument;
}

export function readPilotInput(files: PilotFiles, instruments: PilotInstrumentSet): { input: PilotInput; inputs: { file: string; sha256: string }[] } {
  const inputs: { file: string; sha256: string }[] = [];
  const source = <I extends SurveyInstrument>(ref: FileRef, instrument: I): SourceFile<I> => {
    const shown = fileName(ref);
    const { responses, locations } = readResponsesFile(instrument, ref.path);
    requireValid(instrument, responses, shown, (i) => locations[i], '; fix them (see `diag validate`) before the pilot analysis');
    inputs.push({ file: shown, sha256: sha256(readFileSync(ref.path)) });
    return { instrument, responses, file: shown, where: locations };
  };
  const diagnosis = source(files.diagnosis, instruments.diagnosis);
  const register = readRegister(files.register);
  inputs.push({ file: fileName(files.register), sha256: sha256(readFileSync(files.register.path)) });
  const input: PilotInput = {
    diagnosis,
    register,
    ...(files.reaction ? { reaction: source(files.reaction, instruments.reaction) } : {}),
    post: source(files.post, instruments.post),
    ...(files.followup ? { followup: source(files.followup, instruments.followup) } : {}),
  };
  return { input, inputs };
}

/** The register CSV: a header with `participant_code` and `respondent_id` (";", "," or tab; UTF-8 or Windows-1250). */
export function readRegister(ref: FileRef): { rows: RegisterRow[]; file: string } {
  const file = fileName(ref);
  let bytes: Buffer;
  try {
    bytes = readFileSync(ref.path);
  } catch {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${file}`, [{ file, message: 'file not found or not readable' }]);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new DiagError('INPUT_INVALID', `${file} cannot be read as text`, [{ file, message: `expected ${decoded.expected}` }]);
  const parsed = Papa.parse<string[]>(decoded.decoded.text, { delimitersToGuess: [';', ',', '\t'], skipEmptyLines: 'greedy' });
  const [header, ...lines] = parsed.data;
  const names = (header ?? []).map((h) => h.trim());
  const ci = names.indexOf('participant_code');
  const ri = names.indexOf('respondent_id');
  if (ci < 0 || ri < 0) throw new DiagError('INPUT_INVALID', `${file}: not a pilot register`, [{ file, row: 1, message: 'expected a header with the columns participant_code and respondent_id' }]);
  const problems: ErrorDetail[] = [];
  const rows: RegisterRow[] = [];
  lines.forEach((cells, i) => {
    const row = i + 2;
    if (cells.length !== names.length) return problems.push({ file, row, message: `has ${cells.length} cells, the header has ${names.length}` });
    const code = (cells[ci] ?? '').trim();
    const respondentId = (cells[ri] ?? '').trim();
    if (!respondentId) problems.push({ file, row, column: 'respondent_id', message: 'empty' });
    rows.push({ code, respondentId, row });
  });
  if (problems.length) throw new DiagError('INPUT_INVALID', `${file}: the register cannot be read`, problems);
  return { rows, file };
}
