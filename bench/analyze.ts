/**
 * `diag analyze` on 10,000 and 100,000 synthetic respondents, run as a separate process exactly as a user
 * runs it (read and validate the CSV, build the dataset, analyse, write results.json), with the time of
 * each phase and the process's peak memory. The input files are made first and not timed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadQuestionnaire } from '../src/questionnaire/load.ts';
import { writeResponsesCsv } from '../src/responses/csv.ts';
import { writeFrameCsv } from '../src/sampling/frame.ts';
import { generateSynthetic } from '../src/synth/generate.ts';

export function benchAnalyze(sizes = [10_000, 100_000]): string[] {
  const q = loadQuestionnaire();
  const dir = mkdtempSync(join(tmpdir(), 'diag-bench-'));
  const lines: string[] = [];
  try {
    for (const n of sizes) {
      const synth = generateSynthetic(q, { respondents: n, seed: 'bench' });
      const data = join(dir, `responses-${n}.csv`);
      const frame = join(dir, 'frame.csv');
      writeFileSync(data, writeResponsesCsv(q, synth.responses));
      writeFileSync(frame, writeFrameCsv(synth.frame));
      const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'analyze-child.ts'), data, frame, join(dir, 'results.json')], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const log = child.stderr.split('\n').filter((l) => l.startsWith('analyze:') || l.startsWith('child:'));
      // The CLI stamps "analyze: <what was reached> (t s)"; the time up to each stamp belongs to the step before it.
      const stamps = log.filter((l) => l.startsWith('analyze:')).map((l) => ({ what: l.replace(/^analyze: /, '').split(' ')[0]!, t: Number(/\(([\d.]+) s\)$/.exec(l)?.[1] ?? NaN) }));
      const STEP: Record<string, string> = { read: 'read CSV', validated: 'validate', dataset: 'build dataset', weights: 'quality flags', estimates: 'weights', choices: 'estimates', tests: 'choices', reliability: 'tests', priorities: 'reliability' };
      const phases = stamps.map((s, i) => `${STEP[s.what] ?? 'priorities + write results'} ${(s.t - (i ? stamps[i - 1]!.t : 0)).toFixed(1)}`);
      const from = stamps.find((s) => s.what === 'dataset')?.t ?? NaN;
      const analysis = (stamps.at(-1)?.t ?? NaN) - from;
      lines.push(`analyze: ${n.toLocaleString('en')} respondents from CSV: ${log.at(-1)?.replace('child: ', '') ?? 'failed'}; analysis proper (dataset built → results written) ${analysis.toFixed(1)} s; steps in s [${phases.join(', ')}]`);
      if (child.status !== 0) lines.push(child.stderr.slice(-2000));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchAnalyze(process.argv[2] ? [Number(process.argv[2])] : undefined)) console.log(l);
