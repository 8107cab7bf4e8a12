/**
 * The store contract, continued: the text rule (no NUL, no unpaired surrogate) and admin-token management, run by
 * sqlite.test.ts and postgres.test.ts against a fresh database per test, so that both back ends keep one rule.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isDiagError } from '../../src/errors.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import type { Store } from '../../src/responses/store/types.ts';
import { fixedClock, type Harness } from './store.contract.ts';
import { newWave, UNITS, waveWithTokens } from './fixtures.ts';

const NOW = fixedClock();

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; column?: string | undefined }> {
  try {
    await p;
  } catch (e) {
    if (isDiagError(e)) return { code: e.code, message: e.message, column: e.details[0]?.column };
    throw e;
  }
  return { code: 'no error', message: '' };
}

const response = (id: string, data: Record<string, unknown>, meta: SurveyResponse['meta'] = { source: 'paper' }): SurveyResponse => ({ id, data, meta });

/** Row counts of everything a write could touch. */
async function snapshot(store: Store, tokenHash: string) {
  return {
    responses: await store.countResponses(),
    draft: await store.loadDraft(tokenHash, 'd1'),
    waves: (await store.listWaves()).length,
    frames: (await store.listFrames()).length,
    tokens: (await store.listAdminTokens()).length,
    batches: (await store.listImportBatches()).length,
  };
}

