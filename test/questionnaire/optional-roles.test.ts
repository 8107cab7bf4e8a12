/**
 * The optional roles of the programme metadata (trainingForms, trainingMode, trainingDays, keyCompetences,
 * jstConditions, respondentProfile, topics): read from the shipped metadata, optional, and checked with an
 * error that names the metadata file and the key.
 */
import { describe, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { loadQuestionnaire } from '../../src/questionnaire/load.ts';
import { loadError, miniQuestionnaire, shippedQuestionnaire, writeQuestionnaire } from '../helpers/questionnaire.ts';

/** The mini questionnaire with the questions the optional roles name, and those roles declared. */
function withOptionalQuestions() {
  const { survey, programme } = miniQuestionnaire();
  (survey.pages[0]!.elements as unknown[]).push(
    { type: 'dropdown', name: 'stanowisko', choices: ['head', 'other'] },
    { type: 'checkbox', name: 'formy', choices: ['workshops', 'elearning'] },
    { type: 'radiogroup', name: 'tryb', choices: ['onsite', 'online', 'hybrid'] },
    { type: 'radiogroup', name: 'dni', choices: ['le2', '3_5'] },
    { type: 'checkbox', name: 'braki', choices: ['funds', 'staff'], showNoneItem: true },
    { type: 'radiogroup', name: 'koalicja', choices: ['tak', 'nie'] },
  );
  const roles = programme.roles as Record<string, unknown>;
  Object.assign(roles, {
    trainingForms: 'formy',
    trainingMode: 'tryb',
    trainingDays: 'dni',
    keyCompetences: { lack: 'braki' },
    jstConditions: { localCoalition: { question: 'koalicja', value: 'tak' } },
    respondentProfile: ['stanowisko'],
    topics: { jst: ['jst_kind', 'koalicja'], trainingNeeds: ['train_areas', 'formy', 'tryb', 'dni'] },
  });
  return { survey, programme, roles };
}


describe('optional roles', () => {
  it('are declared by the shipped metadata for the questions the recommendations and chapters read', () => {
    const r = shippedQuestionnaire().roles;
    expect(r.trainingMode).toBe('train_mode');
    expect(r.trainingDays).toBe('train_days');
    expect(r.trainingForms).toBe('train_forms');
    expect(r.keyCompetences).toEqual({ priorities: 'kc_priorities', now: 'kc_now', lack: 'kc_lack', support: 'kc_support' });
    expect(r.jstConditions?.educationStrategy).toEqual({ question: 'strategy', value: 'yes' });
    expect(r.respondentProfile).toEqual(['position', 'years_admin']);
    expect(r.topics?.respondent).toEqual(['staff_group', 'position', 'years_admin', 'tasks']);
  });

  it('may all be left out: the questionnaire loads with only the six required roles', () => {
    const { survey, programme } = miniQuestionnaire();
    const q = loadQuestionnaire(writeQuestionnaire(survey, programme));
    for (const key of ['trainingForms', 'trainingMode', 'trainingDays', 'keyCompetences', 'jstConditions', 'respondentProfile', 'topics']) {
      expect(key in q.roles, key).toBe(false);
    }
  });

  it('name questions of any id, read as declared', () => {
    const { survey, programme } = withOptionalQuestions();
    const q = loadQuestionnaire(writeQuestionnaire(survey, programme));
    expect(q.roles).toMatchObject({
      trainingForms: 'formy', trainingMode: 'tryb', trainingDays: 'dni', keyCompetences: { lack: 'braki' },
      jstConditions: { localCoalition: { question: 'koalicja', value: 'tak' } }, respondentProfile: ['stanowisko'],
    });
    expect(q.roles.topics?.trainingNeeds).toEqual(['train_areas', 'formy', 'tryb', 'dni']);
  });

  it.each([
    { case: 'a role naming a question that does not exist', mutate: (r: any) => (r.trainingMode = 'forma_szkolenia'), expected: /roles\.trainingMode must name a question of the questionnaire, got "forma_szkolenia"/ },
    { case: 'a single-choice role naming a checkbox', mutate: (r: any) => (r.trainingDays = 'formy'), expected: /roles\.trainingDays: question 'formy' must be radiogroup or dropdown, not checkbox/ },
    { case: 'a key-competence question that is free text', mutate: (r: any) => (r.keyCompetences.now = 'teryt'), expected: /roles\.keyCompetences\.now: question 'teryt' must be radiogroup or dropdown or checkbox, not text/ },
    { case: 'an unknown key-competence key', mutate: (r: any) => (r.keyCompetences.lacks = 'braki'), expected: /roles\.keyCompetences\.lacks: unknown key \(expected priorities, now, lack, support\)/ },
    { case: 'a condition whose "yes" is not a choice', mutate: (r: any) => (r.jstConditions.localCoalition.value = 'yes'), expected: /roles\.jstConditions\.localCoalition\.value must be a choice of question 'koalicja' \(tak, nie\), got "yes"/ },
    { case: 'a condition without its question', mutate: (r: any) => (r.jstConditions.educationStrategy = { value: 'yes' }), expected: /roles\.jstConditions\.educationStrategy\.question must name a question/ },
    { case: 'a profile list naming a missing question', mutate: (r: any) => (r.respondentProfile = ['stanowisko', 'staz']), expected: /roles\.respondentProfile\[1\] must name a question of the questionnaire, got "staz"/ },
    { case: 'a topic that is not a list', mutate: (r: any) => (r.topics.jst = 'jst_kind'), expected: /roles\.topics\.jst must be a list of question names/ },
    { case: 'a training mode the programmes do not know', mutate: (r: any) => (r.trainingMode = 'koalicja'), expected: /roles\.trainingMode: choice 'tak' of question 'koalicja' is not a training mode \(onsite, online, hybrid\)/, count: 2 },
    { case: 'a misspelt role', mutate: (r: any) => (r.trainingmode = 'tryb'), expected: /roles\.trainingmode: unknown role/ },
  ])('are checked: $case', ({ mutate, expected, count }: { mutate: (r: any) => unknown; expected: RegExp; count?: number }) => {
    const { survey, programme, roles } = withOptionalQuestions();
    mutate(roles);
    const e = loadError(writeQuestionnaire(survey, programme));
    const problem = e.details.find((d) => expected.test(d.message));
    expect(problem, e.details.map((d) => d.message).join('\n')).toBeDefined();
    expect(problem!.file).toMatch(/test\.programme\.json$/);
    expect(e.details).toHaveLength(count ?? 1);
  });
});
