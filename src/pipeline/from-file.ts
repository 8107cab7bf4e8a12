/**
 * Responses and frames from files: read, validated once and hashed (provenance.ts). A CSV file goes straight
 * into the dataset's typed columns (prepareCsv: the errors are those of the reference reader and validator); a
 * JSON file is read into responses, validated, and the response objects are left to be freed before the analysis
 * runs.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { prepareCsv } from '../dataset/from-csv/index.ts';
import { prepareData, type PreparedData } from '../dataset/prepared.ts';
import { DiagError } from '../errors.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import { readResponsesFile } from '../responses/read-file.ts';
import type { FrameUnit } from '../sampling/frame.ts';
import { readFrameFile } from '../sampling/frame-file.ts';
import { sha256, type Provenance } from './provenance.ts';
import { requireValid } from './validate.ts';

export interface FileRef {
  /** absolute path */
  path: string;
  /** the working folder, against which the file is named in provenance */
  cwd: string;
  /** the file as the user named it, in messages (default: its provenance name) */
  name?: string;
}

/** A file as named in provenance: relative to the working folder (the path itself when that is empty). */
export const fileName = (ref: FileRef): string => relative(ref.cwd, ref.path) || ref.path;

export interface FileData {
  prepared: PreparedData;
  source: Provenance;
}

/** The responses of a file, validated, as the analysis dataset, with the file's provenance. */
export function readResponsesInput(q: Questionnaire, ref: FileRef, log: (m: string) => void = () => {}): FileData {
  const shown = ref.name ?? fileName(ref);
  const bytes = readBytes(ref.path);
  const source: Provenance = { dataFile: fileName(ref), dataSha256: sha256(bytes) };
  if (/\.(csv|tsv|txt)$/i.test(ref.path)) {
    const prepared = prepareCsv(q, bytes, shown);
    log(`read ${prepared.dataset.n} responses, validated`);
    return { prepared, source };
  }
  const { responses, locations } = readResponsesFile(q, ref.path);
  log(`read ${responses.length} responses`);
  requireValid(q, responses, shown, (i) => locations[i], '; fix them (see `diag validate`) before analysing');
  log('validated');
  return { prepared: prepareData(q, responses), source };
}

export interface FrameData {
  frame: FrameUnit[];
  source: Required<Pick<Provenance, 'frameFile' | 'frameSha256'>>;
}

/** A frame file (frame CSV or the GUS TERYT TERC file) with its provenance. */
export function readFrameInput(ref: FileRef): FrameData {
  const frame = readFrameFile(ref.path, ref.name ?? fileName(ref)).units;
  return { frame, source: { frameFile: fileName(ref), frameSha256: sha256(readBytes(ref.path)) } };
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${path}`, [{ file: path, message: 'file not found or not readable' }]);
  }
}
