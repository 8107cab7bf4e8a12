/**
 * The behaviour every Store back end must show, run by sqlite.test.ts and postgres.test.ts against a fresh
 * database per test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/responses/store/types.ts';
import { isDiagError } from '../../src/errors.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import { newWave, UNITS, waveWithTokens } from './fixtures.ts';

export interface Harness {
  store: Store;
  /** closes the store and opens the same database again */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

const NOW = new Date('2026-03-02T10:00:00.000Z');
export const fixedClock = () => NOW;

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isDiagError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

function responses(n: number, prefix = 'r'): SurveyResponse[] {
  const q = shippedQuestionnaire();
  const kinds = ['rural', 'urban', 'county', 'city_county', 'urban_rural'] as const;
  return Array.from({ length: n }, (_, i) => {
    const r = completeResponse(q, kinds[i % kinds.length]!, i % 2 ? 'management' : 'operational', `${prefix}${i + 1}`);
    return { ...r, meta: { wave: 'paper-2026', source: 'paper', startedAt: '2026-03-01T09:00:00Z', submittedAt: '2026-03-01T09:20:00Z', durationSec: 1200 + i } };
  });
}

export function storeContract(name: string, fresh: () => Promise<Harness>): void {
  describe(`Store contract: ${name}`, () => {
    let h: Harness;
    const open = async () => (h = await fresh()).store;
    afterEach(async () => h?.dispose());

    describe('frames', () => {
      it('stores the units of a frame and gives them back ordered by TERYT code', async () => {
        const store = await open();
        const { frame, created } = await store.importFrame({ name: 'TERC', version: '2022-01-01', source: 'TERC.csv' }, [...UNITS].reverse());
        expect(created).toBe(true);
        expect(frame).toMatchObject({ name: 'TERC', version: '2022-01-01', units: 4, createdAt: NOW.toISOString() });
        expect(await store.frameUnits(frame.id)).toEqual(UNITS);
      });

      it('identifies frames by content: the same units once, whatever the version; findFrame gives the latest', async () => {
        const store = await open();
        const a = await store.importFrame({ name: 'f', version: '1', source: 'a' }, UNITS);
        const again = await store.importFrame({ name: 'f', version: '1', source: 'a' }, [...UNITS].reverse());
        const sameUnitsLater = await store.importFrame({ name: 'f', version: '9', source: 'c' }, UNITS);
        const b = await store.importFrame({ name: 'f', version: '2', source: 'b' }, UNITS.slice(0, 2));
        expect(again).toEqual({ frame: a.frame, created: false });
        expect(sameUnitsLater).toEqual({ frame: a.frame, created: false });
        expect(a.frame.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect((await store.findFrame('f'))?.id).toBe(b.frame.id);
        expect((await store.findFrame())?.version).toBe('2');
        expect(await store.findFrame('none')).toBeNull();
        expect((await store.listFrames()).map((f) => f.units)).toEqual([4, 2]);
      });

      it('never lets an earlier bad copy of the same name and version shadow the full frame', async () => {
        const store = await open();
        const cut = await store.importFrame({ name: 'TERC', version: '2022-01-01', source: 'cut.csv' }, UNITS.slice(0, 2));
        const full = await store.importFrame({ name: 'TERC', version: '2022-01-01', source: 'full.csv' }, UNITS);
        expect(full.created).toBe(true);
        expect(full.differs).toEqual(cut.frame);
        expect(full.frame.version).toBe(`2022-01-01+${full.frame.sha256!.slice(0, 8)}`);
        expect((await store.findFrame('TERC'))?.id).toBe(full.frame.id);
        expect(await store.frameUnits(full.frame.id)).toEqual(UNITS);
        // and the full one again: nothing changed
        expect(await store.importFrame({ name: 'TERC', version: '2022-01-01', source: 'full.csv' }, UNITS)).toEqual({ frame: full.frame, created: false });
      });
    });

    describe('waves and invitations', () => {
      it('stores a wave with its allocation table and invitations, and finds an invitation by token hash', async () => {
        const store = await open();
        const { hashes } = await waveWithTokens(store, 'w1', 3);
        const wave = await store.getWave('w1');
        expect(wave).toMatchObject({ name: 'w1', status: 'open', slots: 3, strata: ['kind'], allocation: 'proportional', seed: '42', closedAt: null });
        expect(wave?.allocationTable[0]).toMatchObject({ key: 'urban', achieved: 1, sd: null });
        expect((await store.listInvitations('w1')).map((i) => [i.teryt, i.slots, i.slotsUsed])).toEqual([['0201011', 3, 0], ['0261011', 3, 0]]);
        const ctx = await store.findInvitation(hashes['0261011']!);
        expect(ctx?.wave).toEqual({ id: wave?.id, name: 'w1', status: 'open', contactEmail: null, instrumentSha256: null });
        expect(ctx?.unit).toEqual(UNITS[3]);
        expect(await store.findInvitation('0'.repeat(64))).toBeNull();
      });

      it.each([
        ['a second wave of the same name', async (s: Store) => waveWithTokens(s, 'w1'), 'CONFIG_INVALID'],
        ['closing an unknown wave', async (s: Store) => s.closeWave('nope'), 'INPUT_NOT_FOUND'],
        ['listing the invitations of an unknown wave', async (s: Store) => s.listInvitations('nope'), 'INPUT_NOT_FOUND'],
      ])('refuses %s', async (_, act, code) => {
        const store = await open();
        await waveWithTokens(store, 'w1');
        expect(await errorCode(act(store))).toBe(code);
        expect((await store.listWaves()).length).toBe(1);
      });

      it('keeps the questionnaire a wave collects (file, version, SHA-256), and none for a wave created without one', async () => {
        const store = await open();
        const { frame } = await store.importFrame({ name: 'f', version: '1', source: 'x' }, UNITS);
        const instrument = { file: 'ewaluacja-modulu.json', version: '0.3', sha256: 'c'.repeat(64) };
        await store.createWave({ ...newWave(frame.id, 'pilot'), instrument }, []);
        await store.createWave(newWave(frame.id, 'old'), []);
        expect((await store.getWave('pilot'))?.instrument).toEqual(instrument);
        expect((await store.getWave('old'))?.instrument).toBeNull();
        expect((await store.listWaves()).map((w) => [w.name, w.instrument?.version ?? null])).toEqual([['pilot', '0.3'], ['old', null]]);
      });

      it('closes a wave once; closing again changes nothing', async () => {
        const store = await open();
        await waveWithTokens(store);
        const closed = await store.closeWave('w1');
        expect(closed).toMatchObject({ status: 'closed', closedAt: NOW.toISOString() });
        expect(await store.closeWave('w1')).toEqual(closed);
      });

      it('stores a wave and its invitations together or not at all', async () => {
        const store = await open();
        const { frame } = await store.importFrame({ name: 'f', version: '1', source: 'x' }, UNITS);
        const dup = { teryt: '0201011', tokenHash: 'a'.repeat(64), slots: 1, stratum: 's', inclusionProbability: 1, baseWeight: 1 };
        await expect(store.createWave(newWave(frame.id, 'bad'), [dup, { ...dup, tokenHash: 'b'.repeat(64) }])).rejects.toThrow();
        expect(await store.getWave('bad')).toBeNull();
      });
    });

    describe('drafts', () => {
      it('saves, replaces and loads a draft by token and client draft id', async () => {
        const store = await open();
        const { hashes } = await waveWithTokens(store);
        const tokenHash = hashes['0201011']!;
        await store.saveDraft({ tokenHash, clientDraftId: 'd1', data: { jst_kind: 'urban' } });
        await store.saveDraft({ tokenHash, clientDraftId: 'd1', data: { jst_kind: 'urban', staff_group: 'management' } });
        expect(await store.loadDraft(tokenHash, 'd1')).toMatchObject({ clientDraftId: 'd1', data: { jst_kind: 'urban', staff_group: 'management' }, updatedAt: NOW.toISOString() });
        expect(await store.loadDraft(tokenHash, 'other')).toBeNull();
        expect(await store.loadDraft(hashes['0261011']!, 'd1')).toBeNull();
      });

      it.each([
        ['an unknown token', false, 'INVITATION_UNKNOWN'],
        ['a closed wave', true, 'WAVE_CLOSED'],
      ])('refuses a draft for %s', async (_, close, code) => {
        const store = await open();
        const { hashes } = await waveWithTokens(store);
        if (close) await store.closeWave('w1');
        const tokenHash = close ? hashes['0201011']! : 'f'.repeat(64);
        expect(await errorCode(store.saveDraft({ tokenHash, clientDraftId: 'd', data: {} }))).toBe(code);
      });
    });

    describe('web submissions', () => {
      it('stores a response with its slot use and deletes the draft it completes', async () => {
        const store = await open();
        const { hashes } = await waveWithTokens(store, 'w1', 2);
        const tokenHash = hashes['0201011']!;
        await store.saveDraft({ tokenHash, clientDraftId: 'd1', data: { jst_kind: 'urban' } });
        const [r] = responses(1);
        const result = await store.submitResponse({ ...r!, tokenHash, clientDraftId: 'd1' });
        expect(result).toEqual({ status: 'stored', id: 'r1', storedAt: NOW.toISOString(), slotsLeft: 1 });
        const stored = await store.getResponse('r1');
        expect(stored).toMatchObject({ id: 'r1', data: r!.data, invitationId: expect.any(Number), importBatchId: null });
        expect(stored?.meta).toEqual({ ...r!.meta, wave: 'w1', source: 'paper' });
        expect(await store.loadDraft(tokenHash, 'd1')).toBeNull();
        expect((await store.listInvitations('w1'))[0]?.slotsUsed).toBe(1);
      });

      it('treats a double submit of the same response as a no-op that uses no slot', async () => {
        const store = await open();
        const { hashes } = await waveWithTokens(store, 'w1', 2);
        const [r] = responses(1);
        const s = { ...r!, tokenHash: hashes['0201011']! };
        await store.submitResponse(s);
        expect(await store.submitResponse(s)).toMatchObject({ status: 'duplicate', id: 'r1', slotsLeft: 1 });
        expect(await store.countResponses()).toBe(1);
        expect((await store.listInvitations('w1'))[0]?.slotsUsed).toBe(1);
      });

      it('treats concurrent double submits as one response', async () => {
        const store = await open();
        const { hashes } = await waveWithTokens(store, 'w1', 5);
        const [r] = responses(1);
        const results = await Promise.all(Array.from({ length: 4 }, () => store.submitResponse({ ...r!, tokenHash: hashes['0201011']! })));
        expect(results.map((x) => x.status).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'stored']);
        expect((await store.listInvitations('w1'))[0]?.slotsUsed).toBe(1);
      });

      it('gives every slot once when more respondents than slots submit at the same time', async () => {
        const store = await open();
        const { hashes } = await waveWithTokens(store, 'w1', 3);
        const settled = await Promise.allSettled(responses(6).map((r) => store.submitResponse({ ...r, tokenHash: hashes['0201011']! })));
        const results = settled.map((s) => (s.status === 'fulfilled' ? s.value.status : 'rejected'));
        // the three late ones are never lost: kept as over-quota responses, outside the data until reviewed
        expect(results.filter((x) => x === 'stored')).toHaveLength(3);
        expect(results.filter((x) => x === 'over_quota')).toHaveLength(3);
        expect(await store.countResponses()).toBe(3);
        expect((await store.listInvitations('w1'))[0]?.slotsUsed).toBe(3);
        expect((await store.listOverQuota({ wave: 'w1' })).map((o) => [o.teryt, o.review])).toEqual([['0201011', 'pending'], ['0201011', 'pending'], ['0201011', 'pending']]);
      });

      it.each([
        ['the same id with other answers', 'RESPONSE_CONFLICT'],
        ['an unknown token', 'INVITATION_UNKNOWN'],
        ['a closed wave', 'WAVE_CLOSED'],
      ])('refuses %s and stores nothing', async (what, code) => {
        const store = await open();
        const { hashes } = await waveWithTokens(store, 'w1', 1);
        const [a, b] = responses(2);
        const tokenHash = hashes['0201011']!;
        await store.submitResponse({ ...a!, tokenHash });
        let attempt = { ...b!, tokenHash };
        if (what.includes('same id')) attempt = { ...b!, id: a!.id, tokenHash: hashes['0261011']! };
        if (what.includes('unknown')) attempt = { ...b!, tokenHash: 'e'.repeat(64) };
        if (what.includes('closed')) {
          await store.closeWave('w1');
          attempt = { ...b!, tokenHash: hashes['0261011']! };
        }
        expect(await errorCode(store.submitResponse(attempt))).toBe(code);
        expect(await store.countResponses()).toBe(1);
        expect((await store.listInvitations('w1')).map((i) => i.slotsUsed)).toEqual([1, 0]);
      });

      it('keeps a response whose invitation has no slot left as over-quota, which the researcher accepts or rejects', async () => {
        const store = await open();
        const { hashes } = await waveWithTokens(store, 'w1', 1);
        const [a, b, c] = responses(3);
        const tokenHash = hashes['0201011']!;
        await store.saveDraft({ tokenHash, clientDraftId: 'late', data: { jst_kind: 'urban' } });
        await store.submitResponse({ ...a!, tokenHash });
        expect(await store.submitResponse({ ...b!, tokenHash, clientDraftId: 'late' })).toMatchObject({ status: 'over_quota', id: 'r2', slotsLeft: 0 });
        expect(await store.submitResponse({ ...b!, tokenHash, clientDraftId: 'late' })).toMatchObject({ status: 'over_quota', id: 'r2' });
        expect(await store.loadDraft(tokenHash, 'late')).toBeNull();
        await store.submitResponse({ ...c!, tokenHash });
        expect(await store.countResponses({ wave: 'w1' })).toBe(1);
        expect((await store.listResponses()).map((r) => r.id)).toEqual(['r1']);
        expect((await store.getResponse('r2'))?.data).toEqual(b!.data);
        expect((await store.invitationActivity('w1'))[0]).toEqual({ teryt: '0201011', slots: 1, slotsUsed: 1, responses: 1, pending: 2, drafts: 0 });

        expect(await store.reviewOverQuota('r2', 'accepted')).toMatchObject({ id: 'r2', wave: 'w1', teryt: '0201011', review: 'accepted', reviewedAt: NOW.toISOString() });
        expect(await store.reviewOverQuota('r3', 'rejected')).toMatchObject({ id: 'r3', review: 'rejected' });
        expect((await store.listResponses({ wave: 'w1' })).map((r) => r.id)).toEqual(['r1', 'r2']);
        expect(await store.countResponses()).toBe(2);
        expect(await errorCode(store.reviewOverQuota('r3', 'accepted'))).toBe('CONFIG_INVALID');
        expect(await errorCode(store.reviewOverQuota('r1', 'accepted'))).toBe('INPUT_NOT_FOUND');
        expect((await store.listFieldworkLog('w1')).map((e) => [e.event, e.teryt, e.detail])).toEqual([['over_quota_accepted', '0201011', 'r2'], ['over_quota_rejected', '0201011', 'r3']]);
        expect((await store.invitationActivity('w1'))[0]).toMatchObject({ responses: 2, pending: 0 });
      });

      it('stores an uninvited response under its own wave without using a slot', async () => {
        const store = await open();
        const [r] = responses(1);
        expect(await store.submitResponse(r!)).toMatchObject({ status: 'stored', slotsLeft: null });
        expect((await store.getResponse('r1'))?.meta).toEqual(r!.meta);
      });
    });

    describe('imports', () => {
      it('stores every response of an import and gives them back whole, in order', async () => {
        const store = await open();
        const rs = responses(25);
        const result = await store.importResponses({ fileName: 'paper.csv', sha256: 'c'.repeat(64) }, rs);
        expect(result).toMatchObject({ added: 25, alreadyPresent: 0, batch: { fileName: 'paper.csv', rows: 25, added: 25 } });
        const stored = await store.listResponses({ wave: 'paper-2026' });
        expect(stored.map(({ id, data, meta }) => ({ id, data, meta }))).toEqual(rs);
        expect(stored.every((s) => s.importBatchId === result.batch?.id)).toBe(true);
        expect(await store.countResponses({ wave: 'other' })).toBe(0);
      });

      it('imports the same responses twice as 0 new, N already present', async () => {
        const store = await open();
        const rs = responses(10);
        await store.importResponses({ fileName: 'a.csv', sha256: 'c'.repeat(64) }, rs.slice(0, 4));
        const again = await store.importResponses({ fileName: 'a.csv', sha256: 'd'.repeat(64) }, rs);
        expect(again).toMatchObject({ added: 6, alreadyPresent: 4 });
        expect(await store.importResponses({ fileName: 'a.csv', sha256: 'd'.repeat(64) }, rs)).toEqual({ batch: null, added: 0, alreadyPresent: 10 });
        expect(await store.countResponses()).toBe(10);
        expect((await store.listImportBatches()).map((b) => b.added)).toEqual([4, 6]);
      });

      it('stores nothing of a streamed import that fails after rows were stored, and a retry stores it whole', async () => {
        const store = await open();
        const rs = responses(30);
        const { importRow } = await import('../../src/responses/store/rows.ts');
        async function* failing() {
          yield rs.slice(0, 10).map((r, i) => importRow(r, i + 2));
          yield rs.slice(10, 20).map((r, i) => importRow(r, i + 12));
          throw new Error('a bad row at the end of the file');
        }
        await expect(store.importStream({ fileName: 'late.csv', batches: failing(), sha256: () => 'e'.repeat(64) })).rejects.toThrow('a bad row');
        expect(await store.countResponses()).toBe(0);
        expect(await store.listImportBatches()).toEqual([]);
        async function* whole() {
          yield rs.map((r, i) => importRow(r, i + 2));
        }
        expect(await store.importStream({ fileName: 'late.csv', batches: whole(), sha256: () => 'e'.repeat(64) })).toMatchObject({ added: 30, batch: { sha256: 'e'.repeat(64), rows: 30, added: 30 } });
        expect(await store.countResponses()).toBe(30);
      });

      it('imports a file all or nothing: a bad last row stores nothing, the mended file stores every row once', async () => {
        const store = await open();
        const { mkdtempSync, writeFileSync } = await import('node:fs');
        const { tmpdir } = await import('node:os');
        const { join } = await import('node:path');
        const { writeResponsesCsv } = await import('../../src/responses/csv.ts');
        const { importResponsesFile } = await import('../../src/responses/import.ts');
        const { generateSynthetic } = await import('../../src/synth/generate.ts');
        const q = shippedQuestionnaire();
        const rs = generateSynthetic(q, { respondents: 600, seed: 'contract' }).responses;
        const good = writeResponsesCsv(q, rs);
        const lines = good.split('\n');
        const header = lines[0]!.replace(/^\uFEFF/, '').split(';');
        const last = lines[600]!.split(';');
        last[header.indexOf('PRAWO1_imp')] = '9';
        const dir = mkdtempSync(join(tmpdir(), 'diag-contract-'));
        writeFileSync(join(dir, 'bad.csv'), [...lines.slice(0, 600), last.join(';'), ''].join('\n'));
        writeFileSync(join(dir, 'good.csv'), good);
        const refused = await importResponsesFile(q, store, join(dir, 'bad.csv'), {}, 'bad.csv').catch((e) => e);
        expect(refused).toMatchObject({ code: 'RESPONSE_INVALID', message: 'bad.csv: 1 problem in 1 of 600 rows; nothing was imported' });
        expect(await store.countResponses()).toBe(0);
        expect(await store.listImportBatches()).toEqual([]);
        expect(await importResponsesFile(q, store, join(dir, 'good.csv'), {}, 'good.csv')).toMatchObject({ added: 600, alreadyPresent: 0, rows: 600 });
        expect(await importResponsesFile(q, store, join(dir, 'good.csv'), {}, 'good.csv')).toMatchObject({ added: 0, alreadyPresent: 600, batch: null });
        expect(await store.countResponses()).toBe(600);
        expect((await store.listImportBatches()).map((b) => [b.rows, b.added])).toEqual([[600, 600]]);
      });

      it('lets a submission made during a streamed import wait, then stores both', async () => {
        const store = await open();
        const rs = responses(5);
        const { importRow } = await import('../../src/responses/store/rows.ts');
        let submitted: Promise<unknown> | undefined;
        async function* slow() {
          yield rs.slice(0, 2).map((r) => importRow(r));
          submitted = store.submitResponse({ id: 'web-1', data: rs[4]!.data, meta: {} });
          await new Promise((r) => setTimeout(r, 20));
          yield rs.slice(2, 4).map((r) => importRow(r));
        }
        expect(await store.importStream({ fileName: 'x.csv', batches: slow(), sha256: () => 'e'.repeat(64) })).toMatchObject({ added: 4 });
        await submitted;
        expect(await store.countResponses()).toBe(5);
      });

      it('stores nothing of an import when one id is already stored with other answers', async () => {
        const store = await open();
        const rs = responses(5);
        await store.importResponses({ fileName: 'a.csv', sha256: 'c'.repeat(64) }, [rs[0]!]);
        const changed = { ...rs[0]!, data: { ...rs[0]!.data, comments: 'inna odpowiedź' } };
        const err = await store.importResponses({ fileName: 'b.csv', sha256: 'd'.repeat(64) }, [...rs.slice(1), changed]).catch((e) => e);
        expect(err).toMatchObject({ code: 'RESPONSE_CONFLICT', ids: ['r1'] });
        expect(await store.countResponses()).toBe(1);
        expect(await store.listImportBatches()).toHaveLength(1);
      });
    });

    describe('fieldwork', () => {
      it('keeps the wave contact address, replaces contacts all or nothing, and logs what was sent', async () => {
        const store = await open();
        await waveWithTokens(store, 'w1', 2);
        expect((await store.getWave('w1'))?.contactEmail).toBeNull();
        expect((await store.setWaveContact('w1', 'badanie@example.pl')).contactEmail).toBe('badanie@example.pl');
        expect(await errorCode(store.setWaveContact('nope', null))).toBe('INPUT_NOT_FOUND');
        const contacts = [
          { teryt: '0261011', email: 'oswiata@jelenia.example.pl', name: 'Wydział Edukacji' },
          { teryt: '0201011', email: 'b@boleslawiec.example.pl', name: '' },
          { teryt: '0201011', email: 'a@boleslawiec.example.pl', name: 'Żaneta Łęcka' },
        ];
        expect(await store.replaceContacts('w1', contacts)).toBe(3);
        expect(await store.listContacts('w1')).toEqual([contacts[2], contacts[1], contacts[0]]);
        expect(await errorCode(store.replaceContacts('w1', [{ teryt: '0201011', email: 'x\u0000@y.pl', name: '' }]))).toBe('INPUT_INVALID');
        expect(await errorCode(store.replaceContacts('w1', [contacts[0]!, { ...contacts[0]!, email: 'OSWIATA@jelenia.example.pl' }]))).toBe('INPUT_INVALID');
        expect(await store.listContacts('w1')).toHaveLength(3);
        await store.appendFieldworkLog('w1', [{ event: 'invitation', teryt: '0201011', detail: '2 recipients' }, { event: 'reminder', teryt: '0261011', detail: '1 recipient' }]);
        const log = await store.listFieldworkLog('w1');
        expect(log.map((e) => [e.wave, e.event, e.teryt, e.detail, e.at])).toEqual([
          ['w1', 'contacts', null, '3 contacts for 2 JSTs', NOW.toISOString()],
          ['w1', 'invitation', '0201011', '2 recipients', NOW.toISOString()],
          ['w1', 'reminder', '0261011', '1 recipient', NOW.toISOString()],
        ]);
      });

      it('counts drafts in progress and responses per invitation', async () => {
        const store = await open();
        const { hashes } = await waveWithTokens(store, 'w1', 2);
        await store.saveDraft({ tokenHash: hashes['0261011']!, clientDraftId: 'd1', data: {} });
        await store.saveDraft({ tokenHash: hashes['0261011']!, clientDraftId: 'd2', data: {} });
        const [r] = responses(1);
        await store.submitResponse({ ...r!, tokenHash: hashes['0201011']! });
        expect(await store.invitationActivity('w1')).toEqual([
          { teryt: '0201011', slots: 2, slotsUsed: 1, responses: 1, pending: 0, drafts: 0 },
          { teryt: '0261011', slots: 2, slotsUsed: 0, responses: 0, pending: 0, drafts: 2 },
        ]);
      });
    });

    describe('admin tokens', () => {
      it('finds an admin token by its hash only', async () => {
        const store = await open();
        const created = await store.createAdminToken('analityk', 'a'.repeat(64));
        expect(created).toMatchObject({ name: 'analityk', createdAt: NOW.toISOString() });
        expect(await store.findAdminToken('a'.repeat(64))).toEqual(created);
        expect(await store.findAdminToken('b'.repeat(64))).toBeNull();
      });
    });

    it('keeps everything across a reopen, applying no migration twice', async () => {
      const store = await open();
      await waveWithTokens(store);
      await store.importResponses({ fileName: 'a.csv', sha256: 'c'.repeat(64) }, responses(3));
      const again = await h.reopen();
      expect(await again.countResponses()).toBe(3);
      expect((await again.listWaves()).map((w) => w.name)).toEqual(['w1']);
    });
  });
}
