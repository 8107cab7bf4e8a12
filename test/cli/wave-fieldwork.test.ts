import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/io.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { useDataDir } from './data-dir.ts';

const root = resolve(import.meta.dirname, '..', '..');
const data = useDataDir();
const SMTP_VARS = ['DIAG_SMTP_HOST', 'DIAG_SMTP_PORT', 'DIAG_SMTP_USER', 'DIAG_SMTP_PASS', 'DIAG_SMTP_FROM', 'DIAG_SMTP_SECURITY'] as const;
let smtp: TestSmtp | undefined;
afterEach(async () => {
  for (const v of SMTP_VARS) delete process.env[v];
  await smtp?.close();
  smtp = undefined;
});

async function pilot(): Promise<string[]> {
  expect((await runCli(['frame', 'import', 'data-samples/frame.csv'], root)).code).toBe(0);
  expect((await runCli(['wave', 'create', '--name', 'pilot', '--size', '30', '--strata', 'kind', '--allocation', 'proportional', '--seed', '2026', '--slots', '2'], root)).code).toBe(0);
  const store = await data.open();
  const teryt = (await store.listInvitations('pilot')).map((i) => i.teryt);
  await store.close();
  return teryt;
}

describe('diag wave: fieldwork', () => {
  it('imports contacts, sends invitations and reminders over SMTP, writes the mail merge and lists non-responders, never printing an address', async () => {
    const teryt = await pilot();
    const bad = join(data.dir, 'bad.csv');
    writeFileSync(bad, `teryt;email\n${teryt[0]};jan.kowalski@urzad.example.pl\n${teryt[1]};jan.kowalski(at)urzad\n`);
    const refused = await runCli(['wave', 'contacts', 'import', 'pilot', bad], root);
    expect(refused.code).toBe(4);
    expect(refused.err).toContain('row 3, column email: not an e-mail address');
    expect(refused.err).not.toContain('jan.kowalski');

    const file = join(data.dir, 'kontakty.csv');
    writeFileSync(file, `teryt;email;name\n${teryt.map((t) => `${t};kontakt.${t}@urzad.example.pl;Wydział Oświaty`).join('\n')}\n`);
    const imported = await runCli(['wave', 'contacts', 'import', 'pilot', file], root);
    expect(imported.out).toBe('wave pilot: 30 contacts for 30 JSTs stored (replacing the previous ones)\n');
    expect((await runCli(['wave', 'contact', 'pilot', 'badanie@example.pl'], root)).code).toBe(0);

    expect((await runCli(['wave', 'send', 'pilot', '--invitations', '--base-url', 'https://ankieta.example.pl'], root)).err).toContain('no SMTP server');
    smtp = await startTestSmtp();
    Object.assign(process.env, { DIAG_SMTP_HOST: '127.0.0.1', DIAG_SMTP_PORT: String(smtp.config.port), DIAG_SMTP_USER: smtp.config.user, DIAG_SMTP_PASS: smtp.config.pass, DIAG_SMTP_FROM: smtp.config.from, DIAG_SMTP_SECURITY: 'none' });
    const sent = await runCli(['wave', 'send', 'pilot', '--invitations', '--base-url', 'https://ankieta.example.pl'], root);
    expect(sent.out).toBe('wave pilot: 30 invitations sent to 30 of 30 JSTs\n');
    expect(smtp.received).toHaveLength(30);
    expect(smtp.received[0]!.subject).toMatch(/^Zaproszenie do badania kompetencji kadr oświatowych JST – /);

    // one JST answers on paper: it gets no reminder
    const store = await data.open();
    const { completeResponse } = await import('../helpers/responses.ts');
    const { shippedQuestionnaire } = await import('../helpers/questionnaire.ts');
    const { hashToken, invitationToken } = await import('../../src/responses/store/tokens.ts');
    const { readSecret } = await import('../../src/responses/waves.ts');
    const wave = (await store.getWave('pilot'))!;
    const units = new Map((await store.frameUnits(wave.frameId)).map((u) => [u.teryt, u]));
    const u = units.get(teryt[0]!)!;
    const r = completeResponse(shippedQuestionnaire(), u.kind, 'management', 'r1');
    await store.submitResponse({ ...r, data: { ...r.data, teryt: u.teryt, voivodeship: u.voivodeship }, tokenHash: hashToken(invitationToken(readSecret(data.dir, wave), 'pilot', u.teryt)) });
    await store.close();

    const reminded = await runCli(['wave', 'send', 'pilot', '--reminders', '--base-url', 'https://ankieta.example.pl'], root);
    expect(reminded.out).toBe('wave pilot: 29 reminders sent to 29 of 29 JSTs (1 JSTs have answered and get none)\n');
    expect(smtp.received.slice(30).flatMap((m) => m.to)).not.toContain(`kontakt.${teryt[0]}@urzad.example.pl`);

    const status = await runCli(['wave', 'status', 'pilot'], root);
    expect(status.out).toMatch(/^wave pilot: 30 invited JSTs — 1 answered, 0 started, 29 not started; 1 responses, 0 over-quota pending$/m);
    expect(status.out.trim().split('\n')).toHaveLength(2 + 29);
    expect(status.out).not.toContain(teryt[0]);

    const merge = join(data.dir, 'merge.csv');
    const mm = await runCli(['wave', 'mailmerge', 'pilot', '--reminders', '--base-url', 'https://ankieta.example.pl', '--out', merge], root);
    expect(mm.out).toMatch(/^wave pilot: 29 reminder rows written to .*merge\.csv\n$/);
    const csv = readFileSync(merge, 'utf8');
    expect(csv.startsWith('\uFEFFteryt;jst;')).toBe(true);
    expect(csv).toContain('Przypomnienie: badanie kompetencji kadr oświatowych JST');

    const log = await runCli(['wave', 'log', 'pilot'], root);
    expect(log.out.match(/ invitation /g)).toHaveLength(30);
    expect(log.out.match(/ reminder /g)).toHaveLength(29);
    for (const run of [imported, sent, reminded, status, mm, log]) expect(run.out + run.err).not.toContain('@urzad.example.pl');
  });
});
