import type { JstKind } from '../../src/domain/jst.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import type { Questionnaire, StaffGroup } from '../../src/questionnaire/types.ts';
import { validatorFor } from '../../src/questionnaire/validate.ts';

export const TERYT_BY_KIND: Record<JstKind, string> = {
  rural: '0201022',
  urban_rural: '0202023',
  urban: '0201011',
  city_county: '0261011',
  county: '0201000',
};

/**
 * A complete, valid response for a JST kind and staff group: every question the respondent is shown gets
 * an answer (the first shown choice, rating 4 for importance and 3 for level), nothing else.
 */
export function completeResponse(q: Questionnaire, kind: JstKind, group: StaffGroup, id = `${kind}-${group}`): SurveyResponse {
  const validator = validatorFor(q);
  const data: Record<string, unknown> = { jst_kind: kind, staff_group: group, teryt: TERYT_BY_KIND[kind], voivodeship: '02' };
  for (const question of q.questions) {
    if (question.name in data || !validator.isVisible(question.name, data)) continue;
    const shown = validator.visibleOptions(question.name, data);
    switch (question.type) {
      case 'radiogroup':
      case 'dropdown':
        data[question.name] = shown[0];
        break;
      case 'checkbox':
        data[question.name] = shown.slice(0, Math.min(2, question.maxSelected ?? 2));
        break;
      case 'matrixdropdown':
        data[question.name] = Object.fromEntries(shown.map((row) => [row, { imp: 4, lvl: 3 }]));
        break;
      case 'text':
        data[question.name] = question.inputType === 'number' ? 12 : 'tekst';
        break;
      case 'comment':
        data[question.name] = 'Zażółć gęślą jaźń — uwagi respondenta.';
        break;
      default:
        break;
    }
  }
  return { id, data, meta: { source: 'test' } };
}
