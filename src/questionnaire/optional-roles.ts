/**
 * The optional roles of the programme metadata: the questions the recommendations and some report chapters read
 * beyond the six every diagnosis declares (see README, "Programme metadata"). Each names a question of the
 * questionnaire of the right type; one left out means the rule or chapter that reads it is skipped.
 */
import { DAYS_PER_YEAR, FORMS, MODES } from '../domain/training.ts';
import { isObject } from './survey.ts';
import {
  JST_CONDITIONS, KEY_COMPETENCE_QUESTIONS, TOPIC_GROUPS,
  type ConditionRole, type JstCondition, type KeyCompetenceQuestion, type ProgrammeRoles, type QuestionSpec, type QuestionType, type TopicGroup,
} from './types.ts';

const CHOICE: readonly QuestionType[] = ['radiogroup', 'dropdown', 'checkbox'];
const SINGLE: readonly QuestionType[] = ['radiogroup', 'dropdown'];
/** Questions that hold one answer (not a rating matrix, not free text). */
const ANSWER: readonly QuestionType[] = ['radiogroup', 'dropdown', 'checkbox', 'text', 'boolean', 'rating'];

type Optional = Omit<ProgrammeRoles, 'jstKind' | 'staffGroup' | 'teryt' | 'voivodeship' | 'populationClass' | 'trainingAreas'>;

/** Reads and checks the optional roles; each problem names its key (`roles.trainingMode`, `roles.jstConditions.localCoalition.value`). */
export function readOptionalRoles(roles: Record<string, unknown>, byName: Map<string, QuestionSpec>, fail: (m: string) => void): Optional {
  const question = (key: string, value: unknown, types: readonly QuestionType[]): string | undefined => {
    if (typeof value !== 'string' || !byName.has(value)) {
      fail(`roles.${key} must name a question of the questionnaire, got ${JSON.stringify(value)}`);
      return undefined;
    }
    const q = byName.get(value)!;
    if (!types.includes(q.type)) {
      fail(`roles.${key}: question '${value}' must be ${types.join(' or ')}, not ${q.type}`);
      return undefined;
    }
    return value;
  };
  const list = (key: string, value: unknown): string[] | undefined => {
    if (!Array.isArray(value)) { fail(`roles.${key} must be a list of question names`); return undefined; }
    const out: string[] = [];
    value.forEach((v, i) => {
      const name = question(`${key}[${i}]`, v, ANSWER);
      if (name === undefined) return;
      if (out.includes(name)) fail(`roles.${key}: question '${name}' is listed twice`);
      else out.push(name);
    });
    return out;
  };
  const keyed = <K extends string, T>(key: string, value: unknown, keys: readonly K[], read: (k: K, v: unknown) => T | undefined): Partial<Record<K, T>> | undefined => {
    if (!isObject(value)) { fail(`roles.${key} must be an object with any of the keys ${keys.join(', ')}`); return undefined; }
    const out: Partial<Record<K, T>> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!(keys as readonly string[]).includes(k)) { fail(`roles.${key}.${k}: unknown key (expected ${keys.join(', ')})`); continue; }
      const x = read(k as K, v);
      if (x !== undefined) out[k as K] = x;
    }
    return out;
  };

  // the programmes read these answers by their codes: every choice must be one they know
  const coded = (key: string, value: unknown, types: readonly QuestionType[], codes: readonly string[], what: string): string | undefined => {
    const name = question(key, value, types);
    const q = name === undefined ? undefined : byName.get(name)!;
    for (const c of q?.choices ?? []) {
      if (c.value !== q!.noneValue && !codes.includes(c.value)) fail(`roles.${key}: choice '${c.value}' of question '${name}' is not ${what} (${codes.join(', ')})`);
    }
    return name;
  };
  const out: Optional = {};
  if (roles.trainingForms !== undefined) out.trainingForms = coded('trainingForms', roles.trainingForms, CHOICE, FORMS, 'a training form');
  if (roles.trainingMode !== undefined) out.trainingMode = coded('trainingMode', roles.trainingMode, SINGLE, MODES, 'a training mode');
  if (roles.trainingDays !== undefined) out.trainingDays = coded('trainingDays', roles.trainingDays, SINGLE, Object.keys(DAYS_PER_YEAR), 'a category of days a year');
  if (roles.keyCompetences !== undefined) {
    out.keyCompetences = keyed<KeyCompetenceQuestion, string>('keyCompetences', roles.keyCompetences, KEY_COMPETENCE_QUESTIONS, (k, v) => question(`keyCompetences.${k}`, v, CHOICE));
  }
  if (roles.jstConditions !== undefined) {
    out.jstConditions = keyed<JstCondition, ConditionRole>('jstConditions', roles.jstConditions, JST_CONDITIONS, (k, v) => {
      const where = `jstConditions.${k}`;
      if (!isObject(v)) { fail(`roles.${where} must be { "question": <single-choice question>, "value": <the answer meaning yes> }`); return undefined; }
      const name = question(`${where}.question`, v.question, SINGLE);
      if (name === undefined) return undefined;
      const choices = (byName.get(name)!.choices ?? []).map((c) => c.value);
      if (typeof v.value !== 'string' || !choices.includes(v.value)) {
        fail(`roles.${where}.value must be a choice of question '${name}' (${choices.join(', ')}), got ${JSON.stringify(v.value)}`);
        return undefined;
      }
      return { question: name, value: v.value };
    });
  }
  if (roles.respondentProfile !== undefined) out.respondentProfile = list('respondentProfile', roles.respondentProfile);
  if (roles.topics !== undefined) {
    out.topics = keyed<TopicGroup, string[]>('topics', roles.topics, TOPIC_GROUPS, (k, v) => list(`topics.${k}`, v));
  }
  for (const k of Object.keys(out) as (keyof Optional)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** Every role's key, required and optional, for the check that the metadata names no unknown one. */
export const ROLE_KEYS = [
  'jstKind', 'staffGroup', 'teryt', 'voivodeship', 'populationClass', 'trainingAreas',
  'trainingForms', 'trainingMode', 'trainingDays', 'keyCompetences', 'jstConditions', 'respondentProfile', 'topics',
] as const;
