import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../src/responses/store/migrations.ts';
import { openStore, resolveDataDir, SQLITE_FILE_NAME } from '../../src/responses/store/open.ts';
import { UNITS } from './fixtures.ts';
import { fixedClock, storeContract, type Harness } from './store.contract.ts';
import { storeRulesContract } from './store.contract-rules.ts';

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
storeRulesContract('SQLite', fresh);

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

  it('opens in WAL mode and records each migration once', async () => {
    const h = await fresh();
    await h.reopen();
    const file = join(h.store.location);
    await h.store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
    db.close();
    await h.dispose();
  });

  it.each([
    [{ DIAG_DATA_DIR: '/tmp/diag-x' }, '/tmp/diag-x'],
    [{}, 'var'],
  ])('puts the data folder at DIAG_DATA_DIR or var/ (%j)', (env, expected) => {
    expect(resolveDataDir({ env }).endsWith(expected)).toBe(true);
  });

  it('creates the data folder, the database, its WAL and SHM readable by the owner only (0700, 0600)', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'diag-modes-'));
    const dataDir = join(parent, 'data');
    const old = process.umask(0o022);
    try {
      const store = await openStore({ dataDir, databaseUrl: '', now: fixedClock });
      await store.submitResponse({ id: 'r1', data: { comments: 'x' }, meta: {} });
      const file = join(dataDir, SQLITE_FILE_NAME);
      const mode = (p: string) => statSync(p).mode & 0o777;
      expect(mode(dataDir).toString(8)).toBe('700');
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f).toString(8), f).toBe('600');
      await store.close();
    } finally {
      process.umask(old);
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('narrows a database made readable by others (an older version made it 0644) to 0600 at open', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'diag-modes-'));
    try {
      const file = join(dataDir, SQLITE_FILE_NAME);
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE t (x)');
      db.close();
      chmodSync(file, 0o644);
      const store = await openStore({ dataDir, databaseUrl: '', now: fixedClock });
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
      await store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('names the file it opens', async () => {
    const h = await fresh();
    expect(h.store.backend).toBe('sqlite');
    expect(h.store.location.endsWith(SQLITE_FILE_NAME)).toBe(true);
    await h.dispose();
  });
});
