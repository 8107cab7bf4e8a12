/**
 * The response store: the one durable home of the survey's data (sampling frames, waves and their
 * invitations, autosaved drafts, submitted and imported responses, admin tokens, import batches).
 *
 * Two back ends implement the same `Store` port: embedded SQLite (the default, one file in the data folder)
 * and PostgreSQL (when DATABASE_URL is set). Both pass the same contract suite (test/store/store.contract.ts).
 *
 * Rules every back end keeps:
 * - every method is async and every write is one transaction: a response and the use of its invitation slot
 *   are stored together or not at all, an import or a wave with its invitations is all-or-nothing;
 * - a write is acknowledged (its promise resolves) only once it is durable (see sqlite.ts for the setting);
 * - secrets are never stored: invitation and admin tokens are kept as SHA-256 hashes (see tokens.ts);
 * - text it keeps holds no NUL and no unpaired surrogate (INPUT_INVALID otherwise), and a lookup by such a text
 *   finds nothing (see guard.ts);
 * - the store does not validate answers against the questionnaire: callers (server, import) run
 *   `validateResponse` first; the store guarantees identity, idempotency and atomicity.
 */
import type { ResponseMeta, SurveyResponse } from '../../questionnaire/response.ts';
import type { InstrumentRef } from '../../questionnaire/types.ts';

export type { InstrumentRef };
import type { FrameUnit, StratumVariable } from '../../sampling/frame.ts';
import type { AllocationMethod, StratumAllocation } from '../../sampling/sample.ts';

export type Backend = 'sqlite' | 'postgres';

// ---------------------------------------------------------------- frames

export interface FrameInfo {
  id: number;
  /** e.g. "TERC" or "frame" */
  name: string;
  /** e.g. the register date "2022-01-01" or the first 12 hex digits of the file's SHA-256 */
  version: string;
  /** the file it came from, as given */
  source: string;
  units: number;
  createdAt: string;
  /** SHA-256 of the canonical frame CSV of its units (`canonicalFrameCsv`): what identifies the frame; null until computed for a frame stored before migration 2 */
  sha256: string | null;
}

export interface FrameImport {
  frame: FrameInfo;
  /** false when a frame of this name with the same content was already stored (and is returned) */
  created: boolean;
  /** a stored frame of the same name and version whose content differs: the new one is stored beside it, under a version with its hash */
  differs?: FrameInfo;
}

export interface NewFrame {
  name: string;
  version: string;
  source: string;
}

// ---------------------------------------------------------------- waves and invitations

export type WaveStatus = 'open' | 'closed';

export interface NewWave {
  name: string;
  frameId: number;
  sampleSize: number;
  strata: StratumVariable[];
  allocation: AllocationMethod;
  seed: string;
  /** respondent slots per invitation */
  slots: number;
  /** the allocation table as drawn (stratum sizes, allocated and achieved counts, weights) */
  allocationTable: StratumAllocation[];
  /** first 16 hex digits of SHA-256 of the wave's token secret: lets `wave links` check it holds the right one */
  secretFingerprint: string;
  /** the questionnaire the wave collects (absent or null: not recorded, as for waves created before migration 5) */
  instrument?: InstrumentRef | null;
}


export interface Wave extends NewWave {
  id: number;
  instrument: InstrumentRef | null;
  status: WaveStatus;
  createdAt: string;
  closedAt: string | null;
  /** the study's contact address shown to respondents of this wave (on every page and in every e-mail); null: none set */
  contactEmail: string | null;
}

export interface NewInvitation {
  teryt: string;
  /** SHA-256 (hex) of the invitation token; the token itself is never stored */
  tokenHash: string;
  slots: number;
  stratum: string;
  inclusionProbability: number;
  baseWeight: number;
}

export interface Invitation extends NewInvitation {
  id: number;
  waveId: number;
  slotsUsed: number;
  createdAt: string;
}

