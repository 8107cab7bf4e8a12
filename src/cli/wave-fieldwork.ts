/**
 * The fieldwork subcommands of `diag wave`: status (non-responders), contact address, contacts import, sending of
 * invitations and reminders over SMTP, the mail-merge CSV, over-quota review and the log. Output names JSTs by TERYT
 * code and name and counts messages; it never prints an e-mail address of a contact.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DiagError } from '../errors.ts';
import { loadInstrument } from '../questionnaire/instrument.ts';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { importContacts, isEmailAddress } from '../responses/contacts.ts';
import { waveFieldwork } from '../responses/fieldwork.ts';
import { mailMergeCsv, sendWaveMail, smtpConfigFromEnv, type MailKind } from '../responses/mail.ts';
import type { Store } from '../responses/store/types.ts';
import { assertWaveInstrument } from '../responses/waves.ts';
import type { Io } from './command.ts';
import { table, withStore } from './store.ts';

interface Values {
  out?: string;
  'base-url'?: string;
  invitations?: boolean;
  reminders?: boolean;
  all?: boolean;
  questionnaire?: string;
}

/**
 * The questionnaire's TERYT question: responses imported for the wave count for the JST they name. `--questionnaire`
 * takes any instrument the wave may collect (a pilot questionnaire too, which asks no TERYT code: then none), and is
 * checked against the one the wave was created for; without it, the diagnosis questionnaire.
 */
async function terytVariableOf(store: Store, wave: string, values: Values, io: Io): Promise<string | undefined> {
  if (values.questionnaire === undefined) return loadQuestionnaire().roles.teryt;
  const q = loadInstrument(resolve(io.cwd, values.questionnaire));
  await assertWaveInstrument(store, wave, q, 'report its fieldwork');
  return q.roles?.teryt;
}

const STATUS = { answered: 'answered', started: 'started (draft)', not_started: 'not started' } as const;

function kindOf(values: Values): MailKind {
  if (values.invitations === values.reminders) throw new DiagError('USAGE', 'give exactly one of --invitations or --reminders');
  return values.invitations ? 'invitation' : 'reminder';
}

function baseUrlOf(values: Values): string {
  if (!values['base-url']) throw new DiagError('USAGE', '--base-url URL is needed: the survey\'s public address, from which each link is URL/s/TOKEN');
  return values['base-url'];
}

