/**
 * Web submissions through an invitation on PostgreSQL: group commit.
 *
 * Each submission is one row of one statement, autocommitted: all of a row is stored (slot, draft removal,
 * response) or none of it. At most two statements are on their way at once; submissions that arrive meanwhile wait
 * and then go together, as the rows of the next statement (SUBMIT_SQL): one round trip, one commit and one WAL flush
 * for all of them. A submission that goes alone takes the one-row statement (SUBMIT_ONE_SQL), which costs
 * PostgreSQL about half of a statement of arrays; so a quiet server sends one statement per submission, as before,
 * and under load the batches grow by themselves to what arrived during one round trip.
 *
 * Measured (npm run bench -- store, server): with 256 submissions in flight, 0.08–0.12 statements per submission
 * and 1.2–1.4× the submissions per second of one statement each; through the HTTP server, whose own CPU is the
 * limit, the same rate within the run-to-run spread (0–10 % more) for less of its CPU. More statements in flight
 * (4, 8) gave no more.
 *
 * A statement holds at most one submission per invitation and per respondent id (a second one waits for the next
 * statement), so the rows of one statement never compete for a slot or an id. Invitation rows are locked in the
 * order of their ids, so two statements cannot deadlock on them. A statement that fails for a reason that may be one
 * row's (a unique violation from a concurrent double submit in another process, a deadlock, a data error) is undone
 * whole, slots included, and each of its submissions is sent again on its own; other failures (the database gone)
 * reject every submission of the statement, which stored nothing.
 */
import type { PostgresStore } from './postgres.ts';
import { previousOutcome, submitInTransaction, theirs } from './postgres-writes.ts';
import { invitationUnknown, responseRow, waveClosed } from './rows.ts';
import type { Submission, SubmitResult } from './types.ts';

/**
 * The submissions of a batch in one statement. Its CTEs see one snapshot: `input`, the rows (n: their order);
 * `prev`, a response already stored under a row's id; `inv`, a row's invitation (for the reason of a refusal);
 * `locked`, the invitations, locked in id order; `used`, the slots taken — only for rows whose id is not stored, whose
 * wave is open and whose invitation has a slot left (the UPDATE re-checks the row it locks, so two respondents cannot
 * take the last slot); `gone`, the completed drafts; `ins`, the responses.
 */
export const SUBMIT_SQL = `WITH input AS (
  SELECT * FROM unnest($1::text[], $2::char(64)[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[])
    WITH ORDINALITY AS t(id, token_hash, draft_id, stored_at, data, meta, submitted_at, hash, source, n)
), prev AS (
  SELECT input.n, r.content_hash, r.stored_at, r.review, i.slots, i.slots_used
  FROM input JOIN responses r ON r.respondent_id = input.id LEFT JOIN invitations i ON i.id = r.invitation_id
), inv AS (
  SELECT input.n, i.slots, w.name, w.status FROM input JOIN invitations i ON i.token_hash = input.token_hash JOIN waves w ON w.id = i.wave_id
), locked AS (
  SELECT i.id FROM invitations i WHERE i.token_hash = ANY($2::char(64)[]) ORDER BY i.id FOR UPDATE
), used AS (
  UPDATE invitations i SET slots_used = i.slots_used + 1 FROM input, locked, waves w
  WHERE i.id = locked.id AND i.token_hash = input.token_hash AND w.id = i.wave_id AND w.status = 'open' AND i.slots_used < i.slots
    AND NOT EXISTS (SELECT 1 FROM prev WHERE prev.n = input.n)
  RETURNING input.n, i.id, i.slots, i.slots_used, w.name
), gone AS (
  DELETE FROM drafts d USING used JOIN input ON input.n = used.n WHERE d.invitation_id = used.id AND d.client_draft_id = input.draft_id
), ins AS (
  INSERT INTO responses (invitation_id, import_batch_id, stored_at, respondent_id, wave, source, data, meta, submitted_at, content_hash)
  SELECT used.id, NULL, input.stored_at, input.id, used.name, input.source, input.data::jsonb, input.meta::jsonb, input.submitted_at, input.hash
  FROM used JOIN input ON input.n = used.n
  RETURNING respondent_id
)
SELECT p.content_hash AS prev_hash, p.stored_at AS prev_stored_at, p.review AS prev_review, p.slots AS prev_slots, p.slots_used AS prev_slots_used,
  x.slots AS inv_slots, x.name AS inv_wave, x.status AS inv_status, u.slots AS used_slots, u.slots_used AS used_slots_used,
  EXISTS (SELECT 1 FROM ins WHERE ins.respondent_id = input.id) AS inserted
FROM input LEFT JOIN prev p ON p.n = input.n LEFT JOIN inv x ON x.n = input.n LEFT JOIN used u ON u.n = input.n
ORDER BY input.n`;

/**
 * A submission that goes alone (nothing else waiting): the same in one statement with one row's parameters, which
 * PostgreSQL runs for about half of what a statement of arrays costs it. Its CTEs see one snapshot: `prev`, the
 * response stored under this id; `inv`, the invitation (for the reason of a refusal); `used`, the slot taken — only
 * when no response has this id, the wave is open and a slot is left (the UPDATE re-checks the row it locks); `gone`,
 * the completed draft; `ins`, the response. Its one row has SUBMIT_SQL's columns.
 */
