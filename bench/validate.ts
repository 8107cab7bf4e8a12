/**
 * Validation throughput: how many responses a second one core validates with the compiled validator,
 * against the full SurveyJS model as the baseline the server must beat.
 */
import { Model } from 'survey-core';
import { loadQuestionnaire } from '../src/questionnaire/load.ts';
import { validateResponse } from '../src/questionnaire/validate.ts';
import { generateSynthetic } from '../src/synth/generate.ts';

export function benchValidate(): string[] {
  const q = loadQuestionnaire();
  const { responses } = generateSynthetic(q, { respondents: 10_000, seed: 'bench' });
  // Warm up the compiled conditions and the JIT.
  for (const r of responses.slice(0, 500)) validateResponse(q, r);
  const t0 = performance.now();
  let invalid = 0;
  for (const r of responses) if (!validateResponse(q, r).ok) invalid++;
  const ms = performance.now() - t0;

  const model = new Model(q.json);
  const sample = responses.slice(0, 200);
  const t1 = performance.now();
  for (const r of sample) {
    model.data = r.data;
    model.validate(true, false);
  }
  const surveyMs = (performance.now() - t1) / sample.length;

  return [
    `validate: ${responses.length} responses in ${ms.toFixed(0)} ms — ${((ms * 1000) / responses.length).toFixed(1)} µs each, ${Math.round(responses.length / (ms / 1000)).toLocaleString('en')} responses/s on one core (${invalid} invalid)`,
    `validate: SurveyJS model baseline ${surveyMs.toFixed(2)} ms per response (${Math.round(1000 / surveyMs)} /s): compiled validator is ${Math.round((surveyMs * responses.length) / ms)}× faster`,
  ];
}
