/**
 * The write transactions of the SQLite store, as synchronous functions the group committer runs inside one
 * savepoint each (see group-commit.ts): all of a function's statements are stored, or none.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { FrameUnit } from '../../sampling/frame.ts';
import { adminTokenNameTaken, ConflictList, frameHash, frameVersion, invitationUnknown, ResponseConflict, responseRow, toDraft, toFrameInfo, toFrameUnit, toImportBatch, waveClosed } from './rows.ts';
import { sha256Hex } from './tokens.ts';
import type { Draft, DraftInput, ImportResult, ImportStream, NewFrame, NewInvitation, NewWave, Submission, SubmitResult } from './types.ts';

type Row = Record<string, unknown>;

export class SqliteWrites {
  private readonly st: ReturnType<typeof prepare>;

  constructor(
    db: Database,
    private readonly now: () => string,
  ) {
    this.st = prepare(db);
  }

  importFrame(frame: NewFrame, units: readonly FrameUnit[]): { id: number; created: boolean; differs?: number } {
    const hash = frameHash(units);
    const sameName = (this.st.framesByName.all(frame.name) as Row[]).map((r) => {
      // a frame stored before frames had content hashes gets its hash now
      if (r.content_sha256 === null) {
        r.content_sha256 = frameHash((this.st.unitsOf.all(r.id) as Row[]).map(toFrameUnit));
        this.st.setFrameHash.run(r.content_sha256, r.id);
      }
      return toFrameInfo(r);
    });
    const decision = frameVersion(frame, hash, sameName);
    if ('existing' in decision) return { id: decision.existing.id, created: false };
    const id = Number(this.st.insertFrame.run(frame.name, decision.version, frame.source, units.length, this.now(), hash).lastInsertRowid);
    for (const u of units) {
      this.st.insertUnit.run({ frameId: id, teryt: u.teryt, name: u.name, kind: u.kind, voivodeship: u.voivodeship, county: u.county, population: u.population ?? null, schools: u.schools ?? null, pupils: u.pupils ?? null, synthetic: u.synthetic ? 1 : 0 });
    }
    return { id, created: true, ...(decision.differs ? { differs: decision.differs.id } : {}) };
  }

  createWave(wave: NewWave, invitations: readonly NewInvitation[]): number {
    const createdAt = this.now();
    const waveId = Number(
      this.st.insertWave.run({
        name: wave.name, frameId: wave.frameId, sampleSize: wave.sampleSize, allocation: wave.allocation, seed: wave.seed, slots: wave.slots, secretFingerprint: wave.secretFingerprint,
        createdAt, strata: JSON.stringify(wave.strata), allocationTable: JSON.stringify(wave.allocationTable),
        instrumentFile: wave.instrument?.file ?? null, instrumentVersion: wave.instrument?.version ?? null, instrumentSha256: wave.instrument?.sha256 ?? null,
      }).lastInsertRowid,
    );
    for (const inv of invitations) this.st.insertInvitation.run({ ...inv, waveId, createdAt });
    return waveId;
  }

  closeWave(name: string): void {
    this.st.closeWave.run(this.now(), name);
  }

  private openInvitation(tokenHash: string): Row {
    const inv = this.st.invitation.get(tokenHash) as Row | undefined;
    if (!inv) throw invitationUnknown();
    if (inv.status !== 'open') throw waveClosed(String(inv.wave));
    return inv;
  }

  saveDraft(d: DraftInput): Draft {
    const inv = this.openInvitation(d.tokenHash);
    const updatedAt = this.now();
    this.st.upsertDraft.run(inv.id, d.clientDraftId, JSON.stringify(d.data), updatedAt);
    return toDraft({ invitation_id: inv.id, client_draft_id: d.clientDraftId, data: d.data, updated_at: updatedAt }, d.tokenHash);
  }

  /** A web submission; `dataJson` is the canonical JSON of its answers (stored as is, and hashed). */
  submit(s: Submission, dataJson: string): SubmitResult {
    const hash = sha256Hex(dataJson);
    const existing = this.st.responseById.get(s.id) as Row | undefined;
    if (existing) {
      if (existing.content_hash !== hash) throw new ResponseConflict([s.id]);
      if (existing.review === 'pending') return { status: 'over_quota', id: s.id, storedAt: String(existing.stored_at), slotsLeft: 0 };
      const inv = existing.invitation_id === null ? undefined : (this.st.slotsOf.get(existing.invitation_id) as Row | undefined);
      return { status: 'duplicate', id: s.id, storedAt: String(existing.stored_at), slotsLeft: inv ? Number(inv.slots) - Number(inv.slots_used) : null };
    }
    let invitationId: number | null = null;
    let slotsLeft: number | null = null;
    let wave: string | undefined;
    let overQuota = false;
    if (s.tokenHash !== undefined) {
      const inv = this.openInvitation(s.tokenHash);
      // every slot used by colleagues while this one was filling in: kept aside as over-quota, never lost
      overQuota = this.st.useSlot.run(inv.id).changes === 0;
      if (s.clientDraftId !== undefined) this.st.deleteDraft.run(inv.id, s.clientDraftId);
      invitationId = Number(inv.id);
      slotsLeft = overQuota ? 0 : Number(inv.slots) - Number(inv.slots_used) - 1;
      wave = String(inv.wave);
    }
    const storedAt = this.now();
    const row = responseRow(s, { source: 'web', contentHash: hash, ...(wave !== undefined ? { wave } : {}) });
    this.st.insertResponse.run({ ...row, invitationId, importBatchId: null, storedAt, data: dataJson, meta: JSON.stringify(row.meta) });
    if (overQuota) this.st.markPending.run(s.id);
    return { status: overQuota ? 'over_quota' : 'stored', id: s.id, storedAt, slotsLeft };
  }

  /**
   * An import, inside the caller's transaction (an exclusive session of the group committer): each row is inserted
   * unless its id is stored; a stored id with the same answers counts as already present, with other answers as a
   * conflict (thrown at the end, so that the caller rolls everything back). The batch row is written before the first
   * new response (which refers to it) and completed at the end; with nothing new it is removed again.
   */
  async importStream(stream: ImportStream): Promise<ImportResult> {
    const st = this.st;
    const createdAt = this.now();
    const conflicts = new ConflictList();
    let batchId = 0;
    let rows = 0;
    let added = 0;
    let alreadyPresent = 0;
    for await (const batch of stream.batches) {
      for (const r of batch) {
        rows++;
        if (batchId === 0) batchId = Number(st.insertBatch.run(stream.fileName, '0'.repeat(64), 0, 0, createdAt).lastInsertRowid);
        if (st.insertImported.run(r.respondentId, r.wave, batchId, r.source, r.dataJson, r.metaJson, r.submittedAt, createdAt, r.contentHash).changes === 1) {
          added++;
          continue;
        }
        const stored = st.responseById.get(r.respondentId) as Row;
        if (stored.content_hash === r.contentHash) alreadyPresent++;
        else conflicts.add(r.respondentId, r.line);
      }
    }
    conflicts.throwIfAny();
    if (added === 0) {
      if (batchId !== 0) st.deleteBatch.run(batchId);
      return { batch: null, added: 0, alreadyPresent };
    }
    st.completeBatch.run(stream.sha256(), rows, added, batchId);
    return { batch: toImportBatch(st.batchById.get(batchId) as Row), added, alreadyPresent };
  }

  createAdminToken(name: string, tokenHash: string, expiresAt: string | null): { id: number; createdAt: string } {
    const createdAt = this.now();
    if (this.st.activeAdminByName.get(name, createdAt)) throw adminTokenNameTaken(name);
    return { id: Number(this.st.insertAdmin.run(name, tokenHash, createdAt, expiresAt).lastInsertRowid), createdAt };
  }

  /** The ids of the tokens concerned: the one with this id, or every active one with this name (see Store). */
  revokeAdminToken(nameOrId: string): number[] {
    const now = this.now();
    const rows = (/^\d+$/.test(nameOrId) ? this.st.adminById.all(Number(nameOrId)) : this.st.activeAdminByName.all(nameOrId, now)) as Row[];
    for (const r of rows) this.st.revokeAdmin.run(now, r.id);
    return rows.map((r) => Number(r.id));
  }
}

