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
  /** share of duplicate submissions among the respondents (default QUALITY.duplicates, 0.3 %) */
  duplicates?: number;
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

/**
 * A duplicate submission, drawn after the originals: the response at `source` (an index into the originals followed
 * by the duplicates drawn before it) sent again `delayMin` minutes after its start, under the new id `id`.
 */
export interface DuplicateDraw {
  id: string;
  source: number;
  delayMin: number;
}

/** What `synthesize` hands back once every original has been handed on. */
export interface SynthPlan {
  frame: FrameUnit[];
  sampled: FrameUnit[];
  /** the number of original respondents handed on */
  originals: number;
  duplicates: DuplicateDraw[];
  planted: { straightLiners: string[]; speeders: string[] };
}

/**
 * The synthetic respondents one by one: each original is handed to `onOriginal` as soon as it is drawn (and may be
 * dropped by the caller: nothing of respondent length is kept here but the planted ids), then the duplicate
 * submissions are drawn and returned for the caller to build from the responses they copy (see `duplicateOf`).
 * `generateSynthetic` collects them in memory; `diag synth` streams them to a file (synth/write-csv.ts). Both give
 * the same responses for the same seed.
 */
export function synthesize(q: Questionnaire, options: SynthOptions, onOriginal: (response: SurveyResponse) => void): SynthPlan {
  const total = Math.floor(options.respondents);
  if (!(total >= 1)) throw new RangeError('respondents must be at least 1');
  const rng = new Rng(`synth:${options.seed}`);
  const validator = validatorFor(q);
  const frame = syntheticFrame({ seed: `frame:${options.seed}` });

  // JSTs: a stratified sample by kind with equal allocation, so that the small strata (cities with
  // county rights, counties) are over-represented and weights matter, as in the programme's design.
  const duplicates = Math.round(total * (options.duplicates ?? QUALITY.duplicates));
  const originals = total - duplicates;
  const jstCount = Math.max(1, Math.min(frame.length, originals, Math.round(total / (options.perJst ?? 3))));
  const sample = drawStratifiedSample(frame, { size: jstCount, strata: ['kind'], allocation: 'equal', seed: `sample:${options.seed}` });
  const sampled = sample.units;

  // Respondents per JST: one each, the rest spread at random.
  const perJst = new Array<number>(sampled.length).fill(1);
  for (let i = sampled.length; i < originals; i++) perJst[rng.int(sampled.length)]! += 1;

  const planted: SynthPlan['planted'] = { straightLiners: [], speeders: [] };
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
      onOriginal({ id, data: draft.data, meta: { wave: FIELDWORK.wave, source: 'synthetic', startedAt: iso(start), submittedAt: iso(start + duration * 1000), durationSec: duration } });
      if (draft.straightLiner) planted.straightLiners.push(id);
      if (speeder) planted.speeders.push(id);
      if (n % 1000 === 0) options.onProgress?.(n, total);
    }
  });

  // Duplicate submissions: the same answers sent again a few minutes later under a new id (a duplicate may copy an
  // earlier duplicate).
  const drawn: DuplicateDraw[] = [];
  for (let d = 0; d < duplicates; d++) {
    const source = rng.int(n + d);
    drawn.push({ id: `S${String(n + d + 1).padStart(6, '0')}`, source, delayMin: 5 + rng.int(30) });
  }
  options.onProgress?.(n + duplicates, total);
  return { frame, sampled, originals: n, duplicates: drawn, planted };
}

/** The meta of a duplicate of a response with `startedAt` and `durationSec` (see DuplicateDraw). */
export function duplicateTimes(draw: DuplicateDraw, startedAt: string | undefined, durationSec: number | undefined): { startedAt: string; submittedAt: string } {
  const start = Date.parse(startedAt ?? '') + draw.delayMin * 60_000;
  const duration = durationSec ?? QUALITY.medianDurationSec;
  return { startedAt: iso(start), submittedAt: iso(start + duration * 1000) };
}

export function generateSynthetic(q: Questionnaire, options: SynthOptions): SynthResult {
  const responses: SurveyResponse[] = [];
  const plan = synthesize(q, options, (r) => responses.push(r));
  const duplicates: SynthResult['planted']['duplicates'] = [];
  for (const draw of plan.duplicates) {
    const original = responses[draw.source] as SurveyResponse;
    responses.push({ id: draw.id, data: structuredClone(original.data), meta: { ...original.meta, ...duplicateTimes(draw, original.meta.startedAt, original.meta.durationSec) } });
    duplicates.push({ id: draw.id, copyOf: original.id });
  }
  return { frame: plan.frame, sampled: plan.sampled, responses, planted: { ...plan.planted, duplicates } };
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
