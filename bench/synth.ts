import { loadQuestionnaire } from '../src/questionnaire/load.ts';
import { writeResponsesCsv } from '../src/responses/csv.ts';
import { generateSynthetic } from '../src/synth/generate.ts';

export function benchSynth(): string[] {
  const q = loadQuestionnaire();
  const lines: string[] = [];
  for (const n of [10_000, 100_000]) {
    const t0 = performance.now();
    const result = generateSynthetic(q, { respondents: n, seed: 'bench' });
    const t1 = performance.now();
    const csv = writeResponsesCsv(q, result.responses);
    const t2 = performance.now();
    lines.push(`synth: ${n.toLocaleString('en')} respondents generated in ${((t1 - t0) / 1000).toFixed(2)} s, written as CSV (${(csv.length / 1e6).toFixed(0)} MB) in ${((t2 - t1) / 1000).toFixed(2)} s; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  }
  return lines;
}
