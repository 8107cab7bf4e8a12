/**
 * Every command of `diag`: what `--help` shows and parseArgs needs, and where its implementation lives.
 *
 * This module must stay light: main.ts imports it on every start, so it imports nothing but types and
 * command.ts. A command's implementation (with survey-core, the analysis, the store, fastify, pdfkit, …) is
 * imported only when that command runs, by `load()`. Each implementation module builds its command with
 * `implement(<its spec from here>, run)`, so the options its `run` receives are typed from the spec.
 */
import { defineSpec, type Command, type CommandSpec, type Options } from './command.ts';
import { pilotSpec } from './commands-pilot.ts';
import { STORE_HELP, importSpec, exportSpec, frameSpec, waveSpec, adminSpec, serveSpec } from './commands-store.ts';

/** A command as main.ts sees it before running it: its spec, and how to load the rest. */
export interface LazyCommand extends CommandSpec {
  load(): Promise<Command<any>>;
}

function lazy<O extends Options>(spec: CommandSpec<O>, load: () => Promise<Command<O>>): LazyCommand {
  return { ...spec, load };
}

export const codebookSpec = defineSpec({
  name: 'codebook',
  summary: 'print the codebook: every variable with labels, type, values, area, measure and who sees it',
  usage: 'diag codebook [--format json|csv|md] [--questionnaire FILE] [--out FILE]',
  help: [
    '  --format F          json (default), csv (UTF-8 with BOM, ";" — opens in a Polish Excel) or md',
    '  --questionnaire F   the instrument: the diagnosis (default: surveys/diagnoza-jst.json) or a pilot questionnaire',
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
    '  --questionnaire F   the instrument: the diagnosis (default: surveys/diagnoza-jst.json) or a pilot questionnaire',
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
  usage: 'diag synth --out FILE [--respondents N] [--seed S] [--frame-out FILE] [--questionnaire FILE]\n       diag synth --pilot --out DIR [--seed S]',
  help: [
    '  --out FILE          responses CSV to write (the format `diag validate` and the importer read)',
    '  --respondents N     number of respondents (default 1500; about 3 per JST)',
    '  --seed S            random seed (default 1); the same seed gives byte-identical files',
    '  --frame-out FILE    also write the synthetic frame of JSTs (CSV)',
    '  --questionnaire F   SurveyJS questionnaire (default: surveys/diagnoza-jst.json)',
    '  --pilot             a synthetic pilot instead: 30 JSTs × 4 officials diagnosed, given participant codes and',
    '                      answering the module reactions, the end-of-programme then-test and the 3-month follow-up',
    '                      (surveys/pilot-*.json); --out is a folder that receives pilot-diagnosis.csv,',
    '                      pilot-register.csv (code → diagnosis respondent id), pilot-reactions.csv, pilot-post.csv',
    '                      and pilot-followup.csv, ready for `diag pilot analyze`',
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
    pilot: { type: 'boolean' },
  },
});

export const analyzeSpec = defineSpec({
  name: 'analyze',
  summary: 'analyse responses: segments, weights, estimates with CIs, tests, reliability, training priorities → results.json',
  usage: 'diag analyze (--data FILE | --store [--wave NAME]) [--frame FILE] [--weights none|frame] [--config FILE] [--date YYYY-MM-DD] [--weights-out FILE] [--questionnaire FILE] --out results.json',
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
    '  --questionnaire F  SurveyJS questionnaire with its programme metadata beside it (default: surveys/diagnoza-jst.json)',
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
    questionnaire: { type: 'string' },
  },
});

export const reportSpec = defineSpec({
  name: 'report',
  summary: 'write the three PDF diagnostic reports (rural gminas, urban gminas, counties) with recommendations',
  usage: 'diag report (--data FILE [--frame FILE] [--config FILE] | --results results.json) [--lang pl|en] [--date YYYY-MM-DD] [--catalogue FILE] [--questionnaire FILE] --out DIR',
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
    '  --questionnaire F  the questionnaire the results were computed from (default: surveys/diagnoza-jst.json); with',
    '                     --results its SHA-256 must be the one results.json records',
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
    questionnaire: { type: 'string' },
  },
});

export const programmesSpec = defineSpec({
  name: 'programmes',
  summary: 'write the six training-advisory programmes (3 JST kinds x 2 staff groups), each as PDF and JSON',
  usage: 'diag programmes (--results results.json | --data FILE [--config FILE]) [--frame FILE] [--plan FILE] [--catalogue FILE] [--lang pl|en] [--date YYYY-MM-DD] [--questionnaire FILE] --out DIR',
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
    '  --questionnaire F  the questionnaire the results were computed from (default: surveys/diagnoza-jst.json); with',
    '                     --results its SHA-256 must be the one results.json records',
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
    questionnaire: { type: 'string' },
  },
});

export const demoSpec = defineSpec({
  name: 'demo',
  summary: 'the main job on the shipped sample data (what `npm start` runs)',
  usage: 'diag demo [--data FILE] [--frame FILE] [--questionnaire FILE] [--out DIR] [--port P] [--no-serve]',
  help: [
    '  --data FILE   responses (default: data-samples/responses.csv)',
    '  --questionnaire F  the diagnosis questionnaire (default: surveys/diagnoza-jst.json); with another one, give',
    '                its --data, and the pilot evaluation (made from the shipped sample of the default one) is skipped',
    '  --frame FILE  frame of JSTs (default: data-samples/frame.csv)',
    '  --out DIR     where results and reports go (default: reports/)',
    '  --port P      port of the demo server on 127.0.0.1 (default 8080; 0 picks a free one)',
    '  --no-serve    stop after the reports: do not load the store or start the server',
    '',
    'Then, unless --no-serve: loads the frame and the sample responses into the store (data folder var/ or',
    'DIAG_DATA_DIR; PostgreSQL with DATABASE_URL) if it is empty, creates a demo wave of 30 JSTs, starts',
    'the server on 127.0.0.1 and prints a live invitation link and the dashboard with a new admin token, and',
    'a wave per pilot questionnaire in the same JSTs with a link to each. The pilot evaluation of the shipped',
    'synthetic pilot (data-samples/pilot/) goes to DIR/pilot/.',
    'Stop it with Ctrl-C.',
  ].join('\n'),
  options: {
    data: { type: 'string' },
    frame: { type: 'string' },
    questionnaire: { type: 'string' },
    out: { type: 'string' },
    port: { type: 'string' },
    'no-serve': { type: 'boolean' },
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
  lazy(pilotSpec, async () => (await import('./pilot.ts')).pilotCommand),
  lazy(importSpec, async () => (await import('./import.ts')).importCommand),
  lazy(exportSpec, async () => (await import('./export.ts')).exportCommand),
  lazy(frameSpec, async () => (await import('./frame.ts')).frameCommand),
  lazy(waveSpec, async () => (await import('./wave.ts')).waveCommand),
  lazy(adminSpec, async () => (await import('./admin.ts')).adminCommand),
  lazy(serveSpec, async () => (await import('./serve.ts')).serveCommand),
];
