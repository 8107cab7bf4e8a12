/**
 * The JSON schemas the routes declare (TypeBox: one definition, its static type beside it). Fastify validates
 * params, query strings and bodies with them, serialises replies with them, and @fastify/swagger turns them into
 * the OpenAPI document at /api/docs/openapi.json.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { SAFE_TEXT_PATTERN } from '../util/safe-text.ts';

/** An invitation token as `wave create` makes it (base64url, 32 characters); a little slack for other generators. */
export const TOKEN_PATTERN = '^[A-Za-z0-9_-]{16,128}$';
/** A client draft id: a random base64url string the browser draws once per form session. */
export const DRAFT_ID_PATTERN = '^[A-Za-z0-9_-]{16,64}$';

export const TokenParams = Type.Object({ token: Type.String({ pattern: TOKEN_PATTERN, description: 'the invitation token from the link' }) });
export type TokenParamsT = Static<typeof TokenParams>;

/** The HTML page route takes any token-like text: a malformed one gets the "unknown link" page, not a 400. */
export const PageParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
export const LangQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('pl'), Type.Literal('en')], { description: 'page language (default pl)' })) });
export const SurveyPageQuery = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('pl'), Type.Literal('en')], { description: 'page language (default: Accept-Language, else pl)' })),
  continue: Type.Optional(Type.Literal('1', { description: 'open the form although every slot is used, to finish a questionnaire begun earlier (stored over-quota)' })),
});

export const ErrorDetail = Type.Object({
  file: Type.Optional(Type.String()),
  row: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.String()),
  message: Type.String(),
});

export const ValidationIssue = Type.Object({
  variable: Type.String(),
  value: Type.Optional(Type.Unknown()),
  expected: Type.String(),
  code: Type.String(),
});

/** Every error reply: a stable code from src/errors.ts, a message, details; `issues` for a rejected response. */
export const ErrorReply = Type.Object(
  {
    code: Type.String({ description: 'a stable code of the error catalogue (src/errors.ts)' }),
    message: Type.String(),
    details: Type.Array(ErrorDetail),
    issues: Type.Optional(Type.Array(ValidationIssue, { description: 'validation issues of a rejected response (422)' })),
  },
  { $id: 'ErrorReply' },
);
export type ErrorReplyT = Static<typeof ErrorReply>;

/** Reply schemas for the error statuses a route can answer with. */
export function errorReplies(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('ErrorReply')]));
}

/** A reply that is not JSON (HTML pages, CSV, PDF), described for OpenAPI. */
export function contentReply(type: string, description: string, format?: 'binary') {
  return { description, content: { [type]: { schema: { type: 'string', ...(format ? { format } : {}) } } } };
}

// ---------------------------------------------------------------- respondent API

export const DraftQuery = Type.Object({ id: Type.String({ pattern: DRAFT_ID_PATTERN, description: 'the client draft id' }) });

export const DraftReply = Type.Object({
  id: Type.String(),
  answers: Type.Record(Type.String(), Type.Unknown()),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  page: Type.Integer(),
  savedAt: Type.String(),
});
export type DraftReplyT = Static<typeof DraftReply>;

// The draft and submission bodies are derived from the questionnaire: see respondent/body.ts.

export const SubmissionReply = Type.Object({
  status: Type.Union([Type.Literal('stored'), Type.Literal('duplicate'), Type.Literal('over_quota')]),
  storedAt: Type.String(),
});

// ---------------------------------------------------------------- admin API

export const WaveSummary = Type.Object({
  name: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  createdAt: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  invitations: Type.Integer(),
  slots: Type.Integer(),
  responses: Type.Integer(),
  questionnaire: Type.Union([Type.String(), Type.Null()], { description: 'the file and version of the questionnaire the wave collects (null: not recorded)' }),
  diagnosis: Type.Boolean({ description: "whether the wave collects the server's own questionnaire: its data quality, results, reports and programmes are the dashboard's; a pilot wave's answers are exported and analysed by `diag pilot analyze`" }),
});
export const WavesReply = Type.Object({ waves: Type.Array(WaveSummary) });

export const OverviewReply = Type.Object({
  responses: Type.Integer(),
  backend: Type.String(),
  suppressionThreshold: Type.Integer(),
  segments: Type.Array(Type.Object({ code: Type.String(), label: Type.Object({ pl: Type.String(), en: Type.String() }) })),
  reports: Type.Boolean({ description: 'whether PDF reports can be downloaded from this server' }),
});

