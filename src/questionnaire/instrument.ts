/**
 * Loads one of the pilot's instruments (reaction, post, followup; see PilotInstrument in types.ts): a SurveyJS
 * questionnaire and its programme metadata `x.programme.json`, which declares what each question is for —
 *
 *   "instrument": "reaction" | "post" | "followup",
 *   "roles": { "participantCode": <text question>, "programme": <choice question>, "module": <choice question, reaction only> },
 *   "scales": [ { "code", "question": <rating question>, "label" } ]   (summarised per programme and module),
 *   "measures" + "areas"  (post only: matrices with one "level" and one "retrospective" column, the areas and items
 *                          of the diagnosis),
 *   "tabulate": [ <choice question> ]   (answer shares reported, e.g. barriers).
 *
 * No question id is named in TypeScript: a new instrument of one of these kinds is added by JSON files alone. Every
 * problem is reported at once, naming the file and the question or key.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorDetail } from '../errors.ts';
import { buildVariables } from './codebook.ts';
import { readJsonFile } from './json-file.ts';
import { loadQuestionnaire, programmePathFor, readAreas, readMeasures } from './load.ts';
import { toLocalized } from './localized.ts';
import { checkConditions, checkVariableNames, instrumentKindOf, invalid, isObject, readSurveyQuestions } from './survey.ts';
import {
  PILOT_INSTRUMENT_KINDS,
  type CompetenceArea, type Localized, type MeasureSpec, type PilotInstrument, type PilotInstrumentKind, type PilotScale, type Questionnaire, type QuestionSpec,
} from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The pilot's instruments the toolkit ships with (surveys/). */
export const PILOT_INSTRUMENT_FILES = {
  reaction: resolve(here, '..', '..', 'surveys', 'pilot-reakcja.json'),
  post: resolve(here, '..', '..', 'surveys', 'pilot-koniec.json'),
  followup: resolve(here, '..', '..', 'surveys', 'pilot-po-3-miesiacach.json'),
} as const;

/** The three shipped pilot instruments, loaded (each is checked to be of its kind). */
export function shippedPilotInstruments(files: Partial<Record<PilotInstrumentKind, string>> = {}): Record<PilotInstrumentKind, PilotInstrument> {
  const load = (kind: PilotInstrumentKind) => {
    const file = files[kind] ?? PILOT_INSTRUMENT_FILES[kind];
    const i = loadPilotInstrument(file);
    if (i.kind !== kind) throw invalid(file, [{ file: programmePathFor(file), message: `expected a ${kind} instrument, this one declares "instrument": "${i.kind}"` }]);
    return i;
  };
  return { reaction: load('reaction'), post: load('post'), followup: load('followup') };
}

/**
 * Any instrument by its file: the diagnosis questionnaire (the default) or one of the pilot's, told apart by the
 * programme metadata's "instrument". What reads, validates, stores and exports responses (`diag validate`, `import`,
 * `export`, `codebook`, `wave create`, the server's respondent pages) takes either.
 */
export function loadInstrument(file?: string): Questionnaire | PilotInstrument {
  if (file === undefined) return loadQuestionnaire();
  const programme = readJsonFile(programmePathFor(file)).value;
  return (PILOT_INSTRUMENT_KINDS as readonly string[]).includes(instrumentKindOf(programme)) ? loadPilotInstrument(file) : loadQuestionnaire(file);
}

