// Entry of the SQLite store's checkpoint thread (see sqlite.ts, "Checkpoints off the event loop"): its own connection
// to the database file, copying the WAL back into the database (`PRAGMA wal_checkpoint(PASSIVE)`: it never blocks the
// writer nor waits for it) each time the store says it wrote, at most every `intervalMs`. Plain JavaScript with no
// import of the toolkit, so that it runs the same from the bundle and from the sources.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true });
// a checkpoint fsyncs the WAL before it copies it, and the database file after
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 0');
let last = 0;
let timer = null;

function checkpoint() {
  timer = null;
  last = Date.now();
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy or locked: the next write asks again, and the store's own automatic checkpoint is the backstop
  }
}

parentPort.on('message', (m) => {
  if (m === 'close') {
    if (timer) clearTimeout(timer);
    db.close();
    parentPort.close();
    return;
  }
  if (timer) return;
  const wait = Math.max(0, last + intervalMs - Date.now());
  timer = setTimeout(checkpoint, wait);
});
