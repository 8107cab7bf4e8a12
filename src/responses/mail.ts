/**
 * Invitations and reminders of a wave: by e-mail over the user's SMTP server (nodemailer), or as a mail-merge CSV
 * for teams that send from their own mail program. Every message carries the JST's personal link (re-derived from
 * the wave secret, see waves.ts), in Polish first with an English paragraph, and the study's contact address.
 *
 * Reminders go only to JSTs that have not answered (see fieldwork.ts). What was sent, when, and to which JST is kept
 * in the store's fieldwork log as counts and SMTP message ids — never an address; nothing here writes an address to
 * standard output or a log, and SMTP errors are reported by their code, not their text (which may quote one).
 */
import nodemailer from 'nodemailer';
import Papa from 'papaparse';
import { JST_KIND_LABELS, VOIVODESHIPS, type JstKind } from '../domain/jst.ts';
import { DiagError } from '../errors.ts';
import { neutraliseCell } from './csv-safe.ts';
import { waveFieldwork, type JstFieldwork, type JstStatus } from './fieldwork.ts';
import type { Contact, FieldworkLogInput, Store, Wave } from './store/types.ts';
import { waveLinks } from './waves.ts';

export type MailKind = 'invitation' | 'reminder';

export interface SmtpConfig {
  host: string;
  port: number;
  user?: string;
  pass?: string;
  /** the sender, e.g. `Zespół badania <badanie@example.pl>` */
  from: string;
  /** 'starttls' (upgrade required), 'tls' (implicit TLS, port 465) or 'none' (plain; a local relay or a test server) */
  security: 'starttls' | 'tls' | 'none';
}

/**
 * SMTP settings from the environment: DIAG_SMTP_HOST, DIAG_SMTP_PORT (587), DIAG_SMTP_USER, DIAG_SMTP_PASS,
 * DIAG_SMTP_FROM, DIAG_SMTP_SECURITY (starttls | tls | none; default starttls). Null when no host is set.
 */
export function smtpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfig | null {
  const host = env.DIAG_SMTP_HOST?.trim();
  if (!host) return null;
  const port = Number(env.DIAG_SMTP_PORT ?? 587);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new DiagError('CONFIG_INVALID', `DIAG_SMTP_PORT must be a port number (1–65535), got "${env.DIAG_SMTP_PORT}"`, [{ column: 'DIAG_SMTP_PORT', message: 'e.g. 587 (STARTTLS) or 465 (TLS)' }]);
  const security = (env.DIAG_SMTP_SECURITY ?? 'starttls').trim().toLowerCase();
  if (security !== 'starttls' && security !== 'tls' && security !== 'none') throw new DiagError('CONFIG_INVALID', `DIAG_SMTP_SECURITY must be starttls, tls or none, got "${security}"`, [{ column: 'DIAG_SMTP_SECURITY', message: 'starttls: port 587; tls: port 465; none: a local relay only' }]);
  const from = env.DIAG_SMTP_FROM?.trim();
  if (!from) throw new DiagError('CONFIG_INVALID', 'DIAG_SMTP_FROM is not set: the sender address of invitations (e.g. "Zespół badania <badanie@example.pl>")', [{ column: 'DIAG_SMTP_FROM', message: 'set it beside DIAG_SMTP_HOST' }]);
  return { host, port, from, security, ...(env.DIAG_SMTP_USER ? { user: env.DIAG_SMTP_USER } : {}), ...(env.DIAG_SMTP_PASS ? { pass: env.DIAG_SMTP_PASS } : {}) };
}

export interface Message {
  subject: string;
  text: string;
}

export interface MessageInput {
  kind: MailKind;
  jstName: string;
  jstKind: string;
  voivodeship: string;
  /** the addressee's name or office, may be empty */
  addressee: string;
  link: string;
  slots: number;
  slotsLeft: number;
  contact: string | null;
}

function ankiet(n: number): string {
  if (n === 1) return 'ankietę';
  return n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 'ankiety' : 'ankiet';
}

