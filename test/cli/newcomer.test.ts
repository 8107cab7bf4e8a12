/**
 * The newcomer path: a busy port is said at once, in one line that says how to choose another, before the store is
 * touched (no EADDRINUSE stack trace after minutes of work); a second `npm start` never prints a used-up link.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLink } from '../../src/cli/demo.ts';
import { SQLITE_FILE_NAME } from '../../src/responses/store/open.ts';
import { hashToken, invitationToken } from '../../src/responses/store/tokens.ts';
import { createWave, readSecret, waveLinks } from '../../src/responses/waves.ts';
import { completeResponse } from '../helpers/responses.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { runCli } from '../helpers/io.ts';
import { shippedFrame } from '../helpers/small-wave.ts';
import { useDataDir } from './data-dir.ts';

const root = resolve(import.meta.dirname, '..', '..');
const data = useDataDir();
let blocker: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (blocker ? blocker.close(() => r()) : r()));
  blocker = undefined;
});

async function busyPort(): Promise<number> {
  blocker = createServer();
  await new Promise<void>((r) => blocker!.listen(0, '127.0.0.1', r));
  return (blocker.address() as AddressInfo).port;
}

describe('newcomer path', () => {
  it.each([
    [['serve'], 'diag serve --port'],
    [['demo'], 'npm start -- --port'],
  ])('diag %s on a busy port says so in one line, how to choose another, and touches no store', async (args, hint) => {
    const port = await busyPort();
    const run = await runCli([...args, '--port', String(port)], root);
    expect(run.code).toBe(4);
    expect(run.err).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(run.err).toContain(hint);
    expect(run.err).not.toMatch(/EADDRINUSE|\n\s+at /);
    expect(run.out).not.toContain('Analysis:');
    expect(existsSync(join(data.dir, SQLITE_FILE_NAME))).toBe(false);
  });

  it('prints a link that still takes answers: never one whose slots are all used, and says so when none is left', async () => {
    const store = await data.open();
    try {
      const frame = shippedFrame();
      await store.importFrame({ name: 'f', version: '1', source: 'f.csv' }, frame);
      await createWave(store, { name: 'demo-pilot', size: 3, strata: [], allocation: 'proportional', seed: '1', slots: 1, dataDir: data.dir });
      const links = await waveLinks(store, data.dir, 'demo-pilot', 'http://127.0.0.1:8080');
      const wave = (await store.getWave('demo-pilot'))!;
      const units = new Map(frame.map((u) => [u.teryt, u]));
      expect((await openLink(store, 'demo-pilot', links)).link).toEqual(links[0]);
      // the first link is used up (as after a first npm start and a submitted form)
      const use = async (teryt: string) => {
        const u = units.get(teryt)!;
        const r = completeResponse(shippedQuestionnaire(), u.kind, 'management', `r-${teryt}`);
        await store.submitResponse({ ...r, tokenHash: hashToken(invitationToken(readSecret(data.dir, wave), 'demo-pilot', teryt)) });
      };
      await use(links[0]!.teryt);
      expect(await openLink(store, 'demo-pilot', links)).toEqual({ link: links[1], free: 2 });
      await use(links[1]!.teryt);
      await use(links[2]!.teryt);
      expect(await openLink(store, 'demo-pilot', links)).toEqual({ link: undefined, free: 0 });
    } finally {
      await store.close();
    }
  });
});
