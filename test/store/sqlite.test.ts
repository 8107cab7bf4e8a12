import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, resolveDataDir, SQLITE_FILE_NAME } from '../../src/responses/store/open.ts';
import { fixedClock, storeContract, type Harness } from './store.contract.ts';

async function fresh(): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'diag-store-'));
  const open = () => openStore({ dataDir, databaseUrl: '', now: fixedClock });
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
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

storeContract('SQLite', fresh);

describe('SQLite store', () => {
  it('opens in WAL mode with synchronous = FULL and records each migration once', async () => {
    const h = await fresh();
    await h.reopen();
    const file = join(h.store.location);
    await h.store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
    db.close();
    await h.dispose();
  });

  it.each([
    [{ DIAG_DATA_DIR: '/tmp/diag-x' }, '/tmp/diag-x'],
    [{}, 'var'],
  ])('puts the data folder at DIAG_DATA_DIR or var/ (%j)', (env, expected) => {
    expect(resolveDataDir({ env }).endsWith(expected)).toBe(true);
  });

  it('names the file it opens', async () => {
    const h = await fresh();
    expect(h.store.backend).toBe('sqlite');
    expect(h.store.location.endsWith(SQLITE_FILE_NAME)).toBe(true);
    await h.dispose();
  });
});
