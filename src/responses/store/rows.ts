/**
 * What both back ends share: database rows → domain records (SQLite gives JSON as text and times as ISO
 * strings, PostgreSQL gives parsed JSON, Date objects and bigint counts as strings), the values a response row
 * is written from, and the store's errors.
 */
import { DiagError } from '../../errors.ts';
import type { SurveyResponse } from '../../questionnaire/response.ts';
import { canonicalFrameCsv, type FrameUnit } from '../../sampling/frame.ts';
import { canonicalJson, contentHash, sha256Hex } from './tokens.ts';
import type { AdminToken, AdminTokenInfo, Draft, FieldworkEvent, FieldworkLogEntry, OverQuotaResponse, ReviewStatus, FrameInfo, ImportBatch, ImportBatchInput, ImportRow, ImportStream, Invitation, NewFrame, StoredResponse, Wave, WaveStatus } from './types.ts';

type Row = Record<string, unknown>;

/** The SQL condition of the responses that are data: ordinary ones and accepted over-quota ones (pending and rejected ones are kept aside). */
export const IN_DATA = `(review IS NULL OR review = 'accepted')`;

export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const num = (v: unknown): number => Number(v);
const optionalNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));

export function toFrameInfo(r: Row): FrameInfo {
  const sha256 = r.content_sha256 === null || r.content_sha256 === undefined ? null : String(r.content_sha256);
  return { id: num(r.id), name: String(r.name), version: String(r.version), source: String(r.source), units: num(r.units), createdAt: iso(r.created_at), sha256 };
}

export function toFrameUnit(r: Row): FrameUnit {
  const unit: FrameUnit = {
    teryt: String(r.teryt),
    name: String(r.name),
    kind: String(r.kind) as FrameUnit['kind'],
    voivodeship: String(r.voivodeship),
    county: String(r.county),
    synthetic: r.synthetic === true || r.synthetic === 1,
  };
  const population = optionalNum(r.population);
  const schools = optionalNum(r.schools);
  const pupils = optionalNum(r.pupils);
  if (population !== undefined) unit.population = population;
  if (schools !== undefined) unit.schools = schools;
  if (pupils !== undefined) unit.pupils = pupils;
  return unit;
}

export function toWave(r: Row): Wave {
  return {
    id: num(r.id),
    name: String(r.name),
    frameId: num(r.frame_id),
    sampleSize: num(r.sample_size),
    strata: json(r.strata),
    allocation: String(r.allocation) as Wave['allocation'],
    seed: String(r.seed),
    slots: num(r.slots),
    allocationTable: json(r.allocation_table),
    secretFingerprint: String(r.secret_fingerprint),
    status: String(r.status) as WaveStatus,
    createdAt: iso(r.created_at),
    closedAt: isoOrNull(r.closed_at),
    contactEmail: r.contact_email === null || r.contact_email === undefined ? null : String(r.contact_email),
    instrument: r.instrument_sha256 === null || r.instrument_sha256 === undefined ? null : { file: String(r.instrument_file), version: String(r.instrument_version), sha256: String(r.instrument_sha256) },
  };
}

export function toInvitation(r: Row): Invitation {
  return {
    id: num(r.id),
    waveId: num(r.wave_id),
    teryt: String(r.teryt),
    tokenHash: String(r.token_hash),
    slots: num(r.slots),
    slotsUsed: num(r.slots_used),
    stratum: String(r.stratum),
    inclusionProbability: num(r.inclusion_probability),
    baseWeight: num(r.base_weight),
    createdAt: iso(r.created_at),
  };
}

export function toDraft(r: Row, tokenHash: string): Draft {
  return { tokenHash, invitationId: num(r.invitation_id), clientDraftId: String(r.client_draft_id), data: json(r.data), updatedAt: iso(r.updated_at) };
}

export function toStoredResponse(r: Row): StoredResponse {
  const meta: StoredResponse['meta'] = { ...json<object>(r.meta), source: String(r.source) };
  if (r.wave !== null && r.wave !== undefined) meta.wave = String(r.wave);
  return {
    id: String(r.respondent_id),
    data: json(r.data),
    meta,
    invitationId: r.invitation_id === null ? null : num(r.invitation_id),
    importBatchId: r.import_batch_id === null ? null : num(r.import_batch_id),
    contentHash: String(r.content_hash),
    storedAt: iso(r.stored_at),
  };
}

