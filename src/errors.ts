/**
 * One catalogue of the toolkit's errors. Every error a user can meet has a stable code, a message that
 * names the file, row, column or field and what was expected, and an exit status for the CLI
 * (and later an HTTP status for the server).
 */
export const ERROR_CODES = {
  QUESTIONNAIRE_INVALID: { exit: 3, http: 500 },
  CODEBOOK_INVALID: { exit: 3, http: 500 },
  INPUT_NOT_FOUND: { exit: 2, http: 404 },
  INPUT_INVALID: { exit: 4, http: 400 },
  RESPONSE_INVALID: { exit: 4, http: 422 },
  USAGE: { exit: 64, http: 400 },
  FRAME_INVALID: { exit: 4, http: 400 },
  CONFIG_INVALID: { exit: 4, http: 400 },
  /** the response store: an invitation token that matches none, a closed wave, an invitation with no slot left */
  INVITATION_UNKNOWN: { exit: 4, http: 404 },
  /** 410 Gone: a closed wave never reopens, so the link is gone for good */
  WAVE_CLOSED: { exit: 4, http: 410 },
  SLOTS_EXHAUSTED: { exit: 4, http: 409 },
  /** a wave's link on a server started with another questionnaire than the wave collects (503: serve it right, then it works) */
  INSTRUMENT_MISMATCH: { exit: 4, http: 503 },
  /** a respondent id already stored with different answers */
  RESPONSE_CONFLICT: { exit: 4, http: 409 },
  /** the database cannot be opened or reached */
  STORE_UNAVAILABLE: { exit: 5, http: 503 },
  /** the server: a missing or unknown admin bearer token, too many requests, a body over the size limit, a bug */
  UNAUTHORIZED: { exit: 77, http: 401 },
  RATE_LIMITED: { exit: 75, http: 429 },
  PAYLOAD_TOO_LARGE: { exit: 4, http: 413 },
  /** a body in a media type or charset the server does not read (JSON in UTF-8 only) */
  UNSUPPORTED_MEDIA_TYPE: { exit: 4, http: 415 },
  INTERNAL: { exit: 70, http: 500 },
  /** the SMTP server refused the connection, the sign-in or a message (502: the mail server, not this one, failed) */
  MAIL_FAILED: { exit: 5, http: 502 },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  /** where: file path, row number, column or variable */
  file?: string;
  row?: number;
  column?: string;
  message: string;
}

export class DiagError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'DiagError';
    this.code = code;
    this.details = details;
  }
  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }
  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }
  /** The message followed by one line per detail, as printed by the CLI. */
  describe(maxDetails = 50): string {
    const lines = [`${this.code}: ${this.message}`];
    for (const d of this.details.slice(0, maxDetails)) lines.push(`  - ${describeDetail(d)}`);
    if (this.details.length > maxDetails) lines.push(`  … and ${this.details.length - maxDetails} more`);
    return lines.join('\n');
  }
}

/** One detail as the CLI prints it: "file, row 12, column: message". */
export function describeDetail(d: ErrorDetail): string {
  const where = [d.file, d.row !== undefined ? `row ${d.row}` : undefined, d.column].filter(Boolean).join(', ');
  return `${where ? `${where}: ` : ''}${d.message}`;
}

export function isDiagError(e: unknown): e is DiagError {
  return e instanceof DiagError;
}