export function loadPilotInstrument(file: string): PilotInstrument {
  const survey = readJsonFile(file);
  const programmeFile = programmePathFor(file);
  const programme = readJsonFile(programmeFile);
  const problems: ErrorDetail[] = [];
  const fail = (message: string, where: string = file) => problems.push({ file: where, message });
  const failMeta = (message: string) => fail(message, programmeFile);

  const prog = programme.value;
  if (!isObject(prog)) throw invalid(programmeFile, [{ file: programmeFile, message: 'expected a JSON object' }]);
  const kind = instrumentKindOf(prog);
  if (!(PILOT_INSTRUMENT_KINDS as readonly string[]).includes(kind)) {
    throw invalid(programmeFile, [{ file: programmeFile, message: `"instrument" must be one of ${PILOT_INSTRUMENT_KINDS.join(', ')} for a pilot instrument, got "${kind}"` }]);
  }

  const { json, questions } = readSurveyQuestions(file, survey.value, fail, problems);
  if (problems.length) throw invalid(file, problems);
  const byName = new Map(questions.map((q) => [q.name, q]));

  const roles = isObject(prog.roles) ? prog.roles : {};
  const role = (key: string, types: readonly string[], required: boolean): QuestionSpec | undefined => {
    const name = roles[key];
    if (name === undefined && !required) return undefined;
    const q = typeof name === 'string' ? byName.get(name) : undefined;
    if (!q) { failMeta(`roles.${key} must name a question of the questionnaire, got ${JSON.stringify(name)}`); return undefined; }
    if (!types.includes(q.type)) { failMeta(`roles.${key}: question '${q.name}' must be ${types.join(' or ')}, not ${q.type}`); return undefined; }
    if (!q.required) failMeta(`roles.${key}: question '${q.name}' must be required (isRequired: true): records are linked by it`);
    return q;
  };
  const code = role('participantCode', ['text'], true);
  const programmeQ = role('programme', ['radiogroup', 'dropdown'], true);
  const moduleQ = role('module', ['radiogroup', 'dropdown'], kind === 'reaction');
  if (kind !== 'reaction' && moduleQ) failMeta(`roles.module: only a reaction questionnaire names a module (this is "${kind}")`);

  const scales = readScales(prog.scales, byName, failMeta);
  if (kind !== 'post' && scales.length === 0) failMeta(`"scales" must list the rating questions a ${kind} questionnaire summarises`);

  let measures: MeasureSpec[] = [];
  let areas: CompetenceArea[] = [];
  if (kind === 'post') {
    measures = readMeasures(prog.measures, ['level', 'retrospective'], failMeta);
    areas = readAreas(prog.areas, byName, measures, failMeta);
  } else if (prog.areas !== undefined || prog.measures !== undefined) {
    failMeta(`"areas" and "measures" belong to the end-of-programme (post) questionnaire only, not to a ${kind} questionnaire`);
  }
  for (const q of questions) {
    if (q.type === 'matrixdropdown' && !q.area) fail(`question '${q.name}' holds rated items but no competence area in ${basename(programmeFile)} claims it`);
  }

  const tabulate: string[] = [];
  if (prog.tabulate !== undefined) {
    if (!Array.isArray(prog.tabulate)) failMeta('"tabulate" must be an array of question names');
    else for (const name of prog.tabulate) {
      const q = typeof name === 'string' ? byName.get(name) : undefined;
      if (!q || !['checkbox', 'radiogroup', 'dropdown'].includes(q.type)) failMeta(`tabulate: ${JSON.stringify(name)} must name a checkbox, radiogroup or dropdown question`);
      else tabulate.push(q.name);
    }
  }

  checkConditions(questions, (m) => fail(m));
  if (problems.length) throw invalid(file, problems);
  const variables = buildVariables(questions, areas, measures, undefined, []);
  checkVariableNames(variables, (m) => fail(m));
  if (problems.length) throw invalid(file, problems);

  const options = (q: QuestionSpec | undefined) => (q?.choices ?? []).map((c) => ({ code: c.value, label: c.label }));
  return {
    file,
    hash: createHash('sha256').update(survey.text).update('\0').update(programme.text).digest('hex'),
    version: typeof prog.version === 'string' ? prog.version : '0',
    title: toLocalized(json.title, basename(file)),
    json,
    questions,
    variables,
    kind: kind as PilotInstrumentKind,
    participantCode: code!.name,
    programmeQuestion: programmeQ!.name,
    programmes: options(programmeQ),
    ...(moduleQ ? { moduleQuestion: moduleQ.name } : {}),
    modules: options(moduleQ),
    scales,
    areas,
    measures,
    tabulate,
  };
}

function readScales(value: unknown, byName: Map<string, QuestionSpec>, fail: (m: string) => void): PilotScale[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) { fail('"scales" must be an array of { code, question, label }'); return []; }
  const out: PilotScale[] = [];
  const codes = new Set<string>();
  for (const [i, s] of value.entries()) {
    if (!isObject(s) || typeof s.code !== 'string' || typeof s.question !== 'string') { fail(`scales[${i}]: expected { code, question, label }`); continue; }
    if (codes.has(s.code)) fail(`scales[${i}]: duplicate scale code '${s.code}'`);
    codes.add(s.code);
    const q = byName.get(s.question);
    if (!q || q.type !== 'rating' || !q.rateValues?.length) { fail(`scale '${s.code}': question '${s.question}' must be a rating question of the questionnaire`); continue; }
    const label: Localized = toLocalized(s.label, s.code);
    out.push({ code: s.code, question: q.name, label, values: [...q.rateValues].sort((a, b) => a - b) });
  }
  return out;
}
