/**
 * The fieldwork side of the admin API (behind the bearer token, like every /api/admin route): progress of a wave
 * by JST status, the JSTs that have not answered, invitation contacts (CSV import), invitations and reminders by
 * e-mail (the SMTP server of DIAG_SMTP_*), the mail-merge CSV, the fieldwork log, the wave's contact address and
 * the review of over-quota responses. No reply carries an e-mail address of a contact.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DiagError } from '../../errors.ts';
import { importContacts, isEmailAddress } from '../../responses/contacts.ts';
import { waveFieldwork } from '../../responses/fieldwork.ts';
import { mailMergeCsv, sendWaveMail } from '../../responses/mail.ts';
import type { ServerContext } from '../context.ts';
import {
  contentReply, ContactsBody, ContactsReply, errorReplies, FieldworkLogReply, MailMergeQuery, NonRespondersReply, OverQuotaItem, OverQuotaReply, ProgressReply, ReviewBody, SendBody, SendReply, WaveContactBody, WaveName, WaveQuery,
  type ProgressReplyT,
} from '../schemas.ts';
import { requireAdmin } from './auth.ts';
import { waveProgress } from './progress.ts';

const SECURITY = [{ bearer: [] }];
const WaveParams = Type.Object({ name: WaveName() });

export async function fieldworkRoutes(app: FastifyInstance, { ctx }: { ctx: ServerContext }): Promise<void> {
  const { store, config } = ctx;
  app.addHook('onRequest', requireAdmin(store));
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const dataDir = () => {
    if (!ctx.dataDir) throw new DiagError('INPUT_NOT_FOUND', 'this server has no data folder with wave secrets, so it cannot print invitation links', [{ message: 'start it with `diag serve` in the folder where the wave was created (DIAG_DATA_DIR)' }]);
    return ctx.dataDir;
  };

  app.get<{ Params: { name: string } }>('/api/admin/waves/:name/progress', {
    schema: {
      summary: 'fieldwork progress: invited JSTs answered / started / not started, responses, over-quota and drafts, by segment and voivodeship (counts of JSTs and responses, no answers)',
      tags: ['admin'], security: SECURITY, params: WaveParams, response: { 200: ProgressReply, ...errorReplies(401, 404) },
    },
  }, async (request): Promise<ProgressReplyT> => {
    const { wave, jsts } = await waveFieldwork(store, request.params.name, ctx.questionnaire.roles.teryt);
    return { wave: wave.name, status: wave.status, contactEmail: wave.contactEmail, ...waveProgress({ segments: config.segments, jsts }) };
  });

  app.get<{ Params: { name: string }; Querystring: { all?: boolean } }>('/api/admin/waves/:name/jsts', {
    schema: {
      summary: 'the invited JSTs that have not answered (name, TERYT, status, drafts, contacts on file, last invitation and reminder); ?all=true lists every invited JST',
      tags: ['admin'], security: SECURITY, params: WaveParams, querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }),
      response: { 200: NonRespondersReply, ...errorReplies(401, 404) },
    },
  }, async (request) => {
    const { wave, jsts } = await waveFieldwork(store, request.params.name, ctx.questionnaire.roles.teryt);
    return { wave: wave.name, jsts: request.query.all ? jsts : jsts.filter((j) => j.status !== 'answered') };
  });

  app.put<{ Params: { name: string }; Body: { email: string | null } }>('/api/admin/waves/:name/contact', {
    schema: { summary: "the study's contact address for this wave, shown on its pages, error pages and e-mails", tags: ['admin'], security: SECURITY, params: WaveParams, body: WaveContactBody, response: { 200: Type.Object({ wave: Type.String(), contactEmail: Type.Union([Type.String(), Type.Null()]) }), ...errorReplies(400, 401, 404) } },
  }, async (request) => {
    const email = request.body.email === null ? null : request.body.email.trim();
    if (email !== null && !isEmailAddress(email)) throw new DiagError('INPUT_INVALID', 'the contact address is not an e-mail address', [{ column: 'email', message: 'expected name@domain.pl' }]);
    const wave = await store.setWaveContact(request.params.name, email);
    return { wave: wave.name, contactEmail: wave.contactEmail };
  });

  app.post<{ Params: { name: string }; Body: { fileName?: string; csv: string } }>('/api/admin/waves/:name/contacts', {
    bodyLimit: 6 * 1024 * 1024,
    schema: {
      summary: "replaces the wave's invitation contacts with a CSV (teryt;email;name), all or nothing; errors name row and column",
      tags: ['admin'], security: SECURITY, params: WaveParams, body: ContactsBody, response: { 200: ContactsReply, ...errorReplies(400, 401, 404) },
    },
  }, async (request) => importContacts(store, request.params.name, Buffer.from(request.body.csv, 'utf8'), request.body.fileName ?? 'contacts.csv'));

  app.post<{ Params: { name: string }; Body: { kind: 'invitation' | 'reminder'; baseUrl: string } }>('/api/admin/waves/:name/send', {
    schema: {
      summary: 'e-mails the invitations (every invited JST) or reminders (JSTs that have not answered) over the SMTP server of DIAG_SMTP_*; logged per JST',
      tags: ['admin'], security: SECURITY, params: WaveParams, body: SendBody, response: { 200: SendReply, ...errorReplies(400, 401, 404, 410) },
    },
  }, async (request) => {
    if (!ctx.smtp) throw new DiagError('CONFIG_INVALID', 'no SMTP server is configured for this server', [{ column: 'DIAG_SMTP_HOST', message: 'set DIAG_SMTP_HOST, DIAG_SMTP_PORT, DIAG_SMTP_FROM (and DIAG_SMTP_USER, DIAG_SMTP_PASS, DIAG_SMTP_SECURITY) and restart, or download the mail-merge CSV' }]);
    return sendWaveMail(store, request.params.name, { kind: request.body.kind, baseUrl: request.body.baseUrl, dataDir: dataDir(), smtp: ctx.smtp, terytVariable: ctx.questionnaire.roles.teryt });
  });

  app.get<{ Params: { name: string }; Querystring: { kind: 'invitation' | 'reminder'; baseUrl: string } }>('/api/admin/waves/:name/mailmerge', {
    schema: {
      summary: 'the mail-merge CSV (UTF-8 BOM, ";") of the invitations or reminders, one row per contact with link, subject and text',
      tags: ['admin'], security: SECURITY, params: WaveParams, querystring: MailMergeQuery, response: { 200: contentReply('text/csv', 'the mail-merge file'), ...errorReplies(400, 401, 404) },
    },
  }, async (request, reply) => {
    const { csv } = await mailMergeCsv(store, request.params.name, { kind: request.query.kind, baseUrl: request.query.baseUrl, dataDir: dataDir(), terytVariable: ctx.questionnaire.roles.teryt });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="mailmerge-${request.params.name}-${request.query.kind}.csv"`).send(csv);
  });

  app.get<{ Params: { name: string } }>('/api/admin/waves/:name/log', {
    schema: { summary: 'what was sent or decided in the fieldwork of this wave, when (no addresses)', tags: ['admin'], security: SECURITY, params: WaveParams, response: { 200: FieldworkLogReply, ...errorReplies(401, 404) } },
  }, async (request) => ({ wave: request.params.name, entries: (await store.listFieldworkLog(request.params.name)).map(({ id, at, event, teryt, detail }) => ({ id, at, event, teryt, detail })) }));

  app.get<{ Querystring: { wave?: string } }>('/api/admin/over-quota', {
    schema: { summary: 'responses finished after their invitation had no slot left: kept, pending until accepted or rejected', tags: ['admin'], security: SECURITY, querystring: WaveQuery, response: { 200: OverQuotaReply, ...errorReplies(401) } },
  }, async (request) => ({ responses: await store.listOverQuota(request.query.wave === undefined ? {} : { wave: request.query.wave }) }));

  app.post<{ Params: { id: string }; Body: { decision: 'accepted' | 'rejected' } }>('/api/admin/over-quota/:id', {
    schema: {
      summary: 'accepts an over-quota response into the data or rejects it (it stays stored, outside the data); logged',
      tags: ['admin'], security: SECURITY, params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' }) }), body: ReviewBody,
      response: { 200: OverQuotaItem, ...errorReplies(400, 401, 404) },
    },
  }, async (request) => store.reviewOverQuota(request.params.id, request.body.decision));
}
