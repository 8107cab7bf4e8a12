/**
 * How the commands reach the store: PostgreSQL when DATABASE_URL is set, else the SQLite file in the data folder
 * (DIAG_DATA_DIR, default var/ under the repository). The store is closed whatever happens.
 */
import { openStore, resolveDataDir } from '../responses/store/open.ts';
import type { Store } from '../responses/store/types.ts';

export async function withStore<T>(fn: (store: Store, dataDir: string) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await fn(store, resolveDataDir());
  } finally {
    await store.close();
  }
}

/** Fixed-width text table for the terminal. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === 'number' || /^-?[\d.,]*$/.test(String(r[i]))));
  return cells.map((r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n') + '\n';
}
