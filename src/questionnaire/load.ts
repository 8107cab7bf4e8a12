/**
 * Loads a SurveyJS questionnaire and its programme metadata, checks both, and returns the questionnaire
 * model every other part of the toolkit reads. Every problem found is reported at once, each naming the
 * file and the page or question concerned.
 */
import { createHash } from 'node:crypto';
import { dirname, basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Model } from 'survey-core';
import { DiagError, type ErrorDetail } from '../errors.ts';
import { JST_KINDS } from '../domain/jst.ts';
import { readJsonFile } from './json-file.ts';
import { toLocalized } from './localized.ts';
import { readQuestion, type RawElement } from './read-question.ts';
import { checkExpressions } from './expressions.ts';
import { buildVariables } from './codebook.ts';
import {
  LAYOUT_TYPES, QUESTION_TYPES,
  type CompetenceArea, type MeasureSpec, type ProgrammeRoles, type Questionnaire, type QuestionSpec, type Localized, type MeasureRole,
} from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The questionnaire the toolkit ships with. */
export const DEFAULT_QUESTIONNAIRE = resolve(here, '..', '..', 'surveys', 'diagnoza-jst.json');

/** Features SurveyJS offers that the codebook cannot represent yet: refused rather than silently mis-coded. */
const UNSUPPORTED_PROPERTIES = ['showOtherItem', 'hasOther', 'showCommentArea', 'hasComment', 'choicesByUrl', 'choicesFromQuestion', 'valueName', 'isAllRowRequired'];
const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
/**
 * Names every JavaScript object already has (`toString`, `constructor`, `__proto__`, …): an answer keyed by one of
 * them could not be told from the object's own machinery, so no question, item or column may be called so.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The programme file sits beside the questionnaire: `x.json` → `x.programme.json`. */
export function programmePathFor(file: string): string {
  return join(dirname(file), basename(file, '.json') + '.programme.json');
}

