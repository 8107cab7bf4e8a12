/**
 * Durability under SIGKILL: a child process writes responses to the SQLite store and prints every id the store
 * acknowledged; it is killed with SIGKILL at a random moment. Every acknowledged id must then be present and
 * whole, and the database must pass PRAGMA integrity_check. Three rounds on the same database.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/responses/store/open.ts';
import type { SqliteStore } from '../../src/responses/store/sqlite.ts';
import { durabilityResponse } from './durability-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'diag-durability-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the child from `start`, kills it `delayMs` after its first acknowledgement; returns the acknowledged ids. */
function runAndKill(start: number, delayMs: number): Promise<{ acked: string[]; killed: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'durability-child.ts'), dataDir, String(start)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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

describe('SQLite durability under kill -9', () => {
  const delays = [0, 1, 2].map((round) => [round, 30 + Math.floor(Math.random() * 400)] as const);
  let acknowledged = 0;

  it.each(delays)('round %i: every acknowledged response survives SIGKILL after %i ms, whole', async (round, delay) => {
    const { acked, killed } = await runAndKill(round * 100_000, delay);
    expect(acked.length).toBeGreaterThan(0);
    acknowledged += acked.length;
    const store = (await openStore({ dataDir, databaseUrl: '' })) as SqliteStore;
    try {
      expect(store.integrityCheck()).toBe('ok');
      const missing: string[] = [];
      for (const id of acked) {
        const stored = await store.getResponse(id);
        const expected = durabilityResponse(Number(id.slice(1)));
        if (!stored) missing.push(id);
        else expect({ id: stored.id, data: stored.data, meta: stored.meta }).toEqual(expected);
      }
      expect(missing).toEqual([]);
      expect(await store.countResponses()).toBeGreaterThanOrEqual(acknowledged);
      if (!killed) console.warn(`round ${round}: the child finished before the kill; nothing was interrupted`);
    } finally {
      await store.close();
    }
  });
});
