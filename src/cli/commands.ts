/**
 * Every command of `diag`: what `--help` shows and parseArgs needs, and where its implementation lives.
 *
 * This module must stay light: main.ts imports it on every start, so it imports nothing but types and
 * command.ts. A command's implementation (with survey-core, the analysis, the store, fastify, pdfkit, …) is
 * imported only when that command runs, by `load()`. Each implementation module builds its command with
 * `implement(<its spec from here>, run)`, so the options its `run` receives are typed from the spec.
 */
import { defineSpec, type Command, type CommandSpec, type Options } from './command.ts';

/** A command as main.ts sees it before running it: its spec, and how to load the rest. */
export interface LazyCommand extends CommandSpec {
  load(): Promise<Command<any>>;
}

function lazy<O extends Options>(spec: CommandSpec<O>, load: () => Promise<Command<O>>): LazyCommand {
  return { ...spec, load };
}

export const STORE_HELP = [
  '',
  'Where the data goes: the SQLite file diag.sqlite in the data folder (DIAG_DATA_DIR, default var/ in the',
  'repository), or PostgreSQL when DATABASE_URL is set (e.g. postgresql://user@host:5432/db).',
].join('\n');

/** The server's default rate limit (requests a minute per address; DEFAULT_RATE_LIMIT in src/server/security.ts, which a test keeps equal). */
export const SERVE_DEFAULT_RATE_LIMIT = 600;

export const codebookSpec = defineSpec({
  name: 'codebook',
  summary: 'print the codebook: every variable with labels, type, values, area, measure and who sees it',
  usage: 'diag codebook [--format json|csv|md] [--questionnaire FILE] [--out FILE]',
  help: [
    '  --format F          json (default), csv (UTF-8 with BOM, ";" — opens in a Polish Excel) or md',
    '  --questionnaire F   SurveyJS questionnaire (default: surveys/diagnoza-jst.json)',
    '  --out FILE          write to FILE instead of standard output',
  ].join('\n'),
  options: {
    format: { type: 'string' },
    questionnaire: { type: 'string' },
    out: { type: 'string' },
  },
});

export const validateSpec = defineSpec({
  name: 'validate',
  summary: 'check a CSV or JSON file of responses against the questionnaire and the codebook',
  usage: 'diag validate FILE [--format text|json] [--max N] [--wave NAME] [--questionnaire FILE]',
  help: [
    '  FILE                responses: .csv (flat codebook columns, see `diag codebook`) or .json',
    '                      (an array of { "id": …, "data": { SurveyJS answers }, "meta": { … } })',
    '  --format F          text (default) or json',
    '  --max N             print at most N issues (default 200; 0 = all)',
    '  --wave NAME         as `diag import --wave`: a row naming another wave is an issue',
    '  --questionnaire F   SurveyJS questionnaire (default: surveys/diagnoza-jst.json)',
    '',
    'A CSV is checked by the same code as `diag import`, streamed: the same issues, whatever the file size.',
    'Exit status: 0 when every response is valid, 1 when any is not, 4 when the file cannot be read.',
  ].join('\n'),
  options: {
    format: { type: 'string' },
    max: { type: 'string' },
    wave: { type: 'string' },
    questionnaire: { type: 'string' },
  },
  positionals: true,
});

export const synthSpec = defineSpec({
  name: 'synth',
  summary: 'generate realistic synthetic responses (and their JST frame) from a seed',
  usage: 'diag synth --out FILE [--respondents N] [--seed S] [--frame-out FILE] [--questionnaire FILE]',
  help: [
    '  --out FILE          responses CSV to write (the format `diag validate` and the importer read)',
    '  --respondents N     number of respondents (default 1500; about 3 per JST)',
    '  --seed S            random seed (default 1); the same seed gives byte-identical files',
    '  --frame-out FILE    also write the synthetic frame of JSTs (CSV)',
    '  --questionnaire F   SurveyJS questionnaire (default: surveys/diagnoza-jst.json)',
    '',
    'The data are SYNTHETIC: invented JSTs and respondents with planted effects documented in',
    'data-samples/README.md. Never mix them with real survey data.',
  ].join('\n'),
  options: {
    out: { type: 'string' },
    respondents: { type: 'string' },
    seed: { type: 'string' },
    'frame-out': { type: 'string' },
    questionnaire: { type: 'string' },
  },
});

