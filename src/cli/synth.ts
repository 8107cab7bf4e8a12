import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { DiagError } from '../errors.ts';
import { shippedPilotInstruments } from '../questionnaire/instrument.ts';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { writeFrameCsv } from '../sampling/frame.ts';
import { generatePilot } from '../synth/pilot.ts';
import { writePilotFiles } from '../synth/pilot-files.ts';
import { writeSyntheticCsv } from '../synth/write-csv.ts';
import { implement, intOption, type Io } from './command.ts';
import { synthSpec } from './commands.ts';

export const synthCommand = implement(synthSpec, {
  run({ values }, io) {
    if (!values.out) {
      io.err('diag synth: --out FILE is required\n');
      return 64;
    }
    if (values.pilot) {
      if (values.respondents !== undefined || values['frame-out'] !== undefined) throw new DiagError('USAGE', 'diag synth --pilot draws its own 30 JSTs and 120 officials: --respondents and --frame-out do not apply');
      return pilot(values.out, values.seed ?? '1', values.questionnaire, io);
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

/** `diag synth --pilot --out DIR`: the synthetic pilot's five files (synth/pilot.ts). */
function pilot(out: string, seed: string, questionnaire: string | undefined, io: Io): number {
  const q = loadQuestionnaire(questionnaire ? resolve(io.cwd, questionnaire) : undefined);
  const instruments = shippedPilotInstruments();
  const result = generatePilot(q, instruments, { seed });
  const files = writePilotFiles(resolve(io.cwd, out), q, instruments, result);
  io.err(
    `synth: synthetic pilot, seed ${seed}: ${result.diagnosis.length} officials in ${result.jsts.length} JSTs, ${result.reactions.length} module reactions, ` +
      `${result.post.length} end-of-programme responses (${result.planted.dropouts.length} drop-outs), ${result.followup.length} follow-ups; written to ${out}: ` +
      `${Object.values(files).map((f) => basename(f)).join(', ')}\n`,
  );
  return 0;
}
