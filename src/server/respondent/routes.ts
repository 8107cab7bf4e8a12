/**
 * The public routes of a respondent's link.
 *
 * - `GET /s/:token`: the questionnaire page (or a status page: 404 unknown link, 409 every slot used, 410 closed).
 * - `GET|PUT /api/s/:token/draft`: autosave. A draft is keyed by the invitation and a client draft id, a random
 *   id the browser draws once and keeps in localStorage; the "continue on another device" link carries it in the
 *   URL fragment (`#d=<id>`), which browsers never send to a server, so it reaches no log.
 * - `POST /api/s/:token/responses`: the completed questionnaire, validated and stored atomically with the use of an
 *   invitation slot; the respondent id is derived from the invitation and the draft id, so a retry returns 200 and
 *   stores nothing twice. When colleagues used the last slot while this respondent was filling in, the finished
 *   questionnaire is still stored, as an over-quota response (202) that the research team accepts or rejects.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DiagError } from '../../errors.ts';
import type { ServerContext } from '../context.ts';
import { langOf } from '../html.ts';
import {
  contentReply, DraftQuery, DraftReply, errorReplies, PageParams, SurveyPageQuery, SubmissionReply, TokenParams,
  type DraftReplyT, type TokenParamsT,
} from '../schemas.ts';
import { respondentBodies, respondentValidatorCompiler, type DraftBodyT, type SubmissionBodyT } from './body.ts';
import { registerRateLimit } from '../security.ts';
import { surveyPage } from './page.ts';
import type { ServedInstrument } from './served.ts';
import { assertOpen, invitationOf, prepareSubmission, SubmissionTargets } from './submission.ts';

/** Largest accepted body of a draft or a submission (a completed questionnaire is about 2 KB). */
export const SUBMISSION_BODY_LIMIT = 256 * 1024;

export interface RespondentOptions {
  ctx: ServerContext;
  /** the instrument these routes serve (registered under its `base` prefix) */
  served: ServedInstrument;
  /** the server's other instruments by SHA-256: a link of a wave bound to one is redirected to its page */
  others?: ReadonlyMap<string, ServedInstrument>;
  /** @fastify/rate-limit settings for these routes, or false */
  rateLimit: false | { max: number; timeWindow: number | string };
}

interface StoredDraft {
  answers?: Record<string, unknown>;
  startedAt?: string;
  page?: number;
}

