/**
 * The specs of the commands that work on the store (import, export, frame, wave, admin, serve): what `--help`
 * shows and parseArgs needs. Light, like commands.ts, which lists them: nothing but types and command.ts.
 */
import { defineSpec } from './command.ts';

export const STORE_HELP = [
  '',
  'Where the data goes: the SQLite file diag.sqlite in the data folder (DIAG_DATA_DIR, default var/ in the',
  'repository), or PostgreSQL when DATABASE_URL is set (e.g. postgresql://user@host:5432/db).',
].join('\n');

/** The server's default rate limit (requests a minute per address; DEFAULT_RATE_LIMIT in src/server/security.ts, which a test keeps equal). */
export const SERVE_DEFAULT_RATE_LIMIT = 600;

export const importSpec = defineSpec({
  name: 'import',
  summary: 'store responses collected elsewhere (paper, phone) from a CSV file, all or nothing',
  usage: 'diag import FILE [--wave NAME] [--source paper|phone|other] [--questionnaire FILE]',
  help: [
    '  FILE                CSV in the flat codebook format (see `diag codebook`): UTF-8 with or without BOM or',
    '                      Windows-1250, separated by ";", "," or tab, columns matched by variable name',
    '  --wave NAME         the wave of rows whose wave cell is empty (a row naming another wave is an error)',
    '  --source S          paper, phone or other: the source of rows whose source cell is empty (default import)',
    '  --questionnaire F   the instrument: the diagnosis (default: surveys/diagnoza-jst.json) or a pilot questionnaire',
    '',
    'Every row is validated (by the same code as `diag validate`). The file is streamed and stored in one',
    'transaction, so memory stays flat; if any row, cell or respondent id is bad, nothing is stored and every',
    'problem is listed as it is found (file, row, column, value, expected). Responses already stored with the',
    'same answers are skipped, so importing a file twice adds nothing the second time. A labelled export',
    '(`diag export --format labelled`) is refused in one line: import the raw export. Exit status 0 when',
    'stored, 4 when refused.',
    STORE_HELP,
  ].join('\n'),
  options: {
    wave: { type: 'string' },
    source: { type: 'string' },
    questionnaire: { type: 'string' },
  },
  positionals: true,
});

export const exportSpec = defineSpec({
  name: 'export',
  summary: 'write the stored responses as CSV or XLSX for Excel, with the codebook and SPSS syntax',
  usage: 'diag export [--out DIR] [--format raw|labelled|xlsx|xlsx-labelled] [--wave NAME] [--questionnaire FILE]',
  help: [
    '  --out DIR           folder to write to (created if missing); without it the raw or labelled CSV alone',
    '                      goes to standard output',
    '  --format F          raw (default): codes, re-importable, with an SPSS .sps that reads them;',
    '                      labelled: Polish value labels instead of codes;',
    '                      xlsx: an Excel workbook with typed cells (TERYT codes as text, ratings as numbers),',
    '                      frozen header, and sheets of variables and value labels; xlsx-labelled: the same with',
    '                      Polish value labels in the cells',
    '  --wave NAME         only this wave (default: every response)',
    '  --questionnaire F   the instrument: the diagnosis (default: surveys/diagnoza-jst.json) or a pilot questionnaire;',
    '                      without --wave, the responses of waves of other instruments are left out',
    '',
    'The CSV files open directly in a Polish Excel (UTF-8 with BOM, ";", CRLF, decimal comma). Text cells that',
    'start with = + - @ (or a tab or CR) get a leading apostrophe so that Excel does not run them as formulas.',
    'codebook.csv is written beside them.',
    STORE_HELP,
  ].join('\n'),
  options: {
    out: { type: 'string' },
    format: { type: 'string' },
    wave: { type: 'string' },
    questionnaire: { type: 'string' },
  },
});

export const frameSpec = defineSpec({
  name: 'frame',
  summary: 'the sampling frame: `frame import FILE` (GUS TERYT TERC register or frame CSV), `frame list`',
  usage: 'diag frame import FILE [--name NAME] | diag frame list',
  help: [
    '  import FILE         load a frame into the store: the official TERC register from GUS (TERC_*.csv,',
    '                      UTF-8 or Windows-1250) or a frame CSV (teryt;name;kind;…, e.g. data-samples/frame.csv)',
    '  --name NAME         the frame\'s name (default: TERC for a register, else the file name); the version',
    '                      is the register date or the file\'s hash, and the same name and version load once',
    '  list                the frames in the store',
    STORE_HELP,
  ].join('\n'),
  options: {
    name: { type: 'string' },
  },
  positionals: true,
});

