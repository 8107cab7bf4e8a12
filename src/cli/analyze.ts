import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DiagError } from '../errors.ts';
import { analyze, prepareData, type PreparedData } from '../analysis/analyze.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import { DEFAULT_CONFIG, readConfigFile } from '../analysis/config.ts';
import { ResultsSchema } from '../analysis/results-schema.ts';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { validateResponse } from '../questionnaire/validate.ts';
import { describeIssue } from '../questionnaire/response.ts';
import { readResponsesFile } from '../responses/read-file.ts';
import type { FrameUnit } from '../sampling/frame.ts';
import { readFrameFile } from '../sampling/frame-file.ts';
import { defineCommand, oneOf } from './command.ts';

export const analyzeCommand = defineCommand({
  name: 'analyze',
  summary: 'analyse responses: segments, weights, estimates with CIs, tests, reliability, training priorities → results.json',
  usage: 'diag analyze --data FILE [--frame FILE] [--weights none|frame] [--config FILE] [--date YYYY-MM-DD] --out results.json',
  help: [
    '  --data FILE        responses (.csv or .json, see `diag validate`); every response must be valid',
    '  --frame FILE       frame of JSTs: a frame CSV (see data-samples/README.md) or the GUS TERYT TERC file;',
    '                     gives weights and coverage',
    '  --weights W        frame (default when --frame is given) or none',
    '  --config FILE      JSON overriding the defaults: segments, suppressionThreshold (5), lowPrecisionBelow (30),',
    '                     level (0.95), minJstPerCell (2), quality rules, bootstrap { replicates, seed }, breakdowns',
    '  --date D           date recorded in the results (default: now), for reproducible output',
    '  --out FILE         where to write results.json (default: standard output)',
    '  --print-schema     print the JSON Schema of results.json and exit',
  ].join('\n'),
  options: {
    data: { type: 'string' },
    frame: { type: 'string' },
    weights: { type: 'string' },
    config: { type: 'string' },
    date: { type: 'string' },
    out: { type: 'string' },
    'print-schema': { type: 'boolean' },
  },
  run({ values }, io) {
    if (values['print-schema']) {
      io.out(JSON.stringify(ResultsSchema, null, 2) + '\n');
      return 0;
    }
    if (!values.data) throw new DiagError('USAGE', '--data FILE is required');
    const weights = oneOf(values.weights, 'weights', ['none', 'frame'] as const, values.frame ? 'frame' : 'none');
    const base = values.config ? readConfigFile(resolve(io.cwd, values.config)) : DEFAULT_CONFIG;
    const config = { ...base, weights };
    const now = values.date ? parseDate(values.date) : new Date();
    const started = performance.now();
    const log = (m: string) => io.err(`analyze: ${m} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);

    const q = loadQuestionnaire();
    const dataPath = resolve(io.cwd, values.data);
    const dataBytes = readBytes(dataPath);
    const prepared = readAndPrepare(q, dataPath, values.data, log);

    let frame: FrameUnit[] | undefined;
    let frameSha: string | undefined;
    if (values.frame) {
      const framePath = resolve(io.cwd, values.frame);
      frame = readFrameFile(framePath, values.frame).units;
      frameSha = sha256(readBytes(framePath));
    }
    const results = analyze({
      questionnaire: q, prepared, config, now,
      ...(frame ? { frame } : {}),
      source: { dataFile: relative(io.cwd, dataPath) || dataPath, dataSha256: sha256(dataBytes), ...(values.frame ? { frameFile: values.frame, frameSha256: frameSha! } : {}) },
      onProgress: (phase) => log(phase),
    });
    const text = JSON.stringify(results, null, 1) + '\n';
    if (values.out) {
      writeFileSync(resolve(io.cwd, values.out), text);
      log(`${results.dataset.analysed} respondents analysed (${results.dataset.excluded} excluded), weights ${results.weights.method}; results written to ${values.out}`);
    } else io.out(text);
    return 0;
  },
});

/**
 * Reads and validates the responses and turns them into the analysis dataset inside one scope, so that
 * the response objects can be freed before the analysis runs (at 100,000 respondents they are most of
 * the heap).
 */
function readAndPrepare(q: Questionnaire, path: string, shown: string, log: (m: string) => void): PreparedData {
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

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function parseDate(text: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) throw new DiagError('USAGE', `--date must be YYYY-MM-DD, got "${text}"`);
  return new Date(`${text}T12:00:00Z`);
}