export function toImportBatch(r: Row): ImportBatch {
  return { id: num(r.id), fileName: String(r.file_name), sha256: String(r.sha256), rows: num(r.rows), added: num(r.added), createdAt: iso(r.created_at) };
}

export function toAdminToken(r: Row): AdminToken {
  return { id: num(r.id), name: String(r.name), createdAt: iso(r.created_at), expiresAt: isoOrNull(r.expires_at) };
}

export function toAdminTokenInfo(r: Row, now: Date): AdminTokenInfo {
  const token = toAdminToken(r);
  const revokedAt = isoOrNull(r.revoked_at);
  const status: AdminTokenInfo['status'] = revokedAt !== null ? 'revoked' : token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime() ? 'expired' : 'active';
  return { ...token, revokedAt, status };
}

/** The checks of a new admin token's name, the same on both back ends. */
export function checkAdminTokenName(name: string): void {
  if (name.trim() === '') throw new DiagError('USAGE', 'an admin token needs a name');
  if (/^\d+$/.test(name.trim())) throw new DiagError('USAGE', `an admin token's name cannot be only digits ("${name}"): \`admin token revoke\` reads digits as a token id`);
  if (name.length > 100) throw new DiagError('USAGE', 'an admin token\'s name has at most 100 characters');
}

export function adminTokenNameTaken(name: string): DiagError {
  return new DiagError('CONFIG_INVALID', `an active admin token named "${name}" exists`, [{ column: 'name', message: 'choose another --name, or revoke that token first (`diag admin token revoke NAME`)' }]);
}

export function adminTokenNotFound(nameOrId: string | number): DiagError {
  return new DiagError('INPUT_NOT_FOUND', `no admin token with id or name "${String(nameOrId).slice(0, 100)}"`, [{ message: 'see `diag admin token list`' }]);
}

/** The column values of a response row (JSON still as objects; each back end serialises its own way). */
export interface ResponseRow {
  respondentId: string;
  wave: string | null;
  source: string;
  data: Record<string, unknown>;
  /** the meta fields other than wave and source, which have columns */
  meta: Record<string, unknown>;
  submittedAt: string | null;
  contentHash: string;
}

export function responseRow(r: SurveyResponse, defaults: { source: string; wave?: string | null; contentHash?: string }): ResponseRow {
  const { wave, source, ...rest } = r.meta ?? {};
  const submitted = rest.submittedAt ? new Date(rest.submittedAt) : null;
  return {
    respondentId: r.id,
    wave: defaults.wave !== undefined ? defaults.wave : (wave ?? null),
    source: source ?? defaults.source,
    data: r.data,
    meta: rest,
    submittedAt: submitted && !Number.isNaN(submitted.getTime()) ? submitted.toISOString() : null,
    contentHash: defaults.contentHash ?? contentHash(r.data),
  };
}

/** The content hash of a frame's units (see FrameInfo.sha256). */
export function frameHash(units: readonly FrameUnit[]): string {
  return sha256Hex(canonicalFrameCsv(units));
}

/**
 * How a frame is stored given the frames of the same name (with their hashes): not at all when one has the same
 * content; else under its version, or `<version>+<hash prefix>` when another content holds that version.
 */
export function frameVersion(frame: NewFrame, hash: string, sameName: readonly FrameInfo[]): { existing: FrameInfo } | { version: string; differs?: FrameInfo } {
  const same = sameName.find((f) => f.sha256 === hash);
  if (same) return { existing: same };
  const taken = sameName.find((f) => f.version === frame.version);
  if (!taken) return { version: frame.version };
  return { version: `${frame.version}+${hash.slice(0, 8)}`, differs: taken };
}

/** The row an import stores for a response (answers as canonical JSON, see ImportRow). */
export function importRow(r: SurveyResponse, line = 0): ImportRow {
  const row = responseRow(r, { source: 'import' });
  const dataJson = canonicalJson(r.data);
  return { respondentId: row.respondentId, wave: row.wave, source: row.source, dataJson, metaJson: JSON.stringify(row.meta), submittedAt: row.submittedAt, contentHash: sha256Hex(dataJson), line };
}

