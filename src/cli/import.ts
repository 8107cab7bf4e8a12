import { relative, resolve } from 'node:path';
import { describeDetail, isDiagError } from '../errors.ts';
import { loadInstrument } from '../questionnaire/instrument.ts';
import { IMPORT_SOURCES, importResponsesFile, problemDetail } from '../responses/import.ts';
import { implement, oneOf } from './command.ts';
import { importSpec } from './commands-store.ts';
import { withStore } from './store.ts';

export const importCommand = implement(importSpec, {
  async run({ values, positionals }, io) {
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.err('diag import: give exactly one FILE of responses\n');
      return 64;
    }
    const source = values.source === undefined ? undefined : oneOf(values.source, 'source', IMPORT_SOURCES, 'other');
    const q = loadInstrument(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined);
    const path = resolve(io.cwd, file);
    const shown = relative(io.cwd, path) || path;
    return withStore(async (store) => {
      try {
        // Every problem, as it is found (not the first 50): the report is what the data-entry team corrects from.
        const onProblem = (p: Parameters<typeof problemDetail>[0]) => io.err(`  - ${describeDetail(problemDetail(p))}\n`);
        const r = await importResponsesFile(q, store, path, { ...(values.wave ? { wave: values.wave } : {}), ...(source ? { source } : {}), onProblem }, shown);
        const batch = r.batch ? ` (import batch ${r.batch.id})` : '';
        io.out(`${shown}: ${r.rows} rows read (${r.encoding}, "${r.delimiter === '\t' ? 'tab' : r.delimiter}"); ${r.added} new, ${r.alreadyPresent} already present${batch} — ${store.backend} ${store.location}\n`);
        return 0;
      } catch (e) {
        if (isDiagError(e) && e.code === 'RESPONSE_INVALID') {
          io.err(`diag import: ${e.code}: ${e.message}\n`);
          return e.exitCode;
        }
        if (isDiagError(e) && e.code === 'RESPONSE_CONFLICT') {
          io.err(`diag import: ${e.describe(Number.POSITIVE_INFINITY)}\n`);
          return e.exitCode;
        }
        throw e;
      }
    });
  },
});