export const ProgressCell = Type.Object({
  segment: Type.String({ description: 'segment code, or "all"' }),
  voivodeship: Type.String({ description: 'voivodeship code, or "all"' }),
  invitedJst: Type.Integer(),
  answeredJst: Type.Integer({ description: 'invited JSTs with at least one response in the data' }),
  startedJst: Type.Integer({ description: 'invited JSTs with no response yet but a draft autosaved' }),
  notStartedJst: Type.Integer({ description: 'invited JSTs with neither' }),
  responses: Type.Integer({ description: 'responses in the data (over-quota ones once accepted)' }),
  pending: Type.Integer({ description: 'over-quota responses waiting for a decision' }),
  drafts: Type.Integer({ description: 'drafts in progress' }),
  responseRate: Type.Union([Type.Number(), Type.Null()], { description: 'answered JSTs / invited JSTs; null when none invited' }),
});
export const ProgressReply = Type.Object({
  wave: Type.String(),
  status: Type.String(),
  contactEmail: Type.Union([Type.String(), Type.Null()]),
  total: ProgressCell,
  segments: Type.Array(ProgressCell),
  voivodeships: Type.Array(ProgressCell),
  cells: Type.Array(ProgressCell),
});
export type ProgressCellT = Static<typeof ProgressCell>;
export type ProgressReplyT = Static<typeof ProgressReply>;

const NullableString = Type.Union([Type.String(), Type.Null()]);
export const JstStatusReply = Type.Object({
  teryt: Type.String(), name: Type.String(), kind: Type.String(), voivodeship: Type.String(),
  status: Type.Union([Type.Literal('answered'), Type.Literal('started'), Type.Literal('not_started')]),
  slots: Type.Integer(), slotsUsed: Type.Integer(), responses: Type.Integer(), pending: Type.Integer(), drafts: Type.Integer(),
  contacts: Type.Integer({ description: 'invitation contacts on file (their addresses are not shown)' }),
  invitedAt: NullableString, remindedAt: NullableString,
});
export const NonRespondersReply = Type.Object({ wave: Type.String(), jsts: Type.Array(JstStatusReply) });
export const OverQuotaItem = Type.Object({
  id: Type.String(), wave: NullableString, teryt: NullableString, storedAt: Type.String(),
  review: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('rejected')]), reviewedAt: NullableString,
});
export const OverQuotaReply = Type.Object({ responses: Type.Array(OverQuotaItem) });
export const ReviewBody = Type.Object({ decision: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]) }, { additionalProperties: false });
export const FieldworkLogReply = Type.Object({
  wave: Type.String(),
  entries: Type.Array(Type.Object({ id: Type.Integer(), at: Type.String(), event: Type.String(), teryt: NullableString, detail: Type.String() })),
});
export const ContactsBody = Type.Object({
  fileName: Type.Optional(Type.String({ maxLength: 200 })),
  csv: Type.String({ maxLength: 5_000_000, description: 'the contacts CSV (teryt;email;name)' }),
}, { additionalProperties: false });
export const ContactsReply = Type.Object({ contacts: Type.Integer(), jsts: Type.Integer(), withoutContact: Type.Array(Type.String()) });
export const WaveContactBody = Type.Object({ email: Type.Union([Type.String({ maxLength: 254 }), Type.Null()]) }, { additionalProperties: false });
export const MailKindT = Type.Union([Type.Literal('invitation'), Type.Literal('reminder')]);
export const BaseUrl = Type.String({ maxLength: 500, description: 'the public address of this server, e.g. https://ankieta.example.pl' });
export const SendBody = Type.Object({ kind: MailKindT, baseUrl: BaseUrl }, { additionalProperties: false });
export const SendReply = Type.Object({
  kind: MailKindT, targeted: Type.Integer(), jsts: Type.Integer(), messages: Type.Integer(), failed: Type.Integer(),
  withoutContact: Type.Array(Type.String()), skippedAnswered: Type.Integer(),
});
export const MailMergeQuery = Type.Object({ kind: MailKindT, baseUrl: BaseUrl }, { additionalProperties: false });

/** A wave name in a path or a query string: bounded, and keeping the text rule (util/safe-text.ts). */
export const WaveName = (description = 'a wave name') => Type.String({ minLength: 1, maxLength: 64, pattern: SAFE_TEXT_PATTERN, description });
export const WaveQuery = Type.Object({ wave: Type.Optional(WaveName('only this wave')) });
export const QualityReply = Type.Object({
  wave: Type.Union([Type.String(), Type.Null()]),
  respondents: Type.Integer(),
  excluded: Type.Integer(),
  flags: Type.Record(Type.String(), Type.Integer()),
  medianDurationSec: Type.Union([Type.Number(), Type.Null()]),
});

export const ExportQuery = Type.Object({
  format: Type.Union([Type.Literal('raw'), Type.Literal('labelled')], { default: 'raw' }),
  wave: Type.Optional(WaveName('only this wave')),
});
export const ReportParams = Type.Object({ segment: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 32 }) });
