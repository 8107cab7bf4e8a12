/**
 * Responses and frames from the response store: read in one place for `diag analyze --store` and the dashboard,
 * with one provenance (provenance.ts). Validated at submission or import already, but again here: a store filled
 * under another version of the questionnaire must not slip into the analysis.
 */
import { prepareData } from '../dataset/prepared.ts';
import { DiagError } from '../errors.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import type { FrameInfo, Store } from '../responses/store/types.ts';
import { assertWaveInstrument, withoutForeignWaves } from '../responses/waves.ts';
import type { FrameUnit } from '../sampling/frame.ts';
import type { FileData } from './from-file.ts';
import { frameUnitsSha256, storedDataSha256, storeName, type Provenance } from './provenance.ts';
import { requireValid } from './validate.ts';

export interface StoreReadOptions {
  /** only this wave's responses */
  wave?: string | undefined;
  /** also read the store's frame (the wave's, else the latest), if it holds one */
  frame: boolean;
  /** the working folder, against which the SQLite file is named */
  cwd: string;
  /**
   * SHA-256 of the instrument analysed: without a wave, the responses of waves bound to another instrument (the
   * pilot's beside the diagnosis) are left out
   */
  instrument?: string;
}

/** Stored responses (not validated yet: see validateStored), their provenance and the store's frame. */
export interface StoredInput {
  responses: SurveyResponse[];
  /** the name of the responses in messages and provenance */
  shown: string;
  source: Provenance;
  frame?: FrameUnit[];
}

export interface StoreData extends FileData {
  frame?: FrameUnit[];
}

/**
 * The stored responses (of one wave, or all) and, when asked for, the store's frame, with their provenance.
 * Throws INPUT_NOT_FOUND for an unknown wave or when there is nothing to analyse.
 */
export async function readStored(store: Store, options: StoreReadOptions, log: (m: string) => void = () => {}): Promise<StoredInput> {
  const name = storeName(store, options.cwd);
  const { wave } = options;
  const shown = wave === undefined ? name : `${name}, wave ${wave}`;
  let frameInfo: FrameInfo | null = null;
  if (wave !== undefined) {
    const found = await store.getWave(wave);
    // imported responses may name a wave that was never created with `diag wave create`: they count too
    if (!found && (await store.countResponses({ wave })) === 0) {
      const waves = [...new Set([...(await store.listWaves()).map((w) => w.name), ...(await store.listResponses()).flatMap((r) => (r.meta.wave === undefined ? [] : [r.meta.wave]))])].sort();
      throw new DiagError('INPUT_NOT_FOUND', `${name}: no wave "${wave}"`, [{ file: name, message: waves.length ? `the waves in the store: ${waves.join(', ')}` : 'the store holds no wave' }]);
    }
    if (found && options.frame) frameInfo = (await store.listFrames()).find((f) => f.id === found.frameId) ?? null;
  }
  if (options.frame && !frameInfo) frameInfo = await store.findFrame();

  let responses = await store.listResponses(wave === undefined ? {} : { wave });
  log(`read ${responses.length} responses from ${shown}`);
  if (wave === undefined && options.instrument !== undefined) {
    const kept = await withoutForeignWaves(store, options.instrument, responses);
    responses = kept.responses;
    if (kept.foreign.count) log(`left out ${kept.foreign.count} responses of waves of other questionnaires (${kept.foreign.waves.join(', ')})`);
  }
  if (responses.length === 0) {
    throw new DiagError('INPUT_NOT_FOUND', `${shown}: no responses to analyse`, [{ file: shown, message: wave === undefined ? 'the store holds no responses yet (`diag import FILE` stores responses collected elsewhere)' : `wave ${wave} has no responses yet` }]);
  }
  let frame: FrameUnit[] | undefined;
  let frameSource = {};
  if (frameInfo) {
    frame = await store.frameUnits(frameInfo.id);
    frameSource = { frameFile: `${name}, frame "${frameInfo.name}" version ${frameInfo.version}`, frameSha256: frameUnitsSha256(frame) };
  }
  return { responses, shown, source: { dataFile: shown, dataSha256: storedDataSha256(responses), ...frameSource }, ...(frame ? { frame } : {}) };
}

/** Validates stored responses once (where the analysis will run: the dashboard does it in its worker thread). */
export function validateStored(q: Questionnaire, responses: readonly SurveyResponse[], shown: string): void {
  requireValid(q, responses, shown, (i) => `stored response ${i + 1}`, ' (stored under another version of the questionnaire?); fix them before analysing: `diag export` writes the responses as CSV, `diag validate` checks it');
}

/**
 * Reads, validates and prepares the stored responses in one scope, so that the response objects can be freed
 * before the analysis runs.
 */
export async function readStoreInput(q: Questionnaire, store: Store, options: StoreReadOptions, log: (m: string) => void = () => {}): Promise<StoreData> {
  if (options.wave !== undefined) await assertWaveInstrument(store, options.wave, q, 'analyse its answers with it');
  const { responses, shown, source, frame } = await readStored(store, { instrument: q.hash, ...options }, log);
  validateStored(q, responses, shown);
  log('validated');
  return { prepared: prepareData(q, responses), source, ...(frame ? { frame } : {}) };
}
