/**
 * Logging without secrets. An invitation token is a password to a JST's questionnaire, so it must never reach a log:
 * request URLs are logged with the token replaced by `[token]` and without the query string (a draft id travels
 * there), and no header is logged (the admin bearer token travels in `Authorization`).
 */
import type { FastifyServerOptions } from 'fastify';

/** `/s/<token>` and `/api/s/<token>/...` with the token hidden; the query string dropped. */
export function redactUrl(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.replace(/^(\/api)?\/s\/[^/]+/, (_, api: string | undefined) => `${api ?? ''}/s/[token]`);
}

export interface LogOptions {
  /** pino level; default info */
  level?: string;
  /** where log lines go (default stdout): a test passes a collector */
  stream?: { write(line: string): void };
}

interface RequestLike {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
  ip?: string;
  id?: string;
}

export function loggerOptions(option: boolean | LogOptions | undefined): FastifyServerOptions['logger'] {
  if (option === undefined || option === false) return false;
  const o: LogOptions = option === true ? {} : option;
  return {
    level: o.level ?? 'info',
    ...(o.stream ? { stream: o.stream } : {}),
    serializers: {
      req: (req: RequestLike) => ({ method: req.method, url: redactUrl(req.url ?? ''), route: req.routeOptions?.url, remoteAddress: req.ip }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    redact: { paths: ['req.headers', 'headers.authorization', 'headers.cookie'], remove: true },
  };
}
