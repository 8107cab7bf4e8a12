/**
 * A responses file read ahead, off the main thread: `diag analyze` starts it before it loads the questionnaire and
 * the analysis modules, so that reading the file (tens of MB at 100,000 respondents) and its SHA-256 run on the
 * second core while the main thread is busy compiling modules and reading the questionnaire, and later parsing.
 *
 * A small worker thread (plain JavaScript, no module of ours) reads the file into shared memory, checks whether its
 * text (after any byte-order mark) is valid UTF-8, as the CSV reader would first, says so through a flag in shared memory (the main thread blocks on it only if it gets there first), then hashes the same bytes and
 * posts the hash. The main thread parses the bytes in place: nothing is copied. Whatever goes wrong (no worker, a
 * file that cannot be read, or one that changed size while read) gives null, and the caller reads the file the
 * usual way, which also reports a missing file as it always did. The bytes and the hash are those of the file as
 * read once, as with the usual path.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * The worker: read `path` into `buffer`, flag 1 (done), 3 (done, and valid UTF-8 after any BOM) or 2 (failed), then
 * post the SHA-256 of the bytes.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { isUtf8 } = require('node:buffer');
const { path, buffer, state } = workerData;
const flag = new Int32Array(state);
const bytes = new Uint8Array(buffer);
let ok = false;
try {
  const fd = openSync(path, 'r');
  try {
    let at = 0;
    while (at < bytes.length) {
      const got = readSync(fd, bytes, at, bytes.length - at, at);
      if (got === 0) break;
      at += got;
    }
    ok = at === bytes.length && readSync(fd, new Uint8Array(1), 0, 1, at) === 0;
  } finally {
    closeSync(fd);
  }
} catch {}
const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
Atomics.store(flag, 0, !ok ? 2 : isUtf8(bom ? bytes.subarray(3) : bytes) ? 3 : 1);
Atomics.notify(flag, 0);
if (ok) parentPort.postMessage(createHash('sha256').update(bytes).digest('hex'));
`;

/** Responses files read as CSV (the others as JSON). */
export const CSV_FILE = /\.(csv|tsv|txt)$/i;

/**
 * Above this size (bytes) a responses file is read into memory it can give back at once (from-file.ts
 * readReleasable); below it, as an ordinary Buffer, which the CSV reader reads some 15–30 % faster.
 */
export const RELEASE_ABOVE = 64 << 20;

/** How long the main thread waits for the worker's bytes before it reads the file itself (a machine under heavy load). */
const WAIT_MS = 20_000;

export interface ReadAhead {
  /**
   * The file's bytes (a view of the shared memory), blocking until they are read; null when the read failed. Once:
   * later calls give null, so that the bytes live no longer than the caller holds them (tens of MB).
   */
  bytes(): { bytes: Buffer; validUtf8: boolean } | null;
  /** The SHA-256 (hex) of those bytes; rejects when the worker could not give it. */
  sha256(): Promise<string>;
}

/** The read-ahead of a responses file for `readResponsesInputAhead` (from-file.ts): CSV files up to RELEASE_ABOVE. */
export function startReadAhead(path: string): ReadAhead | null {
  return CSV_FILE.test(path) ? readAhead(path, RELEASE_ABOVE) : null;
}

/**
 * Starts reading the file at `path` ahead when it is at most `maxBytes` long (larger files are read so that their
 * memory can be given back at once, see from-file.ts readReleasable). Null when it is not started.
 */
export function readAhead(path: string, maxBytes: number): ReadAhead | null {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return null;
    size = stat.size;
  } catch {
    return null;
  }
  if (size === 0 || size > maxBytes) return null;
  const buffer = new SharedArrayBuffer(size);
  const state = new SharedArrayBuffer(4);
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, buffer, state } });
  } catch {
    return null;
  }
  worker.unref();
  const hash = new Promise<string>((resolve, reject) => {
    worker.once('message', (m: unknown) => (typeof m === 'string' ? resolve(m) : reject(new Error('read-ahead: unexpected message'))));
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('read-ahead: the worker ended without a hash')));
  });
  hash.catch(() => {}); // a failure surfaces where sha256() is awaited, if it is
  let shared: SharedArrayBuffer | null = buffer;
  return {
    bytes() {
      if (!shared) return null;
      const flag = new Int32Array(state);
      Atomics.wait(flag, 0, 0, WAIT_MS);
      const done = Atomics.load(flag, 0);
      const read = done === 1 || done === 3 ? { bytes: Buffer.from(shared), validUtf8: done === 3 } : null;
      shared = null;
      if (!read) void worker.terminate();
      return read;
    },
    sha256: () => hash,
  };
}
