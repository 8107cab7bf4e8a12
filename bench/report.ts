/**
 * The three diagnostic reports from 10,000 synthetic respondents: analysis plus rendering, timed apart, on
 * the prepared dataset as `diag report --data` runs them (reading and validating the CSV: see the analysis bench).
 * Target on the 2-core machine: ≤ 5 s in all.
 */
import { analyze } from '../src/analysis/analyze.ts';
import { prepareData } from '../src/dataset/prepared.ts';
import { DEFAULT_CONFIG } from '../src/analysis/config.ts';
import { loadQuestionnaire } from '../src/questionnaire/load.ts';
import { loadCatalogue } from '../src/recommendations/catalogue.ts';
import { renderSegmentReport } from '../src/report/report.ts';
import { generateSynthetic } from '../src/synth/generate.ts';

/** Issue 15: the three reports from 10,000 respondents in at most this many seconds. */
const TARGET_S = 5;

export async function benchReports(n = 10_000): Promise<string[]> {
  const q = loadQuestionnaire();
  const { frame, prepared } = synthesise(q, n);
  const t0 = performance.now();
  const results = analyze({ questionnaire: q, prepared, frame, config: { ...DEFAULT_CONFIG, weights: 'frame' }, source: { dataFile: 'bench', dataSha256: '' } });
  const t1 = performance.now();
  const catalogue = loadCatalogue(q, results.config.segments.map((s) => s.code));
  const sizes: string[] = [];
  for (const s of results.config.segments) {
    const bytes = await renderSegmentReport({ results, questionnaire: q, catalogue, lang: 'pl', date: new Date('2026-11-24T12:00:00Z') }, s.code);
    sizes.push(`${s.code} ${(bytes.length / 1024).toFixed(0)} kB`);
  }
  const t2 = performance.now();
  const total = (t2 - t0) / 1000;
  return [
    `reports: ${n.toLocaleString('en')} respondents → 3 PDF reports in ${total.toFixed(2)} s (analysis ${((t1 - t0) / 1000).toFixed(2)} s, rendering ${((t2 - t1) / 1000).toFixed(2)} s; ${sizes.join(', ')})`,
    `  target ≤ ${TARGET_S} s: ${total <= TARGET_S ? 'PASS' : 'FAIL'}`,
  ];
}

/** Synthetic responses turned into the analysis dataset, the responses themselves let go (as `diag report --data` does). */
function synthesise(q: ReturnType<typeof loadQuestionnaire>, n: number) {
  const { responses, frame } = generateSynthetic(q, { respondents: n, seed: 'bench' });
  return { frame, prepared: prepareData(q, responses) };
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of await benchReports()) console.log(l);
