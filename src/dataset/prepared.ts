/**
 * Responses → the dataset the analysis reads, with the count of responses by source (web, import,
 * synthetic, …): all the analysis needs of the responses themselves, so they can be freed before it runs.
 */
import type { SurveyResponse } from '../questionnaire/response.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import { buildDataset, type Dataset } from './dataset.ts';

/** The dataset of some responses and their sources: all the analysis needs of them. */
export interface PreparedData {
  dataset: Dataset;
  sources: Record<string, number>;
}

export function prepareData(q: Questionnaire, responses: readonly SurveyResponse[]): PreparedData {
  return { dataset: buildDataset(q, responses), sources: countSources(responses) };
}

function countSources(responses: readonly SurveyResponse[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of responses) {
    const s = r.meta.source ?? 'unknown';
    out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}
