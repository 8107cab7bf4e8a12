/**
 * A real SMTP server in-process (the `smtp-server` package) for the fieldwork tests: it accepts plain connections on
 * 127.0.0.1 with a user name and password, and parses every message it receives (mailparser), so a test reads the
 * recipient, subject and text exactly as a mail program would.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import type { SmtpConfig } from '../../src/responses/mail.ts';

export interface ReceivedMail {
  /** the envelope recipients (RCPT TO) */
  to: string[];
  from: string;
  subject: string;
  text: string;
  parsed: ParsedMail;
}

export interface TestSmtp {
  config: SmtpConfig;
  received: ReceivedMail[];
  /** make the server refuse RCPT TO for these addresses (550) */
  refuse: Set<string>;
  close(): Promise<void>;
}

export const SMTP_USER = 'pilot';
export const SMTP_PASS = 'tajne-hasło-żółw';

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) {
        const e = new Error('mailbox unavailable') as Error & { responseCode: number };
        e.responseCode = 550;
        callback(e);
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          parsed,
        });
        callback();
      }, (e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    config: { host: '127.0.0.1', port, user: SMTP_USER, pass: SMTP_PASS, from: 'Zespół badania <badanie@example.pl>', security: 'none' },
    received,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
