/**
 * Secrets and fingerprints of the store: invitation and admin tokens, their SHA-256 hashes, and the content
 * hash that makes a double submit or a re-import a no-op.
 *
 * ## Invitation tokens: derived from a per-wave secret, stored only as hashes
 * `wave create` draws a 256-bit secret per wave (crypto.randomBytes(32)) and keeps it in the data folder
 * (`secrets/wave-<name>.key`, mode 0600), never in the database. The token of the JST with code `teryt` is
 * `base64url(HMAC-SHA256(secret, "diag-invitation\0<wave>\0<teryt>")[0..24))`: 192 bits, 32 characters, as
 * unpredictable as a fresh crypto.randomBytes(24) to anyone without the secret. The database holds only
 * SHA-256(token). So:
 * - a copy of the database (a backup, a shared PostgreSQL) reveals no working link;
 * - the web server needs no secret at all: it hashes the token in the URL and looks the hash up;
 * - whoever holds the secret file can print the mail-merge file again (`wave links`) — a national rollout
 *   needs that: mail bounces, contact persons change, a JST asks for its link again — and nobody else can.
 * Losing the secret file only means links can no longer be re-printed; the links already sent keep working.
 */
import * as crypto from 'node:crypto';
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** Bytes of an invitation token (192 bits). */
export const INVITATION_TOKEN_BYTES = 24;
/** Bytes of an admin token (256 bits). */
export const ADMIN_TOKEN_BYTES = 32;
/** Bytes of a wave secret (256 bits). */
export const WAVE_SECRET_BYTES = 32;

/** One-shot `crypto.hash` (Node ≥ 20.12, about twice as fast for short inputs), else a Hash object. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string }).hash;

export function sha256Hex(input: string | Uint8Array): string {
  return oneShot ? oneShot('sha256', input, 'hex') : createHash('sha256').update(input).digest('hex');
}

/** The hash under which a token is stored and looked up. */
export function hashToken(token: string): string {
  return sha256Hex(token);
}

/** A fresh random token, base64url (no padding). */
export function newToken(bytes = ADMIN_TOKEN_BYTES): string {
  return randomBytes(bytes).toString('base64url');
}

export function newWaveSecret(): Buffer {
  return randomBytes(WAVE_SECRET_BYTES);
}

/** The invitation token of one JST in one wave (see the module comment). */
export function invitationToken(secret: Uint8Array, wave: string, teryt: string): string {
  return createHmac('sha256', secret).update(`diag-invitation\0${wave}\0${teryt}`).digest().subarray(0, INVITATION_TOKEN_BYTES).toString('base64url');
}

/** Identifies a secret without revealing it: first 16 hex digits of SHA-256("diag-wave-secret" ‖ secret). */
export function secretFingerprint(secret: Uint8Array): string {
  return createHash('sha256').update('diag-wave-secret\0').update(secret).digest('hex').slice(0, 16);
}

/**
 * The respondent id of a web submission: the same invitation and client draft id give the same id, so a retried
 * submit is recognised as a double submit.
 */
export function webRespondentId(tokenHash: string, clientDraftId: string): string {
  return `w${sha256Hex(`${tokenHash}\0${clientDraftId}`).slice(0, 23)}`;
}

/** JSON with object keys sorted at every level, so equal data gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return canonical(value, 0, Infinity);
}

/**
 * canonicalJson of a value nested at most `maxDepth` levels deep (arrays and objects), or null when it is nested
 * deeper: stops there, so that no value can overflow the stack.
 */
export function canonicalJsonWithin(value: unknown, maxDepth: number): string | null {
  try {
    return canonical(value, 0, maxDepth);
  } catch (e) {
    if (e === TOO_DEEP) return null;
    throw e;
  }
}

const TOO_DEEP = Symbol('too deep');

/** Characters JSON.stringify escapes in a string (and lone surrogates, which it writes as \\u escapes). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without its call when nothing needs escaping (most answers and every key). */
const quote = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

function canonical(value: unknown, depth: number, maxDepth: number): string {
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (depth >= maxDepth) throw TOO_DEEP;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (value[i] === undefined ? 'null' : canonical(value[i], depth + 1, maxDepth));
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(object).sort()) {
    const v = object[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${quote(key)}:${canonical(v, depth + 1, maxDepth)}`;
    first = false;
  }
  return `${out}}`;
}

/** SHA-256 of the canonical JSON of a response's answers: equal answers, equal hash. */
export function contentHash(data: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(data));
}
