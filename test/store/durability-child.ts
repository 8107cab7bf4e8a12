/**
 * Child process of durability.test.ts: opens the store (SQLite in DIR, or PostgreSQL in SCHEMA when a database URL
 * is given) and submits responses in a loop, a few at a time, printing "ack <id>" for each one the store
 * acknowledged. Stops by itself after MAX responses or 20 s.
 *
 *   durability-child.ts DIR START [MAX] [DATABASE_URL SCHEMA]
 */
import { openStore } from '../../src/responses/store/open.ts';
import { durabilityResponse } from './durability-data.ts';

const [dir, startArg, maxArg, databaseUrl, schema] = process.argv.slice(2);
const start = Number(startArg ?? 0);
const max = Number(maxArg ?? 20000);
const store = databaseUrl
  ? await openStore({ databaseUrl, ...(schema ? { pgSchema: schema } : {}), poolSize: 8 })
  : await openStore({ dataDir: dir, databaseUrl: '' });
const deadline = Date.now() + 20_000;
process.stdout.write('ready\n');
for (let i = start; i < start + max && Date.now() < deadline; i += 8) {
  await Promise.all(
    Array.from({ length: 8 }, async (_, k) => {
      const r = durabilityResponse(i + k);
      await store.submitResponse(r);
      process.stdout.write(`ack ${r.id}\n`);
    }),
  );
}
await store.close();
