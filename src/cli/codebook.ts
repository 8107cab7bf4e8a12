import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadInstrument } from '../questionnaire/instrument.ts';
import { CODEBOOK_FORMATS, formatCodebook } from '../questionnaire/codebook-format.ts';
import { implement, oneOf } from './command.ts';
import { codebookSpec } from './commands.ts';

export const codebookCommand = implement(codebookSpec, {
  run({ values }, io) {
    const format = oneOf(values.format, 'format', CODEBOOK_FORMATS, 'json');
    const q = loadInstrument(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined);
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
