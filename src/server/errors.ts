/**
 * One error handler for the whole server. Every error leaves as `{ code, message, details }` with the HTTP status
 * of its code in the catalogue (src/errors.ts); a page route (config.html) gets the same status as a readable
 * Polish/English page instead. Nothing else ever reaches the client: no stack trace, no internal message, no token
 * (the store's messages name no token, and validation messages name the field, not its value).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DiagError, ERROR_CODES, isDiagError, type ErrorCode, type ErrorDetail } from '../errors.ts';
import type { ValidationIssue } from '../questionnaire/response.ts';
import { clipText, previewValue, SAFE_TEXT_PATTERN } from '../util/safe-text.ts';
import { langOf, statusPage, statusPageFor } from './html.ts';
import type { ErrorReplyT } from './schemas.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the route answers with an HTML page: errors become status pages */
    html?: boolean;
  }
  interface FastifyRequest {
    /** the study's contact address of the wave this request concerns, once known (shown on its error page) */
    diagContact?: string | null;
  }
}

/** The contact address for a page whose wave is unknown (e.g. a mistyped link): the latest wave's that has one. */
export type FallbackContact = () => Promise<string | null>;

/** Most issues (and details) an error reply lists. */
export const MAX_REPLY_ISSUES = 200;

/** A response that failed validation: 422 with every issue (at most MAX_REPLY_ISSUES, values bounded). */
export class ResponseRejected extends DiagError {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    const shown = issues.slice(0, MAX_REPLY_ISSUES);
    super(
      'RESPONSE_INVALID',
      `the response has ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was stored`,
      shown.map((i) => ({ column: i.variable, message: `expected ${i.expected} [${i.code}]` })),
    );
    this.issues = shown;
  }
}

/** Fastify's own 4xx errors, by their codes, in terms of the catalogue (the status is the catalogue's). */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INPUT_INVALID',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INPUT_INVALID',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INPUT_INVALID',
};

/** A validation message in words: the text rule's pattern named, not printed. */
function validationMessage(v: { keyword?: string; message?: string; params?: Record<string, unknown> }): string {
  if (v.keyword === 'pattern' && v.params?.pattern === SAFE_TEXT_PATTERN) return 'contains a NUL character or an unpaired surrogate: expected text without them';
  return clipText(v.message ?? 'invalid', 300);
}

interface Mapped {
  status: number;
  body: ErrorReplyT;
}

export function mapError(error: unknown): Mapped {
  if (error instanceof ResponseRejected) {
    const issues = error.issues.slice(0, MAX_REPLY_ISSUES).map(({ variable, value, expected, code }) => ({ variable: clipText(variable, 100), value: previewValue(value), expected: clipText(expected, 1000), code }));
    return { status: 422, body: { code: error.code, message: error.message, details: error.details.slice(0, MAX_REPLY_ISSUES).map(cleanDetail), issues } };
  }
  if (isDiagError(error)) return { status: error.httpStatus, body: { code: error.code, message: clipText(error.message, 1000), details: error.details.slice(0, MAX_REPLY_ISSUES).map(cleanDetail) } };
  const e = error as FastifyError & { validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[]; validationContext?: string };
  if (e?.validation) {
    const where = e.validationContext ?? 'request';
    return {
      status: 400,
      body: {
        code: 'INPUT_INVALID',
        message: `the ${where} is not valid`,
        details: e.validation.slice(0, 50).map((v) => ({ column: clipText(`${where}${v.instancePath ?? ''}`, 200), message: validationMessage(v as Parameters<typeof validationMessage>[0]) })),
      },
    };
  }
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status === 429) return { status, body: { code: 'RATE_LIMITED', message: 'too many requests: wait a moment and try again', details: [] } };
  const known = typeof e?.code === 'string' && Object.hasOwn(FASTIFY_CODES, e.code) ? FASTIFY_CODES[e.code] : undefined;
  if (known) return { status: ERROR_CODES[known].http, body: { code: known, message: clipText(String(e.message), 300), details: [] } };
  if (status >= 400 && status < 500) return { status, body: { code: 'INPUT_INVALID', message: clipText(String(e.message || 'bad request'), 300), details: [] } };
  return { status: 500, body: { code: 'INTERNAL', message: 'internal server error', details: [] } };
}

function cleanDetail(d: ErrorDetail): ErrorReplyT['details'][number] {
  const out: ErrorReplyT['details'][number] = { message: clipText(d.message, 1000) };
  if (d.file !== undefined) out.file = clipText(d.file, 200);
  if (d.row !== undefined) out.row = d.row;
  if (d.column !== undefined) out.column = clipText(d.column, 200);
  return out;
}

async function contactFor(request: FastifyRequest, fallback: FallbackContact | undefined): Promise<string | null> {
  if (request.diagContact) return request.diagContact;
  return fallback ? fallback().catch(() => null) : null;
}

async function send(request: FastifyRequest, reply: FastifyReply, mapped: Mapped, fallback?: FallbackContact) {
  reply.code(mapped.status);
  if (request.routeOptions.config?.html) {
    const contact = await contactFor(request, fallback);
    return reply.type('text/html; charset=utf-8').send(statusPage(statusPageFor(mapped.body.code, mapped.status), langOf(request.query, request.headers['accept-language']), contact));
  }
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(mapped.body));
}

/**
 * Errors the router meets before any route (Fastify's `frameworkErrors`): a malformed percent-encoding in the path
 * (400), a path parameter over the router's length limit (no such link or wave: 404). Answered like every other
 * error, as a page for a page address, never echoing the URL.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const path = request.raw.url ?? '';
  const isPage = request.raw.method === 'GET' && !path.startsWith('/api/');
  const mapped: Mapped = error.code === 'FST_ERR_BAD_URL'
    ? { status: 400, body: { code: 'INPUT_INVALID', message: 'the address is not a valid URL (malformed percent-encoding)', details: [] } }
    : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? { status: 404, body: { code: 'INPUT_NOT_FOUND', message: 'no such route', details: [] } }
      : { status: 500, body: { code: 'INTERNAL', message: 'internal server error', details: [] } };
  if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: mapped.body.code, status: mapped.status }, 'request refused');
  reply.code(mapped.status);
  if (isPage) {
    void reply.type('text/html; charset=utf-8').send(statusPage(statusPageFor(mapped.body.code, mapped.status), 'pl'));
    return;
  }
  void reply.type('application/json; charset=utf-8').send(JSON.stringify(mapped.body));
}

export function installErrorHandling(app: FastifyInstance, fallback?: FallbackContact): void {
  app.setErrorHandler(async (error, request, reply) => {
    const mapped = mapError(error);
    if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: mapped.body.code, status: mapped.status }, 'request refused');
    return send(request, reply, mapped, fallback);
  });
  // No URL in the message: a mistyped respondent link would otherwise put its token into the log.
  app.setNotFoundHandler(async (request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/');
    const body: ErrorReplyT = { code: 'INPUT_NOT_FOUND', message: 'no such route', details: [] };
    reply.code(404);
    if (isPage) return reply.type('text/html; charset=utf-8').send(statusPage('not_found', langOf(request.query, request.headers['accept-language']), await contactFor(request, fallback)));
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  });
}
