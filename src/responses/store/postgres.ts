/**
 * The PostgreSQL back end (pg Pool), used when DATABASE_URL is set. Same schema and behaviour as SQLite
 * (test/store/store.contract.ts runs against both). PostgreSQL's default `synchronous_commit = on` makes every
 * COMMIT durable before it returns, and it groups the WAL flushes of concurrent commits itself. Web submissions
 * through an invitation are grouped here too: those that arrive while earlier ones are on their way go together as
 * the rows of one statement, one round trip and one commit (postgres-submit.ts).
 *
 * Concurrency: a submission uses its slot with `UPDATE … WHERE slots_used < slots` (row-locked, so two
 * respondents cannot take the last slot twice) and inserts with `ON CONFLICT DO NOTHING` (a concurrent double
 * submit waits on the unique index, then finds the first one). An import locks `responses` against other writers
 * for its few milliseconds so that its all-or-nothing check cannot race a submission.
 */
import pg from 'pg';
import { DiagError } from '../../errors.ts';
import type { SurveyResponse } from '../../questionnaire/response.ts';
import type { FrameUnit } from '../../sampling/frame.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { PgFieldwork } from './postgres-fieldwork.ts';
import { pgImportStream, submitInTransaction } from './postgres-writes.ts';
import { PgSubmitBatcher } from './postgres-submit.ts';
import { sha256Hex } from './tokens.ts';
import { assertStorable, assertStorableEach, guardedImportStream, matchable, storableJson } from './guard.ts';
import { IN_DATA, adminTokenNameTaken, adminTokenNotFound, checkAdminTokenName, frameHash, frameVersion, importStreamOf, invitationUnknown, toAdminToken, toAdminTokenInfo, toDraft, toFrameInfo, toFrameUnit, toImportBatch, toInvitation, toStoredResponse, toWave, waveClosed, waveNotFound } from './rows.ts';
import type {
  Contact, FieldworkLogEntry, FieldworkLogInput, InvitationActivity, OverQuotaResponse,
  AdminToken, AdminTokenInfo, AdminTokenOptions, Draft, DraftInput, FrameImport, FrameInfo, ImportBatch, ImportBatchInput, ImportResult, ImportStream, Invitation, InvitationContext, NewFrame, NewInvitation, NewWave,
  ResponseFilter, Store, StoredResponse, Submission, SubmitResult, Wave,
} from './types.ts';

type Row = Record<string, unknown>;
export type Tx = pg.PoolClient;

export interface PostgresStoreOptions {
  url: string;
  /** a schema of its own (created if missing) instead of the user's search_path, e.g. for tests */
  schema?: string;
  poolSize?: number;
  now?: () => Date;
}

export class PostgresStore implements Store {
  readonly backend = 'postgres' as const;
  readonly location: string;
  private readonly now: () => Date;

  private readonly fieldwork: PgFieldwork;
  /** web submissions through an invitation: group commit (postgres-submit.ts) */
  private readonly submits = new PgSubmitBatcher(this);

