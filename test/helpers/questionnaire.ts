import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { loadQuestionnaire } from '../../src/questionnaire/load.ts';
import type { Questionnaire } from '../../src/questionnaire/types.ts';

let shipped: Questionnaire | undefined;
/** The shipped questionnaire, loaded once per test file. */
export function shippedQuestionnaire(): Questionnaire {
  return (shipped ??= loadQuestionnaire());
}

/** A small but complete questionnaire (one area) for loader tests, as JSON objects to mutate. */
export function miniQuestionnaire() {
  const survey = {
    locale: 'pl',
    pages: [
      {
        name: 'p1',
        elements: [
          { type: 'radiogroup', name: 'jst_kind', isRequired: true, choices: ['rural', 'county'] },
          { type: 'text', name: 'teryt' },
          { type: 'dropdown', name: 'voivodeship', choices: ['02', '04'] },
          { type: 'dropdown', name: 'population_class', choices: ['lt5k'] },
          { type: 'radiogroup', name: 'staff_group', choices: ['management', 'operational'] },
          { type: 'checkbox', name: 'train_areas', choices: ['DANE'] },
        ],
      },
      {
        name: 'p2',
        elements: [
          {
            type: 'matrixdropdown',
            name: 'DANE',
            columns: [
              { name: 'imp', cellType: 'rating' },
              { name: 'lvl', cellType: 'rating' },
            ],
            rows: [{ value: 'DANE1', text: { pl: 'Analizuję dane', en: 'I analyse data' } }, 'DANE2'],
          },
        ],
      },
    ],
  };
  const programme = {
    version: 't',
    roles: { jstKind: 'jst_kind', staffGroup: 'staff_group', teryt: 'teryt', voivodeship: 'voivodeship', populationClass: 'population_class', trainingAreas: 'train_areas' },
    staffGroups: { management: 'kadra', operational: 'operacyjni' },
    measures: { imp: { role: 'importance', label: 'znaczenie' }, lvl: { role: 'level', label: 'poziom' } },
    areas: [{ code: 'DANE', question: 'DANE', label: { pl: 'Dane', en: 'Data' } }],
  };
  return { survey, programme };
}

/** Writes a questionnaire and its programme file (or raw text) to a fresh folder; returns the questionnaire path. */
export function writeQuestionnaire(survey: unknown, programme: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'diag-q-'));
  const file = join(dir, 'test.json');
  writeFileSync(file, typeof survey === 'string' ? survey : JSON.stringify(survey, null, 2));
  writeFileSync(join(dir, 'test.programme.json'), typeof programme === 'string' ? programme : JSON.stringify(programme, null, 2));
  return file;
}

/** Loads a questionnaire that must be refused, and returns the DiagError it throws. */
export function loadError(file: string): DiagError {
  try {
    loadQuestionnaire(file);
  } catch (e) {
    expect(e).toBeInstanceOf(DiagError);
    return e as DiagError;
  }
  throw new Error('expected the questionnaire to be rejected');
}