/** An import of responses held in memory, as a stream of one batch per 1,000. */
export function importStreamOf(batch: ImportBatchInput, responses: readonly SurveyResponse[]): ImportStream {
  return {
    fileName: batch.fileName,
    sha256: () => batch.sha256,
    batches: (async function* () {
      for (let i = 0; i < responses.length; i += 1000) yield responses.slice(i, i + 1000).map((r) => importRow(r));
    })(),
  };
}

/** At most this many conflicting ids are kept with their rows (the count goes on). */
export const MAX_CONFLICTS_KEPT = 1000;

/** An id already stored: the same answers make a repeat a no-op, other answers are a conflict. */
export class ResponseConflict extends DiagError {
  readonly ids: string[];
  /** the file row of each id kept (0 when unknown) */
  readonly rows: number[];
  /** all conflicts, the kept ones and those only counted */
  readonly total: number;
  constructor(ids: string[], rows: number[] = ids.map(() => 0), total = ids.length) {
    super(
      'RESPONSE_CONFLICT',
      `${total} respondent id${total === 1 ? ' is' : 's are'} already stored with different answers`,
      ids.map((id) => ({ column: 'respondent_id', message: `"${id}" is already stored with different answers: give the response a new id, or leave it out` })),
    );
    this.ids = ids;
    this.rows = rows;
    this.total = total;
  }
}

/** Collects the conflicts of an import, keeping the first MAX_CONFLICTS_KEPT. */
export class ConflictList {
  readonly ids: string[] = [];
  readonly rows: number[] = [];
  total = 0;
  add(id: string, row: number): void {
    if (this.total++ < MAX_CONFLICTS_KEPT) {
      this.ids.push(id);
      this.rows.push(row);
    }
  }
  throwIfAny(): void {
    if (this.total > 0) throw new ResponseConflict(this.ids, this.rows, this.total);
  }
}

export function invitationUnknown(): DiagError {
  return new DiagError('INVITATION_UNKNOWN', 'no invitation matches this link', [{ message: 'check the link in the invitation e-mail' }]);
}

export function waveClosed(wave: string): DiagError {
  return new DiagError('WAVE_CLOSED', `wave "${wave}" is closed: it no longer accepts answers`);
}

export function slotsExhausted(slots: number): DiagError {
  return new DiagError('SLOTS_EXHAUSTED', `every respondent slot of this invitation (${slots}) is used`);
}

export function waveNotFound(name: string): DiagError {
  return new DiagError('INPUT_NOT_FOUND', `no wave named "${name}"`, [{ column: 'wave', message: 'see `diag wave list`' }]);
}

export function toOverQuota(r: Row): OverQuotaResponse {
  return {
    id: String(r.respondent_id),
    wave: r.wave === null || r.wave === undefined ? null : String(r.wave),
    teryt: r.teryt === null || r.teryt === undefined ? null : String(r.teryt),
    storedAt: iso(r.stored_at),
    review: String(r.review) as ReviewStatus,
    reviewedAt: isoOrNull(r.reviewed_at),
  };
}

export function toFieldworkLogEntry(r: Row): FieldworkLogEntry {
  return { id: num(r.id), wave: String(r.wave), at: iso(r.at), event: String(r.event) as FieldworkEvent, teryt: r.teryt === null ? null : String(r.teryt), detail: String(r.detail) };
}

export function overQuotaNotFound(id: string): DiagError {
  return new DiagError('INPUT_NOT_FOUND', `no over-quota response with id "${id.slice(0, 80)}"`, [{ column: 'id', message: 'see the list of over-quota responses (GET /api/admin/over-quota, diag wave over-quota)' }]);
}

export function alreadyReviewed(id: string, review: string): DiagError {
  return new DiagError('CONFIG_INVALID', `the over-quota response "${id.slice(0, 80)}" was ${review} already`, [{ column: 'id', message: 'a decision is final' }]);
}

/** Contacts a store can keep: no (JST, address) twice (INPUT_INVALID naming the entry). */
export function checkContacts(contacts: readonly { teryt: string; email: string }[]): void {
  const seen = new Set<string>();
  contacts.forEach((c, i) => {
    const key = `${c.teryt}\u0000${c.email.toLowerCase()}`;
    if (seen.has(key)) throw new DiagError('INPUT_INVALID', `contact ${i + 1} repeats an address already given for JST ${c.teryt}; nothing was stored`, [{ row: i + 1, column: 'email', message: 'each address once per JST' }]);
    seen.add(key);
  });
}
