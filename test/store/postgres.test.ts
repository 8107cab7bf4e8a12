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
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
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

  it('hides the password in its location', async () => {
    const { redact } = await import('../../src/responses/store/postgres.ts');
    expect(redact('postgresql://u:secret@h:5432/db')).toBe('postgresql://u:***@h:5432/db');
  });
});
