/**
 * The respondent ids of a file read so far, with the row each was first seen on, to report an id used twice
 * ("also on row N") while memory stays bounded whatever the file's size: up to `memoryLimit` ids are kept in a
 * Map; past that they move to a temporary SQLite database on disk (better-sqlite3, deleted when closed), whose
 * page cache is bounded. A survey file rarely goes past the Map; a file of millions of rows costs a few µs a row
 * more instead of memory.
 */
import { createRequire } from 'node:module';
import type { Database, Statement } from 'better-sqlite3';

const require = createRequire(import.meta.url);

export class SeenIds {
  private map = new Map<string, number>();
  private db: Database | null = null;
  private insert: Statement | null = null;
  private lookup: Statement | null = null;

  constructor(private readonly memoryLimit = 200_000) {}

  /** Records `id` as seen on `line`; returns the line it was first seen on if it was seen before. */
  add(id: string, line: number): number | undefined {
    const first = this.map.get(id);
    if (first !== undefined) return first;
    if (this.db) {
      if (this.insert!.run(id, line).changes === 1) return undefined;
      return Number((this.lookup!.get(id) as { line: number }).line);
    }
    this.map.set(id, line);
    if (this.map.size >= this.memoryLimit) this.spill();
    return undefined;
  }

  /** Where the ids are kept now (for tests and the benchmark). */
  get where(): 'memory' | 'disk' {
    return this.db ? 'disk' : 'memory';
  }

  private spill(): void {
    const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Sqlite(''); // an anonymous on-disk database, removed when closed
    db.pragma('cache_size = -16384');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec('CREATE TABLE seen (id TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID');
    db.exec('BEGIN');
    this.insert = db.prepare('INSERT INTO seen (id, line) VALUES (?, ?) ON CONFLICT DO NOTHING');
    this.lookup = db.prepare('SELECT line FROM seen WHERE id = ?');
    for (const [id, line] of this.map) this.insert.run(id, line);
    this.map = new Map();
    this.db = db;
  }

  close(): void {
    this.db?.close();
    this.db = null;
    this.map = new Map();
  }
}
