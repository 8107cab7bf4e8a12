/**
 * A seeded fuzzer for the server: hostile requests (malformed JSON, wrong types, prototype-pollution keys, deep
 * nesting, objects with a `toString` that is not a function, huge strings, NUL and lone surrogates, random mutations
 * of a valid body, wrong content types and charsets, wrong methods, paths, tokens and query strings), an oracle that
 * judges each reply, and a runner that remembers what the server accepted, so that the test can check afterwards
 * that the store holds exactly that and nothing else.
 *
 * The same seed gives the same requests (util/rng.ts), so a failure can be replayed.
 */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { ERROR_CODES } from '../../src/errors.ts';
import { hashToken, webRespondentId } from '../../src/responses/store/tokens.ts';
import { Rng } from '../../src/util/rng.ts';

export interface FuzzRequest {
  /** the generator's category, for the report */
  kind: string;
  method: HTTPMethods;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

export interface Reply {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** Largest error reply the oracle accepts: errors never echo unbounded input. */
export const ERROR_REPLY_MAX_BYTES = 64 * 1024;

/**
 * What is wrong with a reply, if anything: a 5xx, a Fastify-internal error code, an API error outside the catalogue
 * (src/errors.ts) or not JSON, an error reply that echoes unbounded input.
 */
export function judge(request: Pick<FuzzRequest, 'method' | 'url'>, reply: Reply): string[] {
  const problems: string[] = [];
  const status = reply.statusCode;
  if (!(status >= 200 && status < 500)) problems.push(`status ${status}`);
  if (reply.body.includes('FST_ERR')) problems.push('the reply names a Fastify-internal error');
  if (status >= 400) {
    if (Buffer.byteLength(reply.body) > ERROR_REPLY_MAX_BYTES) problems.push(`an error reply of ${Buffer.byteLength(reply.body)} bytes: it echoes unbounded input`);
    const isApi = request.url.startsWith('/api/') && request.method !== 'HEAD';
    if (isApi) {
      let body: unknown;
      try {
        body = JSON.parse(reply.body);
      } catch {
        problems.push('an API error reply that is not JSON');
      }
      const code = (body as { code?: unknown } | undefined)?.code;
      if (body !== undefined && (typeof code !== 'string' || !Object.hasOwn(ERROR_CODES, code))) problems.push(`an error code outside the catalogue: ${JSON.stringify(code)}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- the generator

export interface FuzzTarget {
  /** invitation tokens that exist, with the JST kind of their invitation */
  invitations: { token: string; body: () => Record<string, unknown> }[];
  adminToken: string;
  waves: string[];
}

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '\\u0000', '\\ud800', 'a\\udc00', '', ' ', 'x'.repeat(5000), 'żółw', '$ref', '../../etc'];

function deep(open: string, close: string, n: number, leaf = '1'): string {
  return open.repeat(n) + leaf + close.repeat(n);
}

/** JSON texts of hostile values. */
function hostileValues(rng: Rng): string {
  const n = rng.pick([50, 1000, 5000, 20000, 60000]);
  const options: (() => string)[] = [
    () => '{"toString":1}',
    () => '{"toString":{},"valueOf":{}}',
    () => '[{"toString":1}]',
    () => '{"toJSON":1,"then":1}',
    () => '{"__proto__":{"polluted":1}}',
    () => '{"constructor":{"prototype":{"polluted":1}}}',
    () => '{"constructor":1,"prototype":2}',
    () => deep('[', ']', n),
    () => deep('{"a":', '}', Math.min(n, 20000)),
    () => deep('[{"toString":', '}]', Math.min(n, 10000)),
    () => '"\\u0000"',
    () => '"abc\\u0000def"',
    () => '"a\\ud800"',
    () => '"\\udc00x"',
    () => '"\\ud800\\udc00"',
    () => '"😀\\ud83d"',
    () => JSON.stringify('x'.repeat(rng.pick([5000, 100_000, 250_000, 300_000]))),
    () => JSON.stringify('ż'.repeat(rng.pick([3000, 60_000]))),
    () => `[${'1,'.repeat(rng.pick([1000, 50_000]))}1]`,
    () => `[${'"management",'.repeat(rng.pick([100, 10_000]))}"management"]`,
    () => `{${Array.from({ length: rng.pick([100, 5000]) }, (_, i) => `"k${i}":${i}`).join(',')}}`,
    () => rng.pick(['1e308', '-0', '0.5', '1e-7', '123456789012345678901234567890', '-1', '2001', '1e999', '-1e999']),
    () => rng.pick(['true', 'false', 'null', '""', '[]', '{}', '[[]]', '{"":{}}', '"12"', '"rural"', '["rural"]', '[null]', '{"imp":"4"}', '{"PRAWO1":[]}']),
  ];
  return rng.pick(options)();
}

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=utf-16',
  'application/json; charset=UTF-16LE', 'application/json; charset="iso-8859-2"', 'application/json;;;', 'application/json; charset=',
  'application/JSON', 'text/plain', 'text/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml',
  '*/*', 'application/json, text/plain', 'application/json; charset=utf-8; charset=latin1', 'x'.repeat(3000),
];

const TOKEN_JUNK = ['%00', 'AAAA', 'A'.repeat(300), '%ED%A0%80AAAAAAAAAAAAAAAAAAAA', '%', '%zz', '%C3%B3%C5%82w-AAAAAAAAAAAAAAAA', '..%2F..%2Fetc%2Fpasswd', 'AAAAAAAAAAAAAAAA%00AAAA', '%F0%9F%98%80'.repeat(8), ''];
const QUERY_JUNK = ['%00', '%ED%A0%80', '%uD800', 'a'.repeat(1000), '', '%', '%zz', 'x&wave=y', '[]', '%F0%9F%98%80', 'w1%00', 'w1', '../w1', '<script>', 'constructor', '__proto__'];

/** `count` requests from a seed. */
export function fuzzRequests(target: FuzzTarget, seed: string, count: number): FuzzRequest[] {
  const rng = new Rng(seed);
  const draftId = () => Array.from({ length: 22 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[rng.int(64)]).join('');
  const usedIds: string[] = [];
  const newOrUsedId = () => {
    if (usedIds.length > 0 && rng.chance(0.1)) return rng.pick(usedIds);
    const id = draftId();
    usedIds.push(id);
    return id;
  };
  const json = { 'content-type': 'application/json' };
  const invitation = () => rng.pick(target.invitations);
  const submissionUrl = (token: string) => `/api/s/${token}/responses`;
  const draftUrl = (token: string) => `/api/s/${token}/draft`;

  /** A valid body of a random invitation (submission or draft), as an object. */
  const validBody = (draft: boolean) => {
    const inv = invitation();
    const answers = inv.body();
    const body = draft ? { id: newOrUsedId(), answers, page: rng.int(8), startedAt: '2026-11-24T11:00:00.000Z' } : { draftId: newOrUsedId(), data: answers, startedAt: '2026-11-24T11:30:00Z' };
    return { inv, body, draft };
  };
  const put = (token: string, payload: string | Buffer, kind: string, headers: Record<string, string> = json): FuzzRequest => ({ kind, method: 'PUT', url: draftUrl(token), headers, payload });
  const post = (token: string, payload: string | Buffer, kind: string, headers: Record<string, string> = json): FuzzRequest => ({ kind, method: 'POST', url: submissionUrl(token), headers, payload });
  const send = (draft: boolean, token: string, payload: string | Buffer, kind: string, headers?: Record<string, string>) => (draft ? put(token, payload, kind, headers) : post(token, payload, kind, headers));

  /** Places a hostile JSON text at a random place of a valid body. */
  const plant = (draft: boolean): FuzzRequest => {
    const { inv, body } = validBody(draft);
    const answers = (draft ? (body as { answers: Record<string, unknown> }).answers : (body as { data: Record<string, unknown> }).data);
    const names = Object.keys(answers);
    const where = rng.int(5);
    const SENTINEL = '@@HOSTILE@@';
    if (where === 0) (body as Record<string, unknown>)[rng.pick(Object.keys(body))] = SENTINEL;
    else if (where === 1) answers[rng.pick(names)] = SENTINEL;
    else if (where === 2) {
      const matrix = names.filter((n) => typeof answers[n] === 'object' && !Array.isArray(answers[n]));
      const m = matrix.length ? (answers[rng.pick(matrix)] as Record<string, Record<string, unknown>>) : null;
      const row = m ? rng.pick(Object.keys(m)) : null;
      if (m && row) m[row]![rng.pick(['imp', 'lvl'])] = SENTINEL;
      else answers.comments = SENTINEL;
    } else if (where === 3) {
      const lists = names.filter((n) => Array.isArray(answers[n]));
      if (lists.length) (answers[rng.pick(lists)] as unknown[]).push(SENTINEL);
      else answers.tasks = [SENTINEL];
    } else answers[rng.pick(['staff_group', 'jst_kind', 'comments', 'n_schools', 'PRAWO', 'tasks', 'kc_comment'])] = SENTINEL;
    const text = JSON.stringify(body).replace(`"${SENTINEL}"`, () => hostileValues(rng));
    return send(draft, inv.token, text, 'hostile value');
  };

  /** Adds a hostile key at a random level of a valid body. */
  const hostileKey = (draft: boolean): FuzzRequest => {
    const { inv, body } = validBody(draft);
    const answers = (draft ? (body as { answers: Record<string, unknown> }).answers : (body as { data: Record<string, unknown> }).data);
    const KEY = '@@KEY@@';
    const level = rng.int(3);
    if (level === 0) (body as Record<string, unknown>)[KEY] = 1;
    else if (level === 1) answers[KEY] = rng.chance(0.5) ? 1 : { polluted: 1 };
    else {
      const m = answers.PRAWO as Record<string, Record<string, unknown>> | undefined;
      if (m) (m[KEY] = { imp: 1 });
      else answers[KEY] = 1;
    }
    const key = rng.pick(HOSTILE_KEYS);
    return send(draft, inv.token, JSON.stringify(body).replace(`"${KEY}"`, () => JSON.stringify(key).replace(/\\\\u/g, '\\u')), 'hostile key');
  };

  /** Changes a valid body a few times at random (JSON values). */
  const mutate = (draft: boolean): FuzzRequest => {
    const { inv, body } = validBody(draft);
    const answers = (draft ? (body as { answers: Record<string, unknown> }).answers : (body as { data: Record<string, unknown> }).data);
    for (let k = 1 + rng.int(4); k > 0; k--) {
      const names = Object.keys(answers);
      const name = rng.pick(names.length ? names : ['comments']);
      const v = answers[name];
      switch (rng.int(10)) {
        case 0: delete answers[name]; break;
        case 1: answers[name] = typeof v === 'number' ? v + 0.5 : 3.5; break;
        case 2: answers[name] = typeof v === 'string' ? Number(v) || v.length : String(v); break;
        case 3: answers[name] = Array.isArray(v) ? Object.fromEntries(v.map((x, i) => [i, x])) : [v]; break;
        case 4: answers[name] = answers[rng.pick(names)]; break;
        case 5: answers[`${name}_extra`] = v; break;
        case 6: answers[name] = null; break;
        case 7: if (Array.isArray(v)) answers[name] = [...v, ...v]; break;
        case 8: if (v && typeof v === 'object' && !Array.isArray(v)) for (const row of Object.values(v as Record<string, Record<string, unknown>>)) if (row && typeof row === 'object') row.imp = rng.pick([0, 6, '4', 4.5, null, '', [], {}]); break;
        default: (body as Record<string, unknown>)[rng.pick(['draftId', 'id', 'startedAt', 'page', 'data', 'answers'])] = rng.pick([null, 1, 'x', [], {}, true, -1, 1001, '2026-13-45T99:99:99Z']);
      }
    }
    return send(draft, inv.token, JSON.stringify(body), 'mutated body');
  };

  /** Text-level damage to a valid body: cuts, insertions, swaps. */
  const malform = (draft: boolean): FuzzRequest => {
    const { inv, body } = validBody(draft);
    let text = JSON.stringify(body);
    for (let k = 1 + rng.int(3); k > 0; k--) {
      const at = rng.int(text.length + 1);
      switch (rng.int(5)) {
        case 0: text = text.slice(0, at); break;
        case 1: text = text.slice(0, at) + text.slice(at + 1 + rng.int(20)); break;
        case 2: text = text.slice(0, at) + rng.pick(['{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', '\uD800', 'ż', 'NaN', 'undefined', '/*', '\n', '\ufeff', '1e', '--']) + text.slice(at); break;
        case 3: text = text + text; break;
        default: text = rng.pick(['', ' ', 'null', '[]', '"s"', '1', '{', '}', 'true', '\ufeff{}', '{"draftId":', '{,}', '{"a":1,}', "{'a':1}"]);
      }
    }
    return send(draft, inv.token, text, 'malformed JSON');
  };

  /** Bytes that are not UTF-8, or JSON in another encoding, under various content types. */
  const encoding = (draft: boolean): FuzzRequest => {
    const { inv, body } = validBody(draft);
    const answers = (draft ? (body as { answers: Record<string, unknown> }).answers : (body as { data: Record<string, unknown> }).data);
    answers.comments = 'Zażółć gęślą jaźń';
    const text = JSON.stringify(body);
    const payload = rng.pick([
      () => Buffer.from(text, 'utf16le'),
      () => Buffer.from(text, 'latin1'),
      () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      () => Buffer.from(Array.from({ length: rng.int(2000) }, () => rng.int(256))),
      () => Buffer.concat([Buffer.from(text.slice(0, 20), 'utf8'), Buffer.from([0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf8]), Buffer.from(text.slice(20), 'utf8')]),
      () => Buffer.from(text, 'utf8'),
    ])();
    return send(draft, inv.token, payload, 'encoding and content type', { 'content-type': rng.pick(CONTENT_TYPES) });
  };

  /** Wrong methods, paths, tokens, query strings and credentials, on every route. */
  const route = (): FuzzRequest => {
    const inv = invitation();
    const token = rng.chance(0.5) ? inv.token : rng.pick(TOKEN_JUNK);
    const q = () => rng.pick(QUERY_JUNK);
    const wave = rng.chance(0.3) ? rng.pick(target.waves) : q();
    const url = rng.pick([
      `/s/${token}`, `/s/${token}?lang=${q()}`, `/s/${token}?lang=pl&lang=en`, `/api/s/${token}/draft?id=${q()}`, `/api/s/${token}/draft?id=${draftId()}&id=${draftId()}`,
      `/api/s/${token}/draft`, `/api/s/${token}/responses`, `/api/s/${token}`, `/api/s//responses`, `/api/health`, `/api/health?x=${q()}`,
      `/api/admin/waves`, `/api/admin/waves/${wave}/progress`, `/api/admin/quality?wave=${wave}`, `/api/admin/quality?wave=${q()}&wave=${q()}`,
      `/api/admin/export?format=${rng.pick(['raw', 'labelled', q()])}&wave=${wave}`, `/api/admin/overview`, `/api/admin/reports/${rng.pick(['rural', q(), 'RURAL', 'a'.repeat(40)])}.pdf?lang=${q()}`,
      `/admin?lang=${q()}`, `/assets/${q()}`, `/assets/vendor/${q()}`, `/%00`, `/${q()}`, `/api/docs/openapi.json?${q()}`,
    ]);
    const method = rng.pick<HTTPMethods>(['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
    const auth = rng.pick([`Bearer ${target.adminToken}`, `Bearer ${target.adminToken}`, 'Bearer wrongwrongwrongwrongwrong', 'Basic dXNlcjpwYXNz', '', `Bearer ${'A'.repeat(500)}`, 'Bearer', `bearer ${target.adminToken}`]);
    const headers: Record<string, string> = auth ? { authorization: auth } : {};
    const request: FuzzRequest = { kind: 'method, path, token or query', method, url, headers };
    if (method === 'POST' || method === 'PUT' || method === 'PATCH' || rng.chance(0.1)) {
      request.headers['content-type'] = rng.pick(CONTENT_TYPES.slice(0, 4));
      request.payload = rng.chance(0.5) ? JSON.stringify(validBody(method === 'PUT').body) : hostileValues(rng);
    }
    return request;
  };

  const kinds: ((draft: boolean) => FuzzRequest)[] = [plant, plant, hostileKey, mutate, mutate, malform, encoding, () => route(), () => route()];
  const out: FuzzRequest[] = [];
  for (let i = 0; i < count; i++) {
    // now and then a valid body, so that the run also stores something (and duplicates of it)
    if (rng.chance(0.06)) {
      const { inv, body, draft } = validBody(rng.chance(0.5));
      out.push(send(draft, inv.token, JSON.stringify(body), 'valid body'));
    } else out.push(rng.pick(kinds)(rng.chance(0.5)));
  }
  return out;
}

// ---------------------------------------------------------------- the runner

export interface FuzzRun {
  requests: number;
  /** requests whose reply broke the oracle, with why */
  problems: { request: FuzzRequest; status: number; why: string[] }[];
  /** requests Node's HTTP client refused to send (e.g. a header it cannot carry) */
  unsent: number;
  statuses: Map<number, number>;
  /** respondent ids the server acknowledged (201 stored, 200 a repeat) */
  acknowledged: Set<string>;
  /** the answers of every draft the server acknowledged last, by `tokenHash\0draftId`, minus drafts a 201 completed */
  drafts: Map<string, unknown>;
}

/** Sends every request in turn and judges its reply; remembers what the server accepted. */
export async function runFuzz(app: FastifyInstance, requests: readonly FuzzRequest[]): Promise<FuzzRun> {
  const run: FuzzRun = { requests: requests.length, problems: [], unsent: 0, statuses: new Map(), acknowledged: new Set(), drafts: new Map() };
  for (const request of requests) {
    let reply: Reply;
    try {
      const r = await app.inject({ method: request.method, url: request.url, headers: request.headers, ...(request.payload !== undefined ? { payload: request.payload } : {}) });
      reply = { statusCode: r.statusCode, headers: r.headers, body: r.body };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code?.startsWith('ERR_INVALID')) {
        run.unsent++;
        continue;
      }
      throw e;
    }
    run.statuses.set(reply.statusCode, (run.statuses.get(reply.statusCode) ?? 0) + 1);
    const why = judge(request, reply);
    if (why.length) run.problems.push({ request, status: reply.statusCode, why });
    remember(run, request, reply);
  }
  return run;
}

function remember(run: FuzzRun, request: FuzzRequest, reply: Reply): void {
  const m = /^\/api\/s\/([^/?]+)\/(responses|draft)(?:\?.*)?$/.exec(request.url);
  if (!m || reply.statusCode >= 300 || request.payload === undefined) return;
  const token = m[1]!;
  const body = JSON.parse(request.payload.toString()) as Record<string, unknown>;
  if (m[2] === 'responses' && request.method === 'POST') {
    const id = String(body.draftId);
    run.acknowledged.add(webRespondentId(hashToken(token), id));
    if (reply.statusCode === 201) run.drafts.delete(`${hashToken(token)}\u0000${id}`);
  } else if (m[2] === 'draft' && request.method === 'PUT') {
    run.drafts.set(`${hashToken(token)}\u0000${String(body.id)}`, body.answers);
  }
}
