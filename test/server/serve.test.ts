import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/responses/store/open.ts';
import { waveWithTokens } from '../store/fixtures.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'diag.js');
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('diag serve', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('listens on 127.0.0.1, serves a link, and on %s stops cleanly, closing the store', async (signal) => {
    dir = mkdtempSync(join(tmpdir(), 'diag-serve-'));
    const seed = await openStore({ dataDir: dir, databaseUrl: '' });
    const { tokens } = await waveWithTokens(seed, 'w1');
    await seed.close();

    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--log-level', 'warn'], {
      env: { ...process.env, DIAG_DATA_DIR: dir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening" line within 30 s: ${out} ${err}`)), 30_000);
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      void exited.then((code) => reject(new Error(`diag serve exited with ${code}: ${err}`)));
    });
    try {
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      const page = await fetch(`${url}/s/${tokens['0201011']}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Bolesławiec');
    } finally {
      child.kill(signal);
    }
    expect(await exited).toBe(0);
    expect(out).toContain(`${signal} received, stopping`);
    expect(out).toContain('diag serve: stopped');
    expect(err).toBe('');
    // the store was closed cleanly: it opens again and holds the wave
    const again = await openStore({ dataDir: dir, databaseUrl: '' });
    expect((await again.listWaves()).map((w) => w.name)).toEqual(['w1']);
    await again.close();
  });
});
