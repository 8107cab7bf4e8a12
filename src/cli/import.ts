import { relative, resolve } from 'node:path';
import { isDiagError } from '../errors.ts';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { IMPORT_SOURCES, importResponsesFile } from '../responses/import.ts';
import { defineCommand, oneOf } from './command.ts';
import { STORE_HELP, withStore } from './store.ts';

export const importCommand = defineCommand({
  name: 'import',
  summary: 'store responses collected elsewhere (paper, phone) from a CSV file, all or nothing',
  usage: 'diag import FILE [--wave NAME] [--source paper|phone|other] [--questionnaire FILE]',
  help: [
    '  FILE                CSV in the flat codebook format (see `diag codebook`): UTF-8 with or without BOM or',
    '                      Windows-1250, separated by ";", "," or tab, columns matched by variable name',
    '  --wave NAME         the wave of rows whose wave cell is empty (a row naming another wave is an error)',
    '  --source S          paper, phone or other: the source of rows whose source cell is empty (default import)',
    '  --questionnaire F   SurveyJS questionnaire (default: surveys/diagnoza-jst.json)',
    '',
    'Every row is validated. If any row, cell or respondent id is bad, nothing is stored and every problem is',
    'listed (file, row, column, value, expected). Responses already stored with the same answers are skipped,',
    'so importing a file twice adds nothing the second time. Exit status 0 when stored, 4 when refused.',
    STORE_HELP,
  ].join('\n'),
  options: {
    wave: { type: 'string' },
    source: { type: 'string' },
    questionnaire: { type: 'string' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.err('diag import: give exactly one FILE of responses\n');
      return 64;
    }
    const source = values.source === undefined ? undefined : oneOf(values.source, 'source', IMPORT_SOURCES, 'other');
    const q = loadQuestionnaire(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined);
    const path = resolve(io.cwd, file);
    const shown = relative(io.cwd, path) || path;
    return withStore(async (store) => {
      try {
        const r = await importResponsesFile(q, store, path, { ...(values.wave ? { wave: values.wave } : {}), ...(source ? { source } : {}) }, shown);
        const batch = r.batch ? ` (import batch ${r.batch.id})` : '';
        io.out(`${shown}: ${r.rows} rows read (${r.encoding}, "${r.delimiter === '\t' ? 'tab' : r.delimiter}"); ${r.added} new, ${r.alreadyPresent} already present${batch} — ${store.backend} ${store.location}\n`);
        return 0;
      } catch (e) {
        // Every problem, not the first 50: the report is what the data-entry team corrects from.
        if (isDiagError(e) && (e.code === 'RESPONSE_INVALID' || e.code === 'RESPONSE_CONFLICT')) {
          io.err(`diag import: ${e.describe(Number.POSITIVE_INFINITY)}\n`);
          return e.exitCode;
        }
        throw e;
      }
    });
  },
});
