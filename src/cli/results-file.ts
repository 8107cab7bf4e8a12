/** What the commands that render from the results (report, programmes) share: reading or making results.json, and the JST population. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { DiagError } from '../errors.ts';
import { ResultsSchema, type Results } from '../analysis/results-schema.ts';
import { populationOf } from '../recommendations/programme.ts';
import type { Population } from '../recommendations/rollout.ts';
import { readFrameFile } from '../sampling/frame-file.ts';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import type { Io } from './command.ts';

export function readResults(path: string): Results {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DiagError('INPUT_INVALID', `${path} cannot be read as JSON: ${(e as Error).message}`, [{ file: path, message: 'expected results.json from `diag analyze`' }]);
  }
  if (!Value.Check(ResultsSchema, value)) {
    const details = [...Value.Errors(ResultsSchema, value)].slice(0, 10).map((e) => ({ file: path, column: e.path, message: e.message }));
    throw new DiagError('INPUT_INVALID', `${path} does not match the results schema (made by another version of diag?)`, details);
  }
  return value as Results;
}

/**
 * The results from `--results FILE`, or from analysing `--data FILE` (with `--frame`, `--config`) first, through
 * the same pipeline and analysis as `diag analyze` (its steps logged on standard error). The results are passed
 * through their JSON form, as results.json holds them, so that a report renders the same from either.
 */
export async function resultsFrom(values: ResultsOptions, io: Io): Promise<{ results: Results; questionnaire: Questionnaire }> {
  if (!values.data === !values.results) throw new DiagError('USAGE', 'give either --data FILE (and optionally --frame) or --results FILE');
  const questionnaire = loadQuestionnaire(values.questionnaire === undefined ? undefined : resolve(io.cwd, values.questionnaire));
  if (values.results) {
    const results = readResults(resolve(io.cwd, values.results));
    assertSameQuestionnaire(results, questionnaire, values.results);
    return { results, questionnaire };
  }
  const { analyseInput, stepLog } = await import('./analyze.ts');
  const { results } = await analyseInput({ data: values.data, frame: values.frame, config: values.config, date: values.date }, io.cwd, stepLog(io, 'analyze'), questionnaire);
  return { results: JSON.parse(JSON.stringify(results)) as Results, questionnaire };
}

export interface ResultsOptions {
  data?: string | undefined;
  results?: string | undefined;
  frame?: string | undefined;
  config?: string | undefined;
  date?: string | undefined;
  questionnaire?: string | undefined;
}

/**
 * A report labels the numbers of results.json with the questionnaire's wording and areas: rendered with another
 * questionnaire (or another version of it) they would be mislabelled, so the two must be the files results.json
 * records (SHA-256 of the questionnaire and its programme metadata).
 */
export function assertSameQuestionnaire(results: Results, q: Questionnaire, resultsName: string): void {
  const recorded = results.input.questionnaire;
  if (recorded.sha256 === q.hash) return;
  throw new DiagError('INPUT_INVALID', `${resultsName} was computed from another questionnaire than ${q.file}`, [
    { file: resultsName, column: 'input.questionnaire', message: `results.json records ${recorded.file} version ${recorded.version} (sha256 ${recorded.sha256.slice(0, 12)}…); the questionnaire given is version ${q.version} (sha256 ${q.hash.slice(0, 12)}…): pass --questionnaire with the file the results were computed from, or analyse again` },
  ]);
}

/** The JSTs by segment and voivodeship: from `--frame FILE` when given, else from the results' coverage table. */
export function populationFrom(results: Results, frameFile: string | undefined, io: Io, required = true): Population {
  const frame = frameFile ? readFrameFile(resolve(io.cwd, frameFile), frameFile).units : undefined;
  const population = populationOf(results, frame);
  if (required && !Object.values(population).some((v) => Object.keys(v).length)) {
    throw new DiagError('USAGE', 'the programmes need the number of JSTs by voivodeship: give --frame FILE (the results hold no coverage table)', [{ message: 'a frame CSV or the GUS TERYT TERC file, as for `diag analyze --frame`' }]);
  }
  return population;
}
