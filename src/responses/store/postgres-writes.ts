/** The two write transactions of the PostgreSQL store that need more than one statement's care. */
import type { PostgresStore, Tx } from './postgres.ts';
import { ConflictList, invitationUnknown, iso, ResponseConflict, responseRow, toImportBatch, waveClosed, type ResponseRow } from './rows.ts';
import { sha256Hex } from './tokens.ts';
import type { ImportResult, ImportRow, ImportStream, Submission, SubmitResult } from './types.ts';

type Outcome = { kind: 'done'; result: SubmitResult } | { kind: 'raced' };

/**
 * A submission through an invitation in one statement, so one round trip (a prepared statement, autocommitted: all of
 * it is stored, or nothing). Its CTEs see one snapshot: `prev`, the response stored under this id; `inv`, the
 * invitation (for the reason of a refusal); `used`, the slot taken — only when no response has this id, the wave is
 * open and a slot is left (the UPDATE re-checks the row it locks, so two respondents cannot take the last slot);
 * `gone`, the completed draft; `ins`, the response. A concurrent submit of the same id makes the INSERT fail on the
 * unique index (23505): the whole statement is undone, slot included, and the caller reads the other one.
 */
const SUBMIT_SQL = `WITH prev AS (
  SELECT r.content_hash, r.stored_at, r.review, i.slots, i.slots_used FROM responses r LEFT JOIN invitations i ON i.id = r.invitation_id WHERE r.respondent_id = $1
), inv AS (
  SELECT i.slots, w.name, w.status FROM invitations i JOIN waves w ON w.id = i.wave_id WHERE i.token_hash = $2
), used AS (
  UPDATE invitations i SET slots_used = i.slots_used + 1 FROM waves w
  WHERE i.token_hash = $2 AND w.id = i.wave_id AND w.status = 'open' AND i.slots_used < i.slots AND NOT EXISTS (SELECT 1 FROM prev)
  RETURNING i.id, i.slots, i.slots_used, w.name
), gone AS (
  DELETE FROM drafts d USING used WHERE d.invitation_id = used.id AND d.client_draft_id = $3
), ins AS (
  INSERT INTO responses (invitation_id, import_batch_id, stored_at, respondent_id, wave, source, data, meta, submitted_at, content_hash)
  SELECT used.id, NULL, $4::timestamptz, $1, used.name, $9, $5::jsonb, $6::jsonb, $7::timestamptz, $8 FROM used
  RETURNING 1
)
SELECT p.content_hash AS prev_hash, p.stored_at AS prev_stored_at, p.review AS prev_review, p.slots AS prev_slots, p.slots_used AS prev_slots_used,
  x.slots AS inv_slots, x.name AS inv_wave, x.status AS inv_status, u.slots AS used_slots, u.slots_used AS used_slots_used,
  (SELECT count(*) FROM ins)::int AS inserted
FROM (SELECT 1) AS one LEFT JOIN prev p ON true LEFT JOIN inv x ON true LEFT JOIN used u ON true`;

/**
 * One web submission: slot and response at once; a double submit (even a concurrent one) is a no-op. Through an
 * invitation it is one statement (SUBMIT_SQL); without one — or when the invitation's last slot went while this
 * respondent was filling in — a transaction, which keeps such a completion aside as over-quota (pending the
 * researcher's review) instead of losing it. `dataJson` is the canonical JSON of the answers (hashed, and stored).
 */
export async function pgSubmit(store: PostgresStore, s: Submission, dataJson: string, now: string): Promise<SubmitResult> {
  const hash = sha256Hex(dataJson);
  if (s.tokenHash !== undefined) return submitInvited(store, s, s.tokenHash, dataJson, hash, now);
  return submitInTransaction(store, s, dataJson, hash, now);
}