/** What the server needs to answer a respondent's link: the invitation, its wave and its JST. */
export interface InvitationContext {
  invitation: Invitation;
  wave: { id: number; name: string; status: WaveStatus; contactEmail: string | null; /** SHA-256 of the questionnaire the wave collects; null: not recorded */ instrumentSha256: string | null };
  unit: FrameUnit | null;
}

// ---------------------------------------------------------------- drafts

export interface DraftInput {
  tokenHash: string;
  /** an id the browser generates once per form session (kept in localStorage) */
  clientDraftId: string;
  /** partial SurveyJS data */
  data: Record<string, unknown>;
}

export interface Draft extends DraftInput {
  invitationId: number;
  updatedAt: string;
}

// ---------------------------------------------------------------- responses

export type ResponseSource = 'web' | 'paper' | 'phone' | 'other' | 'import' | 'synthetic' | (string & {});

/** A web submission, validated by the caller. */
export interface Submission {
  /**
   * Respondent id: the idempotency key. A retry of the same submission must carry the same id (the server
   * derives it from the invitation and the client draft id, see `webRespondentId`).
   */
  id: string;
  data: Record<string, unknown>;
  meta: ResponseMeta;
  /** the invitation token's hash; absent for an open (uninvited) collection, which uses no slot */
  tokenHash?: string;
  /** the draft this submission completes: deleted in the same transaction */
  clientDraftId?: string;
}

export interface SubmitResult {
  /**
   * stored now, or already stored with the same answers (a double submit: nothing changed, no slot used), or stored
   * as an over-quota response: every slot of the invitation was used by colleagues meanwhile, so the finished
   * questionnaire is kept aside (review 'pending') until the research team accepts or rejects it
   */
  status: 'stored' | 'duplicate' | 'over_quota';
  id: string;
  storedAt: string;
  /** slots left on the invitation after this submission; null without an invitation */
  slotsLeft: number | null;
}

export interface StoredResponse extends SurveyResponse {
  invitationId: number | null;
  importBatchId: number | null;
  /** SHA-256 of the canonical JSON of `data` (see contentHash) */
  contentHash: string;
  storedAt: string;
}

export interface ResponseFilter {
  wave?: string;
}

export interface ImportBatchInput {
  fileName: string;
  /** SHA-256 (hex) of the file's bytes */
  sha256: string;
}

/**
 * One response of an import, ready to store: its answers already as canonical JSON (`canonicalJson`, the text
 * whose SHA-256 is the content hash), so that a large file is serialised once, as it streams.
 */
export interface ImportRow {
  respondentId: string;
  wave: string | null;
  source: string;
  /** canonical JSON of the answers */
  dataJson: string;
  /** JSON of the meta fields other than wave and source */
  metaJson: string;
  submittedAt: string | null;
  /** SHA-256 (hex) of dataJson */
  contentHash: string;
  /** where the response came from in its file (CSV row, the header being 1), for messages; 0 when none */
  line: number;
}

/**
 * An import as a stream: the rows in batches, read as they are stored. The store holds one transaction open
 * while it reads them, so an error thrown by the stream (a bad row found late) stores nothing. The file's
 * SHA-256 is asked for once the stream is done (it is computed while the file is read).
 */
export interface ImportStream {
  fileName: string;
  batches: AsyncIterable<readonly ImportRow[]>;
  sha256(): string;
}

export interface ImportBatch extends ImportBatchInput {
  id: number;
  rows: number;
  /** responses this batch stored (the others were already present) */
  added: number;
  createdAt: string;
}

export interface ImportResult {
  /** null when nothing was new (no batch is recorded then) */
  batch: ImportBatch | null;
  added: number;
  alreadyPresent: number;
}

// ---------------------------------------------------------------- fieldwork

/** An over-quota response's review: waiting, accepted into the data, or kept out of it. */
export type ReviewStatus = 'pending' | 'accepted' | 'rejected';