export function loadQuestionnaire(file: string = DEFAULT_QUESTIONNAIRE): Questionnaire {
  const survey = readJsonFile(file);
  const programmeFile = programmePathFor(file);
  const programme = readJsonFile(programmeFile);
  const problems: ErrorDetail[] = [];
  const fail = (message: string, where: string = file) => problems.push({ file: where, message });

  const json = survey.value;
  if (!isObject(json) || !Array.isArray(json.pages) || json.pages.length === 0) {
    throw new DiagError('QUESTIONNAIRE_INVALID', `${file} is not a SurveyJS questionnaire`, [{ file, message: 'expected an object with a non-empty "pages" array' }]);
  }

  // 1. Walk the raw JSON: element types, names, duplicates, unsupported features.
  const raw = new Map<string, RawElement>();
  const pageOf = new Map<string, string>();
  const seen = new Set<string>();
  const walk = (elements: unknown, page: string) => {
    if (elements === undefined) return;
    if (!Array.isArray(elements)) return fail(`page '${page}': "elements" must be an array`);
    for (const [i, el] of elements.entries()) {
      if (!isObject(el)) { fail(`page '${page}', element ${i + 1}: expected an object`); continue; }
      const name = typeof el.name === 'string' ? el.name : undefined;
      const label = name ? `question '${name}'` : `element ${i + 1}`;
      if (typeof el.type !== 'string') { fail(`page '${page}', ${label}: missing "type"`); continue; }
      const known = (QUESTION_TYPES as readonly string[]).includes(el.type) || (LAYOUT_TYPES as readonly string[]).includes(el.type);
      if (!known) fail(`page '${page}', ${label}: unknown question type '${el.type}' (supported: ${[...QUESTION_TYPES, ...LAYOUT_TYPES].join(', ')})`);
      if (!name) { fail(`page '${page}', ${label}: missing "name"`); continue; }
      if (!NAME_PATTERN.test(name)) fail(`page '${page}', ${label}: name must start with a letter and hold only letters, digits and "_"`);
      if (RESERVED_NAMES.has(name)) fail(`page '${page}', ${label}: '${name}' is a reserved name (a property of every JavaScript object); rename the question`);
      if (seen.has(name)) fail(`page '${page}', ${label}: duplicate name '${name}'`);
      seen.add(name);
      for (const prop of UNSUPPORTED_PROPERTIES) if (prop in el) fail(`page '${page}', ${label}: property '${prop}' is not supported by the codebook`);
      if (el.type === 'panel') walk(el.elements, page);
      else if (known) { raw.set(name, el as RawElement); pageOf.set(name, page); }
    }
  };
  for (const [i, page] of json.pages.entries()) {
    if (!isObject(page)) { fail(`page ${i + 1}: expected an object`); continue; }
    const pageName = typeof page.name === 'string' ? page.name : `page ${i + 1}`;
    if (seen.has(pageName)) fail(`page '${pageName}': duplicate name`);
    seen.add(pageName);
    walk(page.elements, pageName);
  }
  if (problems.length) throw invalid(file, problems);

  // 2. Let SurveyJS read it too: unknown properties and malformed values are reported by its serializer.
  const model = new Model(json);
  for (const err of model.jsonErrors ?? []) fail(`SurveyJS: ${(err as { message: string }).message}`);

  // 3. Questions through the SurveyJS model (it applies SurveyJS defaults), titles from the raw JSON.
  const questions: QuestionSpec[] = [];
  for (const q of model.getAllQuestions(false)) {
    const el = raw.get(q.name);
    if (!el || !(QUESTION_TYPES as readonly string[]).includes(q.getType())) continue;
    questions.push(readQuestion(q, el, pageOf.get(q.name) ?? '', (m) => fail(`question '${q.name}': ${m}`)));
  }
  const byName = new Map(questions.map((q) => [q.name, q]));

  // 4. Programme metadata: roles, measures, areas.
  const prog = programme.value;
  if (!isObject(prog)) throw invalid(programmeFile, [{ file: programmeFile, message: 'expected a JSON object' }]);
  const { staffGroups, staffGroupLabels } = readStaffGroups(prog.staffGroups, (m) => fail(m, programmeFile));
  const roles = readRoles(prog.roles, byName, staffGroups, (m) => fail(m, programmeFile));
  const measures = readMeasures(prog.measures, (m) => fail(m, programmeFile));
  const areas = readAreas(prog.areas, byName, measures, (m) => fail(m, programmeFile));
  for (const q of questions) {
    if (q.type === 'matrixdropdown' && !q.area) fail(`question '${q.name}' holds rated items but no competence area in ${basename(programmeFile)} claims it`);
  }

  // 5. Every condition compiles and reads only known questions.
  checkExpressions(questions, (m) => fail(m));
  if (problems.length) throw invalid(file, problems);

  const variables = buildVariables(questions, areas, measures, roles, staffGroups);
  const names = new Set<string>();
  for (const v of variables) {
    if (names.has(v.name)) fail(`variable name '${v.name}' (from question '${v.question}') is produced twice; rename a question, row or choice`);
    names.add(v.name);
  }
  if (problems.length) throw invalid(file, problems);

  const hash = createHash('sha256').update(survey.text).update('\0').update(programme.text).digest('hex');
  return {
    file,
    hash,
    version: typeof prog.version === 'string' ? prog.version : '0',
    title: toLocalized(json.title, basename(file)),
    json,
    questions,
    areas,
    measures,
    roles,
    staffGroups,
    staffGroupLabels,
    variables,
  };
}