/** The e-mail of an invitation or a reminder: Polish first (formal register), then English. */
export function composeMessage(m: MessageInput): Message {
  const kindPl = JST_KIND_LABELS[m.jstKind as JstKind]?.pl ?? m.jstKind;
  const woj = VOIVODESHIPS[m.voivodeship] ?? m.voivodeship;
  const greeting = m.addressee ? `Szanowni Państwo (${m.addressee}),` : 'Szanowni Państwo,';
  const contactPl = m.contact ? `W razie pytań prosimy o kontakt: ${m.contact}.` : 'W razie pytań prosimy odpowiedzieć na tę wiadomość.';
  const contactEn = m.contact ? `Questions: ${m.contact}.` : 'Questions: reply to this message.';
  const subject = m.kind === 'invitation'
    ? `Zaproszenie do badania kompetencji kadr oświatowych JST – ${m.jstName}`
    : `Przypomnienie: badanie kompetencji kadr oświatowych JST – ${m.jstName}`;
  const opening = m.kind === 'invitation'
    ? [
      `zapraszamy pracowników urzędu – ${m.jstName} (${kindPl}, woj. ${woj}) – zajmujących się oświatą do udziału w badaniu „Diagnoza kompetencji kadr JST w zarządzaniu oświatą”. Wyniki posłużą do zaplanowania szkoleń i doradztwa dla samorządów; odpowiedzi są poufne, a raporty nie pokazują wyników grup mniejszych niż 5 osób.`,
      `Wypełnienie ankiety zajmuje około 20 minut. Z poniższego linku można wysłać ${m.slots} ${ankiet(m.slots)} – prosimy przekazać go osobom z kadry zarządzającej i pracownikom merytorycznym, którzy mają wziąć udział.`,
    ]
    : [
      `uprzejmie przypominamy o badaniu „Diagnoza kompetencji kadr JST w zarządzaniu oświatą”. Z urzędu – ${m.jstName} (${kindPl}, woj. ${woj}) – nie otrzymaliśmy jeszcze wypełnionej ankiety. Każda odpowiedź jest dla nas ważna.`,
      `Z poniższego linku można wysłać jeszcze ${m.slotsLeft} ${ankiet(m.slotsLeft)}. Jeśli ankieta jest już w trakcie wypełniania, odpowiedzi zapisane automatycznie czekają na dokończenie w tej samej przeglądarce.`,
    ];
  const text = [
    greeting,
    '',
    ...opening.flatMap((p) => [p, '']),
    'Link do ankiety:',
    m.link,
    '',
    contactPl,
    '',
    'Z poważaniem',
    'Zespół badania',
    '',
    '— English —',
    m.kind === 'invitation'
      ? `The education staff of ${m.jstName} are invited to take part in the competence diagnosis of local-government education staff (about 20 minutes; up to ${m.slots} questionnaires from this link): ${m.link}`
      : `A reminder: we have not yet received a questionnaire from ${m.jstName}. This link allows ${m.slotsLeft} more: ${m.link}`,
    contactEn,
    '',
  ].join('\n');
  return { subject, text };
}

export interface SendOptions {
  kind: MailKind;
  baseUrl: string;
  dataDir: string;
  smtp: SmtpConfig;
  /** the questionnaire's TERYT question (roles.teryt): imported responses count for the JST they name; none for an instrument without one */
  terytVariable: string | undefined;
  /** only these JSTs (TERYT codes); default every JST the kind concerns */
  only?: readonly string[];
}

export interface SendSummary {
  kind: MailKind;
  /** JSTs the kind concerns (all invited for invitations, those that have not answered for reminders) */
  targeted: number;
  /** JSTs with at least one message accepted by the SMTP server */
  jsts: number;
  messages: number;
  failed: number;
  /** targeted JSTs without any contact on file */
  withoutContact: string[];
  /** JSTs skipped because they have answered (reminders) */
  skippedAnswered: number;
}

/** The JSTs an invitation or a reminder goes to. */
export function targetsOf(kind: MailKind, jsts: readonly JstFieldwork[], only?: readonly string[]): JstFieldwork[] {
  const wanted = only ? new Set(only) : null;
  return jsts.filter((j) => (!wanted || wanted.has(j.teryt)) && (kind === 'invitation' || j.status !== 'answered'));
}

function transportOf(smtp: SmtpConfig) {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
    pool: true,
    maxConnections: 2,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
    logger: false,
    debug: false,
  });
}

/** An SMTP error in words that quote no address: its code and the server's reply code. */
function smtpFailure(e: unknown): string {
  const err = e as { code?: string; responseCode?: number; command?: string };
  return [err.code ?? 'ERROR', err.responseCode ? `SMTP ${err.responseCode}` : '', err.command ? `at ${err.command.split(' ')[0]}` : ''].filter(Boolean).join(' ');
}

async function linksAndState(store: Store, o: { baseUrl: string; dataDir: string; terytVariable: string | undefined }, waveName: string) {
  const { wave, jsts } = await waveFieldwork(store, waveName, o.terytVariable);
  const links = new Map((await waveLinks(store, o.dataDir, wave.name, o.baseUrl)).map((l) => [l.teryt, l.link]));
  const contacts = new Map<string, Contact[]>();
  for (const c of await store.listContacts(wave.name)) contacts.set(c.teryt, [...(contacts.get(c.teryt) ?? []), c]);
  return { wave, jsts, links, contacts };
}

function messageFor(kind: MailKind, wave: Wave, j: JstFieldwork, c: Contact, link: string): Message {
  return composeMessage({ kind, jstName: j.name || j.teryt, jstKind: j.kind, voivodeship: j.voivodeship, addressee: c.name, link, slots: j.slots, slotsLeft: Math.max(0, j.slots - j.slotsUsed), contact: wave.contactEmail });
}

/**
 * Sends the invitations or the reminders of a wave, one message per contact, and logs per JST what went. The SMTP
 * server is checked first (MAIL_FAILED when it cannot be reached or refuses the sign-in, and nothing is sent); a
 * message it refuses later is counted and logged as 'send_failed' with the SMTP code, and the others still go.
 */
