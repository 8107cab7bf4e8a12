/**
 * A server on a fresh store per test (SQLite in a temporary data folder, or PostgreSQL in a schema of its own): the
 * fixture frame (test/store/fixtures.ts), a wave "w1" with an invitation for Bolesławiec (urban, 0201011) and Jelenia
 * Góra (city with county rights, 0261011), an admin token, and every log line captured.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { JstKind } from '../../src/domain/jst.ts';
import type { StaffGroup } from '../../src/questionnaire/types.ts';
import { openStore } from '../../src/responses/store/open.ts';
import { hashToken, newToken } from '../../src/responses/store/tokens.ts';
import type { Store } from '../../src/responses/store/types.ts';
import { buildApp, type AppOptions } from '../../src/server/app.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { waveWithTokens } from '../store/fixtures.ts';
import Database from 'better-sqlite3';
import pg from 'pg';
import { TEST_DATABASE_URL } from '../helpers/postgres.ts';
import { SQLITE_FILE_NAME } from '../../src/responses/store/open.ts';

export const URBAN = '0201011';
export const CITY = '0261011';
export const NOW = new Date('2026-11-24T12:00:00Z');

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  dir: string;
  /** invitation tokens by TERYT code */
  tokens: Record<string, string>;
  adminToken: string;
  logs: string[];
  /** drafts in the database, counted with SQL (the store has no such method) */
  countDrafts(): Promise<number>;
  close(): Promise<void>;
}

export type Backend = 'sqlite' | 'postgres';

export async function startTestServer(options: Partial<AppOptions> & { slots?: number; backend?: Backend } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'diag-server-'));
  const { slots, backend = 'sqlite', ...appOptions } = options;
  const schema = `diag_test_${randomBytes(6).toString('hex')}`;
  const store = backend === 'postgres'
    ? await openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema, now: () => NOW, poolSize: 4 })
    : await openStore({ dataDir: dir, databaseUrl: '', now: () => NOW });
  const sql = async (query: string): Promise<number> => {
    if (backend === 'sqlite') {
      const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
      try {
        return Number((db.prepare(query).get() as { n: number }).n);
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return Number((await client.query(query)).rows[0].n);
    } finally {
      await client.end();
    }
  };
  const { tokens } = await waveWithTokens(store, 'w1', slots ?? 3);
  const adminToken = newToken(32);
  await store.createAdminToken('test', hashToken(adminToken));
  const logs: string[] = [];
  const app = await buildApp({
    store,
    questionnaire: shippedQuestionnaire(),
    now: () => NOW,
    logger: { level: 'debug', stream: { write: (line: string) => void logs.push(line) } },
    ...appOptions,
  });
  return {
    app, store, dir, tokens, adminToken, logs,
    countDrafts: () => sql('SELECT count(*) AS n FROM drafts'),
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      if (backend === 'postgres') {
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    },
  };
}

/** Complete, valid answers for a respondent of the given JST kind (the fixture's TERYT code) and staff group. */
export function answers(kind: JstKind = 'urban', group: StaffGroup = 'management', comment?: string): Record<string, unknown> {
  const data = completeResponse(shippedQuestionnaire(), kind, group).data;
  if (comment !== undefined) data.comments = comment;
  return data;
}

export const DRAFT_A = 'draftAAAAAAAAAAAAAAAAA';
export const DRAFT_B = 'draftBBBBBBBBBBBBBBBBB';

export function submit(s: TestServer, token: string, body: unknown): Promise<LightMyRequestResponse> {
  return s.app.inject({ method: 'POST', url: `/api/s/${token}/responses`, payload: body as InjectOptions['payload'] });
}

export function admin(s: TestServer, url: string, token: string | null = s.adminToken): Promise<LightMyRequestResponse> {
  return s.app.inject({ method: 'GET', url, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}