export const SUBMIT_ONE_SQL = `WITH prev AS (
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
  EXISTS (SELECT 1 FROM ins) AS inserted
FROM (SELECT 1) AS one LEFT JOIN prev p ON true LEFT JOIN inv x ON true LEFT JOIN used u ON true`;

/** One submission waiting for its statement; `dataJson` is the canonical JSON of its answers, `hash` its SHA-256. */
export interface PendingSubmit {
  s: Submission & { tokenHash: string };
  dataJson: string;
  hash: string;
  now: string;
  resolve: (result: SubmitResult | Promise<SubmitResult>) => void;
  reject: (error: unknown) => void;
}

/** SQLSTATE classes of a failure that may be one row's: data exception, integrity violation, transaction rollback. */
const ROW_FAILURE = /^(22|23|40)/;

export class PgSubmitBatcher {
  private queue: PendingSubmit[] = [];
  private inFlight = 0;

  constructor(
    private readonly store: PostgresStore,
    /** statements on their way at once (each holds a pooled connection) */
    private readonly maxInFlight = 2,
    /** at most this many submissions per statement */
    private readonly maxBatch = 256,
  ) {}

  submit(s: Submission & { tokenHash: string }, dataJson: string, hash: string, now: string): Promise<SubmitResult> {
    return new Promise<SubmitResult>((resolve, reject) => {
      this.queue.push({ s, dataJson, hash, now, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The next statement's submissions, in arrival order: one per invitation and per id; the others keep their place. */
  private take(): PendingSubmit[] {
    const batch: PendingSubmit[] = [];
    const rest: PendingSubmit[] = [];
    const tokens = new Set<string>();
    const ids = new Set<string>();
    for (const p of this.queue) {
      if (batch.length < this.maxBatch && !tokens.has(p.s.tokenHash) && !ids.has(p.s.id)) {
        batch.push(p);
        tokens.add(p.s.tokenHash);
        ids.add(p.s.id);
      } else rest.push(p);
    }
    this.queue = rest;
    return batch;
  }

  private async send(batch: PendingSubmit[]): Promise<void> {
    let rows: Record<string, unknown>[];
    try {
      rows = batch.length === 1
        ? (await this.store.query({ name: 'diag-submit-one', text: SUBMIT_ONE_SQL, values: rowValues(batch[0]!) })).rows
        : (await this.store.query({ name: 'diag-submit', text: SUBMIT_SQL, values: parameters(batch) })).rows;
    } catch (e) {
      const code = String((e as { code?: unknown }).code ?? '');
      if (batch.length > 1 && ROW_FAILURE.test(code)) {
        // undone whole: each again on its own, so that one row's failure is that row's alone
        await Promise.all(batch.map((p) => this.send([p])));
        return;
      }
      if (batch.length === 1 && code === '23505') {
        // the same id was stored by a concurrent submit meanwhile (this statement was undone, slot included): theirs
        const p = batch[0]!;
        p.resolve(theirs(this.store, p.s.id, p.hash));
        return;
      }
      for (const p of batch) p.reject(e);
      return;
    }
    batch.forEach((p, i) => {
      try {
        p.resolve(this.outcome(p, rows[i]!));
      } catch (error) {
        p.reject(error);
      }
    });
  }

  /** What a row of the statement means for its submission. */
  private outcome(p: PendingSubmit, r: Record<string, unknown>): SubmitResult | Promise<SubmitResult> {
    const { s, hash } = p;
    if (r.prev_hash !== null) return previousOutcome(s.id, hash, { content_hash: r.prev_hash, stored_at: r.prev_stored_at, review: r.prev_review, slots: r.prev_slots, slots_used: r.prev_slots_used });
    if (r.used_slots === null) {
      if (r.inv_wave === null) throw invitationUnknown();
      if (r.inv_status !== 'open') throw waveClosed(String(r.inv_wave));
      // every slot used (by colleagues, while this one was filling in): the transaction keeps it as over-quota
      return submitInTransaction(this.store, s, p.dataJson, hash, p.now);
    }
    if (r.inserted !== true) throw new Error(`respondent ${s.id}: the slot was taken but the response not inserted`);
    return { status: 'stored', id: s.id, storedAt: p.now, slotsLeft: Number(r.used_slots) - Number(r.used_slots_used) };
  }
}

/** One submission's parameters, in the order of SUBMIT_SQL's `input` columns and SUBMIT_ONE_SQL's $1–$9. */
function rowValues(p: PendingSubmit): unknown[] {
  const row = responseRow(p.s, { source: 'web', contentHash: p.hash });
  return [p.s.id, p.s.tokenHash, p.s.clientDraftId ?? null, p.now, p.dataJson, JSON.stringify(row.meta), row.submittedAt, p.hash, row.source];
}

/** SUBMIT_SQL's parameters: one array per column. */
function parameters(batch: readonly PendingSubmit[]): unknown[][] {
  const columns: unknown[][] = Array.from({ length: 9 }, () => []);
  for (const p of batch) rowValues(p).forEach((v, i) => columns[i]!.push(v));
  return columns;
}
