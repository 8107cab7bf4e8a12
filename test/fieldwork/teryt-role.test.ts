/**
 * Fieldwork counts a response imported for a wave (paper, phone: no invitation) for the JST its TERYT answer names,
 * read from the question the questionnaire's roles.teryt names, whatever its id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waveFieldwork } from '../../src/responses/fieldwork.ts';
import { openStore } from '../../src/responses/store/open.ts';
import type { Store } from '../../src/responses/store/types.ts';
import { UNITS, waveWithTokens } from '../store/fixtures.ts';

let dir = '';
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('wave fieldwork with a renamed TERYT question', () => {
  it('counts an imported response for the JST named by the TERYT role\'s question', async () => {
    dir = mkdtempSync(join(tmpdir(), 'diag-teryt-role-'));
    store = await openStore({ dataDir: dir, databaseUrl: '' });
    await waveWithTokens(store, 'w1');
    const teryt = UNITS[1]!.teryt;
    await store.importResponses({ fileName: 'paper.csv', sha256: '2'.repeat(64) }, [
      { id: 'p1', data: { kod_teryt: teryt }, meta: { wave: 'w1', source: 'paper' } },
    ]);
    const by = async (variable: string) => (await waveFieldwork(store!, 'w1', variable)).jsts.find((j) => j.teryt === teryt)!;
    expect((await by('kod_teryt')).responses).toBe(1);
    expect((await by('kod_teryt')).status).toBe('answered');
    expect((await by('teryt')).responses).toBe(0);
  });
});
