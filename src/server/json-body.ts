/**
 * Request bodies: JSON in UTF-8, and nothing else.
 *
 * Fastify's default parser reads every body as UTF-8 whatever its declared charset, and also accepts text/plain.
 * Here a JSON body declaring another charset (`application/json; charset=latin1`, `utf-16`, …) is refused with 415
 * before it is decoded, bytes that are not valid UTF-8 are refused with 400 (never replaced by U+FFFD), and only
 * then does Fastify's own parser read it (which refuses `__proto__` and `constructor.prototype` keys). No route takes
 * text/plain, so it is not parsed at all (415).
 */
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { DiagError } from '../errors.ts';
import { clipText } from '../util/safe-text.ts';

/** The charset parameter of a Content-Type, lower-cased without quotes; null when there is none. */
export function charsetOf(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType);
  return m ? (m[2] ?? '').toLowerCase() : null;
}

export function registerJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') {
      done(new DiagError('UNSUPPORTED_MEDIA_TYPE', `JSON bodies must be UTF-8, not charset "${clipText(charset, 40)}"`, [{ column: 'content-type', message: 'send application/json (UTF-8)' }]), undefined);
      return;
    }
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(new DiagError('INPUT_INVALID', 'the body is not valid UTF-8', [{ column: 'body', message: 'send the JSON encoded as UTF-8' }]), undefined);
      return;
    }
    parseJson(request, bytes.toString('utf8'), done);
  });
}
