/**
 * From responses CSV bytes to the analysis dataset: the fast reader (`prepareCsv`) on 10,000 and 100,000
 * synthetic respondents against the reference path (`readResponsesCsv` + `validateResponse` + the dataset)
 * on 10,000. Each measurement runs in a child process of its own, so that its peak memory is its own:
 * the best of N runs (the first one also pays for the JIT), the memory the result keeps alive (after a
 * collection) and the process's peak RSS (which includes the file's bytes, the garbage of earlier runs
 * and Node with tsx, ~100 MB). The input files are made first and not timed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareCsvReference, readCsvFast } from '../src/dataset/from-csv/index.ts';
import { loadQuestionnaire } from '../src/questionnaire/load.ts';
import { writeResponsesCsv } from '../src/responses/csv.ts';
import { generateSynthetic } from '../src/synth/generate.ts';

interface Measured {
  runs: number[];
  heapMB: number;
  buffersMB: number;
  rssMB: number;
  rows: number;
  checked: number;
}

export function benchPrepareCsv(options: { sizes?: number[]; runs?: number } = {}): string[] {
  const sizes = options.sizes ?? [10_000, 100_000];
  const runs = options.runs ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'diag-bench-csv-'));
  const lines: string[] = [];
  try {
    for (const n of sizes) {
      const file = join(dir, `responses-${n}.csv`);
      // made in a process of its own: the generator's garbage, collected meanwhile, would slow the measurement
      const made = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, 'generate', file, String(n)], { encoding: 'utf8' });
      if (made.status !== 0) throw new Error(`cannot make ${file}: ${made.stderr.slice(-2000)}`);
      const mb = (readFileSync(file).length / 1e6).toFixed(1);
      const modes = n <= 10_000 ? (['fast', 'reference'] as const) : (['fast'] as const);
      for (const mode of modes) {
        const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, 'child', file, mode, String(runs)], { encoding: 'utf8', maxBuffer: 16 << 20 });
        const out = child.stdout.split('\n').find((l) => l.startsWith('{'));
        if (child.status !== 0 || !out) {
          lines.push(`prepare-csv: ${n.toLocaleString('en')} respondents, ${mode}: failed\n${child.stderr.slice(-2000)}`);
          continue;
        }
        const m = JSON.parse(out) as Measured;
        const best = Math.min(...m.runs);
        const what = mode === 'fast' ? `prepareCsv (${m.checked === m.rows ? 'every row checked by the fast path' : `${m.checked} of ${m.rows} rows checked by the fast path`})` : 'reference path (readResponsesCsv + validateResponse + dataset)';
        lines.push(`prepare-csv: ${n.toLocaleString('en')} respondents (${mb} MB), ${what}: best ${(best / 1000).toFixed(2)} s of [${m.runs.map((t) => (t / 1000).toFixed(2)).join(', ')}]; with the result alive: heap ${m.heapMB} MB + array buffers ${m.buffersMB} MB (the file's bytes and the dataset's columns); peak RSS ${m.rssMB} MB`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

/** A child: writes the synthetic responses file of `n` respondents. */
function generate(file: string, n: number): void {
  const q = loadQuestionnaire();
  writeFileSync(file, writeResponsesCsv(q, generateSynthetic(q, { respondents: n, seed: 'bench' }).responses));
}

/** The child: reads the file once, prepares it `runs` times and prints the figures as JSON. */
function child(file: string, mode: string, runs: number): void {
  const q = loadQuestionnaire();
  const bytes = readFileSync(file);
  const times: number[] = [];
  let rows = 0;
  let checked = 0;
  let kept: unknown;
  for (let i = 0; i < runs; i++) {
    kept = undefined;
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    if (mode === 'fast') {
      const read = readCsvFast(q, bytes, file);
      kept = read?.prepared ?? prepareCsvReference(q, bytes, file);
      rows = read?.rows ?? 0;
      checked = read?.checked ?? 0;
    } else kept = prepareCsvReference(q, bytes, file);
    times.push(performance.now() - t0);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const heapMB = Math.round(memory.heapUsed / 1e6);
  const buffersMB = Math.round(memory.arrayBuffers / 1e6);
  const rssMB = Math.round(process.resourceUsage().maxRSS / 1e3);
  console.log(JSON.stringify({ runs: times, heapMB, buffersMB, rssMB, rows, checked, kept: kept !== undefined } satisfies Measured & { kept: boolean }));
}

if (process.argv[2] === 'generate') generate(process.argv[3]!, Number(process.argv[4]));
else if (process.argv[2] === 'child') child(process.argv[3]!, process.argv[4]!, Number(process.argv[5] ?? 3));
else if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchPrepareCsv(process.argv[2] ? { sizes: [Number(process.argv[2])] } : {})) console.log(l);