export async function respondentRoutes(app: FastifyInstance, { ctx, served, others, rateLimit }: RespondentOptions): Promise<void> {
  const { store } = ctx;
  const q = served.instrument;
  const bodies = respondentBodies(q).schemas;
  const validatorCompiler = respondentValidatorCompiler(q);
  await registerRateLimit(app, rateLimit);
  const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;
  const targets = new SubmissionTargets(store, q);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get<{ Params: { token: string }; Querystring: { lang?: 'pl' | 'en'; continue?: '1' } }>('/s/:token', {
    config: { html: true },
    schema: {
      summary: 'the questionnaire page of an invitation link',
      description: 'With every slot used the page is 409, offering `?continue=1`: the form again, for a respondent who began before the last slot went; what they send is kept as an over-quota response.',
      tags: ['respondent'],
      params: PageParams,
      querystring: SurveyPageQuery,
      response: {
        200: contentReply('text/html', 'the questionnaire'),
        303: { description: 'the wave collects another instrument this server serves: its page (`/q/<id>/s/<token>`)', type: 'null' },
        404: contentReply('text/html', 'unknown link'),
        409: contentReply('text/html', 'every respondent slot of the invitation is used'),
        410: contentReply('text/html', 'the wave is closed'),
        503: contentReply('text/html', 'the wave collects another questionnaire than this server serves'),
      },
    },
  }, async (request, reply) => {
    const lang = langOf(request.query, request.headers['accept-language']);
    if (!TOKEN_SHAPE.test(request.params.token)) throw new DiagError('INVITATION_UNKNOWN', 'no invitation matches this link');
    const { context } = await invitationOf(store, request.params.token);
    request.diagContact = context.wave.contactEmail;
    const other = context.wave.instrumentSha256 === null ? undefined : others?.get(context.wave.instrumentSha256);
    if (other) {
      const query = request.url.indexOf('?');
      return reply.redirect(`${other.base}/s/${encodeURIComponent(request.params.token)}${query < 0 ? '' : request.url.slice(query)}`, 303);
    }
    const continuing = request.query.continue === '1';
    assertOpen(context, continuing, q);
    return reply.type('text/html; charset=utf-8').send(surveyPage(served, context, lang, continuing));
  });

  app.get<{ Params: TokenParamsT; Querystring: { id: string } }>('/api/s/:token/draft', {
    schema: {
      summary: 'load an autosaved draft',
      tags: ['respondent'],
      params: TokenParams,
      querystring: DraftQuery,
      response: { 200: DraftReply, ...errorReplies(400, 404, 429) },
    },
  }, async (request): Promise<DraftReplyT> => {
    const { tokenHash } = await invitationOf(store, request.params.token);
    const draft = await store.loadDraft(tokenHash, request.query.id);
    if (!draft) throw new DiagError('INPUT_NOT_FOUND', 'no saved answers under this draft id', [{ message: 'the draft was sent already, or never saved' }]);
    const saved = draft.data as StoredDraft;
    return { id: draft.clientDraftId, answers: saved.answers ?? {}, startedAt: saved.startedAt ?? null, page: saved.page ?? 0, savedAt: draft.updatedAt };
  });

  app.put<{ Params: TokenParamsT; Body: DraftBodyT }>('/api/s/:token/draft', {
    bodyLimit: SUBMISSION_BODY_LIMIT,
    validatorCompiler,
    schema: {
      summary: 'autosave the answers so far',
      description: 'The body is checked strictly against the questionnaire (no type coercion, no unknown property); 400 names the first field that does not fit.',
      tags: ['respondent'],
      params: TokenParams,
      body: bodies.draft,
      response: { 200: Type.Object({ savedAt: Type.String() }), ...errorReplies(400, 404, 410, 413, 415, 429) },
    },
  }, async (request) => {
    const { id, answers, startedAt, page } = request.body;
    const data: StoredDraft = { answers, ...(startedAt ? { startedAt } : {}), page: page ?? 0 };
    const draft = await store.saveDraft({ tokenHash: (await invitationOf(store, request.params.token)).tokenHash, clientDraftId: id, data: data as Record<string, unknown> });
    return { savedAt: draft.updatedAt };
  });

  app.post<{ Params: TokenParamsT; Body: SubmissionBodyT }>('/api/s/:token/responses', {
    bodyLimit: SUBMISSION_BODY_LIMIT,
    validatorCompiler,
    schema: {
      summary: 'submit the completed questionnaire',
      description: '201 when stored; 202 when stored as an over-quota response (every slot of the invitation was used by colleagues meanwhile: kept, not lost, and counted once the research team accepts it); 200 when the same submission (same draft id and answers) was stored before. The body is checked strictly against the questionnaire first (no type coercion, no unknown property; 400 names the first field that does not fit), then validated (422 lists every issue: required answers, answers the respondent is not shown, the TERYT code). Nothing is stored from a rejected body.',
      tags: ['respondent'],
      params: TokenParams,
      body: bodies.submission,
      response: { 200: SubmissionReply, 201: SubmissionReply, 202: SubmissionReply, ...errorReplies(400, 404, 409, 410, 413, 415, 422, 429, 503) },
    },
  }, async (request, reply) => {
    const { tokenHash, target } = await targets.of(request.params.token);
    const response = prepareSubmission(q, tokenHash, target, request.body, ctx.now());
    const result = await store.submitResponse({ ...response, tokenHash, clientDraftId: request.body.draftId });
    return reply.code(result.status === 'stored' ? 201 : result.status === 'over_quota' ? 202 : 200).send({ status: result.status, storedAt: result.storedAt });
  });
}