export interface OverQuotaResponse {
  id: string;
  wave: string | null;
  teryt: string | null;
  storedAt: string;
  review: ReviewStatus;
  reviewedAt: string | null;
}

/** An invitation contact of a JST in a wave: whom the invitation and reminders are e-mailed to. */
export interface Contact {
  teryt: string;
  email: string;
  /** the addressee's name or office, may be empty */
  name: string;
}

/** What happened in a wave's fieldwork, when: e-mails sent, contacts imported, over-quota responses decided. */
export type FieldworkEvent = 'contacts' | 'invitation' | 'reminder' | 'mailmerge' | 'send_failed' | 'over_quota_accepted' | 'over_quota_rejected';

export interface FieldworkLogInput {
  event: FieldworkEvent;
  teryt: string | null;
  /** no e-mail address: a count, a response id, an SMTP message id, an error code */
  detail: string;
}

export interface FieldworkLogEntry extends FieldworkLogInput {
  id: number;
  wave: string;
  at: string;
}

/** One invitation's state: responses in the data, over-quota ones waiting, drafts in progress. */
export interface InvitationActivity {
  teryt: string;
  slots: number;
  slotsUsed: number;
  /** responses counted in the data (stored within the slots, or over-quota and accepted) */
  responses: number;
  /** over-quota responses waiting for a decision */
  pending: number;
  /** autosaved drafts not (yet) submitted */
  drafts: number;
}

// ---------------------------------------------------------------- admin tokens

export interface AdminToken {
  id: number;
  name: string;
  createdAt: string;
  /** when it stops working (ISO 8601); null: it does not expire */
  expiresAt: string | null;
}

export type AdminTokenStatus = 'active' | 'expired' | 'revoked';

/** An admin token as `admin token list` shows it: never the token, never its hash. */
export interface AdminTokenInfo extends AdminToken {
  revokedAt: string | null;
  status: AdminTokenStatus;
}

export interface AdminTokenOptions {
  /** when it stops working (ISO 8601); absent or null: it does not expire */
  expiresAt?: string | null;
}

// ---------------------------------------------------------------- the port

export interface Store {
  readonly backend: Backend;
  /** the SQLite file, or the PostgreSQL URL without its password */
  readonly location: string;
  /** waits for pending writes, then releases the database */
  close(): Promise<void>;
  /** Reads from the database (the health check): resolves when it answers, else STORE_UNAVAILABLE. */
  ping(): Promise<void>;

  /**
   * Stores a frame's units, identified by content: a frame of the same name with the same units is not stored again
   * (`created` false, whatever its version). Another content under a (name, version) already taken is stored as
   * version `<version>+<first 8 hex digits of its hash>` (`differs` names the one it differs from), so that a later
   * full register is never shadowed by an earlier bad copy of the same date.
   */
  importFrame(frame: NewFrame, units: readonly FrameUnit[]): Promise<FrameImport>;
  listFrames(): Promise<FrameInfo[]>;
  /** the latest frame of that name (or the latest of all), null if none */
  findFrame(name?: string): Promise<FrameInfo | null>;
  /** ordered by TERYT code */
  frameUnits(frameId: number): Promise<FrameUnit[]>;

  /** The wave and all its invitations, in one transaction. A wave name is unique. */
  createWave(wave: NewWave, invitations: readonly NewInvitation[]): Promise<Wave>;
  getWave(name: string): Promise<Wave | null>;
  listWaves(): Promise<Wave[]>;
  /** closing twice is a no-op; an unknown wave throws INPUT_NOT_FOUND */
  closeWave(name: string): Promise<Wave>;
  /** ordered by TERYT code */
  listInvitations(waveName: string): Promise<Invitation[]>;
  findInvitation(tokenHash: string): Promise<InvitationContext | null>;

