/**
 * Group commit for SQLite: writes queued during one turn of the event loop run in one transaction, so a burst
 * of concurrent submissions costs one fsync instead of one each.
 *
 * Each queued job is a synchronous function run inside its own SAVEPOINT: a job that throws is rolled back alone
 * and its caller gets the error; the others commit. If COMMIT itself fails, every job of the batch is rejected and
 * nothing of it is stored.
 *
 * Every caller's promise settles only once the transaction is durable. With a `sync` (sqlite.ts: SQLite commits
 * without fsync, `synchronous = NORMAL`, and `sync` fdatasyncs the WAL file in libuv's thread pool), that is after
 * COMMIT has returned *and* a `sync` begun after it has completed: the event loop goes on parsing and validating
 * the next requests meanwhile, and the transactions committed during one sync share the next (group fsync). A sync
 * While a sync is in progress, new writes wait in the queue and are committed together when it ends: the slower the
 * disk, the larger the transactions (fewer commits, pages written once for many writes, fewer syncs). A sync
 * that fails rejects the jobs it was to make durable (STORE_UNAVAILABLE): what they wrote is committed but not
 * acknowledged, so a retry finds it (a double submit, 200). Without a `sync`, COMMIT itself is durable
 * (`synchronous = FULL`) and the promises settle when it returns.
 *
 * A long write that must wait for data as it goes (an import streamed from a file) runs as an exclusive session
 * instead: its own IMMEDIATE transaction, during which queued jobs wait; they are flushed once it ends.
 */
import type { Database } from 'better-sqlite3';
import { DiagError } from '../../errors.ts';

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class GroupCommitter {
  private queue: Job[] = [];
  private scheduled = false;
  /** settles when the exclusive session in progress ends */
  private session: Promise<void> | null = null;
  private readonly statements;

  /** settle functions of committed jobs waiting for the next sync */
  private unsynced: ((error: unknown) => void)[] = [];
  private syncing = false;

  constructor(
    private readonly db: Database,
    /** at most this many jobs per transaction, to bound the latency of the batch */
    private readonly maxBatch = 1000,
    /** makes every transaction committed before it began durable (see the module comment) */
    private readonly sync: (() => Promise<void>) | null = null,
  ) {
    this.statements = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT job'),
      release: db.prepare('RELEASE job'),
      rollbackTo: db.prepare('ROLLBACK TO job'),
    };
  }

  /** Queues a write; resolves with its result once the transaction holding it is committed. */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: fn, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Resolves once every queued write has settled. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled || this.session || this.syncing) await new Promise((r) => setImmediate(r));
  }

  /** Calls `settle` once what is committed now is durable: at once without a sync, else after the next sync. */
  private whenDurable(settle: (error: unknown) => void): void {
    if (!this.sync) {
      settle(null);
      return;
    }
    this.unsynced.push(settle);
    if (!this.syncing) void this.syncLoop(this.sync);
  }

  /** One sync at a time; the commits made during a sync wait for the next one. */
  private async syncLoop(sync: () => Promise<void>): Promise<void> {
    this.syncing = true;
    try {
      while (this.unsynced.length > 0) {
        const settles = this.unsynced;
        this.unsynced = [];
        let failure: unknown = null;
        try {
          await sync();
        } catch (error) {
          failure = new DiagError('STORE_UNAVAILABLE', `the database could not be made durable: ${(error as Error).message}`);
        }
        for (const settle of settles) settle(failure);
      }
    } finally {
      this.syncing = false;
      // the writes queued while the disk was busy: one transaction and one sync for all of them
      if (this.queue.length > 0) this.schedule();
    }
  }

  /**
   * Runs `fn` in a transaction of its own, which may await between its (synchronous) statements: COMMIT when it
   * resolves, ROLLBACK when it throws. Jobs queued meanwhile wait for the session to end.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.session || this.queue.length > 0 || this.scheduled) {
      if (this.session) await this.session;
      else await new Promise((r) => setImmediate(r));
    }
    let end!: () => void;
    this.session = new Promise<void>((r) => (end = r));
    const s = this.statements;
    try {
      s.begin.run();
      let value: T;
      try {
        value = await fn();
      } catch (error) {
        if (this.db.inTransaction) s.rollback.run();
        throw error;
      }
      try {
        s.commit.run();
      } catch (error) {
        if (this.db.inTransaction) s.rollback.run();
        throw new DiagError('STORE_UNAVAILABLE', `the database could not commit: ${(error as Error).message}`);
      }
      await new Promise<void>((resolve, reject) => this.whenDurable((error) => (error ? reject(error) : resolve())));
      return value;
    } finally {
      this.session = null;
      end();
      if (this.queue.length > 0) this.schedule();
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.session) return; // flushed when the session ends
    if (this.syncing) return; // flushed when the sync in progress ends (see syncLoop)
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length > 0) this.schedule();
    if (batch.length === 0) return;
    const s = this.statements;
    const outcomes: Outcome[] = [];
    try {
      s.begin.run();
      for (const job of batch) {
        s.savepoint.run();
        try {
          outcomes.push({ ok: true, value: job.run() });
          s.release.run();
        } catch (error) {
          s.rollbackTo.run();
          s.release.run();
          outcomes.push({ ok: false, error });
        }
      }
      s.commit.run();
    } catch (error) {
      if (this.db.inTransaction) s.rollback.run();
      const failure = new DiagError('STORE_UNAVAILABLE', `the database could not commit: ${(error as Error).message}`);
      for (const job of batch) job.reject(failure);
      return;
    }
    this.whenDurable((failure) => {
      batch.forEach((job, i) => {
        const o = outcomes[i] as Outcome;
        if (!o.ok) job.reject(o.error);
        else if (failure) job.reject(failure);
        else job.resolve(o.value);
      });
    });
  }
}