/** Runs a fieldwork subcommand; null when `sub` is not one. */
export async function fieldworkSubcommand(sub: string | undefined, args: string[], values: Values, io: Io): Promise<number | null> {
  const [wave, arg, ...extra] = args;
  if (sub === 'status' && wave && !arg) {
    return withStore(async (store) => {
      const { jsts } = await waveFieldwork(store, wave, await terytVariableOf(store, wave, values, io));
      const shown = values.all ? jsts : jsts.filter((j) => j.status !== 'answered');
      const count = (s: string) => jsts.filter((j) => j.status === s).length;
      io.out(`wave ${wave}: ${jsts.length} invited JSTs — ${count('answered')} answered, ${count('started')} started, ${count('not_started')} not started; ${jsts.reduce((a, j) => a + j.responses, 0)} responses, ${jsts.reduce((a, j) => a + j.pending, 0)} over-quota pending\n`);
      if (shown.length) io.out(table(['teryt', 'name', 'status', 'responses', 'drafts', 'contacts', 'invited', 'reminded'], shown.map((j) => [j.teryt, j.name, STATUS[j.status], j.responses, j.drafts, j.contacts, j.invitedAt?.slice(0, 16) ?? '-', j.remindedAt?.slice(0, 16) ?? '-'])));
      return 0;
    });
  }
  if (sub === 'contact' && wave && arg && !extra.length) {
    const email = arg === 'none' ? null : arg.trim();
    if (email !== null && !isEmailAddress(email)) throw new DiagError('USAGE', 'the contact address is not an e-mail address (expected name@domain.pl, or "none")');
    return withStore(async (store) => {
      const w = await store.setWaveContact(wave, email);
      io.out(w.contactEmail ? `wave ${wave}: contact address set; respondents see it on every page and in every e-mail\n` : `wave ${wave}: contact address removed\n`);
      return 0;
    });
  }
  if (sub === 'contacts' && wave === 'import' && arg && extra.length === 1) {
    const file = resolve(io.cwd, extra[0]!);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new DiagError('INPUT_NOT_FOUND', `cannot read ${extra[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, [{ file: extra[0]!, message: 'check the path' }]);
    }
    return withStore(async (store) => {
      const r = await importContacts(store, arg, bytes, extra[0]!);
      io.out(`wave ${arg}: ${r.contacts} contacts for ${r.jsts} JSTs stored (replacing the previous ones)\n`);
      if (r.withoutContact.length) io.out(`${r.withoutContact.length} invited JSTs have no contact: ${r.withoutContact.join(', ')}\n`);
      return 0;
    });
  }
  if (sub === 'send' && wave && !arg) {
    const kind = kindOf(values);
    const baseUrl = baseUrlOf(values);
    const smtp = smtpConfigFromEnv();
    if (!smtp) throw new DiagError('CONFIG_INVALID', 'no SMTP server: set DIAG_SMTP_HOST, DIAG_SMTP_PORT, DIAG_SMTP_FROM (and DIAG_SMTP_USER, DIAG_SMTP_PASS, DIAG_SMTP_SECURITY), or use `diag wave mailmerge`', [{ column: 'DIAG_SMTP_HOST', message: 'not set' }]);
    return withStore(async (store, dataDir) => {
      const r = await sendWaveMail(store, wave, { kind, baseUrl, dataDir, smtp, terytVariable: await terytVariableOf(store, wave, values, io) });
      io.out(`wave ${wave}: ${r.messages} ${kind === 'invitation' ? 'invitations' : 'reminders'} sent to ${r.jsts} of ${r.targeted} JSTs${kind === 'reminder' ? ` (${r.skippedAnswered} JSTs have answered and get none)` : ''}${r.failed ? `; ${r.failed} refused by the SMTP server (see diag wave log ${wave})` : ''}\n`);
      if (r.withoutContact.length) io.out(`${r.withoutContact.length} JSTs have no contact: ${r.withoutContact.join(', ')}\n`);
      return r.failed > 0 ? 1 : 0;
    });
  }
  if (sub === 'mailmerge' && wave && !arg) {
    const kind = kindOf(values);
    const baseUrl = baseUrlOf(values);
    if (!values.out) throw new DiagError('USAGE', 'mailmerge needs --out FILE');
    const out = resolve(io.cwd, values.out);
    return withStore(async (store, dataDir) => {
      const r = await mailMergeCsv(store, wave, { kind, baseUrl, dataDir, terytVariable: await terytVariableOf(store, wave, values, io) });
      writeFileSync(out, r.csv, { mode: 0o600 });
      io.out(`wave ${wave}: ${r.rows} ${kind === 'invitation' ? 'invitation' : 'reminder'} rows written to ${relative(io.cwd, out) || out}\n`);
      if (r.withoutContact.length) io.out(`${r.withoutContact.length} JSTs have no contact: ${r.withoutContact.join(', ')}\n`);
      return 0;
    });
  }
  if (sub === 'over-quota' && !arg) {
    return withStore(async (store) => {
      const list = await store.listOverQuota(wave ? { wave } : {});
      io.out(list.length ? table(['id', 'wave', 'teryt', 'stored', 'review', 'decided'], list.map((o) => [o.id, o.wave ?? '-', o.teryt ?? '-', o.storedAt.slice(0, 16), o.review, o.reviewedAt?.slice(0, 16) ?? '-'])) : 'no over-quota response\n');
      return 0;
    });
  }
  if ((sub === 'accept' || sub === 'reject') && wave && !arg) {
    return withStore(async (store) => {
      const o = await store.reviewOverQuota(wave, sub === 'accept' ? 'accepted' : 'rejected');
      io.out(`response ${o.id} (JST ${o.teryt ?? '-'}, wave ${o.wave ?? '-'}) ${o.review}${o.review === 'accepted' ? ': it is data now' : ': kept, outside the data'}\n`);
      return 0;
    });
  }
  if (sub === 'log' && wave && !arg) {
    return withStore(async (store) => {
      const log = await store.listFieldworkLog(wave);
      io.out(log.length ? table(['at', 'event', 'teryt', 'detail'], log.map((e) => [e.at.slice(0, 19), e.event, e.teryt ?? '-', e.detail.slice(0, 100)])) : `nothing logged for wave ${wave} yet\n`);
      return 0;
    });
  }
  return null;
}