export const analyzeSpec = defineSpec({
  name: 'analyze',
  summary: 'analyse responses: segments, weights, estimates with CIs, tests, reliability, training priorities → results.json',
  usage: 'diag analyze (--data FILE | --store [--wave NAME]) [--frame FILE] [--weights none|frame] [--config FILE] [--date YYYY-MM-DD] [--weights-out FILE] --out results.json',
  help: [
    '  --data FILE        responses (.csv or .json, see `diag validate`); every response must be valid',
    '  --store            the responses in the store instead of a file (see below); they are validated again',
    '                     against the questionnaire, and every one must be valid',
    '  --wave NAME        with --store: only the responses of this wave',
    '  --frame FILE       frame of JSTs: a frame CSV (see data-samples/README.md) or the GUS TERYT TERC file;',
    '                     gives weights and coverage. With --store, the default is the store\'s frame (the',
    '                     wave\'s with --wave, else the latest imported), if it holds one',
    '  --weights W        frame (default when there is a frame) or none',
    '  --config FILE      JSON overriding the defaults: segments, suppression { minN } (5), lowPrecisionBelow (30),',
    '                     level (0.95), minJstPerCell (2), quality rules, bootstrap { replicates, seed }, breakdowns',
    '  --date D           date recorded in the results (default: now), for reproducible output',
    '  --out FILE         where to write results.json (default: standard output)',
    '  --weights-out FILE with frame weights: the weight of every analysed respondent, as a CSV (microdata: kept',
    '                     out of results.json, which is published)',
    '  --print-schema     print the JSON Schema of results.json and exit',
    '',
    'With --store, results.json names the input "store:sqlite:<file>" or "store:postgres" (and the wave), and its',
    'sha256 is the SHA-256 of the lines "<respondent id>:<SHA-256 of the stored answers>", one per response in',
    'the order they were stored, joined by "\\n" (the same as the dashboard\'s results.json).',
    STORE_HELP,
  ].join('\n'),
  options: {
    data: { type: 'string' },
    store: { type: 'boolean' },
    wave: { type: 'string' },
    frame: { type: 'string' },
    weights: { type: 'string' },
    'weights-out': { type: 'string' },
    config: { type: 'string' },
    date: { type: 'string' },
    out: { type: 'string' },
    'print-schema': { type: 'boolean' },
  },
});

export const reportSpec = defineSpec({
  name: 'report',
  summary: 'write the three PDF diagnostic reports (rural gminas, urban gminas, counties) with recommendations',
  usage: 'diag report (--data FILE [--frame FILE] [--config FILE] | --results results.json) [--lang pl|en] [--date YYYY-MM-DD] [--catalogue FILE] --out DIR',
  help: [
    '  --data FILE        responses to analyse first (as `diag analyze --data`)',
    '  --frame FILE       frame of JSTs for weights and coverage (as `diag analyze --frame`)',
    '  --config FILE      analysis configuration (as `diag analyze --config`)',
    '  --results FILE     an existing results.json instead of --data',
    '  --lang L           pl (default) or en; file names follow the language',
    '  --date D           report date (default: today), for reproducible output',
    '  --catalogue FILE   programme catalogue (default: src/recommendations/catalogue.json)',
    '  --plan FILE        rollout plan for the programmes the reports summarise (see `diag programmes --help`)',
    '  --out DIR          where the PDFs go (default: reports/)',
    '',
    'With --results and no --frame, the number of JSTs by voivodeship comes from the results\' coverage table.',
  ].join('\n'),
  options: {
    data: { type: 'string' },
    frame: { type: 'string' },
    config: { type: 'string' },
    results: { type: 'string' },
    lang: { type: 'string' },
    date: { type: 'string' },
    catalogue: { type: 'string' },
    plan: { type: 'string' },
    out: { type: 'string' },
  },
});

export const programmesSpec = defineSpec({
  name: 'programmes',
  summary: 'write the six training-advisory programmes (3 JST kinds x 2 staff groups), each as PDF and JSON',
  usage: 'diag programmes (--results results.json | --data FILE [--config FILE]) [--frame FILE] [--plan FILE] [--catalogue FILE] [--lang pl|en] [--date YYYY-MM-DD] --out DIR',
  help: [
    '  --results FILE     results.json from `diag analyze`',
    '  --data FILE        responses to analyse first (as `diag analyze --data`), with --config FILE if needed',
    '  --frame FILE       frame of JSTs (frame CSV or GUS TERYT TERC): the JSTs by voivodeship for the rollout',
    '                     (default: the results\' coverage table)',
    '  --plan FILE        rollout plan (JSON) overriding any of the defaults; --print-plan shows them:',
    '                     500 JSTs (1 manager + 3 operational officials each, at least 3), pilot in 30 JSTs,',
    '                     groups of at most 16 within a voivodeship, JSTs shared among kinds in proportion to the frame',
    '  --print-plan       print the default rollout plan (JSON) and exit',
    '  --catalogue FILE   programme catalogue (default: src/recommendations/catalogue.json)',
    '  --lang L           pl (default) or en; file names follow the language',
    '  --date D           document date (default: today), for reproducible output',
    '  --out DIR          where the files go (default: reports/)',
    '',
    'Writes program-<kind>-<group>.pdf and .json per programme: goal, participants, modules with learning outcomes,',
    'topics, forms, hours and mode, the two-year schedule within the respondents\' yearly budget, e-learning courses,',
    'the evidence behind each module, quality standards and the pilot, and the scale of the rollout by voivodeship.',
  ].join('\n'),
  options: {
    results: { type: 'string' },
    data: { type: 'string' },
    config: { type: 'string' },
    frame: { type: 'string' },
    plan: { type: 'string' },
    'print-plan': { type: 'boolean' },
    catalogue: { type: 'string' },
    lang: { type: 'string' },
    date: { type: 'string' },
    out: { type: 'string' },
  },
});

