/**
 * Group commit for SQLite: writes queued during one turn of the event loop run in one transaction, so a burst
 * of concurrent submissions costs one fsync instead of one each.
 *
 * Each queued job is a synchronous function run inside its own SAVEPOINT: a job that throws is rolled back alone
 * and its caller gets the error; the others commit. Every caller's promise settles only after COMMIT has
 * returned, i.e. after the transaction is durable (see sqlite.ts for the synchronous setting). If COMMIT itself
 * fails, every job of the batch is rejected and nothing of it is stored.
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

  constructor(
    private readonly db: Database,
    /** at most this many jobs per transaction, to bound the latency of the batch */
    private readonly maxBatch = 1000,
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
    while (this.queue.length > 0 || this.scheduled || this.session) await new Promise((r) => setImmediate(r));
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
    batch.forEach((job, i) => {
      const o = outcomes[i] as Outcome;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
  }
}
