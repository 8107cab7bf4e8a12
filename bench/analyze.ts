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
      // "analyze: <phase> (t s)": turn the cumulative stamps into per-phase durations.
      const stamps = log.filter((l) => l.startsWith('analyze:')).map((l) => ({ phase: l.replace(/^analyze: /, '').replace(/ \([\d.]+ s\)$/, ''), t: Number(/\(([\d.]+) s\)$/.exec(l)?.[1] ?? NaN) }));
      const phases = stamps.slice(1).map((s, i) => `${stamps[i]!.phase.split(' ')[0]} ${(s.t - stamps[i]!.t).toFixed(2)}`);
      const analysis = stamps.length > 2 ? stamps.at(-1)!.t - stamps.find((s) => s.phase === 'dataset')!.t : NaN;
      lines.push(`analyze: ${n.toLocaleString('en')} respondents from CSV: ${log.at(-1)?.replace('child: ', '') ?? 'failed'}; analysis proper (dataset built → results) ${analysis.toFixed(2)} s; phases [${phases.join(', ')}]`);
      if (child.status !== 0) lines.push(child.stderr.slice(-2000));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchAnalyze(process.argv[2] ? [Number(process.argv[2])] : undefined)) console.log(l);
