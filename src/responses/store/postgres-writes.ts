/** The write transactions of the PostgreSQL store that need more than one statement's care. */
import type { PostgresStore, Tx } from './postgres.ts';
import { ConflictList, invitationUnknown, iso, ResponseConflict, responseRow, toImportBatch, waveClosed, type ResponseRow } from './rows.ts';
import type { ImportResult, ImportRow, ImportStream, Submission, SubmitResult } from './types.ts';

type Outcome = { kind: 'done'; result: SubmitResult } | { kind: 'raced' };

/**
 * A web submission in a transaction of its own: one without an invitation, or one whose invitation's last slot went
 * while this respondent was filling in (kept aside as over-quota, pending the researcher's review, instead of lost).
 * Submissions through an invitation with a slot left go through the group commit of postgres-submit.ts instead.
 * `dataJson` is the canonical JSON of the answers (hashed as `hash`, and stored).
 */
export async function submitInTransaction(store: PostgresStore, s: Submission, dataJson: string, hash: string, now: string): Promise<SubmitResult> {
  const outcome = await store.tx<Outcome>(async (c) => {
    const existing = await previousSubmission(c, s.id, hash);
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
  return theirs(store, s.id, hash);
}

/**
 * The response a concurrent submission of the same id stored, after ours conflicted with it on the unique index and
 * was undone (slot released): a double submit, reported as such.
 */
export async function theirs(store: PostgresStore, id: string, hash: string): Promise<SubmitResult> {
  const existing = await store.tx((c) => previousSubmission(c, id, hash));
  if (!existing) throw new Error(`respondent ${id}: insert conflicted but no stored row was found`);
  return existing;
}

class Raced extends Error {}

/** The response stored under `id`, as a double submit of answers hashed `hash` sees it; null when there is none. */
export async function previousSubmission(c: Tx, id: string, hash: string): Promise<SubmitResult | null> {
  const row = (
    await c.query('SELECT r.content_hash, r.stored_at, r.review, i.slots, i.slots_used FROM responses r LEFT JOIN invitations i ON i.id = r.invitation_id WHERE r.respondent_id = $1', [id])
  ).rows[0];
  return row ? previousOutcome(id, hash, row) : null;
}

/** A response stored before under `id` (its hash, time, review and invitation's slots), as a submission of answers hashed `hash` sees it. */
export function previousOutcome(id: string, hash: string, row: { content_hash: unknown; stored_at: unknown; review: unknown; slots: unknown; slots_used: unknown }): SubmitResult {
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
