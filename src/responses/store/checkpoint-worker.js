// Entry of the SQLite store's checkpoint thread (see sqlite.ts, "Checkpoints off the event loop"): its own connection
// to the database file, copying the WAL back into the database each time the store says it wrote, at most every
// `intervalMs` (see checkpoint()). Plain JavaScript with no
// import of the toolkit, so that it runs the same from the bundle and from the sources.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true });
// a checkpoint fsyncs the WAL before it copies it, and the database file after
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 100');
let last = 0;
let timer = null;

/** WAL frames past which a checkpoint also restarts the WAL (about 4 MB). */
const RESTART_FRAMES = 1000;

function checkpoint() {
  timer = null;
  last = Date.now();
  try {
    // Copies what the WAL holds without blocking anyone. While the store keeps writing, new frames arrive meanwhile
    // and the WAL is never found wholly copied, so it would never start again from its beginning and would grow
    // until the store's own checkpoint (on the event loop) took over; so, once it is long, a RESTART follows: it
    // holds off the writer only while it copies the few frames written since the PASSIVE one.
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (log >= RESTART_FRAMES) db.pragma('wal_checkpoint(RESTART)');
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
