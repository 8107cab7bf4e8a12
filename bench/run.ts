/**
 * `npm run bench`: prints the toolkit's performance figures. Benchmarks print; they never fail on a slow
 * machine. Each section reports wall time and, where it matters, peak memory. Several sections run one after
 * another, each in a process of its own, so that none is slowed by what another left behind (a large heap
 * whose collection competes for the two cores).
 *
 *   npm run bench                          every section
 *   npm run bench -- analyze               only the sections named (validate, synth, analyze, import, reports, programmes,
 *                                          report-kit, store, server, pilot)
 *   npm run bench -- analyze --sizes 100000 --runs 3
 *                                          the analysis at these respondent counts, the best of N runs each
 *   npm run bench -- analyze --skip-r     without its ceiling, R survey working out the same estimates (minutes at 100,000)
 *   npm run bench -- import --sizes 1000000
 *                                          diag validate / diag import at these sizes (default 10,000 and 100,000)
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { sizes: { type: 'string' }, runs: { type: 'string' }, 'skip-r': { type: 'boolean' } },
  allowPositionals: true,
});

const sizes = values.sizes?.split(',').map((s) => Number(s.replace(/[_\s]/g, '')));
if (sizes?.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes must be whole numbers separated by commas, got "${values.sizes}"`);
const runs = values.runs === undefined ? undefined : Number(values.runs);

// Each section is imported only when it runs: `npm run bench -- analyze` loads nothing else.
const sections: [string, string, () => Promise<string[]>][] = [
  ['validate', 'questionnaire validation', async () => (await import('./validate.ts')).benchValidate()],
  ['synth', 'synthetic data', async () => (await import('./synth.ts')).benchSynth(sizes)],
  ['analyze', 'analysis', async () => (await import('./analyze.ts')).benchAnalyze({ ...(sizes ? { sizes } : {}), ...(runs ? { runs } : {}), ...(values['skip-r'] ? { withR: false } : {}) })],
  ['import', 'import and validate against papaparse', async () => (await import('./intake.ts')).benchIntake(sizes ? { sizes } : {})],
  ['reports', 'reports', async () => (await import('./report.ts')).benchReports()],
  ['programmes', 'programme documents', async () => (await import('./programmes.ts')).benchProgrammes(undefined, runs)],
  ['report-kit', 'report kit', async () => (await import('./report-kit.ts')).benchReportKit()],
  ['store', 'response store', async () => (await import('./store.ts')).benchStore()],
  ['server', 'server', async () => (await import('./server.ts')).benchServer()],
  ['pilot', 'pilot evaluation', async () => (await import('./pilot.ts')).benchPilot()],
];

const unknown = positionals.filter((p) => !sections.some(([key]) => key === p));
if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; the sections are ${sections.map(([key]) => key).join(', ')}`);
const chosen = positionals.length ? sections.filter(([key]) => positionals.includes(key)) : sections;

console.log(`diag benchmarks — node ${process.version}, ${cpus().length} cores, ${new Date().toISOString()}`);
if (chosen.length === 1) {
  const [, title, run] = chosen[0]!;
  console.log(`\n## ${title}`);
  for (const line of await run()) console.log(line);
} else {
  // This same script (with the same loader flags) once per section; its header line is dropped.
  const flags = [...(values.sizes ? ['--sizes', values.sizes] : []), ...(values.runs ? ['--runs', values.runs] : []), ...(values['skip-r'] ? ['--skip-r'] : [])];
  for (const [key] of chosen) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, key, ...flags], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    process.stdout.write(child.stdout.split('\n').slice(1).join('\n'));
    if (child.status !== 0) console.log(`(section ${key} exited with status ${child.status})`);
  }
}
