/**
 * Schema migrations of both back ends, numbered. Each is applied once, in order, at `openStore`, inside a
 * transaction that also records it in `schema_migrations`; opening an up-to-date database changes nothing.
 * Never edit an applied migration: add the next number.
 *
 * The tables (same names and columns in both dialects):
 * - frames, frame_units: sampling frames by (name, version) and their JSTs;
 * - waves: a sample draw (size, strata, allocation, seed, status, allocation table JSON);
 * - invitations: one per sampled JST, token SHA-256 only, respondent slots and slots used;
 * - drafts: autosaved partial answers by (invitation, client draft id);
 * - import_batches: one per import that stored something (file name, SHA-256, rows);
 * - responses: one per respondent; `respondent_id` unique (idempotency key), `content_hash` of the answers;
 * - admin_tokens: bearer tokens for the dashboard, SHA-256 only; since migration 3 with an optional expiry and
 *   the time it was revoked.
 *
 * Frames are identified by content (migration 2, "frame content hash"): `frames.content_sha256` is the SHA-256 of
 * the canonical frame CSV of the units (`canonicalFrameCsv`); frames stored before it get theirs when a frame of
 * the same name is next imported.
 *
 * Fieldwork (migration 4): `waves.contact_email` (the study's contact address shown to respondents);
 * `responses.review` ('pending', 'accepted', 'rejected'; null for an ordinary response) with `reviewed_at`: an
 * over-quota response (its invitation's slots used up while it was being filled in) is stored 'pending' and is not
 * data until accepted; `contacts` (invitation e-mail addresses per JST of a wave); `fieldwork_log` (what was sent or
 * decided when — never an address).
 *
 * Instruments (migration 5): `waves.instrument_file`, `instrument_version`, `instrument_sha256` — the questionnaire
 * (file name, version, SHA-256 of it and its programme metadata) a wave was created for; null for waves created
 * before, which are checked against nothing.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const KINDS = `'rural','urban_rural','urban','city_county','county'`;

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE frames (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  source TEXT NOT NULL,
  units INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (name, version)
);
CREATE TABLE frame_units (
  frame_id INTEGER NOT NULL REFERENCES frames(id),
  teryt TEXT NOT NULL CHECK (length(teryt) = 7),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN (${KINDS})),
  voivodeship TEXT NOT NULL,
  county TEXT NOT NULL,
  population INTEGER,
  schools INTEGER,
  pupils INTEGER,
  synthetic INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
  PRIMARY KEY (frame_id, teryt)
) WITHOUT ROWID;
CREATE TABLE waves (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  frame_id INTEGER NOT NULL REFERENCES frames(id),
  created_at TEXT NOT NULL,
  sample_size INTEGER NOT NULL,
  strata TEXT NOT NULL,
  allocation TEXT NOT NULL,
  seed TEXT NOT NULL,
  slots INTEGER NOT NULL CHECK (slots >= 1),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at TEXT,
  allocation_table TEXT NOT NULL,
  secret_fingerprint TEXT NOT NULL
);
CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  wave_id INTEGER NOT NULL REFERENCES waves(id),
  teryt TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  slots INTEGER NOT NULL CHECK (slots >= 1),
  slots_used INTEGER NOT NULL DEFAULT 0,
  stratum TEXT NOT NULL,
  inclusion_probability REAL NOT NULL,
  base_weight REAL NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (wave_id, teryt),
  CHECK (slots_used BETWEEN 0 AND slots)
);
CREATE TABLE drafts (
  invitation_id INTEGER NOT NULL REFERENCES invitations(id),
  client_draft_id TEXT NOT NULL,
  data TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (invitation_id, client_draft_id)
);
CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  rows INTEGER NOT NULL,
  added INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE responses (
  seq INTEGER PRIMARY KEY,
  respondent_id TEXT NOT NULL UNIQUE,
  wave TEXT,
  invitation_id INTEGER REFERENCES invitations(id),
  import_batch_id INTEGER REFERENCES import_batches(id),
  source TEXT NOT NULL,
  data TEXT NOT NULL,
  meta TEXT NOT NULL,
  submitted_at TEXT,
  stored_at TEXT NOT NULL,
  content_hash TEXT NOT NULL CHECK (length(content_hash) = 64)
);
CREATE INDEX responses_wave ON responses (wave, seq);
CREATE INDEX responses_invitation ON responses (invitation_id);
CREATE TABLE admin_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at TEXT NOT NULL
);`,
  },
  {
    version: 2,
    name: 'frame content hash',
    sql: 'ALTER TABLE frames ADD COLUMN content_sha256 TEXT',
  },
  {
    version: 3,
    name: 'admin tokens: expiry and revocation',
    sql: `
ALTER TABLE admin_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE admin_tokens ADD COLUMN revoked_at TEXT;`,
  },
  {
    version: 4,
    name: 'fieldwork: contacts, log, over-quota review, wave contact',
    sql: `
ALTER TABLE waves ADD COLUMN contact_email TEXT;
ALTER TABLE responses ADD COLUMN review TEXT CHECK (review IN ('pending', 'accepted', 'rejected'));
ALTER TABLE responses ADD COLUMN reviewed_at TEXT;
CREATE TABLE contacts (
  wave_id INTEGER NOT NULL REFERENCES waves(id),
  teryt TEXT NOT NULL,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (wave_id, teryt, email)
) WITHOUT ROWID;
CREATE TABLE fieldwork_log (
  id INTEGER PRIMARY KEY,
  wave_id INTEGER NOT NULL REFERENCES waves(id),
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  teryt TEXT,
  detail TEXT NOT NULL
);
CREATE INDEX fieldwork_log_wave ON fieldwork_log (wave_id, id);`,
  },
  {
    version: 5,
    name: 'waves bound to an instrument',
    sql: `
ALTER TABLE waves ADD COLUMN instrument_file TEXT;
ALTER TABLE waves ADD COLUMN instrument_version TEXT;
ALTER TABLE waves ADD COLUMN instrument_sha256 TEXT;`,
  },
];

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE frames (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  version text NOT NULL,
  source text NOT NULL,
  units integer NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (name, version)
);
CREATE TABLE frame_units (
  frame_id integer NOT NULL REFERENCES frames(id),
  teryt char(7) NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN (${KINDS})),
  voivodeship char(2) NOT NULL,
  county char(4) NOT NULL,
  population integer,
  schools integer,
  pupils integer,
  synthetic boolean NOT NULL,
  PRIMARY KEY (frame_id, teryt)
);
CREATE TABLE waves (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  frame_id integer NOT NULL REFERENCES frames(id),
  created_at timestamptz NOT NULL,
  sample_size integer NOT NULL,
  strata jsonb NOT NULL,
  allocation text NOT NULL,
  seed text NOT NULL,
  slots integer NOT NULL CHECK (slots >= 1),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at timestamptz,
  allocation_table jsonb NOT NULL,
  secret_fingerprint text NOT NULL
);
CREATE TABLE invitations (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  wave_id integer NOT NULL REFERENCES waves(id),
  teryt char(7) NOT NULL,
  token_hash char(64) NOT NULL UNIQUE,
  slots integer NOT NULL CHECK (slots >= 1),
  slots_used integer NOT NULL DEFAULT 0,
  stratum text NOT NULL,
  inclusion_probability double precision NOT NULL,
  base_weight double precision NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (wave_id, teryt),
  CHECK (slots_used BETWEEN 0 AND slots)
);
CREATE TABLE drafts (
  invitation_id integer NOT NULL REFERENCES invitations(id),
  client_draft_id text NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (invitation_id, client_draft_id)
);
CREATE TABLE import_batches (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_name text NOT NULL,
  sha256 char(64) NOT NULL,
  rows integer NOT NULL,
  added integer NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE responses (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  respondent_id text NOT NULL UNIQUE,
  wave text,
  invitation_id integer REFERENCES invitations(id),
  import_batch_id integer REFERENCES import_batches(id),
  source text NOT NULL,
  data jsonb NOT NULL,
  meta jsonb NOT NULL,
  submitted_at timestamptz,
  stored_at timestamptz NOT NULL,
  content_hash char(64) NOT NULL
);
CREATE INDEX responses_wave ON responses (wave, seq);
CREATE INDEX responses_invitation ON responses (invitation_id);
CREATE TABLE admin_tokens (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  token_hash char(64) NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);`,
  },
  {
    version: 2,
    name: 'frame content hash',
    sql: 'ALTER TABLE frames ADD COLUMN content_sha256 char(64)',
  },
  {
    version: 3,
    name: 'admin tokens: expiry and revocation',
    sql: `
ALTER TABLE admin_tokens ADD COLUMN expires_at timestamptz, ADD COLUMN revoked_at timestamptz;`,
  },
  {
    version: 4,
    name: 'fieldwork: contacts, log, over-quota review, wave contact',
    sql: `
ALTER TABLE waves ADD COLUMN contact_email text;
ALTER TABLE responses ADD COLUMN review text CHECK (review IN ('pending', 'accepted', 'rejected')), ADD COLUMN reviewed_at timestamptz;
CREATE TABLE contacts (
  wave_id integer NOT NULL REFERENCES waves(id),
  teryt char(7) NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  PRIMARY KEY (wave_id, teryt, email)
);
CREATE TABLE fieldwork_log (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  wave_id integer NOT NULL REFERENCES waves(id),
  at timestamptz NOT NULL,
  event text NOT NULL,
  teryt char(7),
  detail text NOT NULL
);
CREATE INDEX fieldwork_log_wave ON fieldwork_log (wave_id, id);`,
  },
  {
    version: 5,
    name: 'waves bound to an instrument',
    sql: `
ALTER TABLE waves ADD COLUMN instrument_file text, ADD COLUMN instrument_version text, ADD COLUMN instrument_sha256 char(64);`,
  },
];
