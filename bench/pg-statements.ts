/**
 * Counts the statements the PostgreSQL client sends while `fn` runs: each is one round trip (pool.query goes through
 * Client#query as well). For the benchmarks' round-trip figures.
 */
import pg from 'pg';

export async function countStatements<T>(fn: () => Promise<T>): Promise<{ value: T; statements: number }> {
  const original = pg.Client.prototype.query;
  let statements = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    return { value: await fn(), statements };
  } finally {
    pg.Client.prototype.query = original;
  }
}
