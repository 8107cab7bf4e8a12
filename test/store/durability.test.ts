/**
 * Durability under SIGKILL, on SQLite and on PostgreSQL: a child process writes responses to the store and prints
 * every id the store acknowledged; it is killed with SIGKILL at a random moment. Every acknowledged id must then be
 * present and whole (and the SQLite file must pass PRAGMA integrity_check). Three rounds on the same database.
 *
 * PostgreSQL runs in a schema of its own; where it cannot be reached that run is skipped with a message, except in
 * CI (process.env.CI set), where that is a failure (as in postgres.test.ts).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/responses/store/open.ts';
import type { SqliteStore } from '../../src/responses/store/sqlite.ts';
import type { Store } from '../../src/responses/store/types.ts';
import { postgresProblem, TEST_DATABASE_URL } from '../helpers/postgres.ts';
import { durabilityResponse } from './durability-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'diag-durability-'));
const schema = `diag_test_${randomBytes(6).toString('hex')}`;
const problem = await postgresProblem();
if (problem && !process.env.CI) console.warn(`PostgreSQL durability test skipped: ${TEST_DATABASE_URL} is not reachable (${problem}).`);

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (problem === null) {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
});

type Backend = 'sqlite' | 'postgres';

/** Runs the child from `start`, kills it `delayMs` after its first acknowledgement; returns the acknowledged ids. */
function runAndKill(backend: Backend, start: number, delayMs: number): Promise<{ acked: string[]; killed: boolean }> {
  return new Promise((done, fail) => {
    const args = [join(here, 'durability-child.ts'), dataDir, String(start), '20000', ...(backend === 'postgres' ? [TEST_DATABASE_URL, schema] : [])];
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (acked.length > 0 && !timer) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) return fail(new Error(`child exited with ${code}: ${stderr}`));
      done({ acked, killed: signal === 'SIGKILL' });
    });
  });
}

function open(backend: Backend): Promise<Store> {
  return backend === 'postgres' ? openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema, poolSize: 2 }) : openStore({ dataDir, databaseUrl: '' });
}

describe('PostgreSQL for the durability test', () => {
  it.runIf(process.env.CI)('is reachable in CI', () => {
    expect(problem, `PostgreSQL at ${TEST_DATABASE_URL} must be reachable in CI`).toBeNull();
  });
});

describe.each<{ backend: Backend; skip: boolean }>([
  { backend: 'sqlite', skip: false },
  { backend: 'postgres', skip: problem !== null },
])('$backend durability under kill -9', ({ backend, skip }) => {
  const delays = [0, 1, 2].map((round) => [round, 30 + Math.floor(Math.random() * 400)] as const);
  let acknowledged = 0;

  it.skipIf(skip).each(delays)('round %i: every acknowledged response survives SIGKILL after %i ms, whole', async (round, delay) => {
    const { acked, killed } = await runAndKill(backend, round * 100_000, delay);
    expect(acked.length).toBeGreaterThan(0);
    acknowledged += acked.length;
    const store = await open(backend);
    try {
      if (backend === 'sqlite') expect((store as SqliteStore).integrityCheck()).toBe('ok');
      const missing: string[] = [];
      for (const id of acked) {
        const stored = await store.getResponse(id);
        const expected = durabilityResponse(Number(id.slice(1)));
        if (!stored) missing.push(id);
        else expect({ id: stored.id, data: stored.data, meta: stored.meta }).toEqual(expected);
      }
      expect(missing).toEqual([]);
      expect(await store.countResponses()).toBeGreaterThanOrEqual(acknowledged);
      if (!killed) console.warn(`${backend} round ${round}: the child finished before the kill; nothing was interrupted`);
    } finally {
      await store.close();
    }
  });
});