export const waveSpec = defineSpec({
  name: 'wave',
  summary: 'survey waves: `wave create`, `wave links`, `wave close`, `wave list`, and their fieldwork (contacts, e-mails, status)',
  usage: [
    'diag wave create --name NAME --size N --strata kind,voivodeship --allocation proportional|equal|neyman --seed S',
    '                 [--slots K] [--frame NAME] [--neyman-variable population|schools|pupils] [--questionnaire FILE]',
    '                 [--out FILE --base-url URL]',
    '       diag wave links WAVE --out FILE --base-url URL',
    '       diag wave close WAVE',
    '       diag wave list',
    '       diag wave status WAVE [--all]        diag wave contact WAVE EMAIL|none      diag wave contacts import WAVE FILE',
    '       diag wave send WAVE --invitations|--reminders --base-url URL',
    '       diag wave mailmerge WAVE --invitations|--reminders --base-url URL --out FILE',
    '       diag wave over-quota [WAVE]          diag wave accept|reject RESPONSE_ID     diag wave log WAVE',
  ].join('\n'),
  help: [
    '  create              draw a stratified random sample of JSTs from the stored frame (the same seed gives the',
    '                      same sample) and create one invitation with K respondent slots per sampled JST',
    '  --strata LIST       kind, voivodeship, both (kind,voivodeship) or none ("")',
    '  --slots K           respondents per JST (default 3)',
    '  --frame NAME        the frame to sample (default: the latest imported)',
    '  --questionnaire F   the instrument the wave collects: the diagnosis (default: surveys/diagnoza-jst.json) or a',
    '                      pilot questionnaire (surveys/pilot-*.json); recorded with its version and SHA-256: the',
    '                      server, `import --wave` and `analyze --wave` refuse another; with status, send and',
    '                      mailmerge (checked against the wave\'s): its TERYT question names the JST of an imported',
    '                      response (a pilot questionnaire asks none)',
    '  links WAVE          write the mail-merge CSV (UTF-8 BOM, ";"): teryt;name;kind;voivodeship;slots;link',
    '  --out FILE          where links go (with create: write them at once)',
    '  --base-url URL      the survey\'s address; a link is URL/s/TOKEN',
    '  close WAVE          stop accepting answers for the wave',
    '  status WAVE         the JSTs that have not answered (TERYT, name, status: started / not started); --all: every JST',
    '  contact WAVE EMAIL  the study\'s contact address, shown to respondents on every page and in every e-mail',
    '  contacts import     invitation contacts from a CSV (teryt;email;name), replacing the wave\'s; all or nothing',
    '  send                e-mail the invitations (every JST) or reminders (JSTs that have not answered) over SMTP:',
    '                      DIAG_SMTP_HOST, DIAG_SMTP_PORT (587), DIAG_SMTP_USER, DIAG_SMTP_PASS, DIAG_SMTP_FROM,',
    '                      DIAG_SMTP_SECURITY (starttls | tls | none); logged per JST, never an address',
    '  mailmerge           the same messages as a CSV for your own mail program (UTF-8 BOM, ";")',
    '  over-quota          responses finished after their invitation\'s slots were used: accept or reject each',
    '  log WAVE            what was sent or decided, when',
    '',
    'Tokens: each wave has a secret in the data folder (secrets/wave-NAME.key); a JST\'s token is derived from it,',
    'the database keeps only SHA-256 hashes. Whoever holds the secret file can print the links again with',
    '`wave links`; keep it like a password and back it up apart from the database.',
    STORE_HELP,
  ].join('\n'),
  options: {
    name: { type: 'string' },
    size: { type: 'string' },
    strata: { type: 'string' },
    allocation: { type: 'string' },
    seed: { type: 'string' },
    slots: { type: 'string' },
    frame: { type: 'string' },
    'neyman-variable': { type: 'string' },
    questionnaire: { type: 'string' },
    out: { type: 'string' },
    'base-url': { type: 'string' },
    invitations: { type: 'boolean' },
    reminders: { type: 'boolean' },
    all: { type: 'boolean' },
  },
  positionals: true,
});

export const adminSpec = defineSpec({
  name: 'admin',
  summary: 'admin bearer tokens for the dashboard and the admin API: `admin token create|list|revoke`',
  usage: [
    'diag admin token create --name NAME [--expires 30d|12h|2w|YYYY-MM-DD]',
    '       diag admin token list',
    '       diag admin token revoke NAME|ID',
  ].join('\n'),
  help: [
    '  token create        make a new admin bearer token (256 bits) and print it ONCE; only its SHA-256 is stored',
    '  --name NAME         whose token it is (a person or a team); one active token per name, not only digits',
    '  --expires WHEN      it stops working after a span from now (30d, 12h, 2w), after a day (YYYY-MM-DD: through',
    '                      that day, local time) or at an ISO date-time; default: until revoked',
    '  token list          every token: id, name, status (active, expired, revoked), created, expires, revoked —',
    '                      never the token or its hash',
    '  token revoke X      revoke the token with id X, or the active token named X: it gets 401 at once',
    '',
    'Keep the printed token in a password manager: it cannot be shown again. To replace it, create a new one and',
    'revoke the old one.',
    STORE_HELP,
  ].join('\n'),
  options: {
    name: { type: 'string' },
    expires: { type: 'string' },
  },
  positionals: true,
});

export const serveSpec = defineSpec({
  name: 'serve',
  summary: 'the web server: respondent links (/s/TOKEN), the admin dashboard (/admin) and API (/api)',
  usage: 'diag serve [--host 127.0.0.1] [--port 8080] [--rate-limit N|off] [--trust-proxy] [--log-level info] [--questionnaire FILE] [--instrument FILE[,FILE]]',
  help: [
    '  --host H           address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)',
    '  --port P           port (default 8080; 0 picks a free one)',
    `  --rate-limit N     requests a minute per client address on the public routes (default ${SERVE_DEFAULT_RATE_LIMIT}); off to disable`,
    '  --trust-proxy      behind a reverse proxy: take the client address from X-Forwarded-For',
    '  --log-level L      fatal, error, warn, info (default), debug or silent; JSON lines on standard output,',
    '                     invitation tokens and admin tokens are never logged',
    '  --questionnaire F  the questionnaire respondents fill in and the dashboard analyses (default: surveys/diagnoza-jst.json)',
    '  --instrument F[,F] further instruments whose waves\' links are served (each at /q/<id>/s/TOKEN; a link',
    '                     /s/TOKEN leads there); the pilot\'s three questionnaires (surveys/pilot-*.json) always are',
    '',
    'Stops on SIGINT or SIGTERM: requests in flight finish, then the store is closed. Admin tokens: diag admin token create.',
    STORE_HELP,
  ].join('\n'),
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    'rate-limit': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    'log-level': { type: 'string' },
    questionnaire: { type: 'string' },
    instrument: { type: 'string' },
  },
});
