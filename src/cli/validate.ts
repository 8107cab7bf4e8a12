import { resolve } from 'node:path';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { validateResponse } from '../questionnaire/validate.ts';
import { describeIssue, type ValidationIssue } from '../questionnaire/response.ts';
import { readResponsesFile } from '../responses/read-file.ts';
import { implement, intOption, oneOf } from './command.ts';
import { validateSpec } from './commands.ts';

export const validateCommand = implement(validateSpec, {
  run({ values, positionals }, io) {
    const format = oneOf(values.format, 'format', ['text', 'json'] as const, 'text');
    const max = intOption(values.max, 'max', 200);
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.err('diag validate: give exactly one FILE of responses\n');
      return 64;
    }
    const q = loadQuestionnaire(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined);
    const { responses, locations } = readResponsesFile(q, resolve(io.cwd, file));

    const issues: (ValidationIssue & { location: string })[] = [];
    const seen = new Map<string, string>();
    let invalid = 0;
    responses.forEach((r, i) => {
      const location = locations[i] ?? '';
      const result = validateResponse(q, r);
      const first = seen.get(r.id);
      if (first !== undefined) result.issues.push({ respondent: r.id, variable: 'respondent_id', value: r.id, expected: `a unique id (also at ${first})`, code: 'invalid_value' });
      else seen.set(r.id, location);
      if (result.issues.length) invalid++;
      for (const issue of result.issues) issues.push({ ...issue, location });
    });

    if (format === 'json') {
      io.out(JSON.stringify({ file, responses: responses.length, valid: responses.length - invalid, invalid, issues }, null, 2) + '\n');
    } else {
      const shown = max === 0 ? issues : issues.slice(0, max);
      for (const issue of shown) io.out(`${file}, ${issue.location}: ${describeIssue(issue)}\n`);
      if (shown.length < issues.length) io.out(`… ${issues.length - shown.length} more issues (use --max 0 to see all)\n`);
      io.out(`${file}: ${responses.length} responses, ${responses.length - invalid} valid, ${invalid} with issues (${issues.length} issues)\n`);
    }
    return invalid === 0 ? 0 : 1;
  },
});
