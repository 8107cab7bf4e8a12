/**
 * Which store to open: PostgreSQL when a database URL is given (option or DATABASE_URL), else the embedded
 * SQLite file `diag.sqlite` in the data folder (option, DIAG_DATA_DIR, or `var/` under the repository).
 * The data folder also keeps what must never enter the database: the wave secrets (`secrets/`).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SQLITE_FILE_NAME = 'diag.sqlite';

export interface StoreOptions {
  /** PostgreSQL connection URL; default DATABASE_URL; empty or absent = SQLite */
  databaseUrl?: string;
  /** data folder; default DIAG_DATA_DIR, else `var/` under the repository */
  dataDir?: string;
  /** PostgreSQL only: a schema of the store's own (created if missing) */
  pgSchema?: string;
  /** PostgreSQL only: pool size (default 10) */
  poolSize?: number;
  /** the clock, for tests */
  now?: () => Date;
  /** where DATABASE_URL and DIAG_DATA_DIR are read (default process.env) */
  env?: Record<string, string | undefined>;
}

export function resolveDataDir(options: Pick<StoreOptions, 'dataDir' | 'env'> = {}): string {
  const env = options.env ?? process.env;
  return resolve(options.dataDir ?? (env.DIAG_DATA_DIR || join(repoRoot, 'var')));
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const env = options.env ?? process.env;
  const url = options.databaseUrl ?? env.DATABASE_URL;
  const now = options.now ? { now: options.now } : {};
  if (url) {
    return PostgresStore.open({ url, ...now, ...(options.pgSchema ? { schema: options.pgSchema } : {}), ...(options.poolSize ? { poolSize: options.poolSize } : {}) });
  }
  return new SqliteStore({ file: join(resolveDataDir(options), SQLITE_FILE_NAME), ...now });
}
