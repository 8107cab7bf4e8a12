/**
 * Synthetic survey data for demos and tests: a synthetic frame of JSTs with the official counts per
 * voivodeship and kind, a stratified sample of JSTs, about three respondents per JST, and the
 * data-quality problems real fieldwork brings (item non-response, straight-lining, speeding,
 * duplicate submissions). Everything is drawn from one seed: the same seed gives the same bytes.
 */
import type { FrameUnit } from '../sampling/frame.ts';
import { populationClass } from '../sampling/population-class.ts';
import { drawStratifiedSample } from '../sampling/sample.ts';
import { syntheticFrame } from '../sampling/synthetic-frame.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import { validatorFor } from '../questionnaire/validate.ts';
import { Rng } from '../util/rng.ts';
import { FIELDWORK, JST_FACTS, QUALITY } from './params.ts';
import { draftRespondent, jstProfile } from './respondent.ts';

export interface SynthOptions {
  respondents: number;
  seed: number | string;
  /** respondents per JST on average (default 3) */
  perJst?: number;
  /** progress callback, called every 1,000 respondents */
  onProgress?: (done: number, total: number) => void;
}

export interface SynthResult {
  frame: FrameUnit[];
  sampled: FrameUnit[];
  responses: SurveyResponse[];
  /** ids of the planted data-quality cases, for tests and the data-samples README */
  planted: { straightLiners: string[]; speeders: string[]; duplicates: { id: string; copyOf: string }[] };
}

export function generateSynthetic(q: Questionnaire, options: SynthOptions): SynthResult {
  const total = Math.floor(options.respondents);
  if (!(total >= 1)) throw new RangeError('respondents must be at least 1');
  const rng = new Rng(`synth:${options.seed}`);
  const validator = validatorFor(q);
  const frame = syntheticFrame({ seed: `frame:${options.seed}` });

  // JSTs: a stratified sample by kind with equal allocation, so that the small strata (cities with
  // county rights, counties) are over-represented and weights matter, as in the programme's design.
  const duplicates = Math.round(total * QUALITY.duplicates);
  const originals = total - duplicates;
  const jstCount = Math.max(1, Math.min(frame.length, originals, Math.round(total / (options.perJst ?? 3))));
  const sample = drawStratifiedSample(frame, { size: jstCount, strata: ['kind'], allocation: 'equal', seed: `sample:${options.seed}` });
  const sampled = sample.units;

  // Respondents per JST: one each, the rest spread at random.
  const perJst = new Array<number>(sampled.length).fill(1);
  for (let i = sampled.length; i < originals; i++) perJst[rng.int(sampled.length)]! += 1;

  const responses: SurveyResponse[] = [];
  const planted: SynthResult['planted'] = { straightLiners: [], speeders: [], duplicates: [] };
  let n = 0;
  const nextId = () => `S${String(++n).padStart(6, '0')}`;
  sampled.forEach((unit, j) => {
    const profile = jstProfile(rng, unit, JST_FACTS[unit.kind], populationClass(unit.population ?? 0));
    for (let r = 0; r < (perJst[j] ?? 0); r++) {
      const draft = draftRespondent(rng, q, validator, profile);
      const id = nextId();
      const speeder = rng.chance(draft.straightLiner ? QUALITY.straightLinerSpeeds : QUALITY.speeders);
      const duration = Math.round(QUALITY.medianDurationSec * (speeder ? 0.15 + 0.15 * rng.next() : normalPace(rng)));
      const start = FIELDWORK.start + rng.int(FIELDWORK.days) * 86_400_000 + (7 * 3600 + rng.int(8 * 3600)) * 1000;
      responses.push({ id, data: draft.data, meta: { wave: FIELDWORK.wave, source: 'synthetic', startedAt: iso(start), submittedAt: iso(start + duration * 1000), durationSec: duration } });
      if (draft.straightLiner) planted.straightLiners.push(id);
      if (speeder) planted.speeders.push(id);
      if (n % 1000 === 0) options.onProgress?.(n, total);
    }
  });

  // Duplicate submissions: the same answers sent again a few minutes later under a new id.
  for (let d = 0; d < duplicates; d++) {
    const original = responses[rng.int(responses.length)] as SurveyResponse;
    const id = nextId();
    const start = Date.parse(original.meta.startedAt ?? '') + (5 + rng.int(30)) * 60_000;
    const duration = original.meta.durationSec ?? QUALITY.medianDurationSec;
    responses.push({ id, data: structuredClone(original.data), meta: { ...original.meta, startedAt: iso(start), submittedAt: iso(start + duration * 1000) } });
    planted.duplicates.push({ id, copyOf: original.id });
  }
  options.onProgress?.(responses.length, total);
  return { frame, sampled, responses, planted };
}

/** Completion time of an ordinary respondent relative to the median: log-normal, kept above the speeding band (≥ 0.45). */
function normalPace(rng: Rng): number {
  for (;;) {
    const pace = Math.exp(rng.normal(0, QUALITY.durationLogSd));
    if (pace >= QUALITY.slowestSpeederPace * 1.5) return pace;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
