import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { writeResponsesCsv } from '../responses/csv.ts';
import { writeFrameCsv } from '../sampling/frame.ts';
import { generateSynthetic } from '../synth/generate.ts';
import { implement, intOption } from './command.ts';
import { synthSpec } from './commands.ts';

export const synthCommand = implement(synthSpec, {
  run({ values }, io) {
    if (!values.out) {
      io.err('diag synth: --out FILE is required\n');
      return 64;
    }
    const respondents = intOption(values.respondents, 'respondents', 1500, 1);
    const seed = values.seed ?? '1';
    const q = loadQuestionnaire(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined);
    const started = Date.now();
    const result = generateSynthetic(q, {
      respondents,
      seed,
      onProgress: (done, total) => {
        if (total >= 20_000 && done % 10_000 === 0) io.err(`synth: ${done} / ${total} respondents\n`);
      },
    });
    writeFileSync(resolve(io.cwd, values.out), writeResponsesCsv(q, result.responses));
    if (values['frame-out']) writeFileSync(resolve(io.cwd, values['frame-out']), writeFrameCsv(result.frame));
    io.err(
      `synth: ${result.responses.length} synthetic respondents in ${result.sampled.length} JSTs (frame of ${result.frame.length}) written to ${values.out}` +
        `${values['frame-out'] ? ` and ${values['frame-out']}` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s; seed ${seed}; ` +
        `planted: ${result.planted.straightLiners.length} straight-liners, ${result.planted.speeders.length} speeders, ${result.planted.duplicates.length} duplicates\n`,
    );
    return 0;
  },
});
