/**
 * A pilot wave end to end, as a research team runs it: 30 JSTs drawn from the shipped frame, contacts imported from
 * CSV, invitations e-mailed through a real SMTP server in-process, some JSTs answering (13 respondents in 9 JSTs, two
 * more with drafts only), a reminder that reaches only the JSTs that have not answered, the non-responder list and
 * the per-wave dashboard, and a questionnaire finished after its invitation's slots were used kept as over-quota and
 * accepted by the researcher.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContactsCsv } from '../../src/responses/contacts.ts';
import { openStore } from '../../src/responses/store/open.ts';
import { hashToken, newToken } from '../../src/responses/store/tokens.ts';
import type { Store } from '../../src/responses/store/types.ts';
import { createWave, waveLinks } from '../../src/responses/waves.ts';
import type { FrameUnit } from '../../src/sampling/frame.ts';
import { buildApp } from '../../src/server/app.ts';
import type { FastifyInstance } from 'fastify';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { shippedFrame, shippedSample } from '../helpers/small-wave.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';

const BASE = 'https://ankieta.example.pl';
const CONTACT = 'badanie.jst@example.pl';
let dir: string;
let store: Store;
let smtp: TestSmtp;
let app: FastifyInstance;
let adminToken: string;
const logs: string[] = [];
let units: FrameUnit[];
let tokens: Map<string, string>;
const contactOf = (teryt: string) => `oswiata.${teryt}@gmina.example.pl`;

const q = shippedQuestionnaire();
const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${adminToken}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

function answersFor(unit: FrameUnit, group: 'management' | 'operational', comment: string): Record<string, unknown> {
  const data = completeResponse(q, unit.kind, group).data;
  return { ...data, teryt: unit.teryt, voivodeship: unit.voivodeship, comments: comment };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'diag-pilot-'));
  store = await openStore({ dataDir: dir, databaseUrl: '' });
  smtp = await startTestSmtp();
  const frame = shippedFrame();
  await store.importFrame({ name: 'frame', version: 'test', source: 'frame.csv' }, frame);
  const created = await createWave(store, { name: 'pilot', size: 30, strata: ['kind'], allocation: 'proportional', seed: '2026', slots: 2, dataDir: dir });
  const sampled = new Set(created.sample.units.map((u) => u.teryt));
  units = frame.filter((u) => sampled.has(u.teryt));
  tokens = new Map((await waveLinks(store, dir, 'pilot', BASE)).map((l) => [l.teryt, l.link.slice(l.link.lastIndexOf('/') + 1)]));
  // responses of an earlier, unrelated collection in the same store: the pilot's dashboard must not count them
  await store.importResponses({ fileName: 'old.csv', sha256: 'a'.repeat(64) }, shippedSample().slice(0, 40).map((r) => ({ ...r, meta: { ...r.meta, wave: 'archive' } })));
  adminToken = newToken(32);
  await store.createAdminToken('researcher', hashToken(adminToken));
  app = await buildApp({ store, questionnaire: q, dataDir: dir, smtp: smtp.config, logger: { level: 'debug', stream: { write: (line: string) => void logs.push(line) } } });
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a 30-JST pilot wave, end to end', () => {
  it('sets the study contact and refuses a contacts file with errors, naming row and column, storing nothing', async () => {
    expect((await api('PUT', '/api/admin/waves/pilot/contact', { email: CONTACT })).json()).toEqual({ wave: 'pilot', contactEmail: CONTACT });
    const bad = ['teryt;email;name', `${units[0]!.teryt};${contactOf(units[0]!.teryt)};Wydział Oświaty`, '9999999;x@y.pl;', `${units[1]!.teryt};nie-adres;`].join('\n');
    const r = await api('POST', '/api/admin/waves/pilot/contacts', { fileName: 'kontakty.csv', csv: bad });
    expect(r.statusCode).toBe(400);
    const body = r.json() as { code: string; message: string; details: { row?: number; column?: string; message: string }[] };
    expect(body.code).toBe('INPUT_INVALID');
    expect(body.details).toEqual([
      { file: 'kontakty.csv', row: 3, column: 'teryt', message: '9999999 is not invited in this wave' },
      { file: 'kontakty.csv', row: 4, column: 'email', message: expect.stringContaining('not an e-mail address') },
    ]);
    expect(JSON.stringify(body)).not.toContain('nie-adres');
    expect(await store.listContacts('pilot')).toEqual([]);
  });

  it('imports the contacts (one per JST, two for the first) and e-mails the invitations with personal links in Polish', async () => {
    const rows = units.map((u, i) => `${u.teryt};${contactOf(u.teryt)};${i === 0 ? 'Wydział Oświaty' : ''}`);
    rows.splice(1, 0, `${units[0]!.teryt};naczelnik@gmina.example.pl;Żaneta Łęcka-Źdźbło`);
    const r = await api('POST', '/api/admin/waves/pilot/contacts', { fileName: 'kontakty.csv', csv: `\uFEFFteryt;email;name\r\n${rows.join('\r\n')}\r\n` });
    expect(r.json()).toEqual({ contacts: 31, jsts: 30, withoutContact: [] });

    const sent = await api('POST', '/api/admin/waves/pilot/send', { kind: 'invitation', baseUrl: BASE });
    expect(sent.json()).toEqual({ kind: 'invitation', targeted: 30, jsts: 30, messages: 31, failed: 0, withoutContact: [], skippedAnswered: 0 });
    expect(smtp.received).toHaveLength(31);
    const first = units[0]!;
    const toNaczelnik = smtp.received.find((m) => m.to[0] === 'naczelnik@gmina.example.pl')!;
    expect(toNaczelnik.from).toBe('badanie@example.pl');
    expect(toNaczelnik.subject).toBe(`Zaproszenie do badania kompetencji kadr oświatowych JST – ${first.name}`);
    expect(toNaczelnik.text).toContain('Szanowni Państwo (Żaneta Łęcka-Źdźbło),');
    expect(toNaczelnik.text).toContain(`${BASE}/s/${tokens.get(first.teryt)}`);
    expect(toNaczelnik.text).toContain('można wysłać 2 ankiety');
    expect(toNaczelnik.text).toContain(`W razie pytań prosimy o kontakt: ${CONTACT}.`);
    expect(toNaczelnik.parsed.replyTo?.text).toBe(CONTACT);
    // every JST got its own link, and only its own
    for (const u of units) {
      const mails = smtp.received.filter((m) => m.to.includes(contactOf(u.teryt)));
      expect(mails, u.teryt).toHaveLength(1);
      expect(mails[0]!.text).toContain(`/s/${tokens.get(u.teryt)}`);
      for (const other of units) if (other.teryt !== u.teryt) expect(mails[0]!.text).not.toContain(tokens.get(other.teryt)!);
    }
  });

  const answering = () => units.slice(0, 9);
  const startedOnly = () => units.slice(9, 11);

  it('collects 13 respondents in 9 JSTs, and drafts in 2 more', async () => {
    let n = 0;
    for (const [i, u] of answering().entries()) {
      const groups: ('management' | 'operational')[] = i < 4 ? ['management', 'operational'] : ['management'];
      for (const g of groups) {
        const r = await app.inject({ method: 'POST', url: `/api/s/${tokens.get(u.teryt)}/responses`, payload: { draftId: `draft-${u.teryt}-${g}-xxxxxxxx`, data: answersFor(u, g, `odpowiedź ${++n}`) } });
        expect(r.statusCode, `${u.teryt} ${g}: ${r.body}`).toBe(201);
      }
    }
    for (const u of startedOnly()) {
      expect((await app.inject({ method: 'PUT', url: `/api/s/${tokens.get(u.teryt)}/draft`, payload: { id: `draft-${u.teryt}-started-xxx`, answers: { staff_group: 'management' } } })).statusCode).toBe(200);
    }
    expect(n).toBe(13);
    expect(await store.countResponses({ wave: 'pilot' })).toBe(13);
  });

  it('keeps a questionnaire finished after colleagues used the last slot (over-quota), and the researcher accepts it', async () => {
    const u = answering()[0]!; // both slots used above
    const late = await app.inject({ method: 'POST', url: `/api/s/${tokens.get(u.teryt)}/responses`, payload: { draftId: `draft-${u.teryt}-late-xxxxxxxx`, data: answersFor(u, 'management', 'spóźniona, ale kompletna') } });
    expect(late.statusCode).toBe(202);
    expect(late.json()).toMatchObject({ status: 'over_quota' });
    const list = (await api('GET', '/api/admin/over-quota?wave=pilot')).json() as { responses: { id: string; teryt: string; review: string }[] };
    expect(list.responses).toEqual([expect.objectContaining({ teryt: u.teryt, review: 'pending' })]);
    expect(await store.countResponses({ wave: 'pilot' })).toBe(13);
    expect((await api('GET', '/api/admin/waves/pilot/progress')).json().total).toMatchObject({ responses: 13, pending: 1 });
    const decided = await api('POST', `/api/admin/over-quota/${list.responses[0]!.id}`, { decision: 'accepted' });
    expect(decided.json()).toMatchObject({ review: 'accepted', teryt: u.teryt });
    expect((await api('POST', `/api/admin/over-quota/${list.responses[0]!.id}`, { decision: 'rejected' })).statusCode).toBe(400);
    expect(await store.countResponses({ wave: 'pilot' })).toBe(14);
    expect((await store.getResponse(list.responses[0]!.id))?.data.comments).toBe('spóźniona, ale kompletna');
  });

  it('sends a reminder only to the 21 JSTs that have not answered', async () => {
    const before = smtp.received.length;
    const r = await api('POST', '/api/admin/waves/pilot/send', { kind: 'reminder', baseUrl: BASE });
    expect(r.json()).toMatchObject({ kind: 'reminder', targeted: 21, jsts: 21, messages: 21, failed: 0, skippedAnswered: 9 });
    const reminders = smtp.received.slice(before);
    const answered = new Set(answering().map((u) => contactOf(u.teryt)));
    expect(reminders.flatMap((m) => m.to).sort()).toEqual(units.slice(9).map((u) => contactOf(u.teryt)).sort());
    expect(reminders.some((m) => m.to.some((t) => answered.has(t)) || m.to.includes('naczelnik@gmina.example.pl'))).toBe(false);
    const started = startedOnly()[0]!;
    const mail = reminders.find((m) => m.to[0] === contactOf(started.teryt))!;
    expect(mail.subject).toBe(`Przypomnienie: badanie kompetencji kadr oświatowych JST – ${started.name}`);
    expect(mail.text).toContain('nie otrzymaliśmy jeszcze wypełnionej ankiety');
    expect(mail.text).toContain(`${BASE}/s/${tokens.get(started.teryt)}`);
  });

  it('lists the non-responders (name, TERYT, status) and shows the per-wave progress', async () => {
    const list = (await api('GET', '/api/admin/waves/pilot/jsts')).json() as { jsts: { teryt: string; name: string; status: string; remindedAt: string | null; contacts: number }[] };
    expect(list.jsts).toHaveLength(21);
    const byTeryt = new Map(list.jsts.map((j) => [j.teryt, j]));
    for (const u of startedOnly()) expect(byTeryt.get(u.teryt)).toMatchObject({ name: u.name, status: 'started', contacts: 1, remindedAt: expect.any(String) });
    for (const u of units.slice(11)) expect(byTeryt.get(u.teryt)).toMatchObject({ name: u.name, status: 'not_started' });
    for (const u of answering()) expect(byTeryt.has(u.teryt)).toBe(false);
    expect(JSON.stringify(list)).not.toContain('@');

    const p = (await api('GET', '/api/admin/waves/pilot/progress')).json() as { contactEmail: string; total: Record<string, number>; segments: { segment: string; invitedJst: number; answeredJst: number; responses: number }[] };
    expect(p.contactEmail).toBe(CONTACT);
    expect(p.total).toMatchObject({ invitedJst: 30, answeredJst: 9, startedJst: 2, notStartedJst: 19, responses: 14, pending: 0, drafts: 2 });
    expect(p.total.responseRate).toBeCloseTo(9 / 30, 12);
    expect(p.segments.reduce((a, s) => a + s.invitedJst, 0)).toBe(30);
    expect(p.segments.reduce((a, s) => a + s.responses, 0)).toBe(14);

    // the rest of the dashboard for the chosen wave: its 14 responses, not the archive's 40
    expect((await api('GET', '/api/admin/quality?wave=pilot')).json()).toMatchObject({ wave: 'pilot', respondents: 14 });
    const csv = (await api('GET', '/api/admin/export?format=raw&wave=pilot')).body;
    expect(csv.trim().split('\r\n')).toHaveLength(15);
    expect(csv).toContain('spóźniona, ale kompletna');
    const results = await api('GET', '/api/admin/results?wave=pilot');
    expect(results.statusCode).toBe(200);
    // named as `diag analyze --store --wave pilot` names it (src/pipeline), with the wave's 14 responses
    expect(results.json().input.data.file).toMatch(/^store:sqlite:.*diag\.sqlite, wave pilot$/);
    expect(results.json().dataset.respondents).toBe(14);
    expect(results.headers['content-disposition']).toBe('inline; filename="results-pilot.json"');
    const all = (await api('GET', '/api/admin/results')).json();
    expect(all.input.data.file).toMatch(/^store:sqlite:.*diag\.sqlite$/);
    expect(all.dataset.respondents).toBe(54);
    expect((await api('GET', '/api/admin/results?wave=nope')).statusCode).toBe(404);
  });

  it('writes the mail-merge CSV for a team using its own mail (Excel: BOM, ";"), and logs what was sent when, without an address', async () => {
    const r = await api('GET', `/api/admin/waves/pilot/mailmerge?kind=reminder&baseUrl=${encodeURIComponent(BASE)}`);
    expect(r.statusCode).toBe(200);
    expect(r.body.startsWith('\uFEFFteryt;jst;rodzaj;wojewodztwo;email;adresat;status;miejsca;pozostalo;link;temat;tresc\r\n')).toBe(true);
    const started = startedOnly()[0]!;
    expect(r.body).toContain(`${started.teryt};${started.name};`);
    expect(r.body).toContain(`${contactOf(started.teryt)};;w trakcie;2;2;${BASE}/s/${tokens.get(started.teryt)}`);
    expect(r.body).not.toContain(contactOf(answering()[0]!.teryt));

    const log = (await api('GET', '/api/admin/waves/pilot/log')).json() as { entries: { event: string; teryt: string | null; detail: string; at: string }[] };
    const count = (event: string) => log.entries.filter((e) => e.event === event).length;
    expect([count('contacts'), count('invitation'), count('reminder'), count('over_quota_accepted'), count('mailmerge')]).toEqual([1, 30, 21, 1, 1]);
    expect(log.entries.find((e) => e.event === 'invitation' && e.teryt === units[0]!.teryt)?.detail).toMatch(/^2 of 2 contacts; <.+>/);
    expect(JSON.stringify(log)).not.toMatch(/@gmina\.example\.pl/);
    // and no address in the server's log
    expect(logs.join('\n')).not.toMatch(/gmina\.example\.pl/);
  });

  it('reports an SMTP refusal by its code, without the address, and still sends the rest', async () => {
    const target = units[29]!;
    smtp.refuse.add(contactOf(target.teryt));
    const r = await api('POST', '/api/admin/waves/pilot/send', { kind: 'reminder', baseUrl: BASE });
    expect(r.json()).toMatchObject({ targeted: 21, jsts: 20, messages: 20, failed: 1 });
    const failures = (await store.listFieldworkLog('pilot')).filter((e) => e.event === 'send_failed');
    expect(failures).toEqual([expect.objectContaining({ teryt: target.teryt, detail: expect.stringContaining('SMTP 550') })]);
    expect(failures[0]!.detail).not.toContain('@');
  });

  it('refuses to send with a wrong SMTP password and sends nothing', async () => {
    const wrong = await buildApp({ store, questionnaire: q, dataDir: dir, smtp: { ...smtp.config, pass: 'złe' } });
    try {
      const before = smtp.received.length;
      const r = await wrong.inject({ method: 'POST', url: '/api/admin/waves/pilot/send', headers: { authorization: `Bearer ${adminToken}` }, payload: { kind: 'reminder', baseUrl: BASE } });
      expect(r.statusCode).toBe(502);
      expect(r.json()).toMatchObject({ code: 'MAIL_FAILED' });
      expect(smtp.received.length).toBe(before);
    } finally {
      await wrong.close();
    }
  });

  it('reads a contacts file from a spreadsheet: Windows-1250, a code that lost its leading zero, "," separator', () => {
    // "Urząd Gminy Łódź" in Windows-1250: ą = B9, Ł = A3, ó = F3, ź = 9F
    const bytes = Buffer.concat([Buffer.from('Kod_TERYT,E-mail,Nazwa\r\n201011,oswiata@gmina.example.pl,Urz', 'latin1'), Buffer.from([0xb9]), Buffer.from('d Gminy ', 'latin1'), Buffer.from([0xa3, 0xf3]), Buffer.from('d', 'latin1'), Buffer.from([0x9f]), Buffer.from('\r\n', 'latin1')]);
    expect(parseContactsCsv(bytes, 'k.csv', new Set(['0201011']))).toEqual([{ teryt: '0201011', email: 'oswiata@gmina.example.pl', name: 'Urząd Gminy Łódź' }]);
    expect(() => parseContactsCsv(new TextEncoder().encode('numer;poczta\n'), 'k.csv', new Set())).toThrow(/no column "teryt" or "email"/);
    expect(() => parseContactsCsv(new TextEncoder().encode('teryt;email\n0201011;a@b.pl\n0201011;A@b.pl\n'), 'k.csv', new Set(['0201011']))).toThrow(/row 3, column email: the same address as row 2/);
  });
});
