import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { CODEBOOK_FORMATS, formatCodebook } from '../questionnaire/codebook-format.ts';
import { defineCommand, oneOf } from './command.ts';

export const codebookCommand = defineCommand({
  name: 'codebook',
  summary: 'print the codebook: every variable with labels, type, values, area, measure and who sees it',
  usage: 'diag codebook [--format json|csv|md] [--questionnaire FILE] [--out FILE]',
  help: [
    '  --format F          json (default), csv (UTF-8 with BOM, ";" — opens in a Polish Excel) or md',
    '  --questionnaire F   SurveyJS questionnaire (default: surveys/diagnoza-jst.json)',
    '  --out FILE          write to FILE instead of standard output',
  ].join('\n'),
  options: {
    format: { type: 'string' },
    questionnaire: { type: 'string' },
    out: { type: 'string' },
  },
  run({ values }, io) {
    const format = oneOf(values.format, 'format', CODEBOOK_FORMATS, 'json');
    const q = loadQuestionnaire(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined);
    const text = formatCodebook(q, format);
    if (values.out) {
      writeFileSync(resolve(io.cwd, values.out), text);
      io.err(`codebook: ${q.variables.length} variables written to ${values.out}\n`);
    } else {
      io.out(text);
    }
    return 0;
  },
});
