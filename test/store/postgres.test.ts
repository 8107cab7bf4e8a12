/**
 * The store contract on PostgreSQL. Each test gets a schema of its own (random name, search_path) in the `test`
 * database, dropped afterwards. Where PostgreSQL cannot be reached the suite is skipped with a message, except
 * in CI (process.env.CI set), where that is a failure.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/responses/store/open.ts';
import { fixedClock, storeContract, type Harness } from './store.contract.ts';
import { storeRulesContract } from './store.contract-rules.ts';
import { postgresProblem, TEST_DATABASE_URL } from '../helpers/postgres.ts';
import { waveWithTokens } from './fixtures.ts';

const problem = await postgresProblem();
if (problem && !process.env.CI) console.warn(`PostgreSQL store tests skipped: ${TEST_DATABASE_URL} is not reachable (${problem}). Start PostgreSQL or set TEST_DATABASE_URL.`);

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

async function fresh(): Promise<Harness> {
  const schema = `diag_test_${randomBytes(6).toString('hex')}`;
  const open = () => openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema, now: fixedClock, poolSize: 4 });
  let store = await open();
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      return (store = await open());
    },
    async dispose() {
      await store.close();
      await dropSchema(schema);
    },
  };
}

describe('PostgreSQL availability', () => {
  it.runIf(process.env.CI)('reaches PostgreSQL in CI', () => {
    expect(problem, `PostgreSQL at ${TEST_DATABASE_URL} must be reachable in CI`).toBeNull();
  });
});

describe.skipIf(problem !== null)('PostgreSQL store', () => {
  storeContract('PostgreSQL', fresh);
  storeRulesContract('PostgreSQL', fresh);

  it('stores a submission through an invitation in one round trip, and keeps one that comes after the last slot as over-quota', async () => {
    const h = await fresh();
    try {
      const { hashes } = await waveWithTokens(h.store, 'w1', 1);
      const tokenHash = hashes['0201011']!;
      // every statement a pooled client sends (pool.query goes through Client#query as well)
      const spy = vi.spyOn(pg.Client.prototype, 'query');
      const submit = (id: string) => h.store.submitResponse({ id, data: { comments: `odpowiedź ${id}` }, meta: {}, tokenHash, clientDraftId: id });
      try {
        expect(await submit('a')).toMatchObject({ status: 'stored', slotsLeft: 0 });
        expect(spy).toHaveBeenCalledTimes(1);
        expect(await submit('a')).toMatchObject({ status: 'duplicate' });
        expect(spy).toHaveBeenCalledTimes(2);
        // the last slot went meanwhile: the one statement takes no slot, and the transaction keeps the answers aside
        expect(await submit('b')).toMatchObject({ status: 'over_quota', slotsLeft: 0 });
        expect(await submit('b')).toMatchObject({ status: 'over_quota' });
      } finally {
        spy.mockRestore();
      }
      // pending over-quota answers are not data until the research team accepts them
      expect(await h.store.countResponses()).toBe(1);
      expect((await h.store.listInvitations('w1')).find((i) => i.tokenHash === tokenHash)?.slotsUsed).toBe(1);
    } finally {
      await h.dispose();
    }
  });

  /** Six invitations with `slots` each (three waves of the fixtures' two), by token hash. */
  async function sixInvitations(h: Harness, slots: number): Promise<string[]> {
    const hashes: string[] = [];
    for (const w of ['w1', 'w2', 'w3']) hashes.push(...Object.values((await waveWithTokens(h.store, w, slots)).hashes));
    return hashes;
  }

  it('sends the submissions that arrive while two statements are on their way together, as one statement', async () => {
    const h = await fresh();
    try {
      const hashes = await sixInvitations(h, 2);
      const spy = vi.spyOn(pg.Client.prototype, 'query');
      try {
        // all six arrive at once: the first two go alone (two statements in flight at most), the other four wait
        // for the first to come back and then go together
        const results = await Promise.all(hashes.map((tokenHash, i) => h.store.submitResponse({ id: `g${i}`, data: { comments: `odpowiedź ${i}` }, meta: {}, tokenHash, clientDraftId: `d${i}` })));
        expect(results.map((r) => [r.id, r.status, r.slotsLeft])).toEqual(hashes.map((_, i) => [`g${i}`, 'stored', 1]));
        expect(spy).toHaveBeenCalledTimes(3);
      } finally {
        spy.mockRestore();
      }
      expect(await h.store.countResponses()).toBe(6);
      expect((await h.store.getResponse('g4'))?.data).toEqual({ comments: 'odpowiedź 4' });
      for (const w of ['w1', 'w2', 'w3']) expect((await h.store.listInvitations(w)).map((i) => i.slotsUsed)).toEqual([1, 1]);
    } finally {
      await h.dispose();
    }
  });

  it('refuses only the submission that PostgreSQL refuses when it was sent with others, and stores the others', async () => {
    const h = await fresh();
    try {
      const hashes = await sixInvitations(h, 1);
      // the fifth's time is beyond PostgreSQL's range (a data error, SQLSTATE 22009): its statement, shared with the
      // third, fourth and sixth, is undone whole, and each is sent again on its own
      const settled = await Promise.allSettled(hashes.map((tokenHash, i) => h.store.submitResponse({ id: `f${i}`, data: { comments: `odpowiedź ${i}` }, meta: i === 4 ? { submittedAt: '+275760-09-13T00:00:00.000Z' } : {}, tokenHash })));
      expect(settled.map((s) => (s.status === 'fulfilled' ? s.value.status : 'rejected'))).toEqual(['stored', 'stored', 'stored', 'stored', 'rejected', 'stored']);
      expect((await h.store.listResponses()).map((r) => r.id).sort()).toEqual(['f0', 'f1', 'f2', 'f3', 'f5']);
      const used = (await Promise.all(['w1', 'w2', 'w3'].map((w) => h.store.listInvitations(w)))).flat().map((i) => [i.tokenHash, i.slotsUsed]);
      expect(used).toEqual(expect.arrayContaining(hashes.map((t, i) => [t, i === 4 ? 0 : 1])));
    } finally {
      await h.dispose();
    }
  });

  it('gives every slot once when two servers on one database send their submissions together', async () => {
    const schema = `diag_test_${randomBytes(6).toString('hex')}`;
    const open = () => openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema, now: fixedClock, poolSize: 4 });
    const a = await open();
    const b = await open();
    try {
      const hashes: string[] = [];
      for (const w of ['w1', 'w2', 'w3']) hashes.push(...Object.values((await waveWithTokens(a, w, 3)).hashes));
      // each server: two respondents per invitation, 24 in all for 18 slots; their statements hold several
      // invitations each, taken in different orders by the two servers
      const submits = [a, b].flatMap((store, s) => [0, 1].flatMap((k) => (s === 0 ? hashes : [...hashes].reverse()).map((tokenHash, i) =>
        store.submitResponse({ id: `s${s}k${k}i${i}`, data: { comments: `serwer ${s}` }, meta: {}, tokenHash }))));
      const results = await Promise.all(submits);
      expect(results.filter((r) => r.status === 'stored')).toHaveLength(18);
      expect(results.filter((r) => r.status === 'over_quota')).toHaveLength(6);
      expect(await a.countResponses()).toBe(18);
      for (const w of ['w1', 'w2', 'w3']) expect((await b.listInvitations(w)).map((i) => i.slotsUsed)).toEqual([3, 3]);
      expect(await b.listOverQuota()).toHaveLength(6);
    } finally {
      await a.close();
      await b.close();
      await dropSchema(schema);
    }
  });

  it('adds its session settings to the options of a location that has its own', async () => {
    const { connectionOf } = await import('../../src/responses/store/postgres.ts');
    const settings = '-c plan_cache_mode=force_generic_plan';
    const withOwn = connectionOf('postgresql://u:p@h:5432/db?options=-c%20statement_timeout%3D5000&sslmode=disable', settings);
    const url = new URL(withOwn.connectionString);
    expect(url.searchParams.get('options')).toBe(`-c statement_timeout=5000 ${settings}`);
    expect([url.searchParams.get('sslmode'), url.username, url.password, url.pathname]).toEqual(['disable', 'u', 'p', '/db']);
    expect(connectionOf('postgresql://h/db', settings)).toEqual({ connectionString: `postgresql://h/db?options=${encodeURIComponent(settings).replace(/%20/g, '+')}` });
    expect(connectionOf('/var/run/postgresql db', settings)).toEqual({ connectionString: '/var/run/postgresql db', options: settings });
  });

  it('runs every session with its schema and generic plans, also when the location sets options of its own', async () => {
    const schema = `diag_test_${randomBytes(6).toString('hex')}`;
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', '-c statement_timeout=7000');
    const store = await openStore({ databaseUrl: url.toString(), pgSchema: schema, now: fixedClock });
    try {
      const row = (await (store as unknown as { query(c: pg.QueryConfig): Promise<pg.QueryResult> }).query({ text: `SELECT current_setting('plan_cache_mode') AS plans, current_setting('search_path') AS path, current_setting('statement_timeout') AS timeout` })).rows[0];
      expect(row).toEqual({ plans: 'force_generic_plan', path: schema, timeout: '7s' });
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });

  it('hides the password in its location', async () => {
    const { redact } = await import('../../src/responses/store/postgres.ts');
    expect(redact('postgresql://u:secret@h:5432/db')).toBe('postgresql://u:***@h:5432/db');
  });
});
