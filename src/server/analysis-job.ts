/**
 * The analysis run in a worker thread (see analysis-worker.js), so that a recomputation of the results —
 * about 1.7 s for 1,500 responses — never stalls the server's event loop, where submissions are taken.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, type AnalysisInput } from '../analysis/analyze.ts';
import { isDiagError } from '../errors.ts';
import { validateStored } from '../pipeline/from-store.ts';
import { loadQuestionnaire } from '../questionnaire/load.ts';

export interface AnalysisJob extends Omit<AnalysisInput, 'questionnaire' | 'onProgress' | 'now'> {
  questionnaireFile: string;
  /** the responses' name in messages (the pipeline's) */
  shown: string;
  now: string;
}

const job = workerData as AnalysisJob;
try {
  const { questionnaireFile, now, shown, ...input } = job;
  const questionnaire = loadQuestionnaire(questionnaireFile);
  validateStored(questionnaire, input.responses ?? [], shown);
  const results = analyze({ ...input, questionnaire, now: new Date(now) });
  parentPort!.postMessage({ ok: true, json: JSON.stringify(results) });
} catch (e) {
  parentPort!.postMessage(isDiagError(e) ? { ok: false, code: e.code, message: e.message, details: e.details } : { ok: false, message: (e as Error).stack ?? String(e) });
}
