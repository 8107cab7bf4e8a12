/**
 * Security headers and rate limiting.
 *
 * - @fastify/helmet with a Content-Security-Policy that allows only this origin: scripts from /assets only (no
 *   inline script; page data travels in a non-executed JSON block), styles from /assets, no frames, no plugins,
 *   no form posts elsewhere, no referrer. SurveyJS and chart.js set styles through the CSSOM (element.style),
 *   which CSP does not restrict, so no 'unsafe-inline' is needed (the browser test listens for violations). The one
 *   exception: survey-js-ui writes its SVG icon sprite with innerHTML, and one icon (the timer's) carries a style
 *   attribute; `style-src-attr 'unsafe-hashes'` allows exactly the style values found in the shipped survey-js-ui
 *   file (hashed at start-up, so an upgrade cannot drift), and no other inline style.
 * - @fastify/rate-limit on the public routes only: registered inside the respondent plugin's scope, so page views,
 *   autosaves and submissions share one budget per client address (behind a proxy set `trustProxy` to read
 *   X-Forwarded-For); the admin API, behind its 256-bit token, is not limited.
 * Fastify sends no X-Powered-By; helmet adds X-Content-Type-Options: nosniff and the rest.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ASSET_FILES } from './assets.ts';

/** CSP hash sources of the style attributes in survey-js-ui's built-in SVG icons. */
export function surveyIconStyleHashes(): string[] {
  const code = readFileSync(ASSET_FILES['vendor/survey-js-ui.min.js']!.file, 'utf8');
  const values = new Set([...code.matchAll(/<[a-z]+ [^<>]*?style="([^"<>]*)"/g)].map((m) => m[1] as string));
  return [...values].map((v) => `'sha256-${createHash('sha256').update(v).digest('base64')}'`);
}

const iconHashes = surveyIconStyleHashes();

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  styleSrcAttr: iconHashes.length ? ["'unsafe-hashes'", ...iconHashes] : ["'none'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

export interface RateLimitSettings {
  max: number;
  timeWindow: number | string;
}

/**
 * Per client address, on the public routes: page views, autosaves and submissions together. A respondent's autosave
 * sends at most about one request a second while they click; a few colleagues behind one office address stay well
 * under the limit.
 */
export const DEFAULT_RATE_LIMIT: RateLimitSettings = { max: 600, timeWindow: '1 minute' };

export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
}

/** The rate limit of every route of the scope it is registered in. */
export async function registerRateLimit(scope: FastifyInstance, limits: RateLimitSettings | false): Promise<void> {
  if (limits) {
    await scope.register(rateLimit, {
      global: true,
      max: limits.max,
      timeWindow: limits.timeWindow,
      errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'RATE_LIMITED', message: `too many requests: try again in ${Math.ceil(context.ttl / 1000)} s` }),
    });
  }
}