function invalid(file: string, problems: ErrorDetail[]): DiagError {
  return new DiagError('QUESTIONNAIRE_INVALID', `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the questionnaire`, problems);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readRoles(value: unknown, byName: Map<string, QuestionSpec>, staffGroups: readonly string[], fail: (m: string) => void): ProgrammeRoles {
  const roles = (isObject(value) ? value : {}) as Record<string, unknown>;
  const keys: (keyof ProgrammeRoles)[] = ['jstKind', 'staffGroup', 'teryt', 'voivodeship', 'populationClass', 'trainingAreas'];
  const out = {} as ProgrammeRoles;
  for (const key of keys) {
    const name = roles[key];
    if (typeof name !== 'string' || !byName.has(name)) fail(`roles.${key} must name a question of the questionnaire, got ${JSON.stringify(name)}`);
    out[key] = typeof name === 'string' ? name : '';
  }
  const kind = byName.get(out.jstKind);
  for (const c of kind?.choices ?? []) {
    if (!(JST_KINDS as readonly string[]).includes(c.value)) fail(`question '${out.jstKind}' (roles.jstKind): choice '${c.value}' is not a JST kind (${JST_KINDS.join(', ')})`);
  }
  const group = byName.get(out.staffGroup);
  for (const c of group?.choices ?? []) {
    if (!staffGroups.includes(c.value)) fail(`question '${out.staffGroup}' (roles.staffGroup): choice '${c.value}' is not a staff group declared in "staffGroups" (${staffGroups.join(', ')})`);
  }
  if (group) {
    for (const g of staffGroups) {
      if (!(group.choices ?? []).some((c) => c.value === g)) fail(`staffGroups.${g}: no choice '${g}' in question '${out.staffGroup}' (roles.staffGroup)`);
    }
  }
  return out;
}

function readMeasures(value: unknown, fail: (m: string) => void): MeasureSpec[] {
  if (!isObject(value)) { fail('"measures" must map matrix column names to { role, label }'); return []; }
  const out: MeasureSpec[] = [];
  for (const [column, spec] of Object.entries(value)) {
    const role = isObject(spec) ? spec.role : undefined;
    if (role !== 'importance' && role !== 'level') { fail(`measures.${column}.role must be "importance" or "level"`); continue; }
    out.push({ column, role: role as MeasureRole, label: toLocalized(isObject(spec) ? spec.label : undefined, column) });
  }
  for (const role of ['importance', 'level'] as const) {
    if (out.filter((m) => m.role === role).length !== 1) fail(`"measures" must declare exactly one ${role} column`);
  }
  return out;
}

function readAreas(value: unknown, byName: Map<string, QuestionSpec>, measures: MeasureSpec[], fail: (m: string) => void): CompetenceArea[] {
  if (!Array.isArray(value) || value.length === 0) { fail('"areas" must be a non-empty array'); return []; }
  const out: CompetenceArea[] = [];
  const codes = new Set<string>();
  for (const [i, a] of value.entries()) {
    if (!isObject(a) || typeof a.code !== 'string' || typeof a.question !== 'string') { fail(`areas[${i}]: expected { code, question, label }`); continue; }
    if (codes.has(a.code)) fail(`areas[${i}]: duplicate area code '${a.code}'`);
    codes.add(a.code);
    const q = byName.get(a.question);
    if (!q) { fail(`area '${a.code}': question '${a.question}' is not in the questionnaire`); continue; }
    if (q.type !== 'matrixdropdown') { fail(`area '${a.code}': question '${a.question}' must be a matrixdropdown of rated items, not ${q.type}`); continue; }
    if (q.area) fail(`area '${a.code}': question '${a.question}' already belongs to area '${q.area}'`);
    const columns = (q.columns ?? []).map((c) => c.name).sort();
    const expected = measures.map((m) => m.column).sort();
    if (columns.join(',') !== expected.join(',')) fail(`area '${a.code}': question '${a.question}' must have exactly the measure columns ${expected.join(', ')}, has ${columns.join(', ') || 'none'}`);
    if ((q.rows ?? []).length < 1) fail(`area '${a.code}': question '${a.question}' has no items`);
    q.area = a.code;
    out.push({
      code: a.code,
      question: a.question,
      label: toLocalized(a.label, a.code),
      short: toLocalized(a.short ?? a.label, a.code),
      ...(typeof a.domainArea === 'number' ? { domainArea: a.domainArea } : {}),
      items: (q.rows ?? []).map((r) => ({ code: r.value, label: r.label })),
    });
  }
  return out;
}

/**
 * The respondent groups the programme metadata declares: `"staffGroups": { "<code>": { "pl": …, "en": … }, … }`,
 * in their order (codes: lower-case letters, digits and underscores).
 */
function readStaffGroups(value: unknown, fail: (m: string) => void): { staffGroups: string[]; staffGroupLabels: Record<string, Localized> } {
  if (!isObject(value) || Object.keys(value).length === 0) {
    fail('"staffGroups" must map each respondent group\'s code to its label { pl, en }');
    return { staffGroups: [], staffGroupLabels: {} };
  }
  const staffGroups: string[] = [];
  const staffGroupLabels: Record<string, Localized> = {};
  for (const [code, label] of Object.entries(value)) {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(code) || RESERVED_NAMES.has(code)) { fail(`staffGroups.${code}: a group code is lower-case letters, digits and underscores, starting with a letter`); continue; }
    staffGroups.push(code);
    staffGroupLabels[code] = toLocalized(label, code);
  }
  return { staffGroups, staffGroupLabels };
}
