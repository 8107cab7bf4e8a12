/**
 * The questionnaire as the toolkit sees it: a SurveyJS definition read through its public model, and the
 * codebook derived from it, one variable per analysable column.
 */
import type { JstKind } from '../domain/jst.ts';

export interface Localized {
  pl: string;
  en: string;
}

export type Lang = keyof Localized;

/**
 * The two staff groups the diagnosis analysis and its reports compare (cells, tests, programmes). Which respondent
 * groups a questionnaire has is declared in its programme metadata (`staffGroups`, read into
 * `Questionnaire.staffGroups`); the analysis takes a questionnaire whose groups are exactly these two.
 */
export type StaffGroup = 'management' | 'operational';
export const STAFF_GROUPS: readonly StaffGroup[] = ['management', 'operational'];

/** The SurveyJS element types this toolkit understands. */
export const QUESTION_TYPES = ['radiogroup', 'dropdown', 'checkbox', 'text', 'comment', 'matrixdropdown', 'boolean', 'rating'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
/** Elements that hold no answer. */
export const LAYOUT_TYPES = ['html', 'panel', 'image'] as const;

/** `retrospective`: the then-test's "before the training" rating, asked after it (the pilot's end-of-programme questionnaire). */
export type MeasureRole = 'importance' | 'level' | 'retrospective';

export interface ChoiceSpec {
  value: string;
  label: Localized;
  /** SurveyJS expression; absent means always visible */
  visibleIf?: string;
}

export interface RatingColumnSpec {
  name: string;
  label: Localized;
  values: number[];
  required: boolean;
}

export type ValidatorSpec =
  | { type: 'regex'; regex: RegExp; source: string; message: Localized }
  | { type: 'numeric'; min?: number; max?: number; message: Localized }
  | { type: 'text'; minLength?: number; maxLength?: number; message: Localized }
  | { type: 'answercount'; min?: number; max?: number; message: Localized }
  | { type: 'expression'; expression: string; message: Localized };

/** One question of the questionnaire with everything validation and the codebook need. */
export interface QuestionSpec {
  name: string;
  type: QuestionType;
  title: Localized;
  page: string;
  /** visibleIf expressions of the page, panels and the question itself; all must hold */
  visibleIf: string[];
  required: boolean;
  requiredIf?: string;
  choices?: ChoiceSpec[];
  /** SurveyJS "none" item of a checkbox (exclusive) */
  noneValue?: string;
  /** its wording (SurveyJS `noneText`), where the questionnaire gives one */
  noneLabel?: Localized;
  minSelected?: number;
  maxSelected?: number;
  rows?: ChoiceSpec[];
  columns?: RatingColumnSpec[];
  /** rating question values */
  rateValues?: number[];
  inputType?: string;
  /** a number input that takes whole numbers only (SurveyJS `step` a whole number, and a whole `min` if any) */
  integer?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  validators: ValidatorSpec[];
  /** competence area code for rating matrices */
  area?: string;
}

export type VariableType = 'categorical' | 'dichotomy' | 'scale' | 'number' | 'text' | 'boolean';

export interface ValueLabel {
  value: string | number;
  label: Localized;
}

/** Who is shown a variable: the JST kinds and staff groups for which all its conditions can hold. */
export interface Visibility {
  jstKinds: JstKind[];
  /** codes of the questionnaire's declared respondent groups (Questionnaire.staffGroups) */
  staffGroups: string[];
  /** the raw conditions, for the record */
  conditions: string[];
  /** variables other than JST kind and staff group that the conditions read */
  dependsOn: string[];
}

export interface Variable {
  name: string;
  question: string;
  label: Localized;
  type: VariableType;
  values?: ValueLabel[];
  /** a number variable that takes whole numbers only */
  integer?: boolean;
  min?: number;
  max?: number;
  area?: string;
  measure?: MeasureRole;
  /** matrix row (item) code */
  item?: string;
  /** checkbox choice a dichotomy stands for */
  choice?: string;
  visibility: Visibility;
}

export interface CompetenceArea {
  code: string;
  question: string;
  label: Localized;
  /** a short label for chart axes */
  short: Localized;
  /** number of the area in the brief's list of ten, for the record */
  domainArea?: number;
  items: { code: string; label: Localized }[];
}

/** The JST's conditions for change a report states (roles.jstConditions). */
export const JST_CONDITIONS = ['sharedServiceCentre', 'educationStrategy', 'localCoalition'] as const;
export type JstCondition = (typeof JST_CONDITIONS)[number];

/** The questions on pupils' key competences (roles.keyCompetences): what the JST prioritises, does now, lacks, wants. */
export const KEY_COMPETENCE_QUESTIONS = ['priorities', 'now', 'lack', 'support'] as const;
export type KeyCompetenceQuestion = (typeof KEY_COMPETENCE_QUESTIONS)[number];

/** The headings under which the report's annex lists what the questionnaire asks besides the ratings (roles.topics). */
export const TOPIC_GROUPS = ['jst', 'respondent', 'trainingNeeds', 'keyCompetences'] as const;
export type TopicGroup = (typeof TOPIC_GROUPS)[number];

/** A single-choice question and the answer that means the JST has the condition ("yes"). */
export interface ConditionRole {
  question: string;
  value: string;
}

/**
 * Which question plays which part, from the programme metadata's "roles". The first six are required; the rest
 * are optional, and a report chapter or recommendation rule whose role is not declared is left out or says the
 * questionnaire did not ask.
 */
export interface ProgrammeRoles {
  jstKind: string;
  staffGroup: string;
  teryt: string;
  voivodeship: string;
  populationClass: string;
  trainingAreas: string;
  /** choice question: the training forms respondents prefer (choices: the catalogue's forms) */
  trainingForms?: string;
  /** single choice: onsite, online or hybrid */
  trainingMode?: string;
  /** single choice: how many days a year respondents can give (le2, 3_5, 6_10, gt10) */
  trainingDays?: string;
  /** choice questions on pupils' key competences; `lack` also feeds the recommendation rule on lacks */
  keyCompetences?: Partial<Record<KeyCompetenceQuestion, string>>;
  /** the JST's conditions for change: a shared-service centre, an education strategy, a local coalition */
  jstConditions?: Partial<Record<JstCondition, ConditionRole>>;
  /** questions describing the respondent (position, years in post): differences between segments there are by design */
  respondentProfile?: string[];
  /** the annex's summary of the questionnaire: the questions under each heading (in questionnaire order) */
  topics?: Partial<Record<TopicGroup, string[]>>;
}

export interface MeasureSpec {
  column: string;
  role: MeasureRole;
  label: Localized;
}

/** System columns every response carries beside the answers. */
export const SYSTEM_VARIABLES = ['respondent_id', 'wave', 'source', 'started_at', 'submitted_at', 'duration_sec'] as const;
export type SystemVariable = (typeof SYSTEM_VARIABLES)[number];

/** A questionnaire as results.json and a wave name it: file name, version, SHA-256 of it and its programme metadata. */
export interface InstrumentRef {
  file: string;
  version: string;
  sha256: string;
}

/** The reference recorded for a loaded questionnaire (the file's name without its folder). */
export function instrumentRef(q: Pick<Questionnaire, 'file' | 'version' | 'hash'>): InstrumentRef {
  return { file: q.file.split(/[\\/]/).pop() ?? q.file, version: q.version, sha256: q.hash };
}

/**
 * What reading, validating and flattening responses need of any instrument (the diagnosis or one of the pilot's):
 * its SurveyJS questions and the codebook derived from them.
 */
export interface SurveyInstrument {
  file: string;
  /** SHA-256 of the questionnaire and programme files, for the report's appendix */
  hash: string;
  version: string;
  title: Localized;
  /** the parsed SurveyJS JSON, unchanged */
  json: Record<string, unknown>;
  questions: QuestionSpec[];
  variables: Variable[];
  /** the diagnosis' roles (its TERYT rule reads them); the pilot's instruments have none */
  roles?: ProgrammeRoles;
  /** the question holding the pseudonymous participant code (domain/participant-code.ts), if the instrument carries one */
  participantCode?: string;
}

export interface Questionnaire extends SurveyInstrument {
  areas: CompetenceArea[];
  measures: MeasureSpec[];
  roles: ProgrammeRoles;
  /** the respondent groups the programme metadata declares (`staffGroups`), in its order */
  staffGroups: string[];
  staffGroupLabels: Record<string, Localized>;
}

/**
 * The pilot's instruments (issue 14), each a SurveyJS questionnaire whose programme metadata declares
 * `"instrument": "<kind>"`:
 *   reaction — after each module: how relevant, useful, well taught and well organised it was (Kirkpatrick level 1);
 *   post     — at the end of the programme: the diagnosis' competence items rated again for the current level and,
 *              retrospectively, for the level before the training (the then-test);
 *   followup — three months later: applying what was learnt at work, and what stood in the way (level 3).
 * The diagnosis' metadata declares no "instrument" (or "diagnosis").
 */
export const PILOT_INSTRUMENT_KINDS = ['reaction', 'post', 'followup'] as const;
export type PilotInstrumentKind = (typeof PILOT_INSTRUMENT_KINDS)[number];

/** A rating question whose answers are summarised (mean, distribution) per programme and module. */
export interface PilotScale {
  code: string;
  question: string;
  label: Localized;
  /** the rating's values, lowest first */
  values: number[];
}

export interface PilotInstrument extends SurveyInstrument {
  kind: PilotInstrumentKind;
  /** the question holding the participant code (every pilot instrument carries one) */
  participantCode: string;
  /** the question naming the programme (its choices are the programme codes) */
  programmeQuestion: string;
  programmes: { code: string; label: Localized }[];
  /** reaction: the question naming the module */
  moduleQuestion?: string;
  modules: { code: string; label: Localized }[];
  /** reaction and followup: the rating questions summarised */
  scales: PilotScale[];
  /** post: the competence areas rated again (codes and items as in the diagnosis) */
  areas: CompetenceArea[];
  /** post: the level and retrospective columns of the area matrices */
  measures: MeasureSpec[];
  /** choice questions whose answer shares are reported (e.g. the follow-up's barriers) */
  tabulate: string[];
}
