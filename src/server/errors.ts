/**
 * One error handler for the whole server. Every error leaves as `{ code, message, details }` with the HTTP status
 * of its code in the catalogue (src/errors.ts); a page route (config.html) gets the same status as a readable
 * Polish/English page instead. Nothing else ever reaches the client: no stack trace, no internal message, no token
 * (the store's messages name no token, and validation messages name the field, not its value).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DiagError, ERROR_CODES, isDiagError, type ErrorCode, type ErrorDetail } from '../errors.ts';
import type { ValidationIssue } from '../questionnaire/response.ts';
import { langOf, statusPage, statusPageFor } from './html.ts';
import type { ErrorReplyT } from './schemas.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the route answers with an HTML page: errors become status pages */
    html?: boolean;
  }
}

/** A response that failed validation: 422 with every issue. */
export class ResponseRejected extends DiagError {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    super(
      'RESPONSE_INVALID',
      `the response has ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was stored`,
      issues.slice(0, 200).map((i) => ({ column: i.variable, message: `expected ${i.expected} [${i.code}]` })),
    );
    this.issues = issues;
  }
}

/** Fastify's own 4xx errors, by their codes, in terms of the catalogue. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'INPUT_INVALID',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INPUT_INVALID',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INPUT_INVALID',
};

interface Mapped {
  status: number;
  body: ErrorReplyT;
}

export function mapError(error: unknown): Mapped {
  if (error instanceof ResponseRejected) {
    return { status: 422, body: { code: error.code, message: error.message, details: error.details.map(cleanDetail), issues: error.issues.slice(0, 200).map(({ variable, value, expected, code }) => ({ variable, value, expected, code })) } };
  }
  if (isDiagError(error)) return { status: error.httpStatus, body: { code: error.code, message: error.message, details: error.details.map(cleanDetail) } };
  const e = error as FastifyError & { validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[]; validationContext?: string };
  if (e?.validation) {
    const where = e.validationContext ?? 'request';
    return {
      status: 400,
      body: {
        code: 'INPUT_INVALID',
        message: `the ${where} is not valid`,
        details: e.validation.slice(0, 50).map((v) => ({ column: `${where}${v.instancePath ?? ''}`, message: v.message ?? 'invalid' })),
      },
    };
  }
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status === 429) return { status, body: { code: 'RATE_LIMITED', message: 'too many requests: wait a moment and try again', details: [] } };
  const known = e?.code ? FASTIFY_CODES[e.code] : undefined;
  if (known) return { status: ERROR_CODES[known].http === 413 ? 413 : status, body: { code: known, message: e.message, details: [] } };
  if (status >= 400 && status < 500) return { status, body: { code: 'INPUT_INVALID', message: e.message || 'bad request', details: [] } };
  return { status: 500, body: { code: 'INTERNAL', message: 'internal server error', details: [] } };
}

function cleanDetail(d: ErrorDetail): ErrorReplyT['details'][number] {
  const out: ErrorReplyT['details'][number] = { message: d.message };
  if (d.file !== undefined) out.file = d.file;
  if (d.row !== undefined) out.row = d.row;
  if (d.column !== undefined) out.column = d.column;
  return out;
}

function send(request: FastifyRequest, reply: FastifyReply, mapped: Mapped) {
  reply.code(mapped.status);
  if (request.routeOptions.config?.html) {
    return reply.type('text/html; charset=utf-8').send(statusPage(statusPageFor(mapped.body.code, mapped.status), langOf(request.query)));
  }
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(mapped.body));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const mapped = mapError(error);
    if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: mapped.body.code, status: mapped.status }, 'request refused');
    return send(request, reply, mapped);
  });
  // No URL in the message: a mistyped respondent link would otherwise put its token into the log.
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/');
    const body: ErrorReplyT = { code: 'INPUT_NOT_FOUND', message: 'no such route', details: [] };
    reply.code(404);
    if (isPage) return reply.type('text/html; charset=utf-8').send(statusPage('not_found', langOf(request.query)));
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  });
}
