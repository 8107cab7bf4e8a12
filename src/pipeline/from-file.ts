/**
 * Responses and frames from files: read, validated once and hashed (provenance.ts). A CSV file goes straight
 * into the dataset's typed columns (prepareCsv: the errors are those of the reference reader and validator); a
 * JSON file is read into responses, validated, and the response objects are left to be freed before the analysis
 * runs.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { relative } from 'node:path';
import { prepareCsv } from '../dataset/from-csv/index.ts';
import { prepareData, type PreparedData } from '../dataset/prepared.ts';
import { DiagError } from '../errors.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import { readResponsesFile } from '../responses/read-file.ts';
import type { FrameUnit } from '../sampling/frame.ts';
import { readFrameFile } from '../sampling/frame-file.ts';
import { sha256, type Provenance } from './provenance.ts';
import { CSV_FILE, RELEASE_ABOVE, type ReadAhead } from './read-ahead.ts';
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
  if (CSV_FILE.test(ref.path)) {
    // A large file's bytes are given back as soon as the columns hold them (half a gigabyte at a million
    // respondents), not whenever the garbage collector next runs.
    const file = readReleasable(ref.path, RELEASE_ABOVE);
    try {
      const source: Provenance = { dataFile: fileName(ref), dataSha256: sha256(file.bytes) };
      const prepared = prepareCsv(q, file.bytes, shown);
      log(`read ${prepared.dataset.n} responses, validated`);
      return { prepared, source };
    } finally {
      file.release();
    }
  }
  const source: Provenance = { dataFile: fileName(ref), dataSha256: sha256(readBytes(ref.path)) };
  const { responses, locations } = readResponsesFile(q, ref.path);
  log(`read ${responses.length} responses`);
  requireValid(q, responses, shown, (i) => locations[i], '; fix them (see `diag validate`) before analysing');
  log('validated');
  return { prepared: prepareData(q, responses), source };
}

/**
 * `readResponsesInput` for a file whose reading `startReadAhead` (read-ahead.ts) began earlier (null: it did not): the same
 * result, with the file read and hashed on another thread.
 */
export async function readResponsesInputAhead(q: Questionnaire, ref: FileRef, ahead: ReadAhead | null, log: (m: string) => void = () => {}): Promise<FileData> {
  const read = ahead?.bytes();
  if (!ahead || !read) return readResponsesInput(q, ref, log);
  const { bytes, validUtf8 } = read;
  const prepared = prepareCsv(q, bytes, ref.name ?? fileName(ref), validUtf8);
  log(`read ${prepared.dataset.n} responses, validated`);
  const dataSha256 = await ahead.sha256().catch(() => sha256(bytes));
  return { prepared, source: { dataFile: fileName(ref), dataSha256 } };
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

/**
 * A file's bytes in memory that `release` returns to the system at once when the file is larger than
 * `above` bytes: they live in a resizable ArrayBuffer, and shrinking it to nothing frees its pages (an
 * ordinary Buffer's stay until a garbage collection finds it unreachable, which at half a gigabyte is the
 * difference between the analysis fitting in 1 GB and not). Nothing may keep a view of the bytes past
 * `release`: the dataset's strings and columns are copies.
 */
export function readReleasable(path: string, above: number): { bytes: Buffer; release: () => void } {
  let fd = -1;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size <= above) return { bytes: readFileSync(fd), release: () => {} };
    const buffer = new ResizableArrayBuffer(size, { maxByteLength: Math.max(size, 1) });
    let at = 0;
    while (at < size) {
      const got = readSync(fd, new Uint8Array(buffer, at, size - at), 0, size - at, at);
      if (got === 0) break;
      at += got;
    }
    return { bytes: Buffer.from(buffer, 0, at), release: () => buffer.resize(0) };
  } catch {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${path}`, [{ file: path, message: 'file not found or not readable' }]);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** ArrayBuffer with the ES2024 options this project's TypeScript library does not declare yet (Node 20 has them). */
const ResizableArrayBuffer = ArrayBuffer as unknown as new (size: number, options: { maxByteLength: number }) => ArrayBuffer & { resize(size: number): void };

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${path}`, [{ file: path, message: 'file not found or not readable' }]);
  }
}