  private constructor(private readonly pool: pg.Pool, url: string, now: () => Date) {
    this.location = redact(url);
    this.now = now;
    this.fieldwork = new PgFieldwork(pool, (fn) => this.tx(fn), now, (name) => this.getWave(name));
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new DiagError('CONFIG_INVALID', `invalid PostgreSQL schema name "${schema}"`);
    const pool = new pg.Pool({ ...connectionOf(options.url, sessionSettings(schema)), max: options.poolSize ?? 10 });
    pool.on('error', () => undefined); // an idle client lost: the pool replaces it; queries report their own errors
    const store = new PostgresStore(pool, options.url, options.now ?? (() => new Date()));
    try {
      await store.tx(async (c) => {
        if (schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await c.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':diag-migrations'))`);
        await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)');
        const done = new Set((await c.query('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
        for (const m of POSTGRES_MIGRATIONS) {
          if (done.has(m.version)) continue;
          await c.query(m.sql);
          await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [m.version, m.name]);
        }
      });
    } catch (e) {
      await pool.end().catch(() => undefined);
      if (e instanceof DiagError) throw e;
      throw new DiagError('STORE_UNAVAILABLE', `cannot open the PostgreSQL store ${store.location}: ${(e as Error).message}`, [{ message: 'check DATABASE_URL and that the server is running' }]);
    }
    return store;
  }

  /** Runs fn in one transaction on one pooled connection: COMMIT on success, ROLLBACK on any error. */
  async tx<T>(fn: (c: Tx) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const result = await fn(c);
      await c.query('COMMIT');
      return result;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  /** One statement on a pooled connection, outside any transaction (autocommitted). */
  query(config: pg.QueryConfig): Promise<pg.QueryResult> {
    return this.pool.query(config);
  }

  private async all(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  private async one(sql: string, params: unknown[] = []): Promise<Row | undefined> {
    return (await this.all(sql, params))[0];
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async ping(): Promise<void> {
    try {
      await this.pool.query('SELECT count(*) FROM schema_migrations');
    } catch (e) {
      throw new DiagError('STORE_UNAVAILABLE', `the PostgreSQL store ${this.location} cannot be read: ${(e as Error).message}`);
    }
  }

  async importFrame(frame: NewFrame, units: readonly FrameUnit[]): Promise<FrameImport> {
    assertStorable(frame, 'frame');
    assertStorableEach(units, 'frame units');
    const hash = frameHash(units);
    return this.tx(async (c) => {
      // one import of a name at a time, so that two copies of one register cannot both be stored
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`diag-frame:${frame.name}`]);
      const sameName: FrameInfo[] = [];
      for (const r of (await c.query('SELECT * FROM frames WHERE name = $1 ORDER BY id', [frame.name])).rows) {
        if (r.content_sha256 === null) {
          // a frame stored before frames had content hashes gets its hash now
          r.content_sha256 = frameHash((await c.query('SELECT * FROM frame_units WHERE frame_id = $1 ORDER BY teryt', [r.id])).rows.map(toFrameUnit));
          await c.query('UPDATE frames SET content_sha256 = $1 WHERE id = $2', [r.content_sha256, r.id]);
        }
        sameName.push(toFrameInfo(r));
      }
      const decision = frameVersion(frame, hash, sameName);
      if ('existing' in decision) return { frame: decision.existing, created: false };
      const row = (
        await c.query('INSERT INTO frames (name, version, source, units, created_at, content_sha256) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *', [frame.name, decision.version, frame.source, units.length, this.now(), hash])
      ).rows[0];
      const col = <K extends keyof FrameUnit>(k: K) => units.map((u) => u[k] ?? null);
      await c.query(
        `INSERT INTO frame_units (frame_id, teryt, name, kind, voivodeship, county, population, schools, pupils, synthetic)
         SELECT $1::int, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::int[], $10::boolean[])`,
        [row.id, col('teryt'), col('name'), col('kind'), col('voivodeship'), col('county'), col('population'), col('schools'), col('pupils'), col('synthetic')],
      );
      return { frame: toFrameInfo(row), created: true, ...(decision.differs ? { differs: decision.differs } : {}) };
    });
  }

  async listFrames(): Promise<FrameInfo[]> {
    return (await this.all('SELECT * FROM frames ORDER BY id')).map(toFrameInfo);
  }

  async findFrame(name?: string): Promise<FrameInfo | null> {
    if (!matchable(name)) return null;
    const row = name === undefined ? await this.one('SELECT * FROM frames ORDER BY id DESC LIMIT 1') : await this.one('SELECT * FROM frames WHERE name = $1 ORDER BY id DESC LIMIT 1', [name]);
    return row ? toFrameInfo(row) : null;
  }

  async frameUnits(frameId: number): Promise<FrameUnit[]> {
    return (await this.all('SELECT * FROM frame_units WHERE frame_id = $1 ORDER BY teryt', [frameId])).map(toFrameUnit);
  }

  async createWave(wave: NewWave, invitations: readonly NewInvitation[]): Promise<Wave> {
    assertStorable(wave, 'wave');
    assertStorableEach(invitations, 'invitations');
    if (await this.getWave(wave.name)) throw new DiagError('CONFIG_INVALID', `a wave named "${wave.name}" already exists`, [{ column: 'name', message: 'choose another --name' }]);
    return this.tx(async (c) => {
      const row = (
        await c.query(
          `INSERT INTO waves (name, frame_id, created_at, sample_size, strata, allocation, seed, slots, allocation_table, secret_fingerprint, instrument_file, instrument_version, instrument_sha256)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
          [wave.name, wave.frameId, this.now(), wave.sampleSize, JSON.stringify(wave.strata), wave.allocation, wave.seed, wave.slots, JSON.stringify(wave.allocationTable), wave.secretFingerprint, wave.instrument?.file ?? null, wave.instrument?.version ?? null, wave.instrument?.sha256 ?? null],
        )
      ).rows[0];
      const col = <K extends keyof NewInvitation>(k: K) => invitations.map((i) => i[k]);
      await c.query(
        `INSERT INTO invitations (wave_id, created_at, teryt, token_hash, slots, stratum, inclusion_probability, base_weight)
         SELECT $1::int, $2::timestamptz, * FROM unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::float8[], $8::float8[])`,
        [row.id, row.created_at, col('teryt'), col('tokenHash'), col('slots'), col('stratum'), col('inclusionProbability'), col('baseWeight')],
      );
      return toWave(row);
    });
  }

  async getWave(name: string): Promise<Wave | null> {
    if (!matchable(name)) return null;
    const row = await this.one('SELECT * FROM waves WHERE name = $1', [name]);
    return row ? toWave(row) : null;
  }

  async listWaves(): Promise<Wave[]> {
    return (await this.all('SELECT * FROM waves ORDER BY id')).map(toWave);
  }

  async closeWave(name: string): Promise<Wave> {
    if (!matchable(name)) throw waveNotFound('?');
    await this.all(`UPDATE waves SET status = 'closed', closed_at = $1 WHERE name = $2 AND status = 'open'`, [this.now(), name]);
    const wave = await this.getWave(name);
    if (!wave) throw waveNotFound(name);
    return wave;
  }

  async listInvitations(waveName: string): Promise<Invitation[]> {
    const wave = await this.getWave(waveName);
    if (!wave) throw waveNotFound(waveName);
    return (await this.all('SELECT * FROM invitations WHERE wave_id = $1 ORDER BY teryt', [wave.id])).map(toInvitation);
  }

  async findInvitation(tokenHash: string): Promise<InvitationContext | null> {
    if (!matchable(tokenHash)) return null;
    const row = await this.one(
      `SELECT i.*, w.name AS wave_name, w.status AS wave_status, w.contact_email AS wave_contact, w.instrument_sha256 AS wave_instrument, u.teryt AS unit_teryt, u.name AS unit_name, u.kind, u.voivodeship, u.county, u.population, u.schools, u.pupils, u.synthetic
       FROM invitations i JOIN waves w ON w.id = i.wave_id LEFT JOIN frame_units u ON u.frame_id = w.frame_id AND u.teryt = i.teryt WHERE i.token_hash = $1`,
      [tokenHash],
    );
    if (!row) return null;
    return {
      invitation: toInvitation(row),
      wave: { id: Number(row.wave_id), name: String(row.wave_name), status: row.wave_status as Wave['status'], contactEmail: row.wave_contact === null ? null : String(row.wave_contact), instrumentSha256: row.wave_instrument === null || row.wave_instrument === undefined ? null : String(row.wave_instrument) },
      unit: row.unit_teryt === null ? null : toFrameUnit({ ...row, teryt: row.unit_teryt, name: row.unit_name }),
    };
  }

  async saveDraft(d: DraftInput): Promise<Draft> {
    assertStorable(d.clientDraftId, 'draft id');
    assertStorable(d.data, 'draft');
    if (!matchable(d.tokenHash)) throw invitationUnknown();
    const inv = await this.one(`SELECT i.id, w.name, w.status FROM invitations i JOIN waves w ON w.id = i.wave_id WHERE i.token_hash = $1`, [d.tokenHash]);
    if (!inv) throw invitationUnknown();
    if (inv.status !== 'open') throw waveClosed(String(inv.name));
    const row = await this.one(
      `INSERT INTO drafts (invitation_id, client_draft_id, data, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (invitation_id, client_draft_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at RETURNING *`,
      [inv.id, d.clientDraftId, JSON.stringify(d.data), this.now()],
    );
    return toDraft(row as Row, d.tokenHash);
  }

  async loadDraft(tokenHash: string, clientDraftId: string): Promise<Draft | null> {
    if (!matchable(tokenHash) || !matchable(clientDraftId)) return null;
    const row = await this.one('SELECT d.* FROM drafts d JOIN invitations i ON i.id = d.invitation_id WHERE i.token_hash = $1 AND d.client_draft_id = $2', [tokenHash, clientDraftId]);
    return row ? toDraft(row, tokenHash) : null;
  }

  async submitResponse(submission: Submission): Promise<SubmitResult> {
    assertStorable({ ...submission, data: null }, 'response');
    const dataJson = storableJson(submission.data, 'response.data');
    const hash = sha256Hex(dataJson);
    const now = this.now().toISOString();
    const { tokenHash } = submission;
    if (tokenHash !== undefined) return this.submits.submit({ ...submission, tokenHash }, dataJson, hash, now);
    return submitInTransaction(this, submission, dataJson, hash, now);
  }

  async importResponses(batch: ImportBatchInput, responses: readonly SurveyResponse[]): Promise<ImportResult> {
    assertStorable(batch, 'import');
    assertStorableEach(responses, 'responses');
    return this.importStream(importStreamOf(batch, responses));
  }

  importStream(stream: ImportStream): Promise<ImportResult> {
    return this.tx((c) => pgImportStream(c, guardedImportStream(stream), this.now().toISOString()));
  }

  async listResponses(filter: ResponseFilter = {}): Promise<StoredResponse[]> {
    if (!matchable(filter.wave)) return [];
    const rows = filter.wave === undefined ? await this.all(`SELECT * FROM responses WHERE ${IN_DATA} ORDER BY seq`) : await this.all(`SELECT * FROM responses WHERE wave = $1 AND ${IN_DATA} ORDER BY seq`, [filter.wave]);
    return rows.map(toStoredResponse);
  }

  async countResponses(filter: ResponseFilter = {}): Promise<number> {
    if (!matchable(filter.wave)) return 0;
    const row = filter.wave === undefined ? await this.one(`SELECT count(*) AS n FROM responses WHERE ${IN_DATA}`) : await this.one(`SELECT count(*) AS n FROM responses WHERE wave = $1 AND ${IN_DATA}`, [filter.wave]);
    return Number(row?.n ?? 0);
  }

  async getResponse(id: string): Promise<StoredResponse | null> {
    if (!matchable(id)) return null;
    const row = await this.one('SELECT * FROM responses WHERE respondent_id = $1', [id]);
    return row ? toStoredResponse(row) : null;
  }

  async listImportBatches(): Promise<ImportBatch[]> {
    return (await this.all('SELECT * FROM import_batches ORDER BY id')).map(toImportBatch);
  }

  async createAdminToken(name: string, tokenHash: string, options: AdminTokenOptions = {}): Promise<AdminToken> {
    assertStorable(name, 'admin token name');
    checkAdminTokenName(name);
    const expiresAt = options.expiresAt ? new Date(options.expiresAt) : null;
    return this.tx(async (c) => {
      const now = this.now();
      // one active token per name: concurrent creates of the same name queue on this lock
      await c.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':diag-admin-token:' || $1))`, [name]);
      if ((await c.query('SELECT 1 FROM admin_tokens WHERE name = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)', [name, now])).rows[0]) throw adminTokenNameTaken(name);
      return toAdminToken((await c.query('INSERT INTO admin_tokens (name, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4) RETURNING *', [name, tokenHash, now, expiresAt])).rows[0] as Row);
    });
  }

  async findAdminToken(tokenHash: string): Promise<AdminToken | null> {
    if (!matchable(tokenHash)) return null;
    const row = await this.one('SELECT * FROM admin_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)', [tokenHash, this.now()]);
    return row ? toAdminToken(row) : null;
  }

  async listAdminTokens(): Promise<AdminTokenInfo[]> {
    const now = this.now();
    return (await this.all('SELECT * FROM admin_tokens ORDER BY id')).map((r) => toAdminTokenInfo(r, now));
  }

  async revokeAdminToken(nameOrId: string | number): Promise<AdminTokenInfo[]> {
    const key = String(nameOrId);
    if (!matchable(key)) throw adminTokenNotFound('?');
    const now = this.now();
    const byId = /^\d+$/.test(key);
    if (byId && Number(key) > 2_147_483_647) throw adminTokenNotFound(key);
    const rows = await this.tx(async (c) => {
      const found = byId
        ? await c.query('SELECT id FROM admin_tokens WHERE id = $1', [Number(key)])
        : await c.query('SELECT id FROM admin_tokens WHERE name = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2) ORDER BY id', [key, now]);
      const ids = found.rows.map((r) => Number(r.id));
      await c.query('UPDATE admin_tokens SET revoked_at = $1 WHERE id = ANY($2::int[]) AND revoked_at IS NULL', [now, ids]);
      return (await c.query('SELECT * FROM admin_tokens WHERE id = ANY($1::int[]) ORDER BY id', [ids])).rows as Row[];
    });
    if (rows.length === 0) throw adminTokenNotFound(key);
    return rows.map((r) => toAdminTokenInfo(r, now));
  }

  // ---------------------------------------------------------------- fieldwork (postgres-fieldwork.ts)

  setWaveContact(wave: string, email: string | null): Promise<Wave> { return this.fieldwork.setWaveContact(wave, email); }
  replaceContacts(wave: string, contacts: readonly Contact[]): Promise<number> { return this.fieldwork.replaceContacts(wave, contacts); }
  listContacts(wave: string): Promise<Contact[]> { return this.fieldwork.listContacts(wave); }
  appendFieldworkLog(wave: string, entries: readonly FieldworkLogInput[]): Promise<void> { return this.fieldwork.appendFieldworkLog(wave, entries); }
  listFieldworkLog(wave: string): Promise<FieldworkLogEntry[]> { return this.fieldwork.listFieldworkLog(wave); }
  invitationActivity(wave: string): Promise<InvitationActivity[]> { return this.fieldwork.invitationActivity(wave); }
  listOverQuota(filter: ResponseFilter = {}): Promise<OverQuotaResponse[]> { return this.fieldwork.listOverQuota(filter); }
  reviewOverQuota(id: string, decision: 'accepted' | 'rejected'): Promise<OverQuotaResponse> { return this.fieldwork.reviewOverQuota(id, decision); }
}

/** The URL without its password, for messages. */
/**
 * The settings of every session of the pool, as `-c name=value` options: the schema, if any, and generic plans for
 * prepared statements. The group commit's statement (postgres-submit.ts) takes arrays whose length PostgreSQL knows
 * only at execution: it would plan it afresh every time (about 1 ms, more than the statement runs) instead of reusing
 * its plan. Only named (prepared) statements are affected; the store's other statements are planned as they run.
 */
function sessionSettings(schema: string | undefined): string {
  return `${schema ? `-c search_path=${schema} ` : ''}-c plan_cache_mode=force_generic_plan`;
}

/**
 * The pool's connection: the settings are added to the URL's own `options` parameter, since pg lets the URL's
 * parameters override the pool's; a location that is not a URL (a socket path) takes them as the pool's option.
 */
export function connectionOf(url: string, settings: string): { connectionString: string; options?: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { connectionString: url, options: settings };
  }
  if (!/^postgres(ql)?:$/.test(u.protocol)) return { connectionString: url, options: settings };
  const own = u.searchParams.get('options');
  u.searchParams.set('options', own ? `${own} ${settings}` : settings);
  return { connectionString: u.toString() };
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://…';
  }
}
