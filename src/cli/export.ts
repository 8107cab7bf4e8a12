import { relative, resolve } from 'node:path';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { EXPORT_FORMATS, exportResponses } from '../responses/export.ts';
import { defineCommand, oneOf } from './command.ts';
import { STORE_HELP, withStore } from './store.ts';

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'write the stored responses as CSV for Excel, with the codebook and SPSS syntax',
  usage: 'diag export --out DIR [--format raw|labelled] [--wave NAME] [--questionnaire FILE]',
  help: [
    '  --out DIR           folder to write to (created if missing)',
    '  --format F          raw (default): codes, re-importable, with an SPSS .sps that reads them;',
    '                      labelled: Polish value labels instead of codes',
    '  --wave NAME         only this wave (default: every response)',
    '  --questionnaire F   SurveyJS questionnaire (default: surveys/diagnoza-jst.json)',
    '',
    'The CSV files open directly in a Polish Excel (UTF-8 with BOM, ";", CRLF, decimal comma). Text cells that',
    'start with = + - @ (or a tab or CR) get a leading apostrophe so that Excel does not run them as formulas.',
    'codebook.csv is written beside them.',
    STORE_HELP,
  ].join('\n'),
  options: {
    out: { type: 'string' },
    format: { type: 'string' },
    wave: { type: 'string' },
    questionnaire: { type: 'string' },
  },
  async run({ values }, io) {
    if (!values.out) {
      io.err('diag export: --out DIR is required\n');
      return 64;
    }
    const format = oneOf(values.format, 'format', EXPORT_FORMATS, 'raw');
    const q = loadQuestionnaire(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined);
    const outDir = resolve(io.cwd, values.out);
    return withStore(async (store) => {
      const r = await exportResponses(q, store, { format, outDir, ...(values.wave !== undefined ? { wave: values.wave } : {}) });
      io.out(`${r.responses} responses${values.wave !== undefined ? ` of wave ${values.wave}` : ''} exported (${format}); ${r.neutralised} text cells neutralised against formula injection\n`);
      for (const f of r.files) io.out(`  ${relative(io.cwd, f) || f}\n`);
      return 0;
    });
  },
});
