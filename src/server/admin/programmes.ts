/**
 * The six training-advisory programmes for the dashboard's downloads, behind the admin token: the list, and
 * each programme as PDF or JSON. Built by the same library functions as `diag programmes`, from the cached
 * analysis of every stored response (its coverage table gives the JSTs by voivodeship) and the default
 * rollout plan; rendered once per results version and language. The PDF renderer loads on first use.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DiagError } from '../../errors.ts';
import { loadCatalogue } from '../../recommendations/catalogue.ts';
import { buildProgrammes, populationOf, type ProgrammeDoc } from '../../recommendations/programme.ts';
import { DEFAULT_PLAN } from '../../recommendations/rollout.ts';
import type { ServerContext } from '../context.ts';
import { contentReply, errorReplies, WaveName } from '../schemas.ts';
import { requireAdmin } from './auth.ts';

const SECURITY = [{ bearer: [] }];
const Lang = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('pl'), Type.Literal('en')])), wave: Type.Optional(WaveName('only this wave')) });
const WaveOnly = Type.Object({ wave: Type.Optional(WaveName('only this wave')) });
const Code = Type.Object({ code: Type.String({ pattern: '^[A-Z0-9-]+$', maxLength: 32 }) });
const Localized = Type.Object({ pl: Type.String(), en: Type.String() });
const ListReply = Type.Object({
  programmes: Type.Array(Type.Object({
    code: Type.String(), title: Localized, segment: Type.String(), staffGroup: Type.String(),
    hours: Type.Array(Type.Number(), { description: 'hours in year 1 and year 2' }),
    files: Type.Object({ pl: Type.String(), en: Type.String() }),
  })),
});

export async function programmeRoutes(app: FastifyInstance, { ctx }: { ctx: ServerContext }): Promise<void> {
  app.addHook('onRequest', requireAdmin(ctx.store));
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  /** per wave ('' for every response): the programmes of its current results */
  const built = new Map<string, { key: string; docs: Promise<ProgrammeDoc[]> }>();
  const pdfs = new Map<string, Promise<Buffer>>();
  /** the programmes of the current results (of one wave, or of every response), built once per results version */
  const programmes = async (wave?: string) => {
    const cached = await ctx.results.get(wave);
    const slot = wave ?? '';
    let b = built.get(slot);
    if (b?.key !== cached.key) {
      for (const k of pdfs.keys()) if (k.startsWith(`${slot}:`)) pdfs.delete(k);
      const r = cached.results;
      b = {
        key: cached.key,
        docs: Promise.resolve().then(() => buildProgrammes({
          results: r, questionnaire: ctx.questionnaire, catalogue: loadCatalogue(ctx.questionnaire, r.config.segments.map((s) => s.code)),
          plan: DEFAULT_PLAN, population: populationOf(r),
        })),
      };
      built.set(slot, b);
    }
    return { key: b.key, docs: await b.docs, results: cached.results };
  };
  const find = (docs: ProgrammeDoc[], code: string) => {
    const d = docs.find((x) => x.code === code);
    if (!d) throw new DiagError('INPUT_NOT_FOUND', `no programme "${code}"`, [{ message: `programmes: ${docs.map((x) => x.code).join(', ')}` }]);
    return d;
  };

  app.get<{ Querystring: { wave?: string } }>('/api/admin/programmes', {
    schema: { summary: 'the six training-advisory programmes of the current results (of one wave with ?wave=)', tags: ['admin'], security: SECURITY, querystring: WaveOnly, response: { 200: ListReply, ...errorReplies(401, 404) } },
  }, async (request) => {
    const { programmeFileBase } = await import('../../report/programme/render.ts');
    const { docs } = await programmes(request.query.wave);
    return {
      programmes: docs.map((d) => ({
        code: d.code, title: d.title, segment: d.segment.code, staffGroup: d.staffGroup, hours: [...d.schedule.years],
        files: { pl: `${programmeFileBase(d, 'pl')}.pdf`, en: `${programmeFileBase(d, 'en')}.pdf` },
      })),
    };
  });

  app.get<{ Params: { code: string }; Querystring: { wave?: string } }>('/api/admin/programmes/:code.json', {
    schema: { summary: 'one programme as JSON (the content of its PDF, every figure with its source in results.json)', tags: ['admin'], security: SECURITY, params: Code, querystring: WaveOnly, response: { 200: contentReply('application/json', 'the programme'), ...errorReplies(401, 404) } },
  }, async (request, reply) => {
    const { docs } = await programmes(request.query.wave);
    const d = find(docs, request.params.code);
    const { programmeFileBase } = await import('../../report/programme/render.ts');
    return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="${programmeFileBase(d, 'pl')}.json"`).send(JSON.stringify(d, null, 1));
  });

  app.get<{ Params: { code: string }; Querystring: { lang?: 'pl' | 'en'; wave?: string } }>('/api/admin/programmes/:code.pdf', {
    schema: { summary: 'one programme as PDF', tags: ['admin'], security: SECURITY, params: Code, querystring: Lang, response: { 200: contentReply('application/pdf', 'the programme', 'binary'), ...errorReplies(401, 404) } },
  }, async (request, reply) => {
    const lang = request.query.lang ?? 'pl';
    const { key, docs, results } = await programmes(request.query.wave);
    const d = find(docs, request.params.code);
    const { renderProgramme, programmeFileBase } = await import('../../report/programme/render.ts');
    const id = `${key}:${d.code}:${lang}`;
    let pdf = pdfs.get(id);
    if (!pdf) {
      pdf = renderProgramme(d, { lang, date: ctx.now(), synthetic: Object.keys(results.dataset.sources).includes('synthetic'), suppressionThreshold: results.config.suppressionThreshold }).then((x) => x.bytes);
      pdfs.set(id, pdf);
      pdf.catch(() => pdfs.delete(id));
    }
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${programmeFileBase(d, lang)}.pdf"`).send(await pdf);
  });
}
