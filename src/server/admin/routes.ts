/**
 * The admin API, every route behind the bearer token (auth.ts): waves, data-quality flags, CSV exports, the analysis
 * results and the PDF reports, each of one wave (`?wave=`) or of the whole store; the fieldwork routes (progress,
 * non-responders, contacts, e-mail, over-quota review) are in fieldwork-routes.ts. Whatever is computed from
 * responses is cached by the response count (responses are only ever added, or accepted into the data).
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ResultsSchema } from '../../analysis/results-schema.ts';
import { buildDataset } from '../../dataset/dataset.ts';
import { assessQuality } from '../../dataset/quality.ts';
import { DiagError } from '../../errors.ts';
import { exportBaseName, responsesCsv, type ExportFormat } from '../../responses/export.ts';
import type { Lang } from '../../questionnaire/types.ts';
import { waveInstrument, type ServerContext } from '../context.ts';
import { responsesOf } from '../../responses/waves.ts';
import {
  contentReply, errorReplies, ExportQuery, OverviewReply, QualityReply, ReportParams, WaveName, WaveQuery, WavesReply,
} from '../schemas.ts';
import { requireAdmin } from './auth.ts';

export interface AdminOptions {
  ctx: ServerContext;
}

const SECURITY = [{ bearer: [] }];

export async function adminRoutes(app: FastifyInstance, { ctx }: AdminOptions): Promise<void> {
  const { store, questionnaire: q, config } = ctx;
  app.addHook('onRequest', requireAdmin(store));
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const memo = new Map<string, unknown>();
  /** computed once per (what, wave, response count) */
  async function cached<T>(what: string, wave: string | undefined, compute: () => Promise<T>): Promise<T> {
    const key = `${what}\u0000${wave ?? ''}\u0000${await store.countResponses(wave === undefined ? {} : { wave })}`;
    if (memo.has(key)) return memo.get(key) as T;
    const value = await compute();
    for (const k of memo.keys()) if (k.startsWith(`${what}\u0000${wave ?? ''}\u0000`)) memo.delete(k);
    memo.set(key, value);
    return value;
  }

  app.get('/api/admin/overview', {
    schema: { summary: 'what this server holds and offers', tags: ['admin'], security: SECURITY, response: { 200: OverviewReply, ...errorReplies(401) } },
  }, async () => ({
    responses: await store.countResponses(),
    backend: store.backend,
    suppressionThreshold: config.suppressionThreshold,
    segments: config.segments.map((s) => ({ code: s.code, label: s.label })),
    reports: ctx.reports !== undefined,
  }));

  app.get('/api/admin/waves', {
    schema: { summary: 'the waves with their invitations, slots and responses', tags: ['admin'], security: SECURITY, response: { 200: WavesReply, ...errorReplies(401) } },
  }, async () => {
    const waves = await store.listWaves();
    return {
      waves: await Promise.all(waves.map(async (w) => {
        const invitations = await store.listInvitations(w.name);
        return {
          name: w.name, status: w.status, createdAt: w.createdAt, closedAt: w.closedAt,
          invitations: invitations.length,
          slots: invitations.reduce((a, i) => a + i.slots, 0),
          responses: await store.countResponses({ wave: w.name }),
          questionnaire: w.instrument ? `${w.instrument.file} ${w.instrument.version}` : null,
          diagnosis: !w.instrument || w.instrument.sha256 === q.hash,
        };
      })),
    };
  });

  app.get<{ Querystring: { wave?: string } }>('/api/admin/quality', {
    schema: { summary: 'data-quality flags: duplicate, straight-lining, speeding, incomplete', tags: ['admin'], security: SECURITY, querystring: WaveQuery, response: { 200: QualityReply, ...errorReplies(400, 401, 404) } },
  }, async (request) => {
    const name = request.query.wave;
    // waveInstrument answers 404 for an unknown wave
    if (name !== undefined && (await waveInstrument(ctx, name)) !== q) {
      throw new DiagError('CONFIG_INVALID', `wave ${name} collects a pilot questionnaire: its data-quality flags are not the diagnosis'`, [{ column: 'wave', message: 'export its answers (CSV) and check them with `diag validate --questionnaire`' }]);
    }
    return cached('quality', name, async () => {
      const responses = await responsesOf(store, q, name, 'check its answers with it');
      const quality = assessQuality(buildDataset(q, responses), config.quality);
      return { wave: name ?? null, respondents: responses.length, excluded: quality.excluded, flags: quality.counts, medianDurationSec: quality.medianDurationSec };
    });
  });

  app.get<{ Querystring: { format: ExportFormat; wave?: string } }>('/api/admin/export', {
    schema: {
      summary: 'the responses as CSV for a Polish Excel (UTF-8 BOM, ";"): codes (raw) or Polish labels (labelled)',
      tags: ['admin'], security: SECURITY, querystring: ExportQuery,
      response: { 200: contentReply('text/csv', 'the CSV file'), ...errorReplies(400, 401, 404) },
    },
  }, async (request, reply) => {
    const { format, wave: name } = request.query;
    // a pilot wave's answers in its own questionnaire's columns; all responses: the diagnosis' waves
    const instrument = name === undefined ? q : await waveInstrument(ctx, name);
    const csv = await cached(`export-${format}`, name, async () => responsesCsv(instrument, await responsesOf(store, instrument, name, 'export its answers with it'), format).text);
    const file = `${exportBaseName(name)}${format === 'labelled' ? '-labelled' : ''}.csv`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(csv);
  });

  app.get<{ Querystring: { wave?: string } }>('/api/admin/results', {
    schema: {
      summary: "the analysis (results.json) of one wave's responses with its frame (?wave=), or of every stored response with the latest frame; cached by response count",
      tags: ['admin'], security: SECURITY, querystring: WaveQuery,
      response: { 200: ResultsSchema, ...errorReplies(400, 401, 404) },
    },
  }, async (request, reply) => {
    const { json } = await ctx.results.get(request.query.wave);
    return reply.type('application/json; charset=utf-8').header('content-disposition', `inline; filename="results${request.query.wave ? `-${request.query.wave}` : ''}.json"`).send(json);
  });

  app.get<{ Params: { segment: string }; Querystring: { lang?: Lang; wave?: string } }>('/api/admin/reports/:segment.pdf', {
    schema: {
      summary: "one segment's PDF diagnostic report (404 when this server renders no reports)",
      tags: ['admin'], security: SECURITY,
      params: ReportParams,
      querystring: Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('pl'), Type.Literal('en')])), wave: Type.Optional(WaveName()) }),
      response: { 200: contentReply('application/pdf', 'the report', 'binary'), ...errorReplies(401, 404) },
    },
  }, async (request, reply) => {
    if (!ctx.reports) throw new DiagError('INPUT_NOT_FOUND', 'PDF reports are not available on this server', [{ message: 'start the server with `diag serve`, which renders them with src/report' }]);
    const lang = request.query.lang ?? 'pl';
    const pdf = await ctx.results.report(request.params.segment, lang, request.query.wave);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${request.query.wave ? `${request.query.wave}-` : ''}${request.params.segment}-${lang}.pdf"`).send(pdf);
  });
}
