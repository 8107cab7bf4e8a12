/**
 * The six programme documents (PDF, with their JSON) from the results of 10,000 synthetic respondents — the
 * same results the reports bench renders from: building the programmes (rules, schedule, rollout scale) and
 * rendering the six PDFs, timed apart, best of N. Target on the 2-core machine (issue 15): ≤ 2 s in all.
 */
import { analyze } from '../src/analysis/analyze.ts';
import { DEFAULT_CONFIG } from '../src/analysis/config.ts';
import { prepareData } from '../src/dataset/prepared.ts';
import { loadQuestionnaire } from '../src/questionnaire/load.ts';
import { loadCatalogue } from '../src/recommendations/catalogue.ts';
import { buildProgrammes, populationOf } from '../src/recommendations/programme.ts';
import { DEFAULT_PLAN } from '../src/recommendations/rollout.ts';
import { renderProgramme } from '../src/report/programme/render.ts';
import { generateSynthetic } from '../src/synth/generate.ts';
import { loadavg } from 'node:os';

const TARGET_S = 2;

export async function benchProgrammes(n = 10_000, runs = 3): Promise<string[]> {
  const q = loadQuestionnaire();
  const { responses, frame } = generateSynthetic(q, { respondents: n, seed: 'bench' });
  const results = analyze({ questionnaire: q, prepared: prepareData(q, responses), frame, config: { ...DEFAULT_CONFIG, weights: 'frame' }, source: { dataFile: 'bench', dataSha256: '' } });
  const catalogue = loadCatalogue(q, results.config.segments.map((s) => s.code));
  const date = new Date('2026-11-24T12:00:00Z');
  const times: { build: number; render: number; kb: number; pages: number }[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const docs = buildProgrammes({ results, questionnaire: q, catalogue, plan: DEFAULT_PLAN, population: populationOf(results, frame) });
    const t1 = performance.now();
    let kb = 0;
    let pages = 0;
    for (const d of docs) {
      const { bytes } = await renderProgramme(d, { lang: 'pl', date, synthetic: true, suppressionThreshold: results.config.suppressionThreshold });
      kb += bytes.length / 1024;
      pages += Number(/\/Type \/Pages[^>]*\/Count (\d+)/.exec(bytes.toString('latin1'))?.[1] ?? 0);
    }
    times.push({ build: (t1 - t0) / 1000, render: (performance.now() - t1) / 1000, kb, pages });
  }
  const best = times.reduce((a, b) => (a.build + a.render <= b.build + b.render ? a : b));
  const total = best.build + best.render;
  return [
    `programmes: the six programme documents from the results of ${n.toLocaleString('en')} respondents in ${total.toFixed(2)} s, best of ${runs} (building ${best.build.toFixed(2)} s, rendering ${best.render.toFixed(2)} s; ${best.pages} pages, ${best.kb.toFixed(0)} kB)`,
    `  every run: ${times.map((x) => (x.build + x.render).toFixed(2)).join(', ')} s; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
    `  target ≤ ${TARGET_S} s: ${total <= TARGET_S ? 'PASS' : 'FAIL'}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of await benchProgrammes()) console.log(l);
