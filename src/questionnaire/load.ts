/**
 * Loads a SurveyJS questionnaire and its programme metadata, checks both, and returns the questionnaire
 * model every other part of the toolkit reads. Every problem found is reported at once, each naming the
 * file and the page or question concerned.
 */
import { createHash } from 'node:crypto';
import { dirname, basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagError, type ErrorDetail } from '../errors.ts';
import { JST_KINDS } from '../domain/jst.ts';
import { readJsonFile } from './json-file.ts';
import { toLocalized } from './localized.ts';
import { checkConditions, checkVariableNames, instrumentKindOf, invalid, isObject, readSurveyQuestions, RESERVED_NAMES } from './survey.ts';
import { buildVariables } from './codebook.ts';
import { readOptionalRoles, ROLE_KEYS } from './optional-roles.ts';
import {
  type CompetenceArea, type MeasureSpec, type ProgrammeRoles, type Questionnaire, type QuestionSpec, type Localized, type MeasureRole,
} from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The questionnaire the toolkit ships with. */
export const DEFAULT_QUESTIONNAIRE = resolve(here, '..', '..', 'surveys', 'diagnoza-jst.json');

export { RESERVED_NAMES } from './survey.ts';

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

  const { json, questions } = readSurveyQuestions(file, survey.value, fail, problems);
  if (problems.length) throw invalid(file, problems);
  const byName = new Map(questions.map((q) => [q.name, q]));

  // 4. Programme metadata: roles, measures, areas.
  const prog = programme.value;
  if (!isObject(prog)) throw invalid(programmeFile, [{ file: programmeFile, message: 'expected a JSON object' }]);
  if (instrumentKindOf(prog) !== 'diagnosis') {
    const message = `this is a pilot instrument ("instrument": "${instrumentKindOf(prog)}"), not a diagnosis questionnaire; \`diag pilot\` reads it`;
    throw new DiagError('QUESTIONNAIRE_INVALID', `${file}: ${message}`, [{ file: programmeFile, message }]);
  }
  const { staffGroups, staffGroupLabels } = readStaffGroups(prog.staffGroups, (m) => fail(m, programmeFile));
  const roles = readRoles(prog.roles, byName, staffGroups, (m) => fail(m, programmeFile));
  const measures = readMeasures(prog.measures, ['importance', 'level'], (m) => fail(m, programmeFile));
  const areas = readAreas(prog.areas, byName, measures, (m) => fail(m, programmeFile));
  for (const q of questions) {
    if (q.type === 'matrixdropdown' && !q.area) fail(`question '${q.name}' holds rated items but no competence area in ${basename(programmeFile)} claims it`);
  }

  // 5. Every condition compiles and reads only known questions.
  checkConditions(questions, (m) => fail(m));
  if (problems.length) throw invalid(file, problems);

  const variables = buildVariables(questions, areas, measures, roles, staffGroups);
  checkVariableNames(variables, (m) => fail(m));
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

function readRoles(value: unknown, byName: Map<string, QuestionSpec>, staffGroups: readonly string[], fail: (m: string) => void): ProgrammeRoles {
  const roles = (isObject(value) ? value : {}) as Record<string, unknown>;
  const keys = ['jstKind', 'staffGroup', 'teryt', 'voivodeship', 'populationClass', 'trainingAreas'] as const;
  const out = {} as ProgrammeRoles;
  for (const key of keys) {
    const name = roles[key];
    if (typeof name !== 'string' || !byName.has(name)) fail(`roles.${key} must name a question of the questionnaire, got ${JSON.stringify(name)}`);
    out[key] = typeof name === 'string' ? name : '';
  }
  for (const key of Object.keys(roles)) {
    if (!(ROLE_KEYS as readonly string[]).includes(key)) fail(`roles.${key}: unknown role (roles: ${ROLE_KEYS.join(', ')})`);
  }
  Object.assign(out, readOptionalRoles(roles, byName, fail));
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

/** The matrix columns and what each measures: exactly one column of each of `roles`, no other. */
export function readMeasures(value: unknown, roles: readonly MeasureRole[], fail: (m: string) => void): MeasureSpec[] {
  if (!isObject(value)) { fail('"measures" must map matrix column names to { role, label }'); return []; }
  const out: MeasureSpec[] = [];
  for (const [column, spec] of Object.entries(value)) {
    const role = isObject(spec) ? spec.role : undefined;
    if (!(roles as readonly unknown[]).includes(role)) { fail(`measures.${column}.role must be ${roles.map((r) => `"${r}"`).join(' or ')}`); continue; }
    out.push({ column, role: role as MeasureRole, label: toLocalized(isObject(spec) ? spec.label : undefined, column) });
  }
  for (const role of roles) {
    if (out.filter((m) => m.role === role).length !== 1) fail(`"measures" must declare exactly one ${role} column`);
  }
  return out;
}

/** The competence areas: each a matrixdropdown of rated items with exactly the measure columns. */
export function readAreas(value: unknown, byName: Map<string, QuestionSpec>, measures: MeasureSpec[], fail: (m: string) => void): CompetenceArea[] {
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
