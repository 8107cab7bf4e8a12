import type { SurveyResponse } from '../../src/questionnaire/response.ts';

/** The n-th response of the durability test: deterministic, of varying size (up to ~12 kB, several pages). */
export function durabilityResponse(n: number): SurveyResponse {
  const size = (n * 7919) % 12000;
  return {
    id: `d${String(n).padStart(7, '0')}`,
    data: { n, comments: `Zażółć gęślą jaźń ${n} `.repeat(Math.ceil(size / 24)).slice(0, size), ratings: { A1: { imp: (n % 5) + 1, lvl: ((n * 3) % 5) + 1 } } },
    meta: { source: 'web', submittedAt: new Date(Date.UTC(2026, 2, 1) + n * 1000).toISOString() },
  };
}
