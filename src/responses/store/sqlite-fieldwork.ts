/**
 * The fieldwork part of the SQLite store: the wave's contact address, invitation contacts, the fieldwork log,
 * invitation activity (responses, pending over-quota responses, drafts) and the review of over-quota responses.
 * Writes run through the store's group committer, one transaction each.
 */
import type Database from 'better-sqlite3';
import { assertStorable, assertStorableEach, matchable } from './guard.ts';
import type { GroupCommitter } from './group-commit.ts';
import { alreadyReviewed, checkContacts, overQuotaNotFound, toFieldworkLogEntry, toOverQuota, waveNotFound } from './rows.ts';
import type { Contact, FieldworkLogEntry, FieldworkLogInput, InvitationActivity, OverQuotaResponse, ResponseFilter } from './types.ts';

type Row = Record<string, unknown>;

export class SqliteFieldwork {
  constructor(
    private readonly db: Database.Database,
    private readonly writer: GroupCommitter,
    private readonly now: () => string,
  ) {}

  private waveId(name: string): number {
    const row = matchable(name) ? (this.db.prepare('SELECT id FROM waves WHERE name = ?').get(name) as Row | undefined) : undefined;
    if (!row) throw waveNotFound(name);
    return Number(row.id);
  }

  async setWaveContact(wave: string, email: string | null): Promise<void> {
    if (email !== null) assertStorable(email, 'contact address');
    const id = this.waveId(wave);
    await this.writer.run(() => this.db.prepare('UPDATE waves SET contact_email = ? WHERE id = ?').run(email, id));
  }

  async replaceContacts(wave: string, contacts: readonly Contact[]): Promise<number> {
    assertStorableEach(contacts, 'contacts');
    checkContacts(contacts);
    const id = this.waveId(wave);
    const jsts = new Set(contacts.map((c) => c.teryt)).size;
    return this.writer.run(() => {
      this.db.prepare('DELETE FROM contacts WHERE wave_id = ?').run(id);
      const insert = this.db.prepare('INSERT INTO contacts (wave_id, teryt, email, name) VALUES (?, ?, ?, ?)');
      for (const c of contacts) insert.run(id, c.teryt, c.email, c.name);
      this.log(id, [{ event: 'contacts', teryt: null, detail: `${contacts.length} contacts for ${jsts} JSTs` }]);
      return contacts.length;
    });
  }

  async listContacts(wave: string): Promise<Contact[]> {
    const id = this.waveId(wave);
    return (this.db.prepare('SELECT teryt, email, name FROM contacts WHERE wave_id = ? ORDER BY teryt, email').all(id) as Row[]).map((r) => ({ teryt: String(r.teryt), email: String(r.email), name: String(r.name) }));
  }

  private log(waveId: number, entries: readonly FieldworkLogInput[]): void {
    const insert = this.db.prepare('INSERT INTO fieldwork_log (wave_id, at, event, teryt, detail) VALUES (?, ?, ?, ?, ?)');
    const at = this.now();
    for (const e of entries) insert.run(waveId, at, e.event, e.teryt, e.detail);
  }

  async appendFieldworkLog(wave: string, entries: readonly FieldworkLogInput[]): Promise<void> {
    assertStorableEach(entries, 'fieldwork log');
    const id = this.waveId(wave);
    await this.writer.run(() => this.log(id, entries));
  }

  async listFieldworkLog(wave: string): Promise<FieldworkLogEntry[]> {
    const id = this.waveId(wave);
    return (this.db.prepare('SELECT l.*, w.name AS wave FROM fieldwork_log l JOIN waves w ON w.id = l.wave_id WHERE l.wave_id = ? ORDER BY l.id').all(id) as Row[]).map(toFieldworkLogEntry);
  }

  async invitationActivity(wave: string): Promise<InvitationActivity[]> {
    const id = this.waveId(wave);
    return (this.db.prepare(ACTIVITY_SQL).all(id) as Row[]).map((r) => ({
      teryt: String(r.teryt), slots: Number(r.slots), slotsUsed: Number(r.slots_used), responses: Number(r.responses), pending: Number(r.pending), drafts: Number(r.drafts),
    }));
  }

  async listOverQuota(filter: ResponseFilter = {}): Promise<OverQuotaResponse[]> {
    if (!matchable(filter.wave)) return [];
    const where = filter.wave === undefined ? '' : 'AND r.wave = ?';
    const rows = this.db.prepare(`${OVER_QUOTA_SQL} ${where} ORDER BY r.seq`).all(...(filter.wave === undefined ? [] : [filter.wave])) as Row[];
    return rows.map(toOverQuota);
  }

  async reviewOverQuota(id: string, decision: 'accepted' | 'rejected'): Promise<OverQuotaResponse> {
    const find = () => (matchable(id) ? (this.db.prepare(`${OVER_QUOTA_SQL} AND r.respondent_id = ?`).get(id) as Row | undefined) : undefined);
    await this.writer.run(() => {
      const row = find();
      if (!row) throw overQuotaNotFound(id);
      if (row.review !== 'pending') throw alreadyReviewed(id, String(row.review));
      this.db.prepare('UPDATE responses SET review = ?, reviewed_at = ? WHERE respondent_id = ?').run(decision, this.now(), id);
      const waveId = row.wave_id === null ? null : Number(row.wave_id);
      if (waveId !== null) this.log(waveId, [{ event: decision === 'accepted' ? 'over_quota_accepted' : 'over_quota_rejected', teryt: row.teryt === null ? null : String(row.teryt), detail: id }]);
    });
    return toOverQuota(find() as Row);
  }
}

const ACTIVITY_SQL = `
SELECT i.teryt, i.slots, i.slots_used,
  (SELECT count(*) FROM responses r WHERE r.invitation_id = i.id AND (r.review IS NULL OR r.review = 'accepted')) AS responses,
  (SELECT count(*) FROM responses r WHERE r.invitation_id = i.id AND r.review = 'pending') AS pending,
  (SELECT count(*) FROM drafts d WHERE d.invitation_id = i.id) AS drafts
FROM invitations i WHERE i.wave_id = ? ORDER BY i.teryt`;

const OVER_QUOTA_SQL = `
SELECT r.respondent_id, r.wave, r.stored_at, r.review, r.reviewed_at, i.teryt, i.wave_id
FROM responses r LEFT JOIN invitations i ON i.id = r.invitation_id WHERE r.review IS NOT NULL`;
