import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../src/responses/store/migrations.ts';
import { openStore, resolveDataDir, SQLITE_FILE_NAME } from '../../src/responses/store/open.ts';
import { UNITS } from './fixtures.ts';
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
  it('gives a frame stored before frames had content hashes its hash when the same name is imported again', async () => {
    const h = await fresh();
    const first = await h.store.importFrame({ name: 'TERC', version: '2022-01-01', source: 'old.csv' }, UNITS);
    await h.store.close();
    const raw = new Database(h.store.location);
    raw.prepare('UPDATE frames SET content_sha256 = NULL').run();
    raw.close();
    const store = await h.reopen();
    expect((await store.listFrames())[0]?.sha256).toBeNull();
    expect(await store.importFrame({ name: 'TERC', version: '2022-01-01', source: 'again.csv' }, UNITS)).toEqual({ frame: first.frame, created: false });
    expect((await store.listFrames())[0]?.sha256).toBe(first.frame.sha256);
    await h.dispose();
  });

  it('opens in WAL mode with synchronous = FULL and records each migration once', async () => {
    const h = await fresh();
    await h.reopen();
    const file = join(h.store.location);
    await h.store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
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
