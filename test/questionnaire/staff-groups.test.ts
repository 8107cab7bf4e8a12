/**
 * Respondent groups are declared in the programme metadata JSON, not in TypeScript: a third group ("support",
 * school support staff) added to the shipped questionnaire by editing its two JSON files alone is loaded, gets its
 * own visibility in the codebook (an item only it rates, the items every group rates), and its responses are
 * validated like any other group's; a group the metadata does not declare is refused by the loader. The analysis
 * compares management and operational staff and says so, rather than leave the third group's respondents out.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/analysis/config.ts';
import { analyze } from '../../src/analysis/analyze.ts';
import { isDiagError } from '../../src/errors.ts';
import { loadQuestionnaire } from '../../src/questionnaire/load.ts';
import type { StaffGroup } from '../../src/questionnaire/types.ts';
import { validateResponse } from '../../src/questionnaire/validate.ts';
import { completeResponse } from '../helpers/responses.ts';
import { shippedQuestionnaire, writeQuestionnaire } from '../helpers/questionnaire.ts';

const root = resolve(import.meta.dirname, '..', '..');
type Json = Record<string, any>;
const shippedJson = (): { survey: Json; programme: Json } => ({
  survey: JSON.parse(readFileSync(join(root, 'surveys/diagnoza-jst.json'), 'utf8')) as Json,
  programme: JSON.parse(readFileSync(join(root, 'surveys/diagnoza-jst.programme.json'), 'utf8')) as Json,
});

function* elements(els: Json[]): Generator<Json> {
  for (const e of els) {
    yield e;
    if (Array.isArray(e.elements)) yield* elements(e.elements);
  }
}
const element = (survey: Json, name: string): Json => {
  for (const page of survey.pages) for (const e of elements(page.elements ?? [])) if (e.name === name) return e;
  throw new Error(`no element ${name}`);
};

/** The shipped questionnaire with a third respondent group, by JSON alone. */
function withSupportStaff(declare = true): string {
  const { survey, programme } = shippedJson();
  element(survey, 'staff_group').choices.push({ value: 'support', text: { pl: 'pracownik obsługi szkół (np. sekretarz szkoły, intendent)', en: 'school support staff (e.g. school secretary, bursar)' } });
  element(survey, 'position').choices.push({ value: 'school_support', text: { pl: 'pracownik obsługi szkół', en: 'school support staff' }, visibleIf: "{staff_group} = 'support'" });
  element(survey, 'FIN').rows.push({ value: 'FIN9', text: { pl: 'Prowadzę ewidencję kosztów szkoły', en: 'I keep the school\'s cost records' }, visibleIf: "{staff_group} = 'support'" });
  if (declare) programme.staffGroups.support = { pl: 'pracownicy obsługi szkół', en: 'school support staff' };
  return writeQuestionnaire(survey, programme);
}

describe('respondent groups declared in the programme metadata', () => {
  it('are the shipped questionnaire\'s two groups, in their order', () => {
    const q = shippedQuestionnaire();
    expect(q.staffGroups).toEqual(['management', 'operational']);
    expect(q.staffGroupLabels.operational).toEqual({ pl: 'pracownicy operacyjni', en: 'operational staff' });
  });

  it('take a third group added by JSON alone: loaded, with its own visibility, its responses validated', () => {
    const q = loadQuestionnaire(withSupportStaff());
    expect(q.staffGroups).toEqual(['management', 'operational', 'support']);
    expect(q.staffGroupLabels.support).toEqual({ pl: 'pracownicy obsługi szkół', en: 'school support staff' });
    const visibility = (name: string) => q.variables.find((v) => v.name === name)!.visibility.staffGroups;
    expect(visibility('FIN9_imp')).toEqual(['support']);
    expect(visibility('FIN1_imp')).toEqual(['management', 'operational', 'support']);
    expect(visibility('STRAT4_imp')).toEqual(['management']);

    const support = completeResponse(q, 'rural', 'support' as StaffGroup, 'S1');
    expect((support.data.FIN as Json).FIN9).toEqual({ imp: 4, lvl: 3 });
    expect((support.data.STRAT as Json).STRAT4).toBeUndefined();
    expect(validateResponse(q, support).issues).toEqual([]);
    // an item of another group is a hidden answer for this one
    const wrong = { ...support, data: { ...support.data, STRAT: { ...(support.data.STRAT as Json), STRAT4: { imp: 4, lvl: 3 } } } };
    expect(validateResponse(q, wrong).ok).toBe(false);
    // and the shipped questionnaire refuses the group it does not have
    const shipped = shippedQuestionnaire();
    expect(validateResponse(shipped, { ...completeResponse(shipped, 'rural', 'operational'), data: { ...completeResponse(shipped, 'rural', 'operational').data, staff_group: 'support' } }).ok).toBe(false);
  });

  it('must declare every group the questionnaire offers: an undeclared choice is refused, naming it', () => {
    let error: unknown;
    try {
      loadQuestionnaire(withSupportStaff(false));
    } catch (e) {
      error = e;
    }
    expect(isDiagError(error) && error.code).toBe('QUESTIONNAIRE_INVALID');
    expect(JSON.stringify((error as { details: unknown }).details)).toContain("choice 'support' is not a staff group declared in \\\"staffGroups\\\" (management, operational)");
  });

  it('of more than management and operational are not analysed: the analysis says why', () => {
    const q = loadQuestionnaire(withSupportStaff());
    const responses = [completeResponse(q, 'rural', 'management', 'M1'), completeResponse(q, 'rural', 'support' as StaffGroup, 'S1')];
    let error: unknown;
    try {
      analyze({ questionnaire: q, responses, config: { ...DEFAULT_CONFIG, weights: 'none' }, source: { dataFile: 'x', dataSha256: 'x' } });
    } catch (e) {
      error = e;
    }
    expect(isDiagError(error) && error.code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toContain('the analysis compares the staff groups management and operational; this questionnaire declares management, operational, support');
  });
});
