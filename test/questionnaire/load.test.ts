import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { loadQuestionnaire } from '../../src/questionnaire/load.ts';
import { loadError, miniQuestionnaire, shippedQuestionnaire, writeQuestionnaire } from '../helpers/questionnaire.ts';

const messages = (e: DiagError) => [e.message, ...e.details.map((d) => `${d.file}: ${d.message}`)].join('\n');

describe('the shipped questionnaire', () => {
  const q = shippedQuestionnaire();

  it('has at least 10 competence areas of 3 to 5 items, every item rated for importance and level', () => {
    expect(q.areas.length).toBeGreaterThanOrEqual(10);
    for (const area of q.areas) {
      expect(area.items.length, area.code).toBeGreaterThanOrEqual(3);
      expect(area.items.length, area.code).toBeLessThanOrEqual(5);
      for (const item of area.items) {
        const vars = q.variables.filter((v) => v.item === item.code);
        expect(vars.map((v) => v.measure).sort()).toEqual(['importance', 'level']);
        expect(vars.every((v) => v.area === area.code && v.min === 1 && v.max === 5)).toBe(true);
      }
    }
  });

  it('covers the profile, training needs, key-competence solutions and open comments', () => {
    const names = new Set(q.questions.map((x) => x.name));
    for (const n of ['staff_group', 'position', 'years_admin', 'tasks', 'teryt', 'jst_kind', 'voivodeship', 'population_class', 'n_schools', 'n_pupils', 'cuw', 'strategy', 'coalition', 'train_areas', 'train_forms', 'train_days', 'kc_now', 'kc_lack', 'kc_support', 'comments']) {
      expect(names.has(n), n).toBe(true);
    }
  });

  it('has Polish and English text for every question', () => {
    for (const question of q.questions) {
      expect(question.title.pl, question.name).not.toBe(question.name);
      expect(question.title.en, question.name).not.toBe(question.title.pl);
    }
    expect(q.title.pl).toContain('Diagnoza kompetencji');
  });

  it('fingerprints its files with SHA-256', () => {
    expect(q.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('loading rejects a broken questionnaire with the file and question named', () => {
  it('reports malformed JSON with its line and column', () => {
    const { programme } = miniQuestionnaire();
    const file = writeQuestionnaire('{\n  "pages": [\n    { "name": "p1", }\n  ]\n}', programme);
    const e = loadError(file);
    expect(e.code).toBe('QUESTIONNAIRE_INVALID');
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/line 3, column \d+/);
  });

  it('reports a missing programme file', () => {
    const { survey } = miniQuestionnaire();
    const file = writeQuestionnaire(survey, '{}');
    rmSync(file.replace(/\.json$/, '.programme.json'));
    const e = loadError(file);
    expect(e.code).toBe('INPUT_NOT_FOUND');
    expect(e.message).toContain('test.programme.json');
  });

  it.each([
    {
      case: 'duplicate question names',
      mutate: (s: any) => s.pages[0].elements.push({ type: 'text', name: 'teryt' }),
      expected: /question 'teryt': duplicate name 'teryt'/,
    },
    {
      case: 'an unknown question type',
      mutate: (s: any) => s.pages[0].elements.push({ type: 'radiogrup', name: 'typo' }),
      expected: /question 'typo': unknown question type 'radiogrup'/,
    },
    {
      case: 'rated items without a competence area',
      mutate: (s: any) => s.pages[1].elements.push({ type: 'matrixdropdown', name: 'ORPHAN', columns: [{ name: 'imp', cellType: 'rating' }, { name: 'lvl', cellType: 'rating' }], rows: ['ORPHAN1'] }),
      expected: /question 'ORPHAN' holds rated items but no competence area/,
    },
    {
      case: 'a condition that does not parse',
      mutate: (s: any) => (s.pages[1].visibleIf = undefined, s.pages[0].elements[1].visibleIf = "{jst_kind} = = 'x'"),
      expected: /question 'teryt': visibleIf .* is not a valid SurveyJS expression/,
    },
    {
      case: 'a condition on an unknown question',
      mutate: (s: any) => (s.pages[0].elements[1].visibleIf = "{jst_knd} = 'rural'"),
      expected: /question 'teryt': visibleIf .* refers to unknown question 'jst_knd'/,
    },
    {
      case: 'an "other" item the codebook cannot code',
      mutate: (s: any) => (s.pages[0].elements[5].showOtherItem = true),
      expected: /question 'train_areas': property 'showOtherItem' is not supported/,
    },
    {
      case: 'an unknown property',
      mutate: (s: any) => (s.pages[0].elements[1].isRequird = true),
      expected: /SurveyJS: Unknown property in class 'text': 'isRequird'/,
    },
    {
      case: 'a matrix column that is not a rating',
      mutate: (s: any) => (s.pages[1].elements[0].columns[1].cellType = 'text'),
      expected: /question 'DANE': matrix column 'lvl' must have cellType "rating"/,
    },
    {
      case: 'duplicate choice values',
      mutate: (s: any) => s.pages[0].elements[2].choices.push('02'),
      expected: /question 'voivodeship': duplicate choice value '02'/,
    },
  ])('$case', ({ mutate, expected }) => {
    const { survey, programme } = miniQuestionnaire();
    mutate(survey);
    const e = loadError(writeQuestionnaire(survey, programme));
    expect(e.code).toBe('QUESTIONNAIRE_INVALID');
    expect(e.details.every((d) => d.file?.endsWith('test.json') || d.file?.endsWith('test.programme.json'))).toBe(true);
    expect(messages(e)).toMatch(expected);
  });

  it.each([
    { case: 'an area whose question does not exist', mutate: (p: any) => p.areas.push({ code: 'FIN', question: 'FIN', label: 'Finanse' }), expected: /area 'FIN': question 'FIN' is not in the questionnaire/ },
    { case: 'a role naming no question', mutate: (p: any) => (p.roles.teryt = 'kod'), expected: /roles.teryt must name a question/ },
    { case: 'a measure with an unknown role', mutate: (p: any) => (p.measures.lvl.role = 'skill'), expected: /measures.lvl.role must be "importance" or "level"/ },
  ])('programme metadata: $case', ({ mutate, expected }) => {
    const { survey, programme } = miniQuestionnaire();
    mutate(programme);
    const e = loadError(writeQuestionnaire(survey, programme));
    expect(messages(e)).toMatch(expected);
    expect(e.details.some((d) => d.file?.endsWith('test.programme.json'))).toBe(true);
  });

  it('reports every problem at once', () => {
    const { survey, programme } = miniQuestionnaire();
    (survey.pages[0]!.elements as any[]).push({ type: 'radiogrup', name: 'a' }, { type: 'text', name: 'teryt' });
    const e = loadError(writeQuestionnaire(survey, programme));
    expect(e.details.length).toBe(2);
  });

  it('accepts the minimal questionnaire (the fixture itself is valid)', () => {
    const { survey, programme } = miniQuestionnaire();
    const q = loadQuestionnaire(writeQuestionnaire(survey, programme));
    expect(q.variables.map((v) => v.name)).toContain('DANE1_lvl');
    expect(q.areas[0]?.items.map((i) => i.label.en)).toEqual(['I analyse data', 'DANE2']);
  });
});
