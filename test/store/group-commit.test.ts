/**
 * The group committer's acknowledgement rule: a write's promise settles only once a sync begun after its COMMIT has
 * completed (sqlite.ts fdatasyncs the WAL there); the writes committed during a sync wait for the next one; a failed
 * sync rejects what it was to make durable. Driven with a sync the test completes by hand.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupCommitter } from '../../src/responses/store/group-commit.ts';

function setup() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (v TEXT UNIQUE)');
  const syncs: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const committer = new GroupCommitter(db, 1000, () => new Promise<void>((resolve, reject) => syncs.push({ resolve, reject })));
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const count = () => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  return { db, syncs, committer, write: (v: string) => committer.run(() => insert.run(v).changes), count };
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

function track<T>(p: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  p.then((value) => Object.assign(state, { settled: true, value }), (error) => Object.assign(state, { settled: true, error }));
  return state;
}

describe('GroupCommitter with a sync', () => {
  it('settles a committed write only after the sync that follows its COMMIT', async () => {
    const { syncs, write, count } = setup();
    const a = track(write('a'));
    const b = track(write('b'));
    await turns();
    expect(count()).toBe(2); // committed in one transaction
    expect(syncs).toHaveLength(1);
    expect(a.settled || b.settled).toBe(false);
    syncs[0]!.resolve();
    await turns();
    expect(a).toMatchObject({ settled: true, value: 1 });
    expect(b).toMatchObject({ settled: true, value: 1 });
  });

  it('queues the writes made during a sync, commits them together when it ends, and settles them after the next sync', async () => {
    const { syncs, write, count } = setup();
    const first = track(write('a'));
    await turns();
    const second = track(write('b'));
    const third = track(write('c'));
    await turns();
    expect(syncs).toHaveLength(1); // one sync at a time
    expect(count()).toBe(1); // b and c wait for the disk
    syncs[0]!.resolve();
    await turns();
    expect(first.settled).toBe(true);
    expect(count()).toBe(3); // one transaction for both
    expect(second.settled || third.settled).toBe(false);
    expect(syncs).toHaveLength(2);
    syncs[1]!.resolve();
    await turns();
    expect(second).toMatchObject({ settled: true, value: 1 });
    expect(third).toMatchObject({ settled: true, value: 1 });
  });

  it('rejects the writes of a failed sync with STORE_UNAVAILABLE, and a failed write with its own error', async () => {
    const { syncs, write } = setup();
    const ok = track(write('a'));
    const dup = track(write('a'));
    await turns();
    syncs[0]!.reject(new Error('EIO'));
    await turns();
    expect((ok.error as { code?: string }).code).toBe('STORE_UNAVAILABLE');
    expect(String((ok.error as Error).message)).toContain('EIO');
    expect(String((dup.error as Error).message)).toMatch(/UNIQUE/);
  });

  it('makes an exclusive session wait for its sync, and drain wait for every sync', async () => {
    const { syncs, committer, db } = setup();
    const session = track(committer.exclusive(async () => db.prepare('INSERT INTO t (v) VALUES (?)').run('x').changes));
    await turns();
    expect(syncs).toHaveLength(1);
    expect(session.settled).toBe(false);
    const drained = track(committer.drain());
    await turns();
    expect(drained.settled).toBe(false);
    syncs[0]!.resolve();
    await turns(10);
    expect(session).toMatchObject({ settled: true, value: 1 });
    expect(drained.settled).toBe(true);
  });
});
