/**
 * The embedded SQLite back end (better-sqlite3): one database file in the data folder, the default store.
 *
 * ## Durability: WAL, fsynced before every acknowledgement, off the event loop
 * A response acknowledged to the caller must survive `kill -9` of the process — and, since answers from a
 * national survey cannot be collected twice, a power cut or an OS crash as well:
 * - in WAL mode every commit appends to the `-wal` file; a process killed at any moment leaves a WAL whose
 *   committed frames are replayed at the next open and whose torn tail is ignored (checksums);
 * - `synchronous = NORMAL` alone would already survive `kill -9` (the OS keeps the written WAL pages), but it skips
 *   the fsync at commit, so the last transactions could vanish on power loss after they were acknowledged;
 * - `synchronous = FULL` fsyncs the WAL inside COMMIT, which blocks the event loop for the fsync (under load, the
 *   server spent 43 % of its time there).
 * So the store runs `synchronous = NORMAL` and makes each commit durable itself before it is acknowledged: the
 * group committer (group-commit.ts) calls `fdatasync` on the WAL file in libuv's thread pool after COMMIT has
 * returned and settles the callers' promises only when it completes — the same fsync FULL would make (SQLite
 * already syncs the WAL before each checkpoint, the database after it, and the WAL header when it is reused, in
 * NORMAL as in FULL), only not on the event loop, and one for all the transactions committed meanwhile. The folder
 * is fsynced once too when a WAL file is first synced, as SQLite does for a new WAL. Migrations run with FULL.
 * Where WAL cannot be used (journal_mode stays something else), the store keeps `synchronous = FULL`.
 *
 * ## Checkpoints off the event loop
 * SQLite copies the WAL back into the database file (a checkpoint: writes and two fsyncs) inside the COMMIT that
 * takes the WAL past 1,000 pages — on the event loop, more than half of the cost of a stored submission. Here a
 * thread of the store's own (checkpoint-worker.js, its own connection) runs a PASSIVE checkpoint, which never blocks
 * the writer, after writes (at most every 200 ms), and the connection's own automatic checkpoint waits until the
 * WAL holds CHECKPOINT_BACKSTOP_PAGES: it runs only should the thread fall behind or fail. Checkpoints change
 * nothing of what is durable: a committed transaction is in the synced WAL, or copied and synced into the database.
 *
 * Reads run on the same connection, synchronously; in WAL mode another process (e.g. `diag export` while the
 * server runs) reads a consistent snapshot and writers wait up to `busy_timeout`.
 *
 * ## Readable by the owner only
 * The database holds named officials' answers: the data folder is created with mode 0700 and the database file with
 * 0600 before SQLite opens it, and SQLite gives its `-wal` and `-shm` files the database file's mode. A database file
 * (or WAL, SHM) found readable by others is narrowed to 0600 at open; an existing data folder is left as its owner set
 * it.
 */
