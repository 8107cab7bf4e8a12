/**
 * A web submission, from the HTTP body to what the store keeps: the invitation's JST (kind, TERYT code,
 * voivodeship) is authoritative — the form shows it read-only and the server refuses other values —, the answers
 * go through the same `validateResponse` as every other entry point, and the respondent id is derived from the
 * invitation and the client draft id, so a retried submit is recognised as the same response.
 */
import { checkParticipantCode } from '../../domain/participant-code.ts';
import { DiagError } from '../../errors.ts';
import { compactAnswers, type SurveyResponse, type ValidationIssue } from '../../questionnaire/response.ts';
import type { SurveyInstrument } from '../../questionnaire/types.ts';
import { validateResponse } from '../../questionnaire/validate.ts';
import { previewValue } from '../../util/safe-text.ts';
import { hashToken, webRespondentId } from '../../responses/store/tokens.ts';
import type { InvitationContext, Store } from '../../responses/store/types.ts';
import type { FrameUnit } from '../../sampling/frame.ts';
import { ResponseRejected } from '../errors.ts';

/**
 * The answers the invitation fixes: the JST's kind, TERYT code and voivodeship (from the frame unit), for an instrument
 * that asks them (the diagnosis; the pilot's instruments ask nothing of the JST).
 */
export function prefillOf(q: SurveyInstrument, unit: FrameUnit | null): Record<string, string> {
  if (!unit || !q.roles) return {};
  return { [q.roles.jstKind]: unit.kind, [q.roles.teryt]: unit.teryt, [q.roles.voivodeship]: unit.voivodeship };
}

/** The invitation of a token, or INVITATION_UNKNOWN. */
export async function invitationOf(store: Store, token: string): Promise<{ tokenHash: string; context: InvitationContext }> {
  const tokenHash = hashToken(token);
  const context = await store.findInvitation(tokenHash);
  if (!context) throw new DiagError('INVITATION_UNKNOWN', 'no invitation matches this link', [{ message: 'check the link in the invitation e-mail' }]);
  return { tokenHash, context };
}

/** What a submission takes from its invitation: the JST (frame unit) and the wave's name. */
export interface SubmissionTarget {
  unit: FrameUnit | null;
  wave: { name: string };
}

/**
 * The invitations that submissions have found, by token hash, so that a submission costs no look-up before its
 * transaction. Only what never changes once an invitation exists is kept — its JST (a frame's units are never
 * edited: a changed register is a new frame) and its wave's name; no store updates or deletes them. What does
 * change, the wave's status and the slots used, is not kept: the store checks both inside the transaction that
 * uses the slot (410, 409), on every back end and whatever another process did meanwhile. A token that matches no
 * invitation is not kept (it is looked up each time: an invitation created meanwhile is found). At most `max`
 * entries: when full, the cache starts afresh.
 */
export class SubmissionTargets {
  private readonly known = new Map<string, SubmissionTarget>();

  constructor(
    private readonly store: Store,
    /** the questionnaire this server serves: an invitation of a wave bound to another is refused, never cached */
    private readonly served?: SurveyInstrument,
    private readonly max = 100_000,
  ) {}

  async of(token: string): Promise<{ tokenHash: string; target: SubmissionTarget }> {
    const tokenHash = hashToken(token);
    const known = this.known.get(tokenHash);
    if (known) return { tokenHash, target: known };
    const { context } = await invitationOf(this.store, token);
    if (this.served) assertServes(context, this.served);
    const target: SubmissionTarget = { unit: context.unit, wave: { name: context.wave.name } };
    if (this.known.size >= this.max) this.known.clear();
    this.known.set(tokenHash, target);
    return { tokenHash, target };
  }
}

/**
 * Whether a respondent can still fill in the form: WAVE_CLOSED or SLOTS_EXHAUSTED otherwise. `continuing`: the
 * respondent began before the last slot went and wants to finish (their questionnaire is stored over-quota).
 */
export function assertOpen(context: InvitationContext, continuing = false, served?: SurveyInstrument): void {
  if (context.wave.status !== 'open') throw new DiagError('WAVE_CLOSED', 'this survey round is closed: it no longer accepts answers');
  if (served) assertServes(context, served);
  const { slots, slotsUsed } = context.invitation;
  if (slotsUsed >= slots && !continuing) throw new DiagError('SLOTS_EXHAUSTED', `every respondent slot of this invitation (${slots}) is used`);
}

/**
 * A wave created for another questionnaire than this server's (e.g. with `diag wave create --questionnaire` while
 * it ran): nobody may answer the wrong questionnaire, so its links are refused (503) until a server serves it.
 */
export function assertServes(context: InvitationContext, served: SurveyInstrument): void {
  if (context.wave.instrumentSha256 !== null && context.wave.instrumentSha256 !== served.hash) {
    throw new DiagError('INSTRUMENT_MISMATCH', 'this survey round collects another questionnaire than this server serves: it is not available here yet', [{ message: 'the research team must serve the questionnaire the wave was created for (diag serve --questionnaire FILE, or --instrument FILE for another instrument)' }]);
  }
}

export interface SubmissionInput {
  draftId: string;
  data: Record<string, unknown>;
  startedAt?: string;
}

const typesOf = new WeakMap<SurveyInstrument, Map<string, SurveyInstrument['questions'][number]['type']>>();

/**
 * The response to store, or ResponseRejected (422) with every issue. The answers are stored without their empty
 * values (null, "", an empty list or matrix item: see compactAnswers), as the rest of the toolkit reads them.
 */
export function prepareSubmission(q: SurveyInstrument, tokenHash: string, context: SubmissionTarget, body: SubmissionInput, now: Date): SurveyResponse {
  const id = webRespondentId(tokenHash, body.draftId);
  let types = typesOf.get(q);
  if (!types) typesOf.set(q, (types = new Map(q.questions.map((x) => [x.name, x.type]))));
  const data = compactAnswers(body.data, types);
  // a participant code typed in lower case or with spaces is stored as issued (XXXX-XXXX), so exports match the register
  const pc = q.participantCode;
  if (pc !== undefined && typeof data[pc] === 'string') {
    const check = checkParticipantCode(data[pc]);
    if (check.ok) data[pc] = check.code;
  }
  const issues: ValidationIssue[] = [];
  for (const [name, value] of Object.entries(prefillOf(q, context.unit))) {
    if (data[name] === undefined) data[name] = value;
    else if (data[name] !== value) issues.push({ respondent: id, variable: name, value: previewValue(data[name]), expected: `"${value}", as in the invitation`, code: 'invalid_value' });
  }
  issues.push(...validateResponse(q, { id, data, meta: {} }).issues);
  if (issues.length > 0) throw new ResponseRejected(issues);
  const meta: SurveyResponse['meta'] = { wave: context.wave.name, source: 'web', submittedAt: now.toISOString() };
  const started = body.startedAt === undefined ? NaN : Date.parse(body.startedAt);
  if (Number.isFinite(started) && started <= now.getTime()) {
    meta.startedAt = new Date(started).toISOString();
    meta.durationSec = Math.round((now.getTime() - started) / 1000);
  }
  return { id, data, meta };
}
