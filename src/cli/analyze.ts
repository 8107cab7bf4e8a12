import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DiagError } from '../errors.ts';
import type { AnalysisOutput } from '../analysis/analyze.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import type { StoreData } from '../pipeline/from-store.ts';
import { startReadAhead } from '../pipeline/read-ahead.ts';
import { implement, oneOf, type Io } from './command.ts';
import { analyzeSpec } from './commands.ts';

// Loaded only when needed, to keep `diag analyze --data` start-up short: the results schema (TypeBox, for
// --print-schema and --config) and the store (better-sqlite3, pg, for --store). The questionnaire, the readers and
// the analysis are imported once the responses file is being read ahead (pipeline/read-ahead.ts), so that its
// reading and hashing run on the other core while the main thread compiles them (SurveyJS alone is 2.5 MB).

/** The options of `diag analyze` that choose and weight the input (shared by `diag report` and `diag programmes`). */
export interface AnalysisOptions {
  data?: string | undefined;
  store?: boolean | undefined;
  wave?: string | undefined;
  frame?: string | undefined;
  weights?: string | undefined;
  config?: string | undefined;
  date?: string | undefined;
  'weights-out'?: string | undefined;
  /** the questionnaire file (with its programme metadata beside it); default the shipped one */
  questionnaire?: string | undefined;
}

/**
 * Reads the input through the pipeline (a file or the store, validated once, with its provenance), then runs the
 * analysis: what `diag analyze` writes, and what `diag report --data` and `diag programmes --data` render.
 * `log` hears each step done.
 */
export async function analyseInput(values: AnalysisOptions, cwd: string, log: (m: string) => void, questionnaire?: Questionnaire): Promise<AnalysisOutput> {
  if (values.data !== undefined && values.store) throw new DiagError('USAGE', 'give either --data FILE or --store, not both');
  if (values.data === undefined && !values.store) throw new DiagError('USAGE', '--data FILE (responses in a file) or --store (the responses in the store) is required');
  if (values.wave !== undefined && !values.store) throw new DiagError('USAGE', '--wave NAME goes with --store: a file\'s responses are analysed as they are');
  const weightsOption = values.weights === undefined ? undefined : oneOf(values.weights, 'weights', ['none', 'frame'] as const, 'none');
  const dataRef = values.data === undefined ? null : { path: resolve(cwd, values.data), cwd, name: values.data };
  const ahead = dataRef ? startReadAhead(dataRef.path) : null;
  // (the analysis configuration's defaults too: the dataset modules they come with load SurveyJS)
  const [{ DEFAULT_CONFIG }, { loadQuestionnaire }, { readFrameInput, readResponsesInputAhead }, { runAnalysis }] = await Promise.all([
    import('../analysis/config.ts'), import('../questionnaire/load.ts'), import('../pipeline/from-file.ts'), import('../analysis/analyze.ts'),
  ]);
  const base = values.config ? (await import('../analysis/config-file.ts')).readConfigFile(resolve(cwd, values.config)) : DEFAULT_CONFIG;
  const now = values.date ? parseDate(values.date) : new Date();
  const q = questionnaire ?? loadQuestionnaire(values.questionnaire === undefined ? undefined : resolve(cwd, values.questionnaire));
  log('questionnaire loaded');

  let input: StoreData;
  if (values.store) {
    const [{ withStore }, { readStoreInput }] = await Promise.all([import('./store.ts'), import('../pipeline/from-store.ts')]);
    input = await withStore((store) => readStoreInput(q, store, { wave: values.wave, frame: !values.frame, cwd }, log));
  } else {
    input = await readResponsesInputAhead(q, dataRef!, ahead, log);
  }
  if (values.frame) {
    const read = readFrameInput({ path: resolve(cwd, values.frame), cwd, name: values.frame });
    input = { ...input, frame: read.frame, source: { ...input.source, ...read.source } };
    log(`frame read (${read.frame.length} JSTs)`);
  }
  const { prepared, source, frame } = input;
  const config = { ...base, weights: weightsOption ?? (frame ? 'frame' : 'none') };
  if (values['weights-out'] !== undefined && config.weights !== 'frame') throw new DiagError('USAGE', '--weights-out needs frame weights (--frame FILE, or the store\'s frame)');
  return runAnalysis({
    questionnaire: q, prepared, consumePrepared: true, config, now,
    ...(frame ? { frame } : {}),
    source,
    onProgress: (phase) => log(phase),
  });
}

/** A log line per step on standard error, with the seconds since `started`. */
export function stepLog(io: Io, command: string, digits = 2): (m: string) => void {
  const started = performance.now();
  return (m) => io.err(`${command}: ${m} (${((performance.now() - started) / 1000).toFixed(digits)} s)\n`);
}

export const analyzeCommand = implement(analyzeSpec, {
  async run({ values }, io) {
    if (values['print-schema']) {
      const { ResultsSchema } = await import('../analysis/results-schema.ts');
      io.out(JSON.stringify(ResultsSchema, null, 2) + '\n');
      return 0;
    }
    const log = stepLog(io, 'analyze');
    const { results, respondentWeights } = await analyseInput(values, io.cwd, log);
    if (values['weights-out'] !== undefined && respondentWeights) {
      const { writeRespondentWeights } = await import('../analysis/weights-file.ts');
      writeRespondentWeights(resolve(io.cwd, values['weights-out']), respondentWeights);
      log(`weights of ${respondentWeights.ids.length} respondents written to ${values['weights-out']}`);
    }
    const text = JSON.stringify(results, null, 1) + '\n';
    if (values.out) {
      writeFileSync(resolve(io.cwd, values.out), text);
      log(`${results.dataset.analysed} respondents analysed (${results.dataset.excluded} excluded), weights ${results.weights.method}; results written to ${values.out}`);
    } else io.out(text);
    return 0;
  },
});

export function parseDate(text: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) throw new DiagError('USAGE', `--date must be YYYY-MM-DD, got "${text}"`);
  return new Date(`${text}T12:00:00Z`);
}
