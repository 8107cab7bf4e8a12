import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { writeResponsesCsv } from '../responses/csv.ts';
import { writeFrameCsv } from '../sampling/frame.ts';
import { generateSynthetic } from '../synth/generate.ts';
import { defineCommand, intOption } from './command.ts';

export const synthCommand = defineCommand({
  name: 'synth',
  summary: 'generate realistic synthetic responses (and their JST frame) from a seed',
  usage: 'diag synth --out FILE [--respondents N] [--seed S] [--frame-out FILE] [--questionnaire FILE]',
  help: [
    '  --out FILE          responses CSV to write (the format `diag validate` and the importer read)',
    '  --respondents N     number of respondents (default 1500; about 3 per JST)',
    '  --seed S            random seed (default 1); the same seed gives byte-identical files',
    '  --frame-out FILE    also write the synthetic frame of JSTs (CSV)',
    '  --questionnaire F   SurveyJS questionnaire (default: surveys/diagnoza-jst.json)',
    '',
    'The data are SYNTHETIC: invented JSTs and respondents with planted effects documented in',
    'data-samples/README.md. Never mix them with real survey data.',
  ].join('\n'),
  options: {
    out: { type: 'string' },
    respondents: { type: 'string' },
    seed: { type: 'string' },
    'frame-out': { type: 'string' },
    questionnaire: { type: 'string' },
  },
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
