/**
 * The web server as a function: `buildApp(options)` returns a Fastify instance with every plugin and route
 * registered and nothing listening; tests drive it with `app.inject()`, `server.ts` (and `diag serve`) listen.
 *
 * Plugins, each in its own encapsulated scope, given what it needs through its options:
 *   security (helmet, rate limit) · docs (OpenAPI) · assets · respondent routes · admin routes · dashboard
 * One error handler (errors.ts) answers every failure with `{ code, message, details }`, or a status page.
 */
import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULT_CONFIG, type AnalysisConfig } from '../analysis/config.ts';
import type { Questionnaire, SurveyInstrument } from '../questionnaire/types.ts';
import { servedInstruments } from './respondent/served.ts';
import type { Store } from '../responses/store/types.ts';
import { adminRoutes } from './admin/routes.ts';
import { fieldworkRoutes } from './admin/fieldwork-routes.ts';
import { programmeRoutes } from './admin/programmes.ts';
import type { SmtpConfig } from '../responses/mail.ts';
import { assetRoutes } from './assets.ts';
import { ResultsCache, type ReportRenderer, type ServerContext } from './context.ts';
import { dashboardRoutes } from './dashboard.ts';
import { docsRoute, registerDocs } from './docs.ts';
import { frameworkError, installErrorHandling } from './errors.ts';
import { registerJsonBodies } from './json-body.ts';
import { loggerOptions, type LogOptions } from './log.ts';
import { respondentRoutes, SUBMISSION_BODY_LIMIT } from './respondent/routes.ts';
import { ErrorReply, errorReplies } from './schemas.ts';
import { DEFAULT_RATE_LIMIT, registerSecurity, type RateLimitSettings } from './security.ts';

export interface AppOptions {
  store: Store;
  /** the questionnaire the server analyses, and whose links are served at /s/<token> */
  questionnaire: Questionnaire;
  /** other instruments whose waves' links are served too (the pilot's questionnaires), each under /q/<id> */
  instruments?: readonly SurveyInstrument[];
  /** the clock (submission times, analysis date); default the system clock */
  now?: () => Date;
  /** false (default) for no log, true for info to stdout, or a level and a stream */
  logger?: boolean | LogOptions;
  /** limit on the public routes per client address; false turns it off (benchmarks); default 600 a minute */
  rateLimit?: RateLimitSettings | false;
  /** segments, suppression threshold, quality rules; default DEFAULT_CONFIG with frame weights */
  analysisConfig?: AnalysisConfig;
  /** renders a segment's PDF report; without it the report route answers 404 */
  reports?: ReportRenderer;
  /** the working folder, against which the SQLite file is named in the results' provenance; default process.cwd() */
  cwd?: string;
  /** trust X-Forwarded-For from a reverse proxy (for the client address of the rate limit and the log) */
  trustProxy?: boolean | string;
  /** the data folder with the wave secrets: lets the admin API put invitation links into e-mails and mail-merge files */
  dataDir?: string;
  /** the SMTP server for invitations and reminders (see smtpConfigFromEnv); absent: sending is off */
  smtp?: SmtpConfig | null;
}

let requestCounter = 0;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: SUBMISSION_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
    // a token longer than find-my-way's default 100 characters is an unknown link (404), not a 414
    routerOptions: { maxParamLength: 256 },
    // request ids in the log, never derived from the URL
    genReqId: () => `r${(++requestCounter).toString(36)}`,
    // a malformed or over-long path: answered from the error catalogue like any other error
    frameworkErrors: frameworkError,
  });
  const base = { store: options.store, questionnaire: options.questionnaire, instruments: options.instruments ?? [], config: options.analysisConfig ?? { ...DEFAULT_CONFIG, weights: 'frame' as const }, now: options.now ?? (() => new Date()), cwd: options.cwd ?? process.cwd(), ...(options.reports ? { reports: options.reports } : {}) };
  const ctx: ServerContext = { ...base, results: new ResultsCache(base), ...(options.dataDir ? { dataDir: options.dataDir } : {}), smtp: options.smtp ?? null };

  installErrorHandling(app, async () => [...(await options.store.listWaves())].reverse().find((w) => w.contactEmail)?.contactEmail ?? null);
  registerJsonBodies(app);
  app.addSchema(ErrorReply);
  await registerSecurity(app);
  await registerDocs(app);

  const served = servedInstruments(options.questionnaire, options.instruments);
  const others = new Map(served.slice(1).map((s) => [s.instrument.hash, s]));
  await app.register(assetRoutes, { served });
  for (const [i, s] of served.entries()) {
    await app.register(respondentRoutes, { ctx, served: s, ...(i === 0 ? { others } : { prefix: s.base }), rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT });
  }
  await app.register(adminRoutes, { ctx });
  await app.register(fieldworkRoutes, { ctx });
  await app.register(programmeRoutes, { ctx });
  await app.register(dashboardRoutes);
  app.get('/api/health', {
    schema: { summary: 'liveness: the server answers and the store can be read (503 when it cannot)', tags: ['pages'], response: { 200: Type.Object({ status: Type.Literal('ok') }), ...errorReplies(503) } },
  }, async () => {
    await options.store.ping();
    return { status: 'ok' as const };
  });
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin'));
  docsRoute(app);
  await app.ready();
  return app;
}