  /** Autosave: inserts or replaces the draft. Throws INVITATION_UNKNOWN or WAVE_CLOSED. */
  saveDraft(draft: DraftInput): Promise<Draft>;
  loadDraft(tokenHash: string, clientDraftId: string): Promise<Draft | null>;

  /**
   * Stores one validated web response and uses one slot of its invitation, atomically. A second submit of the
   * same id with the same answers is a no-op ('duplicate'); with other answers it throws RESPONSE_CONFLICT.
   * Throws INVITATION_UNKNOWN, WAVE_CLOSED or SLOTS_EXHAUSTED otherwise.
   */
  submitResponse(submission: Submission): Promise<SubmitResult>;
  /**
   * Stores validated responses collected elsewhere, all or nothing. Responses whose id is already stored with the
   * same answers are counted as already present; an id stored with other answers throws RESPONSE_CONFLICT (and
   * nothing is stored).
   */
  importResponses(batch: ImportBatchInput, responses: readonly SurveyResponse[]): Promise<ImportResult>;
  /**
   * The same for a stream of rows (a large file read as it is stored): one transaction, all or nothing, memory
   * bounded by a batch. ResponseConflict lists the conflicting ids with their rows.
   */
  importStream(stream: ImportStream): Promise<ImportResult>;
  /** in the order they were stored; over-quota responses only once accepted (pending and rejected ones are not data) */
  listResponses(filter?: ResponseFilter): Promise<StoredResponse[]>;
  countResponses(filter?: ResponseFilter): Promise<number>;
  getResponse(id: string): Promise<StoredResponse | null>;
  listImportBatches(): Promise<ImportBatch[]>;

  /**
   * A new admin token under a name (whose it is; unique among the active tokens: CONFIG_INVALID otherwise; USAGE for an
   * empty or all-digit name) and the SHA-256 (hex) of the token, which itself is never stored.
   */
  createAdminToken(name: string, tokenHash: string, options?: AdminTokenOptions): Promise<AdminToken>;
  /** The active token of this hash: not revoked, not expired by the store's clock; null otherwise. */
  findAdminToken(tokenHash: string): Promise<AdminToken | null>;
  /** Every admin token ever made, oldest first, with its status (no token, no hash). */
  listAdminTokens(): Promise<AdminTokenInfo[]>;
  /**
   * Revokes the token with this id (a number, or a text of digits), or every active token with this name; revoking a
   * revoked token changes nothing. Returns the tokens concerned; INPUT_NOT_FOUND when none matches.
   */
  revokeAdminToken(nameOrId: string | number): Promise<AdminTokenInfo[]>;

  /** Sets (or clears, with null) the wave's contact address; INPUT_NOT_FOUND for an unknown wave. */
  setWaveContact(wave: string, email: string | null): Promise<Wave>;
  /** Replaces the wave's invitation contacts, all or nothing, and logs it ('contacts'). */
  replaceContacts(wave: string, contacts: readonly Contact[]): Promise<number>;
  /** ordered by TERYT code, then address */
  listContacts(wave: string): Promise<Contact[]>;
  appendFieldworkLog(wave: string, entries: readonly FieldworkLogInput[]): Promise<void>;
  /** oldest first */
  listFieldworkLog(wave: string): Promise<FieldworkLogEntry[]>;
  /** every invitation of the wave with its responses, pending over-quota responses and drafts, ordered by TERYT code */
  invitationActivity(wave: string): Promise<InvitationActivity[]>;
  /** over-quota responses (all, or of one wave), oldest first */
  listOverQuota(filter?: ResponseFilter): Promise<OverQuotaResponse[]>;
  /**
   * Accepts an over-quota response into the data or rejects it (it stays stored, outside the data), and logs the
   * decision. INPUT_NOT_FOUND when no over-quota response has this id; CONFIG_INVALID when it was decided already.
   */
  reviewOverQuota(id: string, decision: 'accepted' | 'rejected'): Promise<OverQuotaResponse>;
}
