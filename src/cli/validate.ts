import { relative, resolve } from 'node:path';
import { loadInstrument } from '../questionnaire/instrument.ts';
import { validateFile } from '../responses/validate-file.ts';
import { implement, intOption, oneOf } from './command.ts';
import { validateSpec } from './commands.ts';

export const validateCommand = implement(validateSpec, {
  async run({ values, positionals }, io) {
    const format = oneOf(values.format, 'format', ['text', 'json'] as const, 'text');
    const max = intOption(values.max, 'max', 200);
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.err('diag validate: give exactly one FILE of responses\n');
      return 64;
    }
    const q = loadInstrument(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined);
    // Problems are printed as they are found (JSON too, as a stream), so that memory stays flat for any file.
    let shown = 0;
    if (format === 'json') io.out(`{"file":${JSON.stringify(file)},"issues":[`);
    const path = resolve(io.cwd, file);
    const shownName = relative(io.cwd, path) || path;
    const report = await validateFile(q, path, shownName, (p) => {
      if (format === 'json') {
        const { text: _, ...issue } = p;
        io.out(`${shown++ ? ',' : ''}\n  ${JSON.stringify(issue)}`);
      } else if (max === 0 || shown < max) {
        shown++;
        io.out(`${p.text}\n`);
      }
    }, values.wave !== undefined ? { wave: values.wave } : {});
    const valid = report.responses - report.invalid;
    if (format === 'json') {
      io.out(`\n],"responses":${report.responses},"valid":${valid},"invalid":${report.invalid},"problems":${report.problems}}\n`);
    } else {
      if (shown < report.problems) io.out(`… ${report.problems - shown} more issues (use --max 0 to see all)\n`);
      io.out(`${shownName}: ${report.responses} responses, ${valid} valid, ${report.invalid} with issues (${report.problems} issues)\n`);
    }
    return report.invalid === 0 ? 0 : 1;
  },
});
