/**
 * `npm run bench`: prints the toolkit's performance figures. Benchmarks print; they never fail on a slow
 * machine. Each section reports wall time and, where it matters, peak memory.
 */
import { benchValidate } from './validate.ts';
import { benchSynth } from './synth.ts';
import { benchAnalyze } from './analyze.ts';
import { benchStore } from './store.ts';
import { benchServer } from './server.ts';
import { benchReports } from './report.ts';
import { benchReportKit } from './report-kit.ts';

const sections: [string, () => string[] | Promise<string[]>][] = [
  ['questionnaire validation', benchValidate],
  ['synthetic data', benchSynth],
  ['analysis', () => benchAnalyze()],
  ['reports', () => benchReports()],
  ['report kit', benchReportKit],
  ['response store', benchStore],
  ['server', benchServer],
];

console.log(`diag benchmarks — node ${process.version}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString()}`);
for (const [name, run] of sections) {
  console.log(`\n## ${name}`);
  for (const line of await run()) console.log(line);
}
