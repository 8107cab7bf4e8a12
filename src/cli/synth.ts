import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { writeFrameCsv } from '../sampling/frame.ts';
import { writeSyntheticCsv } from '../synth/write-csv.ts';
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
    // streamed to the file as the respondents are drawn: flat memory at any size (synth/write-csv.ts)
    const result = writeSyntheticCsv(q, {
      respondents,
      seed,
      onProgress: (done, total) => {
        if (total >= 20_000 && done % 10_000 === 0) io.err(`synth: ${done} / ${total} respondents\n`);
      },
    }, resolve(io.cwd, values.out));
    if (values['frame-out']) writeFileSync(resolve(io.cwd, values['frame-out']), writeFrameCsv(result.frame));
    io.err(
      `synth: ${result.written} synthetic respondents in ${result.sampled.length} JSTs (frame of ${result.frame.length}) written to ${values.out}` +
        `${values['frame-out'] ? ` and ${values['frame-out']}` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s; seed ${seed}; ` +
        `planted: ${result.planted.straightLiners.length} straight-liners, ${result.planted.speeders.length} speeders, ${result.duplicates.length} duplicates\n`,
    );
    return 0;
  },
});
