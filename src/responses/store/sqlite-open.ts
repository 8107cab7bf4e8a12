/**
 * Opening the SQLite file: the owner-only permissions of the data folder, the database and its WAL and SHM, and the
 * schema migrations applied once each.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from './migrations.ts';

/**
 * The data folder (0700 when created here) and the database file (0600, before SQLite opens it, so that its WAL and
 * SHM files are created 0600 too); existing database, WAL and SHM files readable by others are narrowed to 0600.
 */
export function ownerOnlyFiles(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(f)) continue;
    const mode = statSync(f).mode & 0o777;
    if ((mode & 0o077) !== 0) chmodSync(f, mode & 0o700);
  }
}

/** Applies the pending migrations, each in its own IMMEDIATE transaction (another process opening at the same time waits). */
export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of SQLITE_MIGRATIONS) {
    db.transaction(() => {
      if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version)) return;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
}