async function submitInTransaction(store: PostgresStore, s: Submission, dataJson: string, hash: string, now: string): Promise<SubmitResult> {
  const outcome = await store.tx<Outcome>(async (c) => {
    const existing = await previous(c, s.id, hash);
    if (existing) return { kind: 'done', result: existing };
    let invitationId: number | null = null;
    let slotsLeft: number | null = null;
    let wave: string | undefined;
    let overQuota = false;
    if (s.tokenHash !== undefined) {
      const used = await c.query(
        `UPDATE invitations i SET slots_used = slots_used + 1 FROM waves w
         WHERE i.token_hash = $1 AND w.id = i.wave_id AND w.status = 'open' AND i.slots_used < i.slots
         RETURNING i.id, i.slots, i.slots_used, w.name`,
        [s.tokenHash],
      );
      let inv = used.rows[0];
      if (!inv) {
        const why = (await c.query('SELECT i.id, i.slots, i.slots_used, w.name, w.status FROM invitations i JOIN waves w ON w.id = i.wave_id WHERE i.token_hash = $1 FOR UPDATE OF i', [s.tokenHash])).rows[0];
        if (!why) throw invitationUnknown();
        if (why.status !== 'open') throw waveClosed(String(why.name));
        // every slot used by colleagues while this one was filling in: kept aside as over-quota, never lost
        overQuota = true;
        inv = { ...why, slots_used: why.slots };
      }
      invitationId = Number(inv.id);
      slotsLeft = Number(inv.slots) - Number(inv.slots_used);
      wave = String(inv.name);
      if (s.clientDraftId !== undefined) await c.query('DELETE FROM drafts WHERE invitation_id = $1 AND client_draft_id = $2', [invitationId, s.clientDraftId]);
    }
    const row = responseRow(s, { source: 'web', contentHash: hash, ...(wave !== undefined ? { wave } : {}) });
    const inserted = await insertResponses(c, [{ ...row, data: dataJson }], invitationId, null, now);
    if (inserted === 0) throw new Raced();
    if (overQuota) await c.query(`UPDATE responses SET review = 'pending' WHERE respondent_id = $1`, [s.id]);
    return { kind: 'done', result: { status: overQuota ? 'over_quota' : 'stored', id: s.id, storedAt: now, slotsLeft } };
  }).catch((e: unknown) => {
    if (e instanceof Raced) return { kind: 'raced' } as Outcome;
    throw e;
  });
  if (outcome.kind === 'done') return outcome.result;
  // The same id was inserted by a concurrent transaction: ours was rolled back (slot released); report theirs.
  const existing = await store.tx((c) => previous(c, s.id, hash));
  if (!existing) throw new Error(`respondent ${s.id}: insert conflicted but no stored row was found`);
  return existing;
}

class Raced extends Error {}

async function submitInvited(store: PostgresStore, s: Submission, tokenHash: string, dataJson: string, hash: string, now: string): Promise<SubmitResult> {
  const row = responseRow(s, { source: 'web', contentHash: hash });
  let r: Record<string, unknown>;
  try {
    r = (await store.query({ name: 'diag-submit', text: SUBMIT_SQL, values: [s.id, tokenHash, s.clientDraftId ?? null, now, dataJson, JSON.stringify(row.meta), row.submittedAt, hash, row.source] })).rows[0];
  } catch (e) {
    if ((e as { code?: string }).code !== '23505') throw e;
    // The same id was inserted by a concurrent submit: this statement was undone (slot included); report theirs.
    const existing = await store.tx((c) => previous(c, s.id, hash));
    if (!existing) throw new Error(`respondent ${s.id}: insert conflicted but no stored row was found`);
    return existing;
  }
  if (r.prev_hash !== null) {
    if (String(r.prev_hash) !== hash) throw new ResponseConflict([s.id]);
    if (r.prev_review === 'pending') return { status: 'over_quota', id: s.id, storedAt: iso(r.prev_stored_at), slotsLeft: 0 };
    return { status: 'duplicate', id: s.id, storedAt: iso(r.prev_stored_at), slotsLeft: r.prev_slots === null ? null : Number(r.prev_slots) - Number(r.prev_slots_used) };
  }
  if (r.used_slots === null) {
    if (r.inv_wave === null) throw invitationUnknown();
    if (r.inv_status !== 'open') throw waveClosed(String(r.inv_wave));
    // every slot used (by colleagues, while this one was filling in): the transaction keeps it as over-quota
    return submitInTransaction(store, s, dataJson, hash, now);
  }
  if (Number(r.inserted) !== 1) throw new Error(`respondent ${s.id}: the slot was taken but the response not inserted`);
  return { status: 'stored', id: s.id, storedAt: now, slotsLeft: Number(r.used_slots) - Number(r.used_slots_used) };
}

async function previous(c: Tx, id: string, hash: string): Promise<SubmitResult | null> {
  const row = (
    await c.query('SELECT r.content_hash, r.stored_at, r.review, i.slots, i.slots_used FROM responses r LEFT JOIN invitations i ON i.id = r.invitation_id WHERE r.respondent_id = $1', [id])
  ).rows[0];
  if (!row) return null;
  if (String(row.content_hash) !== hash) throw new ResponseConflict([id]);
  if (row.review === 'pending') return { status: 'over_quota', id, storedAt: iso(row.stored_at), slotsLeft: 0 };
  return { status: 'duplicate', id, storedAt: iso(row.stored_at), slotsLeft: row.slots === null ? null : Number(row.slots) - Number(row.slots_used) };
}

