/**
 * The text rule (util/safe-text.ts) as both stores keep it, so that they behave alike whatever the caller:
 * - what a store is given to keep (names, ids, answers, metadata, drafts) must hold no NUL and no unpaired
 *   surrogate, nor be nested absurdly deep: otherwise INPUT_INVALID (400) naming the field, and nothing is written
 *   (PostgreSQL cannot store NUL at all; SQLite would have stored it);
 * - a lookup by such a text (a wave name, an id, a token hash) finds nothing, on both back ends, without asking
 *   the database (PostgreSQL would fail on it): nothing stored can contain it.
 * The entry points (HTTP, CLI, import) refuse such text before it gets here, with messages of their own; this is the
 * last line, and what makes the rule one rule for both back ends.
 */
import { DiagError } from '../../errors.ts';
import type { ImportStream } from './types.ts';
import { findUnsafeText, unsafeTextReason } from '../../util/safe-text.ts';
import { canonicalJsonWithin } from './tokens.ts';

/** Deepest nesting a stored JSON value may have (answers are at most four levels deep). */
export const STORED_JSON_MAX_DEPTH = 32;

/** Throws INPUT_INVALID when `value` (a text or a JSON-like value) breaks the text rule or nests too deep. */
export function assertStorable(value: unknown, field: string): void {
  const problem = findUnsafeText(value, { maxDepth: STORED_JSON_MAX_DEPTH });
  if (problem) {
    const where = problem.path === '(top level)' ? field : problem.path.startsWith('[') ? `${field}${problem.path}` : `${field}.${problem.path}`;
    throw new DiagError('INPUT_INVALID', `${where} ${problem.reason}: nothing was stored`, [{ column: where, message: `${problem.reason}; expected text without NUL characters (U+0000) or unpaired surrogates (U+D800–U+DFFF)` }]);
  }
}

/**
 * What JSON.stringify (so canonicalJson) writes for a NUL and for an unpaired surrogate (a well-formed pair is written
 * as is): JSON text without a match holds no text that breaks the rule.
 */
const UNSAFE_JSON_HINT = /\\u0000|\\ud[89a-f][0-9a-f]{2}/i;

/**
 * The canonical JSON of a value to store (its one serialisation: stored as is and hashed), under assertStorable's
 * rule: one walk instead of two. The walk that names the offending field runs only when the text hints at a problem
 * or the value nests too deep.
 */
export function storableJson(value: unknown, field: string): string {
  const json = canonicalJsonWithin(value, STORED_JSON_MAX_DEPTH);
  if (json === null || UNSAFE_JSON_HINT.test(json)) assertStorable(value, field);
  if (json === null) throw new DiagError('INPUT_INVALID', `${field} is nested more than ${STORED_JSON_MAX_DEPTH} levels deep: nothing was stored`);
  return json;
}

/** assertStorable for each item of a list (each walked on its own, so a large import is not one huge value). */
export function assertStorableEach(items: readonly unknown[], field: string): void {
  for (let i = 0; i < items.length; i++) assertStorable(items[i], `${field}[${i}]`);
}

/** Whether a lookup text can match anything stored (false when it breaks the rule). */
export function matchable(text: string | undefined): boolean {
  return text === undefined || (typeof text === 'string' && unsafeTextReason(text) === null);
}

/**
 * A streamed import under the same rule: each row is checked as it is read (its id, wave, source and time as
 * text; its answers and metadata, which are JSON, for the escapes JSON.stringify writes for NUL and for an
 * unpaired surrogate — a well-formed pair is written as is — and then, only on such a hint, parsed and walked).
 */
export function guardedImportStream(stream: ImportStream): ImportStream {
  const checkJson = (json: string, field: string) => {
    if (UNSAFE_JSON_HINT.test(json)) assertStorable(JSON.parse(json), field);
  };
  return {
    fileName: stream.fileName,
    sha256: () => stream.sha256(),
    batches: (async function* () {
      assertStorable(stream.fileName, 'import file name');
      let at = 0;
      for await (const batch of stream.batches) {
        for (const row of batch) {
          const field = `responses[${at++}]`;
          assertStorable([row.respondentId, row.wave, row.source, row.submittedAt], field);
          checkJson(row.dataJson, `${field}.data`);
          checkJson(row.metaJson, `${field}.meta`);
        }
        yield batch;
      }
    })(),
  };
}
