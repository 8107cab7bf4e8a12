/**
 * Analysis cost on 10,000 and 100,000 synthetic respondents: the full analysis (quality flags, weights,
 * every estimate, test, reliability and bootstrap priority) timed apart from producing the input.
 * Peak memory is the process's maximum resident set size, sampled after each run.
 */
import { analyze } from '../src/analysis/analyze.ts';
import { DEFAULT_CONFIG } from '../src/analysis/config.ts';
import { loadQuestionnaire } from '../src/questionnaire/load.ts';
import { generateSynthetic } from '../src/synth/generate.ts';
import { writeResponsesCsv, readResponsesCsv } from '../src/responses/csv.ts';
import { validateResponse } from '../src/questionnaire/validate.ts';

export function benchAnalyze(sizes = [10_000, 100_000]): string[] {
  const q = loadQuestionnaire();
  const lines: string[] = [];
  for (const n of sizes) {
    const { responses, frame } = generateSynthetic(q, { respondents: n, seed: 'bench' });
    const csv = new TextEncoder().encode(writeResponsesCsv(q, responses));
    const t0 = performance.now();
    const read = readResponsesCsv(q, csv, 'bench.csv').responses;
    const t1 = performance.now();
    for (const r of read) validateResponse(q, r);
    const t2 = performance.now();
    const phases: [string, number][] = [];
    let last = performance.now();
    const results = analyze({
      questionnaire: q, responses: read, frame, config: { ...DEFAULT_CONFIG, weights: 'frame' },
      source: { dataFile: 'bench', dataSha256: '' },
      onProgress: (phase) => {
        const now = performance.now();
        phases.push([phase, now - last]);
        last = now;
      },
    });
    const t3 = performance.now();
    phases.push(['(end)', t3 - last]);
    const rss = process.resourceUsage().maxRSS / 1024;
    lines.push(
      `analyze: ${n.toLocaleString('en')} respondents (${results.dataset.analysedJsts} JSTs): analysis ${((t3 - t2) / 1000).toFixed(2)} s ` +
        `[${phases.map(([p, ms], i) => `${i === 0 ? 'start' : phases[i - 1]![0]}→${p} ${(ms / 1000).toFixed(2)}`).slice(1).join(', ')}]; ` +
        `reading the CSV ${((t1 - t0) / 1000).toFixed(2)} s, validating ${((t2 - t1) / 1000).toFixed(2)} s; peak RSS ${rss.toFixed(0)} MB; ` +
        `${results.tests.results.length} tests, ${results.config.bootstrap.replicates} bootstrap replicates`,
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchAnalyze(process.argv[2] ? [Number(process.argv[2])] : undefined)) console.log(l);
