import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DiagError } from '../errors.ts';
import { runAnalysis, type AnalysisInput } from '../analysis/analyze.ts';
import { prepareData, type PreparedData } from '../dataset/prepared.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import { DEFAULT_CONFIG } from '../analysis/config.ts';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { validateResponse } from '../questionnaire/validate.ts';
import { describeIssue } from '../questionnaire/response.ts';
import { readResponsesFile } from '../responses/read-file.ts';
import { prepareCsv } from '../dataset/from-csv.ts';
import type { FrameUnit } from '../sampling/frame.ts';
import { readFrameFile } from '../sampling/frame-file.ts';
import { implement, oneOf } from './command.ts';
import { analyzeSpec } from './commands.ts';

// Loaded only when needed, to keep `diag analyze --data` start-up short: the results schema (TypeBox, for
// --print-schema) and the store (better-sqlite3, pg, for --store: see analyze-store.ts).

export const analyzeCommand = implement(analyzeSpec, {
  async run({ values }, io) {
    if (values['print-schema']) {
      const { ResultsSchema } = await import('../analysis/results-schema.ts');
      io.out(JSON.stringify(ResultsSchema, null, 2) + '\n');
      return 0;
    }
    if (values.data !== undefined && values.store) throw new DiagError('USAGE', 'give either --data FILE or --store, not both');
    if (values.data === undefined && !values.store) throw new DiagError('USAGE', '--data FILE (responses in a file) or --store (the responses in the store) is required');
    if (values.wave !== undefined && !values.store) throw new DiagError('USAGE', '--wave NAME goes with --store: a file\'s responses are analysed as they are');
    const weightsOption = values.weights === undefined ? undefined : oneOf(values.weights, 'weights', ['none', 'frame'] as const, 'none');
    const base = values.config ? (await import('../analysis/config-file.ts')).readConfigFile(resolve(io.cwd, values.config)) : DEFAULT_CONFIG;
    const now = values.date ? parseDate(values.date) : new Date();
    const started = performance.now();
    const log = (m: string) => io.err(`analyze: ${m} (${((performance.now() - started) / 1000).toFixed(2)} s)\n`);

    const q = loadQuestionnaire();
    log('questionnaire loaded');
    let prepared: PreparedData;
    let source: AnalysisInput['source'];
    let frame: FrameUnit[] | undefined;
    if (values.store) {
      const { readStoreAndPrepare } = await import('./analyze-store.ts');
      const read = await readStoreAndPrepare(q, { wave: values.wave, frame: !values.frame, cwd: io.cwd }, log);
      ({ prepared, source, frame } = read);
    } else {
      const dataPath = resolve(io.cwd, values.data!);
      const read = readFileAndPrepare(q, dataPath, values.data!, log);
      prepared = read.prepared;
      source = { dataFile: relative(io.cwd, dataPath) || dataPath, dataSha256: read.sha256 };
    }
    if (values.frame) {
      const framePath = resolve(io.cwd, values.frame);
      frame = readFrameFile(framePath, values.frame).units;
      source = { ...source, frameFile: values.frame, frameSha256: sha256(readBytes(framePath)) };
      log(`frame read (${frame.length} JSTs)`);
    }
    const config = { ...base, weights: weightsOption ?? (frame ? 'frame' : 'none') };
    if (values['weights-out'] !== undefined && config.weights !== 'frame') throw new DiagError('USAGE', '--weights-out needs frame weights (--frame FILE, or the store\'s frame)');
    const { results, respondentWeights } = runAnalysis({
      questionnaire: q, prepared, consumePrepared: true, config, now,
      ...(frame ? { frame } : {}),
      source,
      onProgress: (phase) => log(phase),
    });
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

/**
 * The file's bytes are read, hashed and prepared here, and dropped when this returns: nothing of the analysis that
 * follows holds them (at 1,000,000 respondents they are half a gigabyte, which a variable of the caller's frame
 * kept alive to the end).
 */
function readFileAndPrepare(q: Questionnaire, path: string, shown: string, log: (m: string) => void): { prepared: PreparedData; sha256: string } {
  const bytes = readBytes(path);
  return { sha256: sha256(bytes), prepared: readAndPrepare(q, path, bytes, shown, log) };
}

/**
 * Reads and validates the responses and turns them into the analysis dataset. A CSV file goes straight
 * into the dataset's typed columns (prepareCsv: the errors are those of the reference reader and
 * validator); a JSON file is read into responses, validated, and the response objects are freed before
 * the analysis runs.
 */
function readAndPrepare(q: Questionnaire, path: string, bytes: Buffer, shown: string, log: (m: string) => void): PreparedData {
  if (/\.(csv|tsv|txt)$/i.test(path)) {
    const prepared = prepareCsv(q, bytes, shown);
    log(`read ${prepared.dataset.n} responses, validated`);
    return prepared;
  }
  const { responses, locations } = readResponsesFile(q, path);
  log(`read ${responses.length} responses`);
  const problems = responses.flatMap((r, i) => validateResponse(q, r).issues.map((issue) => ({ file: shown, column: locations[i], message: describeIssue(issue) })));
  if (problems.length) throw new DiagError('INPUT_INVALID', `${shown}: ${problems.length} validation issues; fix them (see \`diag validate\`) before analysing`, problems);
  log('validated');
  return prepareData(q, responses);
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${path}`, [{ file: path, message: 'file not found or not readable' }]);
  }
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function parseDate(text: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) throw new DiagError('USAGE', `--date must be YYYY-MM-DD, got "${text}"`);
  return new Date(`${text}T12:00:00Z`);
}
