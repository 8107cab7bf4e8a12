/**
 * A server on a fresh SQLite store per test: the fixture frame (test/store/fixtures.ts), a wave "w1" with an
 * invitation for Bolesławiec (urban, 0201011) and Jelenia Góra (city with county rights, 0261011), an admin token,
 * and every log line captured.
 */
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
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<AppOptions> & { slots?: number } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'diag-server-'));
  const store = await openStore({ dataDir: dir, databaseUrl: '', now: () => NOW });
  const { tokens } = await waveWithTokens(store, 'w1', options.slots ?? 3);
  const adminToken = newToken(32);
  await store.createAdminToken('test', hashToken(adminToken));
  const logs: string[] = [];
  const app = await buildApp({
    store,
    questionnaire: shippedQuestionnaire(),
    now: () => NOW,
    logger: { level: 'debug', stream: { write: (line: string) => void logs.push(line) } },
    ...options,
  });
  return {
    app, store, dir, tokens, adminToken, logs,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
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
