/**
 * Admin authentication: `Authorization: Bearer <token>` with a token made by `diag admin token create`. The store
 * keeps only SHA-256 hashes, so the token is hashed and the hash looked up; a missing, malformed or unknown token
 * gets 401 with `WWW-Authenticate: Bearer` and no hint which it was.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DiagError } from '../../errors.ts';
import { hashToken } from '../../responses/store/tokens.ts';
import type { AdminToken, Store } from '../../responses/store/types.ts';

declare module 'fastify' {
  interface FastifyRequest {
    admin?: AdminToken;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/;

export function requireAdmin(store: Store) {
  return async function checkAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const match = BEARER.exec(request.headers.authorization ?? '');
    const admin = match ? await store.findAdminToken(hashToken(match[1] as string)) : null;
    if (!admin) {
      reply.header('www-authenticate', 'Bearer realm="diag admin"');
      throw new DiagError('UNAUTHORIZED', 'an admin bearer token is required', [{ message: 'send "Authorization: Bearer <token>" with a token from `diag admin token create`' }]);
    }
    request.admin = admin;
  };
}
