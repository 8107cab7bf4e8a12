/**
 * Provenance of an analysis input: which responses and which frame, named and hashed one way whoever reads them
 * (`diag analyze`, `diag report`, `diag demo`, the dashboard), so that results.json's `input` is the same for the
 * same data whichever adapter made it.
 *
 * - data.file: a file's path as the user gave it (relative to the working folder when inside it); for the store
 *   `store:sqlite:<the SQLite file>` (relative to the working folder when inside it) or `store:postgres` (the
 *   PostgreSQL URL is left out: it names hosts and users), followed by `, wave <NAME>` for one wave;
 * - data.sha256: a file's bytes; for the store, SHA-256 of the lines `<respondent id>:<content hash>`, one per
 *   response in the order they were stored, joined by "\n", where the content hash is the store's SHA-256 of the
 *   canonical JSON of the answers (a stored response never changes, so the ids and content hashes identify it);
 * - frame.file: a file's path as given; for the store's frame `<store name>, frame "<name>" version <version>`;
 * - frame.sha256: a file's bytes; for the store's frame, SHA-256 of its units written as a frame CSV
 *   (`writeFrameCsv`, what `diag synth --frame-out` writes): the same as the file's own hash when the frame was
 *   imported from such a file.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import { writeFrameCsv, type FrameUnit } from '../sampling/frame.ts';

/** Where the analysed responses and frame came from (results.json `input.data` and `input.frame`). */
export interface Provenance {
  dataFile: string;
  dataSha256: string;
  frameFile?: string;
  frameSha256?: string;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A path as shown in provenance and messages: relative to the working folder when inside it. */
export function shownPath(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

/** The store as named in provenance: `store:sqlite:<file>` or `store:postgres`. */
export function storeName(store: { backend: string; location: string }, cwd: string): string {
  if (store.backend !== 'sqlite') return 'store:postgres';
  return `store:sqlite:${shownPath(store.location, cwd)}`;
}

/** The hash of stored responses: SHA-256 of their `<id>:<content hash>` lines in storage order. */
export function storedDataSha256(responses: readonly { id: string; contentHash: string }[]): string {
  return sha256(responses.map((r) => `${r.id}:${r.contentHash}`).join('\n'));
}

/** The hash of a frame held as units (the store's): SHA-256 of the units written as a frame CSV. */
export function frameUnitsSha256(units: readonly FrameUnit[]): string {
  return sha256(writeFrameCsv(units as FrameUnit[]));
}