export function storeRulesContract(name: string, fresh: () => Promise<Harness>): void {
  describe(`Store contract, rules: ${name}`, () => {
    let h: Harness;
    const open = async () => (h = await fresh()).store;
    afterEach(async () => h?.dispose());

    describe('text with NUL characters or unpaired surrogates', () => {
      const BAD = { nul: 'a\u0000b', surrogate: 'x\uD800y', lowSurrogate: '\uDC00' };

      it.each(Object.entries(BAD))('is refused in everything a store keeps (%s): INPUT_INVALID naming the field, nothing written', async (_kind, bad) => {
        const store = await open();
        const { hashes } = await waveWithTokens(store);
        const tokenHash = hashes['0201011']!;
        await store.saveDraft({ tokenHash, clientDraftId: 'd1', data: { comments: 'przed' } });
        const before = await snapshot(store, tokenHash);
        const attempts: [string, Promise<unknown>][] = [
          ['response.data.comments', store.submitResponse({ ...response('r1', { comments: bad }), tokenHash })],
          ['response.data.DANE.DANE1', store.submitResponse(response('r2', { DANE: { DANE1: { [bad]: 1 } } }))],
          ['response.meta.wave', store.submitResponse(response('r3', { comments: 'ok' }, { wave: bad }))],
          ['response.id', store.submitResponse(response(bad, { comments: 'ok' }))],
          ['draft.comments', store.saveDraft({ tokenHash, clientDraftId: 'd1', data: { comments: bad } })],
          ['draft id', store.saveDraft({ tokenHash, clientDraftId: bad, data: {} })],
          ['responses[0].data.tasks[1]', store.importResponses({ fileName: 'a.csv', sha256: 'c'.repeat(64) }, [response('r4', { tasks: ['a', bad] })])],
          ['import.fileName', store.importResponses({ fileName: bad, sha256: 'c'.repeat(64) }, [response('r5', {})])],
          ['wave.name', store.createWave({ ...newWave(1, bad) }, [])],
          ['frame.name', store.importFrame({ name: bad, version: '1', source: 's' }, UNITS)],
          ['frame units[0].name', store.importFrame({ name: 'f2', version: '1', source: 's' }, [{ ...UNITS[0]!, name: bad }])],
          ['admin token name', store.createAdminToken(bad, 'a'.repeat(64))],
        ];
        for (const [field, attempt] of attempts) {
          const f = await failure(attempt);
          expect(f.code, field).toBe('INPUT_INVALID');
          expect(f.column, field).toBe(field);
          expect(f.message).toContain('nothing was stored');
        }
        expect(await snapshot(store, tokenHash)).toEqual(before);
      });

      it('nested absurdly deep is refused too', async () => {
        const store = await open();
        let deep: unknown = 'x';
        for (let i = 0; i < 5000; i++) deep = [deep];
        expect((await failure(store.submitResponse(response('r1', { comments: deep })))).code).toBe('INPUT_INVALID');
        expect(await store.countResponses()).toBe(0);
      });

      it.each(Object.entries(BAD))('matches nothing in a lookup (%s), without failing', async (_kind, bad) => {
        const store = await open();
        const { hashes } = await waveWithTokens(store);
        await store.importResponses({ fileName: 'a.csv', sha256: 'c'.repeat(64) }, [response('r1', { comments: 'ok' }, { wave: 'w1' })]);
        expect(await store.getWave(bad)).toBeNull();
        expect(await store.findFrame(bad)).toBeNull();
        expect(await store.countResponses({ wave: bad })).toBe(0);
        expect(await store.listResponses({ wave: bad })).toEqual([]);
        expect(await store.getResponse(bad)).toBeNull();
        expect(await store.findInvitation(bad)).toBeNull();
        expect(await store.loadDraft(hashes['0201011']!, bad)).toBeNull();
        expect(await store.loadDraft(bad, 'd1')).toBeNull();
        expect(await store.findAdminToken(bad)).toBeNull();
        expect((await failure(store.listInvitations(bad))).code).toBe('INPUT_NOT_FOUND');
        expect((await failure(store.closeWave(bad))).code).toBe('INPUT_NOT_FOUND');
        expect((await failure(store.revokeAdminToken(bad))).code).toBe('INPUT_NOT_FOUND');
        expect(await store.countResponses({ wave: 'w1' })).toBe(1);
      });

      it('keeps well-formed text whole: Polish letters, emoji (surrogate pairs), other control characters', async () => {
        const store = await open();
        const text = 'Zażółć gęślą jaźń 😀 \u0001\t\n koniec';
        await store.submitResponse(response('r1', { comments: text }, { wave: 'fala-1' }));
        expect((await store.getResponse('r1'))?.data.comments).toBe(text);
      });
    });

    it('answers ping', async () => {
      const store = await open();
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('admin tokens: expiry, listing and revocation', () => {
      const hash = (c: string) => c.repeat(64);

      it('finds an active token only: not an expired one, not a revoked one', async () => {
        const store = await open();
        const later = new Date(NOW.getTime() + 86_400_000).toISOString();
        const earlier = new Date(NOW.getTime() - 1000).toISOString();
        const active = await store.createAdminToken('a', hash('a'), { expiresAt: later });
        expect(active).toMatchObject({ name: 'a', expiresAt: later });
        await store.createAdminToken('b', hash('b'), { expiresAt: earlier });
        await store.createAdminToken('c', hash('c'));
        expect(await store.findAdminToken(hash('a'))).toEqual(active);
        expect(await store.findAdminToken(hash('b'))).toBeNull();
        expect(await store.findAdminToken(hash('c'))).toMatchObject({ name: 'c', expiresAt: null });
        const revoked = await store.revokeAdminToken('c');
        expect(revoked).toEqual([expect.objectContaining({ name: 'c', status: 'revoked', revokedAt: NOW.toISOString() })]);
        expect(await store.findAdminToken(hash('c'))).toBeNull();
      });

      it('lists every token with its status and expiry, never its hash', async () => {
        const store = await open();
        await store.createAdminToken('analityk', hash('a'));
        await store.createAdminToken('stary', hash('b'), { expiresAt: '2020-01-01T00:00:00.000Z' });
        const c = await store.createAdminToken('odwołany', hash('c'));
        await store.revokeAdminToken(c.id);
        const list = await store.listAdminTokens();
        expect(list.map((t) => [t.name, t.status])).toEqual([['analityk', 'active'], ['stary', 'expired'], ['odwołany', 'revoked']]);
        expect(list[1]?.expiresAt).toBe('2020-01-01T00:00:00.000Z');
        const text = JSON.stringify(list);
        for (const c of ['a', 'b', 'c']) expect(text).not.toContain(hash(c));
        expect(Object.keys(list[0]!).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'name', 'revokedAt', 'status']);
      });

      it('keeps one active token per name, and no all-digit names (ids are digits)', async () => {
        const store = await open();
        await store.createAdminToken('zespół', hash('a'));
        expect((await failure(store.createAdminToken('zespół', hash('b')))).code).toBe('CONFIG_INVALID');
        expect((await failure(store.createAdminToken('12', hash('b')))).code).toBe('USAGE');
        expect((await failure(store.createAdminToken('  ', hash('b')))).code).toBe('USAGE');
        await store.revokeAdminToken('zespół');
        expect(await store.createAdminToken('zespół', hash('b'))).toMatchObject({ name: 'zespół' });
        expect((await store.listAdminTokens()).map((t) => t.status)).toEqual(['revoked', 'active']);
      });

      it('revokes by id or by name; revoking twice changes nothing; an unknown one is INPUT_NOT_FOUND', async () => {
        const store = await open();
        const a = await store.createAdminToken('a', hash('a'));
        await store.createAdminToken('b', hash('b'));
        expect((await store.revokeAdminToken(a.id)).map((t) => t.name)).toEqual(['a']);
        expect((await store.revokeAdminToken(String(a.id)))[0]).toMatchObject({ status: 'revoked', revokedAt: NOW.toISOString() });
        expect((await failure(store.revokeAdminToken('a'))).code).toBe('INPUT_NOT_FOUND');
        expect((await failure(store.revokeAdminToken(999))).code).toBe('INPUT_NOT_FOUND');
        expect((await failure(store.revokeAdminToken('99999999999999999999'))).code).toBe('INPUT_NOT_FOUND');
        expect(await store.findAdminToken(hash('b'))).toMatchObject({ name: 'b' });
      });
    });
  });
}