import { closeSync, fdatasync, fsyncSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { DiagError } from '../../errors.ts';
import type { SurveyResponse } from '../../questionnaire/response.ts';
import type { FrameUnit } from '../../sampling/frame.ts';
import { GroupCommitter } from './group-commit.ts';
import { migrate, ownerOnlyFiles } from './sqlite-open.ts';
import { assertStorable, assertStorableEach, guardedImportStream, matchable, storableJson } from './guard.ts';
import { IN_DATA, adminTokenNotFound, checkAdminTokenName, importStreamOf, invitationUnknown, toAdminToken, toAdminTokenInfo, toDraft, toFrameInfo, toFrameUnit, toImportBatch, toInvitation, toStoredResponse, toWave, waveNotFound } from './rows.ts';
import { SqliteFieldwork } from './sqlite-fieldwork.ts';
import { SqliteWrites } from './sqlite-writes.ts';
import type {
  Contact, FieldworkLogEntry, FieldworkLogInput, InvitationActivity, OverQuotaResponse,
  AdminToken, AdminTokenInfo, AdminTokenOptions, Draft, DraftInput, FrameImport, FrameInfo, ImportBatch, ImportBatchInput, ImportResult, ImportStream, Invitation, InvitationContext, NewFrame, NewInvitation, NewWave,
  ResponseFilter, Store, StoredResponse, Submission, SubmitResult, Wave,
} from './types.ts';

type Row = Record<string, unknown>;

/** WAL pages at which the connection checkpoints by itself, should the checkpoint thread fall behind (about 40 MB). */
export const CHECKPOINT_BACKSTOP_PAGES = 10_000;
/** Least time between two checkpoints of the checkpoint thread. */
const CHECKPOINT_INTERVAL_MS = 200;

export interface SqliteStoreOptions {
  file: string;
  now?: () => Date;
}

/** The page cache of the store's connection, KiB (see the constructor). */
const PAGE_CACHE_KIB = 64 * 1024;

export class SqliteStore implements Store {
  readonly backend = 'sqlite' as const;
  readonly location: string;
  private readonly db: Database.Database;
  private readonly writer: GroupCommitter;
  private readonly writes: SqliteWrites;
  private closed = false;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(options: SqliteStoreOptions) {
    this.location = options.file;
    try {
      ownerOnlyFiles(options.file);
      this.db = new Database(options.file);
      this.wal = this.db.pragma('journal_mode = WAL', { simple: true }) === 'wal';
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 10000');
      // a page cache of up to 64 MiB (SQLite's default is 2 MiB): an import is one transaction, and with the small
      // cache the index pages its rows land on were written out and read back again and again (a million rows:
      // 65 s, 54 s with this cache; 100,000 rows unchanged; peak RSS 196 → 257 MB)
      this.db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
      migrate(this.db);
      if (this.wal) {
        this.db.pragma('synchronous = NORMAL');
        this.db.pragma(`wal_autocheckpoint = ${CHECKPOINT_BACKSTOP_PAGES}`);
      }
    } catch (e) {
      throw new DiagError('STORE_UNAVAILABLE', `cannot open the SQLite store ${options.file}: ${(e as Error).message}`, [{ file: options.file, message: 'check the path (DIAG_DATA_DIR) and its permissions' }]);
    }
    const clock = options.now ?? (() => new Date());
    this.clock = clock;
    this.writer = new GroupCommitter(this.db, 1000, this.wal ? () => this.syncWal() : null);
    this.writes = new SqliteWrites(this.db, () => clock().toISOString());
    this.fieldwork = new SqliteFieldwork(this.db, this.writer, () => clock().toISOString());
  }

  private readonly fieldwork: SqliteFieldwork;

  private readonly clock: () => Date;
  /** whether the database is in WAL mode (and commits are made durable by syncWal) */
  private readonly wal: boolean = false;
  /** the checkpoint thread, started at the first write, and when it was last told of writes */
  private checkpointer: Worker | null = null;
  private checkpointAskedAt = 0;
  /** an open descriptor of the WAL file, and the inode it was opened on */
  private walFile: { fd: number; ino: number } | null = null;

  /**
   * fdatasync of the WAL file in the thread pool (see the module comment). The descriptor is kept open, and opened
   * again should the WAL file ever be replaced (another inode at the path).
   */
  private syncWal(): Promise<void> {
    const path = `${this.location}-wal`;
    const ino = statSync(path).ino;
    if (this.walFile?.ino !== ino) {
      if (this.walFile) closeSync(this.walFile.fd);
      this.walFile = { fd: openSync(path, 'r+'), ino };
      // the WAL file's directory entry, as SQLite syncs the folder of a new WAL
      const dir = openSync(dirname(path), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    const { fd } = this.walFile;
    this.askCheckpoint();
    return new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
  }

  /** Tells the checkpoint thread that the WAL grew (starting it the first time). */
  private askCheckpoint(): void {
    if (!this.checkpointer) {
      this.checkpointer = new Worker(new URL('./checkpoint-worker.js', import.meta.url), { workerData: { file: this.location, intervalMs: CHECKPOINT_INTERVAL_MS } });
      this.checkpointer.unref();
      // a thread that fails leaves the checkpoints to SQLite's own (the backstop)
      const worker = this.checkpointer;
      worker.on('error', () => undefined);
      worker.once('exit', () => {
        if (this.checkpointer === worker) this.checkpointer = null;
      });
    }
    const now = Date.now();
    if (now - this.checkpointAskedAt < CHECKPOINT_INTERVAL_MS) return;
    this.checkpointAskedAt = now;
    this.checkpointer.postMessage('wrote');
  }

  async ping(): Promise<void> {
    try {
      this.one('SELECT count(*) AS n FROM schema_migrations');
    } catch (e) {
      throw new DiagError('STORE_UNAVAILABLE', `the SQLite store ${this.location} cannot be read: ${(e as Error).message}`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer.drain();
    if (this.walFile) closeSync(this.walFile.fd);
    this.walFile = null;
    if (this.checkpointer) {
      const worker = this.checkpointer;
      this.checkpointer = null;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.ref(); // keeps the process alive until the thread has closed its connection
      worker.postMessage('close');
      await exited;
    }
    this.db.close();
  }

  /** Prepared once per SQL text: the server's hot reads (invitation, draft) skip the parser. */
  private statement(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  private one(sql: string, ...params: unknown[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  async importFrame(frame: NewFrame, units: readonly FrameUnit[]): Promise<FrameImport> {
    assertStorable(frame, 'frame');
    assertStorableEach(units, 'frame units');
    const { id, created, differs } = await this.writer.run(() => this.writes.importFrame(frame, units));
    const info = (frameId: number) => toFrameInfo(this.one('SELECT * FROM frames WHERE id = ?', frameId) as Row);
    return { frame: info(id), created, ...(differs !== undefined ? { differs: info(differs) } : {}) };
  }

  async listFrames(): Promise<FrameInfo[]> {
    return this.all('SELECT * FROM frames ORDER BY id').map(toFrameInfo);
  }

  async findFrame(name?: string): Promise<FrameInfo | null> {
    if (!matchable(name)) return null;
    const row = name === undefined ? this.one('SELECT * FROM frames ORDER BY id DESC LIMIT 1') : this.one('SELECT * FROM frames WHERE name = ? ORDER BY id DESC LIMIT 1', name);
    return row ? toFrameInfo(row) : null;
  }

  async frameUnits(frameId: number): Promise<FrameUnit[]> {
    return this.all('SELECT * FROM frame_units WHERE frame_id = ? ORDER BY teryt', frameId).map(toFrameUnit);
  }

  async createWave(wave: NewWave, invitations: readonly NewInvitation[]): Promise<Wave> {
    assertStorable(wave, 'wave');
    assertStorableEach(invitations, 'invitations');
    if (this.one('SELECT 1 FROM waves WHERE name = ?', wave.name)) throw new DiagError('CONFIG_INVALID', `a wave named "${wave.name}" already exists`, [{ column: 'name', message: 'choose another --name' }]);
    await this.writer.run(() => this.writes.createWave(wave, invitations));
    return (await this.getWave(wave.name)) as Wave;
  }

  async getWave(name: string): Promise<Wave | null> {
    if (!matchable(name)) return null;
    const row = this.one('SELECT * FROM waves WHERE name = ?', name);
    return row ? toWave(row) : null;
  }

  async listWaves(): Promise<Wave[]> {
    return this.all('SELECT * FROM waves ORDER BY id').map(toWave);
  }

  async closeWave(name: string): Promise<Wave> {
    if (!(await this.getWave(name))) throw waveNotFound(name);
    await this.writer.run(() => this.writes.closeWave(name));
    return (await this.getWave(name)) as Wave;
  }

  async listInvitations(waveName: string): Promise<Invitation[]> {
    const wave = await this.getWave(waveName);
    if (!wave) throw waveNotFound(waveName);
    return this.all('SELECT * FROM invitations WHERE wave_id = ? ORDER BY teryt', wave.id).map(toInvitation);
  }

  async findInvitation(tokenHash: string): Promise<InvitationContext | null> {
    if (!matchable(tokenHash)) return null;
    const row = this.one(
      `SELECT i.*, w.name AS wave_name, w.status AS wave_status, w.contact_email AS wave_contact, w.instrument_sha256 AS wave_instrument, w.frame_id FROM invitations i JOIN waves w ON w.id = i.wave_id WHERE i.token_hash = ?`,
      tokenHash,
    );
    if (!row) return null;
    const unit = this.one('SELECT * FROM frame_units WHERE frame_id = ? AND teryt = ?', row.frame_id, row.teryt);
    return {
      invitation: toInvitation(row),
      wave: { id: Number(row.wave_id), name: String(row.wave_name), status: row.wave_status as Wave['status'], contactEmail: row.wave_contact === null ? null : String(row.wave_contact), instrumentSha256: row.wave_instrument === null || row.wave_instrument === undefined ? null : String(row.wave_instrument) },
      unit: unit ? toFrameUnit(unit) : null,
    };
  }

  async saveDraft(draft: DraftInput): Promise<Draft> {
    assertStorable(draft.clientDraftId, 'draft id');
    assertStorable(draft.data, 'draft');
    if (!matchable(draft.tokenHash)) throw invitationUnknown();
    return this.writer.run(() => this.writes.saveDraft(draft));
  }

  async loadDraft(tokenHash: string, clientDraftId: string): Promise<Draft | null> {
    if (!matchable(tokenHash) || !matchable(clientDraftId)) return null;
    const row = this.one(
      'SELECT d.* FROM drafts d JOIN invitations i ON i.id = d.invitation_id WHERE i.token_hash = ? AND d.client_draft_id = ?',
      tokenHash,
      clientDraftId,
    );
    return row ? toDraft(row, tokenHash) : null;
  }

  async submitResponse(submission: Submission): Promise<SubmitResult> {
    assertStorable({ ...submission, data: null }, 'response');
    const dataJson = storableJson(submission.data, 'response.data');
    return this.writer.run(() => this.writes.submit(submission, dataJson));
  }

  async importResponses(batch: ImportBatchInput, responses: readonly SurveyResponse[]): Promise<ImportResult> {
    assertStorable(batch, 'import');
    assertStorableEach(responses, 'responses');
    return this.importStream(importStreamOf(batch, responses));
  }

  importStream(stream: ImportStream): Promise<ImportResult> {
    return this.writer.exclusive(() => this.writes.importStream(guardedImportStream(stream)));
  }

  async listResponses(filter: ResponseFilter = {}): Promise<StoredResponse[]> {
    if (!matchable(filter.wave)) return [];
    const rows = filter.wave === undefined ? this.all(`SELECT * FROM responses WHERE ${IN_DATA} ORDER BY seq`) : this.all(`SELECT * FROM responses WHERE wave = ? AND ${IN_DATA} ORDER BY seq`, filter.wave);
    return rows.map(toStoredResponse);
  }

  async countResponses(filter: ResponseFilter = {}): Promise<number> {
    if (!matchable(filter.wave)) return 0;
    const row = filter.wave === undefined ? this.one(`SELECT count(*) AS n FROM responses WHERE ${IN_DATA}`) : this.one(`SELECT count(*) AS n FROM responses WHERE wave = ? AND ${IN_DATA}`, filter.wave);
    return Number(row?.n ?? 0);
  }

  async getResponse(id: string): Promise<StoredResponse | null> {
    if (!matchable(id)) return null;
    const row = this.one('SELECT * FROM responses WHERE respondent_id = ?', id);
    return row ? toStoredResponse(row) : null;
  }

  async listImportBatches(): Promise<ImportBatch[]> {
    return this.all('SELECT * FROM import_batches ORDER BY id').map(toImportBatch);
  }

  async createAdminToken(name: string, tokenHash: string, options: AdminTokenOptions = {}): Promise<AdminToken> {
    assertStorable(name, 'admin token name');
    checkAdminTokenName(name);
    const expiresAt = options.expiresAt ? new Date(options.expiresAt).toISOString() : null;
    const { id, createdAt } = await this.writer.run(() => this.writes.createAdminToken(name, tokenHash, expiresAt));
    return { id, name, createdAt, expiresAt };
  }

  async findAdminToken(tokenHash: string): Promise<AdminToken | null> {
    if (!matchable(tokenHash)) return null;
    const row = this.one('SELECT * FROM admin_tokens WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)', tokenHash, this.clock().toISOString());
    return row ? toAdminToken(row) : null;
  }

  async listAdminTokens(): Promise<AdminTokenInfo[]> {
    const now = this.clock();
    return this.all('SELECT * FROM admin_tokens ORDER BY id').map((r) => toAdminTokenInfo(r, now));
  }

  async revokeAdminToken(nameOrId: string | number): Promise<AdminTokenInfo[]> {
    const key = String(nameOrId);
    if (!matchable(key)) throw adminTokenNotFound('?');
    const ids = await this.writer.run(() => this.writes.revokeAdminToken(key));
    if (ids.length === 0) throw adminTokenNotFound(key);
    const now = this.clock();
    return ids.map((id) => toAdminTokenInfo(this.one('SELECT * FROM admin_tokens WHERE id = ?', id) as Row, now));
  }

  async setWaveContact(wave: string, email: string | null): Promise<Wave> {
    await this.fieldwork.setWaveContact(wave, email);
    return (await this.getWave(wave)) as Wave;
  }

  replaceContacts(wave: string, contacts: readonly Contact[]): Promise<number> {
    return this.fieldwork.replaceContacts(wave, contacts);
  }

  listContacts(wave: string): Promise<Contact[]> {
    return this.fieldwork.listContacts(wave);
  }

  appendFieldworkLog(wave: string, entries: readonly FieldworkLogInput[]): Promise<void> {
    return this.fieldwork.appendFieldworkLog(wave, entries);
  }

  listFieldworkLog(wave: string): Promise<FieldworkLogEntry[]> {
    return this.fieldwork.listFieldworkLog(wave);
  }

  invitationActivity(wave: string): Promise<InvitationActivity[]> {
    return this.fieldwork.invitationActivity(wave);
  }

  listOverQuota(filter: ResponseFilter = {}): Promise<OverQuotaResponse[]> {
    return this.fieldwork.listOverQuota(filter);
  }

  reviewOverQuota(id: string, decision: 'accepted' | 'rejected'): Promise<OverQuotaResponse> {
    return this.fieldwork.reviewOverQuota(id, decision);
  }

  /** `PRAGMA integrity_check`: "ok" for a sound database. */
  integrityCheck(): string {
    return (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('\n');
  }
}
