import { runAnalysis as run, type AnalysisOutput } from '../../src/analysis/analyze.ts';
import { DEFAULT_CONFIG } from '../../src/analysis/config.ts';
import { resolveConfig, type ConfigFile } from '../../src/analysis/config-file.ts';
import type { Results } from '../../src/analysis/results-schema.ts';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import type { FrameUnit } from '../../src/sampling/frame.ts';
import { shippedQuestionnaire } from './questionnaire.ts';

export function runAnalysis(responses: SurveyResponse[], options: { config?: ConfigFile; frame?: FrameUnit[] } = {}): Results {
  return runAnalysisWithWeights(responses, options).results;
}

/** The results and the per-respondent weights (kept out of results.json). */
export function runAnalysisWithWeights(responses: SurveyResponse[], options: { config?: ConfigFile; frame?: FrameUnit[] } = {}): AnalysisOutput {
  const config = { ...resolveConfig(options.config ?? {}), ...(options.frame ? { weights: 'frame' as const } : {}) };
  return run({
    questionnaire: shippedQuestionnaire(),
    responses,
    config: { ...DEFAULT_CONFIG, ...config },
    ...(options.frame ? { frame: options.frame } : {}),
    source: { dataFile: 'test', dataSha256: '0'.repeat(64) },
    now: new Date('2026-11-24T12:00:00Z'),
  });
}

/** The estimate of a cell, failing when it is suppressed. */
export function cellOf<T extends { segment: string; group: string }>(cells: T[], segment: string, group = 'all'): T {
  const c = cells.find((x) => x.segment === segment && x.group === group);
  if (!c) throw new Error(`no cell ${segment}/${group}`);
  return c;
}

/** Every number anywhere in a JSON value, with its path. */
export function* numbersIn(value: unknown, path = ''): Generator<[string, number]> {
  if (typeof value === 'number') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* numbersIn(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* numbersIn(v, `${path}.${k}`);
}

/** Every object anywhere in a JSON value. */
export function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) yield* objectsIn(v);
  else if (value && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const v of Object.values(value)) yield* objectsIn(v);
  }
}