export async function sendWaveMail(store: Store, waveName: string, o: SendOptions): Promise<SendSummary> {
  const { wave, jsts, links, contacts } = await linksAndState(store, o, waveName);
  if (wave.status !== 'open') throw new DiagError('WAVE_CLOSED', `wave "${wave.name}" is closed: its links no longer accept answers, so nothing was sent`);
  const targets = targetsOf(o.kind, jsts, o.only);
  const skippedAnswered = o.kind === 'reminder' ? targetsOf('invitation', jsts, o.only).length - targets.length : 0;
  const summary: SendSummary = { kind: o.kind, targeted: targets.length, jsts: 0, messages: 0, failed: 0, withoutContact: targets.filter((j) => !contacts.has(j.teryt)).map((j) => j.teryt), skippedAnswered };
  if (targets.every((j) => !contacts.has(j.teryt))) return summary;
  const transport = transportOf(o.smtp);
  try {
    try {
      await transport.verify();
    } catch (e) {
      throw new DiagError('MAIL_FAILED', `the SMTP server ${o.smtp.host}:${o.smtp.port} cannot be used (${smtpFailure(e)}); nothing was sent`, [{ column: 'DIAG_SMTP_HOST', message: 'check DIAG_SMTP_HOST, DIAG_SMTP_PORT, DIAG_SMTP_SECURITY, DIAG_SMTP_USER and DIAG_SMTP_PASS' }]);
    }
    for (const j of targets) {
      const to = contacts.get(j.teryt) ?? [];
      if (to.length === 0) continue;
      const log: FieldworkLogInput[] = [];
      let sent = 0;
      const ids: string[] = [];
      for (const c of to) {
        const m = messageFor(o.kind, wave, j, c, links.get(j.teryt)!);
        try {
          const info = await transport.sendMail({ from: o.smtp.from, to: c.name ? { name: c.name, address: c.email } : c.email, subject: m.subject, text: m.text, ...(wave.contactEmail ? { replyTo: wave.contactEmail } : {}) });
          sent++;
          if (typeof info.messageId === 'string') ids.push(info.messageId.slice(0, 200));
        } catch (e) {
          summary.failed++;
          log.push({ event: 'send_failed', teryt: j.teryt, detail: `${o.kind}: ${smtpFailure(e)}` });
        }
      }
      if (sent > 0) {
        summary.jsts++;
        summary.messages += sent;
        log.unshift({ event: o.kind, teryt: j.teryt, detail: `${sent} of ${to.length} contact${to.length === 1 ? '' : 's'}; ${ids.join(' ')}`.trim() });
      }
      await store.appendFieldworkLog(wave.name, log);
    }
  } finally {
    transport.close();
  }
  return summary;
}

export interface MailMergeOptions {
  kind: MailKind;
  baseUrl: string;
  dataDir: string;
  /** the questionnaire's TERYT question (roles.teryt): imported responses count for the JST they name; none for an instrument without one */
  terytVariable: string | undefined;
}

/**
 * The mail-merge CSV for a team's own mail program (opens in a Polish Excel: UTF-8 BOM, `;`, CRLF): one row per
 * contact of the JSTs the kind concerns, with the JST, its status, the personal link and the message's subject and
 * text. Logged as 'mailmerge' (how many rows), since the team sends it outside this tool.
 */
export async function mailMergeCsv(store: Store, waveName: string, o: MailMergeOptions): Promise<{ csv: string; rows: number; withoutContact: string[] }> {
  const { wave, jsts, links, contacts } = await linksAndState(store, o, waveName);
  const targets = targetsOf(o.kind, jsts);
  const STATUS_PL: Record<JstStatus, string> = { answered: 'odpowiedziała', started: 'w trakcie', not_started: 'nie rozpoczęła' };
  const fields = ['teryt', 'jst', 'rodzaj', 'wojewodztwo', 'email', 'adresat', 'status', 'miejsca', 'pozostalo', 'link', 'temat', 'tresc'];
  const data: (string | number)[][] = [];
  for (const j of targets) {
    for (const c of contacts.get(j.teryt) ?? []) {
      const m = messageFor(o.kind, wave, j, c, links.get(j.teryt)!);
      data.push([j.teryt, neutraliseCell(j.name), JST_KIND_LABELS[j.kind as JstKind]?.pl ?? j.kind, VOIVODESHIPS[j.voivodeship] ?? j.voivodeship, neutraliseCell(c.email), neutraliseCell(c.name), STATUS_PL[j.status], j.slots, Math.max(0, j.slots - j.slotsUsed), links.get(j.teryt)!, neutraliseCell(m.subject), neutraliseCell(m.text.replace(/\n/g, '\r\n'))]);
    }
  }
  await store.appendFieldworkLog(wave.name, [{ event: 'mailmerge', teryt: null, detail: `${o.kind}: ${data.length} rows for ${new Set(data.map((d) => d[0])).size} JSTs` }]);
  return {
    csv: `\uFEFF${Papa.unparse({ fields, data }, { delimiter: ';', newline: '\r\n' })}\r\n`,
    rows: data.length,
    withoutContact: targets.filter((j) => !contacts.has(j.teryt)).map((j) => j.teryt),
  };
}