export const demoSpec = defineSpec({
  name: 'demo',
  summary: 'the main job on the shipped sample data (what `npm start` runs)',
  usage: 'diag demo [--data FILE] [--frame FILE] [--out DIR] [--port P] [--no-serve]',
  help: [
    '  --data FILE   responses (default: data-samples/responses.csv)',
    '  --frame FILE  frame of JSTs (default: data-samples/frame.csv)',
    '  --out DIR     where results and reports go (default: reports/)',
    '  --port P      port of the demo server on 127.0.0.1 (default 8080; 0 picks a free one)',
    '  --no-serve    stop after the reports: do not load the store or start the server',
    '',
    'Then, unless --no-serve: loads the frame and the sample responses into the store (data folder var/ or',
    'DIAG_DATA_DIR; PostgreSQL with DATABASE_URL) if it is empty, creates a demo wave of 30 JSTs, starts',
    'the server on 127.0.0.1 and prints a live invitation link and the dashboard with a new admin token.',
    'Stop it with Ctrl-C.',
  ].join('\n'),
  options: {
    data: { type: 'string' },
    frame: { type: 'string' },
    out: { type: 'string' },
    port: { type: 'string' },
    'no-serve': { type: 'boolean' },
  },
});

export const importSpec = defineSpec({
  name: 'import',
  summary: 'store responses collected elsewhere (paper, phone) from a CSV file, all or nothing',
  usage: 'diag import FILE [--wave NAME] [--source paper|phone|other] [--questionnaire FILE]',
  help: [
    '  FILE                CSV in the flat codebook format (see `diag codebook`): UTF-8 with or without BOM or',
    '                      Windows-1250, separated by ";", "," or tab, columns matched by variable name',
    '  --wave NAME         the wave of rows whose wave cell is empty (a row naming another wave is an error)',
    '  --source S          paper, phone or other: the source of rows whose source cell is empty (default import)',
    '  --questionnaire F   SurveyJS questionnaire (default: surveys/diagnoza-jst.json)',
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
    '  --questionnaire F   SurveyJS questionnaire (default: surveys/diagnoza-jst.json)',
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
    '                 [--slots K] [--frame NAME] [--neyman-variable population|schools|pupils] [--out FILE --base-url URL]',
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
  usage: 'diag serve [--host 127.0.0.1] [--port 8080] [--rate-limit N|off] [--trust-proxy] [--log-level info]',
  help: [
    '  --host H           address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)',
    '  --port P           port (default 8080; 0 picks a free one)',
    `  --rate-limit N     requests a minute per client address on the public routes (default ${SERVE_DEFAULT_RATE_LIMIT}); off to disable`,
    '  --trust-proxy      behind a reverse proxy: take the client address from X-Forwarded-For',
    '  --log-level L      fatal, error, warn, info (default), debug or silent; JSON lines on standard output,',
    '                     invitation tokens and admin tokens are never logged',
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
  },
});

/** In the order `diag --help` lists them. */
export const COMMANDS: LazyCommand[] = [
  lazy(codebookSpec, async () => (await import('./codebook.ts')).codebookCommand),
  lazy(validateSpec, async () => (await import('./validate.ts')).validateCommand),
  lazy(synthSpec, async () => (await import('./synth.ts')).synthCommand),
  lazy(analyzeSpec, async () => (await import('./analyze.ts')).analyzeCommand),
  lazy(reportSpec, async () => (await import('./report.ts')).reportCommand),
  lazy(programmesSpec, async () => (await import('./programmes.ts')).programmesCommand),
  lazy(demoSpec, async () => (await import('./demo.ts')).demoCommand),
  lazy(importSpec, async () => (await import('./import.ts')).importCommand),
  lazy(exportSpec, async () => (await import('./export.ts')).exportCommand),
  lazy(frameSpec, async () => (await import('./frame.ts')).frameCommand),
  lazy(waveSpec, async () => (await import('./wave.ts')).waveCommand),
  lazy(adminSpec, async () => (await import('./admin.ts')).adminCommand),
  lazy(serveSpec, async () => (await import('./serve.ts')).serveCommand),
];
