/**
 * Static files, without a bundler: SurveyJS (survey-core + survey-js-ui) and chart.js straight from node_modules,
 * the pages' own scripts and styles from src/server/public/, and the questionnaire JSON. Each file is read once,
 * gzipped once (SurveyJS is 1.4 MB, 0.3 MB gzipped) and served with an ETag; nothing is fetched from elsewhere.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { ServedInstrument } from './respondent/served.ts';
import { contentReply, errorReplies } from './schemas.ts';

const require = createRequire(import.meta.url);
// survey-core exports no ./package.json: its main file sits in the package folder.
const SURVEY_CORE = dirname(require.resolve('survey-core'));
const SURVEY_JS_UI = dirname(require.resolve('survey-js-ui'));
const CHART_JS = dirname(require.resolve('chart.js'));
const PUBLIC = join(dirname(fileURLToPath(import.meta.url)), 'public');

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** URL path (under /assets/) → file and type. */
export const ASSET_FILES: Record<string, { file: string; type: string }> = {
  'vendor/survey.core.min.js': { file: join(SURVEY_CORE, 'survey.core.min.js'), type: JS },
  'vendor/polish.min.js': { file: join(SURVEY_CORE, 'i18n', 'polish.min.js'), type: JS },
  'vendor/survey-core.fontless.min.css': { file: join(SURVEY_CORE, 'survey-core.fontless.min.css'), type: CSS },
  'vendor/survey-js-ui.min.js': { file: join(SURVEY_JS_UI, 'survey-js-ui.min.js'), type: JS },
  'vendor/chart.umd.min.js': { file: join(CHART_JS, 'chart.umd.min.js'), type: JS },
  'site.css': { file: join(PUBLIC, 'site.css'), type: CSS },
  'survey-theme.css': { file: join(PUBLIC, 'survey-theme.css'), type: CSS },
  'survey-page.js': { file: join(PUBLIC, 'survey-page.js'), type: JS },
  'dashboard.css': { file: join(PUBLIC, 'dashboard.css'), type: CSS },
  'dashboard-texts.js': { file: join(PUBLIC, 'dashboard-texts.js'), type: JS },
  'dashboard.js': { file: join(PUBLIC, 'dashboard.js'), type: JS },
};

interface Asset {
  type: string;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

function asset(body: Buffer, type: string): Asset {
  return { type, body, gzip: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** Files read and gzipped once per process (every app built in it shares them). */
const fileAssets = new Map<string, Asset>();
function fileAsset(file: string, type: string): Asset {
  let a = fileAssets.get(file);
  if (!a) fileAssets.set(file, (a = asset(readFileSync(file), type)));
  return a;
}

export interface AssetsOptions {
  /** the instruments served: each one's SurveyJS JSON is an asset */
  served: readonly ServedInstrument[];
}

export async function assetRoutes(app: FastifyInstance, { served }: AssetsOptions): Promise<void> {
  const assets = new Map<string, Asset>();
  for (const [path, { file, type }] of Object.entries(ASSET_FILES)) assets.set(path, fileAsset(file, type));
  for (const s of served) assets.set(s.asset, asset(Buffer.from(JSON.stringify(s.instrument.json)), 'application/json; charset=utf-8'));

  app.get<{ Params: { '*': string } }>('/assets/*', {
    schema: {
      summary: 'static files: SurveyJS, chart.js, the pages\' scripts and styles, the questionnaire',
      tags: ['pages'],
      params: { type: 'object', properties: { '*': { type: 'string', description: 'file path' } } },
      response: { 200: contentReply('application/octet-stream', 'the file'), 304: { description: 'not modified', type: 'null' }, ...errorReplies(404) },
    },
  }, async (request, reply) => {
    const a = assets.get(request.params['*']);
    if (!a) return reply.callNotFound();
    reply.header('cache-control', 'public, max-age=3600').header('etag', a.etag).header('vary', 'accept-encoding').type(a.type);
    if (request.headers['if-none-match'] === a.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(a.gzip);
    return reply.send(a.body);
  });
}
