/**
 * `diag analyze --store`: the responses (and, unless --frame is given, the frame) read from the response store
 * instead of files. Imported by analyze.ts only with --store, so that the store's drivers (better-sqlite3, pg)
 * are not loaded otherwise.
 *
 * Provenance written to results.json (`input`):
 * - data.file: `store:sqlite:<the SQLite file>` (relative to the working folder when inside it) or `store:postgres` (the
 *   PostgreSQL URL is left out: it names hosts and users), followed by `, wave <NAME>` with --wave;
 * - data.sha256: SHA-256 of the lines `<respondent id>:<content hash>`, one per response in the order they were
 *   stored, joined by "\n", where the content hash is the store's SHA-256 of the canonical JSON of the answers.
 *   The dashboard's results.json uses the same definition (src/server/context.ts), so the two can be compared;
 *   a stored response never changes (a second import of an id with other answers is refused), so the ids and
 *   content hashes identify the input;
 * - frame.file: `<data.file without the wave>, frame "<name>" version <version>` for the store's frame;
 * - frame.sha256: SHA-256 of the frame's units written as a frame CSV (`writeFrameCsv`, what `diag synth
 *   --frame-out` writes): the same as the file's own hash when the frame was imported from such a file.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import type { AnalysisInput } from '../analysis/analyze.ts';
import { prepareData, type PreparedData } from '../dataset/prepared.ts';
import { DiagError, type ErrorDetail } from '../errors.ts';
import { describeIssue } from '../questionnaire/response.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import { validateResponse } from '../questionnaire/validate.ts';
import { writeFrameCsv, type FrameUnit } from '../sampling/frame.ts';
import type { FrameInfo, Store } from '../responses/store/types.ts';
import { withStore } from './store.ts';

export interface StoreReadOptions {
  /** only this wave's responses */
  wave?: string | undefined;
  /** also read the store's frame (the wave's, else the latest), if it holds one */
  frame: boolean;
  /** the working folder, against which the SQLite file is shown */
  cwd: string;
}

export interface StoreRead {
  prepared: PreparedData;
  source: AnalysisInput['source'];
  frame?: FrameUnit[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function storeName(store: Pick<Store, 'backend' | 'location'>, cwd: string): string {
  if (store.backend !== 'sqlite') return 'store:postgres';
  const inside = relative(cwd, store.location);
  return `store:sqlite:${inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : store.location}`;
}

/**
 * Reads, validates and prepares the stored responses in one scope (as readAndPrepare in analyze.ts does for a
 * file), so that the response objects can be freed before the analysis runs; the store is closed before
 * this returns.
 */
export async function readStoreAndPrepare(q: Questionnaire, options: StoreReadOptions, log: (m: string) => void): Promise<StoreRead> {
  return withStore(async (store) => {
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

    const responses = await store.listResponses(wave === undefined ? {} : { wave });
    log(`read ${responses.length} responses from ${shown}`);
    if (responses.length === 0) {
      throw new DiagError('INPUT_NOT_FOUND', `${shown}: no responses to analyse`, [{ file: shown, message: wave === undefined ? 'the store holds no responses yet (`diag import FILE` stores responses collected elsewhere)' : `wave ${wave} has no responses yet` }]);
    }
    // Validated at submission or import already, but again here: a store filled under another version of the
    // questionnaire must not slip into the analysis.
    const problems: ErrorDetail[] = [];
    responses.forEach((r, i) => {
      for (const issue of validateResponse(q, r).issues) problems.push({ file: shown, column: `stored response ${i + 1}`, message: describeIssue(issue) });
    });
    if (problems.length) {
      throw new DiagError('INPUT_INVALID', `${shown}: ${problems.length} validation issues (stored under another version of the questionnaire?); fix them before analysing: \`diag export\` writes the responses as CSV, \`diag validate\` checks it`, problems);
    }
    log('validated');

    const dataSha256 = sha256(responses.map((r) => `${r.id}:${r.contentHash}`).join('\n'));
    let frame: FrameUnit[] | undefined;
    let frameSource = {};
    if (frameInfo) {
      frame = await store.frameUnits(frameInfo.id);
      frameSource = { frameFile: `${name}, frame "${frameInfo.name}" version ${frameInfo.version}`, frameSha256: sha256(writeFrameCsv(frame)) };
    }
    return {
      prepared: prepareData(q, responses),
      source: { dataFile: shown, dataSha256, ...frameSource },
      ...(frame ? { frame } : {}),
    };
  });
}
