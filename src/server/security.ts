/**
 * Security headers and rate limiting.
 *
 * - helmet's headers (computed once, see securityHeaders) with a Content-Security-Policy that allows only this origin: scripts from /assets only (no
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
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
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

/** helmet's settings: its defaults, this CSP, no referrer, no framing, no COEP (the pages embed nothing cross-origin). */
const HELMET_OPTIONS = {
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  referrerPolicy: { policy: 'no-referrer' as const },
  frameguard: { action: 'deny' as const },
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet sets with HELMET_OPTIONS (and those it removes). None of them depends on the request (no CSP
 * nonces), so helmet runs once, at start-up, against a response that records them; every reply then gets the
 * recorded headers. (@fastify/helmet built helmet's middleware anew for each request, parsing the CSP every time:
 * about 5 % of the server's time under load.)
 */
export function securityHeaders(): { set: [string, string][]; removed: string[] } {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.push([name, String(value)]),
    removeHeader: (name: string) => void removed.push(name),
  };
  let failure: unknown = null;
  helmet(HELMET_OPTIONS)(
    {} as unknown as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) failure = error;
    },
  );
  if (failure) throw failure;
  return { set, removed };
}

export async function registerSecurity(app: FastifyInstance): Promise<void> {
  const { set, removed } = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const name of removed) raw.removeHeader(name);
    for (const [name, value] of set) raw.setHeader(name, value);
    done();
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