/** Inserts rows, skipping ids already present; returns how many were inserted. */
async function insertResponses(c: Tx, rows: readonly (Omit<ResponseRow, 'data'> & { data: string })[], invitationId: number | null, importBatchId: number | null, now: string): Promise<number> {
  const col = <K extends keyof ResponseRow>(k: K, f: (v: unknown) => unknown = (v) => v) => rows.map((r) => f(r[k]));
  const result = await c.query(
    `INSERT INTO responses (invitation_id, import_batch_id, stored_at, respondent_id, wave, source, data, meta, submitted_at, content_hash)
     SELECT $1::int, $2::int, $3::timestamptz, id, wave, source, data::jsonb, meta::jsonb, submitted_at, hash
     FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::text[]) AS t(id, wave, source, data, meta, submitted_at, hash)
     ON CONFLICT (respondent_id) DO NOTHING`,
    [invitationId, importBatchId, now, col('respondentId'), col('wave'), col('source'), col('data'), col('meta', (m) => JSON.stringify(m)), col('submittedAt'), col('contentHash')],
  );
  return result.rowCount ?? 0;
}

/**
 * An import, all or nothing (runs inside the caller's transaction), streamed: each batch is inserted with one
 * statement, ids already stored are compared by content hash (same answers: already present; other answers: a
 * conflict, thrown at the end so that the transaction rolls back). `responses` is locked against other writers for
 * the import, so that its check cannot race a submission.
 */
export async function pgImportStream(c: Tx, stream: ImportStream, now: string): Promise<ImportResult> {
  await c.query('LOCK TABLE responses IN SHARE ROW EXCLUSIVE MODE');
  const conflicts = new ConflictList();
  let batchId = 0;
  let rows = 0;
  let added = 0;
  let alreadyPresent = 0;
  for await (const batch of stream.batches) {
    if (batch.length === 0) continue;
    rows += batch.length;
    if (batchId === 0) {
      batchId = Number((await c.query('INSERT INTO import_batches (file_name, sha256, rows, added, created_at) VALUES ($1, $2, 0, 0, $3) RETURNING id', [stream.fileName, '0'.repeat(64), now])).rows[0].id);
    }
    const col = <K extends keyof ImportRow>(k: K) => batch.map((r) => r[k]);
    const inserted = await c.query(
      `INSERT INTO responses (invitation_id, import_batch_id, stored_at, respondent_id, wave, source, data, meta, submitted_at, content_hash)
       SELECT NULL, $1::int, $2::timestamptz, id, wave, source, data::jsonb, meta::jsonb, submitted_at, hash
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[]) AS t(id, wave, source, data, meta, submitted_at, hash)
       ON CONFLICT (respondent_id) DO NOTHING RETURNING respondent_id`,
      [batchId, now, col('respondentId'), col('wave'), col('source'), col('dataJson'), col('metaJson'), col('submittedAt'), col('contentHash')],
    );
    const fresh = new Set(inserted.rows.map((r) => String(r.respondent_id)));
    added += fresh.size;
    // Rows not inserted: their id was stored before, or earlier in this batch (a repeat within the file).
    const firstAt = new Map<string, number>();
    batch.forEach((r, i) => firstAt.has(r.respondentId) || firstAt.set(r.respondentId, i));
    const rest = batch.filter((r, i) => !fresh.has(r.respondentId) || firstAt.get(r.respondentId) !== i);
    if (rest.length === 0) continue;
    const stored = new Map<string, string>();
    const found = await c.query('SELECT respondent_id, content_hash FROM responses WHERE respondent_id = ANY($1::text[])', [rest.map((r) => r.respondentId)]);
    for (const r of found.rows) stored.set(String(r.respondent_id), String(r.content_hash));
    for (const r of rest) {
      if (stored.get(r.respondentId) === r.contentHash) alreadyPresent++;
      else conflicts.add(r.respondentId, r.line);
    }
  }
  conflicts.throwIfAny();
  if (added === 0) {
    if (batchId !== 0) await c.query('DELETE FROM import_batches WHERE id = $1', [batchId]);
    return { batch: null, added: 0, alreadyPresent };
  }
  const batchRow = (await c.query('UPDATE import_batches SET sha256 = $1, rows = $2, added = $3 WHERE id = $4 RETURNING *', [stream.sha256(), rows, added, batchId])).rows[0];
  return { batch: toImportBatch(batchRow), added, alreadyPresent };
}
