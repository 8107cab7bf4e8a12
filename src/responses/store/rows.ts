/**
 * What both back ends share: database rows → domain records (SQLite gives JSON as text and times as ISO
 * strings, PostgreSQL gives parsed JSON, Date objects and bigint counts as strings), the values a response row
 * is written from, and the store's errors.
 */
import { DiagError } from '../../errors.ts';
import type { SurveyResponse } from '../../questionnaire/response.ts';
import type { FrameUnit } from '../../sampling/frame.ts';
import { contentHash } from './tokens.ts';
import type { AdminToken, AdminTokenInfo, Draft, FrameInfo, ImportBatch, Invitation, StoredResponse, Wave, WaveStatus } from './types.ts';

type Row = Record<string, unknown>;

export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const num = (v: unknown): number => Number(v);
const optionalNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));

export function toFrameInfo(r: Row): FrameInfo {
  return { id: num(r.id), name: String(r.name), version: String(r.version), source: String(r.source), units: num(r.units), createdAt: iso(r.created_at) };
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

/** An id already stored: the same answers make a repeat a no-op, other answers are a conflict. */
export class ResponseConflict extends DiagError {
  readonly ids: string[];
  constructor(ids: string[]) {
    super(
      'RESPONSE_CONFLICT',
      `${ids.length} respondent id${ids.length === 1 ? ' is' : 's are'} already stored with different answers`,
      ids.map((id) => ({ column: 'respondent_id', message: `"${id}" is already stored with different answers: give the response a new id, or leave it out` })),
    );
    this.ids = ids;
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
