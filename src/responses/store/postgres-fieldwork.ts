/**
 * The fieldwork part of the PostgreSQL store: the wave's contact address, invitation contacts, the fieldwork log,
 * invitation activity (responses, pending over-quota responses, drafts) and the review of over-quota responses.
 */
import type pg from 'pg';
import { assertStorable, assertStorableEach, matchable } from './guard.ts';
import type { Tx } from './postgres.ts';
import { IN_DATA, alreadyReviewed, checkContacts, overQuotaNotFound, toFieldworkLogEntry, toOverQuota, waveNotFound } from './rows.ts';
import type { Contact, FieldworkLogEntry, FieldworkLogInput, InvitationActivity, OverQuotaResponse, ResponseFilter, Wave } from './types.ts';

type Row = Record<string, unknown>;

export class PgFieldwork {
  constructor(
    private readonly pool: pg.Pool,
    private readonly tx: <T>(fn: (c: Tx) => Promise<T>) => Promise<T>,
    private readonly now: () => Date,
    private readonly getWave: (name: string) => Promise<Wave | null>,
  ) {}

  private async all(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  private async waveId(c: Tx | pg.Pool, name: string): Promise<number> {
    const row = matchable(name) ? (await c.query('SELECT id FROM waves WHERE name = $1', [name])).rows[0] : undefined;
    if (!row) throw waveNotFound(name);
    return Number(row.id);
  }

  private async log(c: Tx, waveId: number, entries: readonly FieldworkLogInput[]): Promise<void> {
    if (entries.length === 0) return;
    await c.query(
      'INSERT INTO fieldwork_log (wave_id, at, event, teryt, detail) SELECT $1::int, $2::timestamptz, * FROM unnest($3::text[], $4::text[], $5::text[])',
      [waveId, this.now(), entries.map((e) => e.event), entries.map((e) => e.teryt), entries.map((e) => e.detail)],
    );
  }

  async setWaveContact(wave: string, email: string | null): Promise<Wave> {
    if (email !== null) assertStorable(email, 'contact address');
    const id = await this.waveId(this.pool, wave);
    await this.pool.query('UPDATE waves SET contact_email = $1 WHERE id = $2', [email, id]);
    return (await this.getWave(wave)) as Wave;
  }

  async replaceContacts(wave: string, contacts: readonly Contact[]): Promise<number> {
    assertStorableEach(contacts, 'contacts');
    checkContacts(contacts);
    const id = await this.waveId(this.pool, wave);
    const jsts = new Set(contacts.map((c) => c.teryt)).size;
    return this.tx(async (c) => {
      await c.query('DELETE FROM contacts WHERE wave_id = $1', [id]);
      await c.query('INSERT INTO contacts (wave_id, teryt, email, name) SELECT $1::int, * FROM unnest($2::text[], $3::text[], $4::text[])', [id, contacts.map((x) => x.teryt), contacts.map((x) => x.email), contacts.map((x) => x.name)]);
      await this.log(c, id, [{ event: 'contacts', teryt: null, detail: `${contacts.length} contacts for ${jsts} JSTs` }]);
      return contacts.length;
    });
  }

  async listContacts(wave: string): Promise<Contact[]> {
    const id = await this.waveId(this.pool, wave);
    return (await this.all('SELECT teryt, email, name FROM contacts WHERE wave_id = $1 ORDER BY teryt, email', [id])).map((r) => ({ teryt: String(r.teryt), email: String(r.email), name: String(r.name) }));
  }

  async appendFieldworkLog(wave: string, entries: readonly FieldworkLogInput[]): Promise<void> {
    assertStorableEach(entries, 'fieldwork log');
    const id = await this.waveId(this.pool, wave);
    await this.tx((c) => this.log(c, id, entries));
  }

  async listFieldworkLog(wave: string): Promise<FieldworkLogEntry[]> {
    const id = await this.waveId(this.pool, wave);
    return (await this.all('SELECT l.*, w.name AS wave FROM fieldwork_log l JOIN waves w ON w.id = l.wave_id WHERE l.wave_id = $1 ORDER BY l.id', [id])).map(toFieldworkLogEntry);
  }

  async invitationActivity(wave: string): Promise<InvitationActivity[]> {
    const id = await this.waveId(this.pool, wave);
    const rows = await this.all(
      `SELECT i.teryt, i.slots, i.slots_used,
         (SELECT count(*) FROM responses r WHERE r.invitation_id = i.id AND ${IN_DATA.replace(/review/g, 'r.review')}) AS responses,
         (SELECT count(*) FROM responses r WHERE r.invitation_id = i.id AND r.review = 'pending') AS pending,
         (SELECT count(*) FROM drafts d WHERE d.invitation_id = i.id) AS drafts
       FROM invitations i WHERE i.wave_id = $1 ORDER BY i.teryt`,
      [id],
    );
    return rows.map((r) => ({ teryt: String(r.teryt), slots: Number(r.slots), slotsUsed: Number(r.slots_used), responses: Number(r.responses), pending: Number(r.pending), drafts: Number(r.drafts) }));
  }

  async listOverQuota(filter: ResponseFilter = {}): Promise<OverQuotaResponse[]> {
    if (!matchable(filter.wave)) return [];
    const rows = filter.wave === undefined ? await this.all(`${PG_OVER_QUOTA} ORDER BY r.seq`) : await this.all(`${PG_OVER_QUOTA} AND r.wave = $1 ORDER BY r.seq`, [filter.wave]);
    return rows.map(toOverQuota);
  }

  async reviewOverQuota(id: string, decision: 'accepted' | 'rejected'): Promise<OverQuotaResponse> {
    if (!matchable(id)) throw overQuotaNotFound('?');
    return this.tx(async (c) => {
      const row = (await c.query(`${PG_OVER_QUOTA} AND r.respondent_id = $1 FOR UPDATE OF r`, [id])).rows[0] as Row | undefined;
      if (!row) throw overQuotaNotFound(id);
      if (row.review !== 'pending') throw alreadyReviewed(id, String(row.review));
      await c.query('UPDATE responses SET review = $1, reviewed_at = $2 WHERE respondent_id = $3', [decision, this.now(), id]);
      if (row.wave_id !== null) await this.log(c, Number(row.wave_id), [{ event: decision === 'accepted' ? 'over_quota_accepted' : 'over_quota_rejected', teryt: row.teryt === null ? null : String(row.teryt), detail: id }]);
      return toOverQuota((await c.query(`${PG_OVER_QUOTA} AND r.respondent_id = $1`, [id])).rows[0] as Row);
    });
  }
}

const PG_OVER_QUOTA = `
SELECT r.respondent_id, r.wave, r.stored_at, r.review, r.reviewed_at, i.teryt, i.wave_id
FROM responses r LEFT JOIN invitations i ON i.id = r.invitation_id WHERE r.review IS NOT NULL`;
