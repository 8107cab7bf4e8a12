import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import type { Questionnaire } from '../../src/questionnaire/types.ts';
import { validatorFor } from '../../src/questionnaire/validate.ts';

/** The report segment of a response under the default mapping (urban-rural with rural, cities with counties). */
export function segmentOf(r: SurveyResponse): 'rural' | 'urban' | 'county' {
  const kind = r.data.jst_kind;
  return kind === 'rural' || kind === 'urban_rural' ? 'rural' : kind === 'urban' ? 'urban' : 'county';
}

/** Plain mean of all ratings of an area's items for a measure, over the given responses. */
export function itemMean(responses: SurveyResponse[], area: string, measure: 'imp' | 'lvl'): number {
  let sum = 0;
  let n = 0;
  for (const r of responses) {
    const rows = r.data[area] as Record<string, Record<string, number>> | undefined;
    for (const row of Object.values(rows ?? {})) {
      const v = row[measure];
      if (typeof v === 'number') {
        sum += v;
        n++;
      }
    }
  }
  return sum / n;
}

/** How many rated items the respondent was shown, and how many distinct values they gave. */
export function ratings(q: Questionnaire, r: SurveyResponse): { shown: number; distinct: number } {
  const validator = validatorFor(q);
  const values = new Set<number>();
  let shown = 0;
  for (const a of q.areas) {
    if (!validator.isVisible(a.question, r.data)) continue;
    shown += validator.visibleOptions(a.question, r.data).length;
    for (const row of Object.values((r.data[a.question] ?? {}) as Record<string, Record<string, number>>)) for (const v of Object.values(row)) values.add(v);
  }
  return { shown, distinct: values.size };
}
