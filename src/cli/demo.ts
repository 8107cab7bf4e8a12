import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { validateResponse } from '../questionnaire/validate.ts';
import { describeIssue } from '../questionnaire/response.ts';
import { readResponsesFile } from '../responses/read-file.ts';
import { readFrameCsv } from '../sampling/frame.ts';
import { decodeText } from '../util/text.ts';
import { defineCommand } from './command.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The main job on the embedded default (`npm start`). Until the analysis and reports exist it loads the
 * questionnaire, the shipped sample frame and sample responses, validates them all and says what it did.
 */
export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'the main job on the shipped sample data (what `npm start` runs)',
  usage: 'diag demo [--data FILE] [--frame FILE]',
  help: [
    '  --data FILE   responses (default: data-samples/responses.csv)',
    '  --frame FILE  frame of JSTs (default: data-samples/frame.csv)',
  ].join('\n'),
  options: {
    data: { type: 'string' },
    frame: { type: 'string' },
  },
  run({ values }, io) {
    const dataFile = values.data ? resolve(io.cwd, values.data) : join(root, 'data-samples', 'responses.csv');
    const frameFile = values.frame ? resolve(io.cwd, values.frame) : join(root, 'data-samples', 'frame.csv');
    const show = (p: string) => relative(io.cwd, p) || p;

    const q = loadQuestionnaire();
    const kinds = new Set(q.variables.flatMap((v) => v.visibility.jstKinds));
    io.out(`Questionnaire ${show(q.file)} (version ${q.version}): ${q.questions.length} questions, ${q.variables.length} variables, ${q.areas.length} competence areas, ${kinds.size} JST kinds — OK\n`);

    if (!existsSync(frameFile)) throw new Error(`missing ${frameFile}`);
    const frame = readFrameCsv(decodeText(readFileSync(frameFile)).text, frameFile);
    io.out(`Frame ${show(frameFile)}: ${frame.length} JSTs${frame.every((u) => u.synthetic) ? ' (synthetic)' : ''} — OK\n`);

    const { responses } = readResponsesFile(q, dataFile);
    const known = new Set(frame.map((u) => u.teryt));
    let invalid = 0;
    const outside = new Set<string>();
    for (const r of responses) {
      const result = validateResponse(q, r);
      if (!result.ok) {
        invalid++;
        if (invalid <= 10) for (const issue of result.issues) io.err(`  ${describeIssue(issue)}\n`);
      }
      const teryt = r.data[q.roles.teryt];
      if (typeof teryt === 'string' && !known.has(teryt)) outside.add(teryt);
    }
    const jsts = new Set(responses.map((r) => r.data[q.roles.teryt]));
    io.out(`Responses ${show(dataFile)}: ${responses.length} respondents from ${jsts.size} JSTs; ${responses.length - invalid} valid, ${invalid} invalid; ${outside.size} JSTs outside the frame\n`);
    const ok = invalid === 0 && outside.size === 0;
    io.out(ok ? 'Everything checks out. Next: `npm run diag -- codebook --format md`, `npm run diag -- synth --help`.\n' : 'Problems found: see above.\n');
    return ok ? 0 : 1;
  },
});