function prepare(db: Database) {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    framesByName: p('SELECT * FROM frames WHERE name = ? ORDER BY id'),
    unitsOf: p('SELECT * FROM frame_units WHERE frame_id = ? ORDER BY teryt'),
    setFrameHash: p('UPDATE frames SET content_sha256 = ? WHERE id = ?'),
    insertFrame: p('INSERT INTO frames (name, version, source, units, created_at, content_sha256) VALUES (?, ?, ?, ?, ?, ?)'),
    insertUnit: p(`INSERT INTO frame_units (frame_id, teryt, name, kind, voivodeship, county, population, schools, pupils, synthetic)
      VALUES (@frameId, @teryt, @name, @kind, @voivodeship, @county, @population, @schools, @pupils, @synthetic)`),
    insertWave: p(`INSERT INTO waves (name, frame_id, created_at, sample_size, strata, allocation, seed, slots, allocation_table, secret_fingerprint, instrument_file, instrument_version, instrument_sha256)
      VALUES (@name, @frameId, @createdAt, @sampleSize, @strata, @allocation, @seed, @slots, @allocationTable, @secretFingerprint, @instrumentFile, @instrumentVersion, @instrumentSha256)`),
    insertInvitation: p(`INSERT INTO invitations (wave_id, teryt, token_hash, slots, stratum, inclusion_probability, base_weight, created_at)
      VALUES (@waveId, @teryt, @tokenHash, @slots, @stratum, @inclusionProbability, @baseWeight, @createdAt)`),
    closeWave: p(`UPDATE waves SET status = 'closed', closed_at = ? WHERE name = ? AND status = 'open'`),
    invitation: p(`SELECT i.id, i.slots, i.slots_used, w.name AS wave, w.status FROM invitations i JOIN waves w ON w.id = i.wave_id WHERE i.token_hash = ?`),
    useSlot: p('UPDATE invitations SET slots_used = slots_used + 1 WHERE id = ? AND slots_used < slots'),
    upsertDraft: p(`INSERT INTO drafts (invitation_id, client_draft_id, data, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (invitation_id, client_draft_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`),
    deleteDraft: p('DELETE FROM drafts WHERE invitation_id = ? AND client_draft_id = ?'),
    responseById: p('SELECT content_hash, invitation_id, stored_at, review FROM responses WHERE respondent_id = ?'),
    markPending: p(`UPDATE responses SET review = 'pending' WHERE respondent_id = ?`),
    slotsOf: p('SELECT slots, slots_used FROM invitations WHERE id = ?'),
    insertResponse: p(`INSERT INTO responses (respondent_id, wave, invitation_id, import_batch_id, source, data, meta, submitted_at, stored_at, content_hash)
      VALUES (@respondentId, @wave, @invitationId, @importBatchId, @source, @data, @meta, @submittedAt, @storedAt, @contentHash)`),
    insertBatch: p('INSERT INTO import_batches (file_name, sha256, rows, added, created_at) VALUES (?, ?, ?, ?, ?)'),
    completeBatch: p('UPDATE import_batches SET sha256 = ?, rows = ?, added = ? WHERE id = ?'),
    deleteBatch: p('DELETE FROM import_batches WHERE id = ?'),
    insertImported: p(`INSERT INTO responses (respondent_id, wave, invitation_id, import_batch_id, source, data, meta, submitted_at, stored_at, content_hash)
      VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (respondent_id) DO NOTHING`),
    batchById: p('SELECT * FROM import_batches WHERE id = ?'),
    insertAdmin: p('INSERT INTO admin_tokens (name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    activeAdminByName: p('SELECT id FROM admin_tokens WHERE name = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?) ORDER BY id'),
    adminById: p('SELECT id FROM admin_tokens WHERE id = ?'),
    revokeAdmin: p('UPDATE admin_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
  };
}
