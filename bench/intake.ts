/**
 * `diag validate` and `diag import` on large CSV files, side by side with papaparse's raw parse of the same file,
 * in one run: the issue's targets are flat memory (peak RSS ≤ 300 MB at any size) and a rate of at least half of
 * papaparse's.
 *
 * Each command runs as a user runs it, `node bin/diag.js validate FILE` / `node bin/diag.js import FILE` (into a
 * fresh SQLite store in a temporary data folder), as a child process timed from here, with its peak RSS and CPU
 * time printed by the preload bench/peak-rss.mjs. papaparse parses the file in a child process of its own
 * (bench/papaparse-parse.mjs), streamed from disk row by row (`step`) and chunk by chunk (`chunk`), timed inside
 * (its Node start-up not counted, which only favours papaparse); the faster of the two is the baseline. Rates are
 * MB of CSV a second of wall time. On a machine shared with other work the wall times vary: the CPU seconds are
 * printed too.
 *
 * Inputs: synthetic responses made by `diag synth` (bench/analyze.ts `inputs`, cached in $TMPDIR). Sizes default to
 * 10,000 and 100,000 respondents (about 4.7 and 47 MB); `npm run bench -- import --sizes 1000000` adds a 470 MB
 * file. `diag synth` holds its respondents in memory and cannot make a million, so sizes above 100,000 are copies of
 * the 100,000 file with new respondent ids (`S000001-2`, …), made once and kept beside it.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadingFrom } from '../src/runtime/load.js';
import { inputs } from './analyze.ts';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'diag.js');
const preload = join(import.meta.dirname, 'peak-rss.mjs');

export const INTAKE_TARGET = { peakMB: 300, ratio: 0.5 };
const SYNTH_MAX = 100_000;

/** The input of n respondents: `diag synth`'s up to 100,000, above that copies of its 100,000 with new ids. */
function inputFor(n: number): string {
  if (n <= SYNTH_MAX) return inputs(n).data;
  const base = inputs(SYNTH_MAX).data;
  const path = join(dirname(base), `responses-${n}-copies.csv`);
  if (existsSync(path)) return path;
  const text = readFileSync(base, 'utf8');
  const [header, ...rows] = text.split('\n').filter((l) => l !== '');
  // the synthetic file has no line break inside a cell: a row is a line, its id the text before the first ";"
  if (text.includes('\r') || rows.some((r) => (r.match(/"/g)?.length ?? 0) % 2 !== 0)) throw new Error(`${base}: a cell holds a line break; cannot copy it line by line`);
  const partial = `${path}.part`;
  const fd = openSync(partial, 'w');
  writeSync(fd, `${header}\n`);
  for (let copy = 0, written = 0; written < n; copy++) {
    const part: string[] = [];
    for (const r of rows) {
      if (written++ >= n) break;
      part.push(copy === 0 ? r : r.replace(/^([^;]*);/, `$1-${copy + 1};`));
    }
    writeSync(fd, `${part.join('\n')}\n`);
  }
  closeSync(fd);
  renameSync(partial, path);
  return path;
}

interface Measure {
  ok: boolean;
  wall: number;
  cpu: number;
  peakMB: number;
  out: string;
}

function runDiag(args: string[], env: Record<string, string>): Measure {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['--import', preload, bin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, NODE_OPTIONS: '', ...env } });
  const wall = (performance.now() - t0) / 1000;
  const stderr = child.stderr ?? '';
  const rss = /^bench: peak RSS (\d+) KB$/m.exec(stderr);
  const cpu = /^bench: cpu (\d+(?:\.\d+)?) s$/m.exec(stderr);
  return { ok: child.status === 0, wall, cpu: cpu ? Number(cpu[1]) : NaN, peakMB: rss ? Number(rss[1]) / 1024 : NaN, out: `${child.stdout}${stderr}`.slice(-1500) };
}

function papaparse(file: string): { step: { seconds: number; cpu: number; rows: number }; chunk: { seconds: number; cpu: number; rows: number } } {
  const child = spawnSync(process.execPath, [join(import.meta.dirname, 'papaparse-parse.mjs'), file], { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 });
  if (child.status !== 0) throw new Error(`papaparse baseline failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

export async function benchIntake(options: { sizes?: number[] } = {}): Promise<string[]> {
  const sizes = options.sizes ?? [10_000, 100_000];
  const from = loadingFrom();
  const lines = [
    `import: \`diag validate FILE\` and \`diag import FILE\` (fresh SQLite store) as child processes, wall clock from the parent, beside papaparse's raw parse of the same file (streamed, the faster of step and chunk, timed inside its process); targets: peak RSS ≤ ${INTAKE_TARGET.peakMB} MB, rate ≥ ${INTAKE_TARGET.ratio} × papaparse's`,
    `import: modules loaded ${from.bundle ? 'from the prebuilt bundle (dist/)' : `through tsx: ${from.why}`}`,
  ];
  const measured = new Map<number, { validate: Measure; import: Measure }>();
  for (const n of sizes) {
    const data = inputFor(n);
    const mb = statSync(data).size / 1e6;
    const papa = papaparse(data);
    const base = papa.chunk.seconds < papa.step.seconds ? { mode: 'chunk', ...papa.chunk } : { mode: 'step', ...papa.step };
    const dir = mkdtempSync(join(tmpdir(), 'diag-bench-import-'));
    let validate: Measure;
    let imported: Measure;
    try {
      validate = runDiag(['validate', data, '--max', '1'], { DIAG_DATA_DIR: dir, DATABASE_URL: '' });
      imported = runDiag(['import', data], { DIAG_DATA_DIR: dir, DATABASE_URL: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    measured.set(n, { validate, import: imported });
    const rate = (seconds: number) => mb / seconds;
    const head = `import: ${n.toLocaleString('en')} respondents (${mb.toFixed(1)} MB)`;
    lines.push(
      `${head}: papaparse step ${papa.step.seconds.toFixed(2)} s (${rate(papa.step.seconds).toFixed(1)} MB/s, cpu ${papa.step.cpu.toFixed(2)} s), chunk ${papa.chunk.seconds.toFixed(2)} s (${rate(papa.chunk.seconds).toFixed(1)} MB/s, cpu ${papa.chunk.cpu.toFixed(2)} s); baseline ${base.mode}`,
    );
    for (const [what, m] of [['validate', validate], ['import', imported]] as const) {
      if (!m.ok) {
        lines.push(`${head}: diag ${what} FAILED after ${m.wall.toFixed(2)} s`, m.out);
        continue;
      }
      const ratio = rate(m.wall) / rate(base.seconds);
      const cpuRatio = base.cpu / m.cpu;
      const memory = m.peakMB <= INTAKE_TARGET.peakMB;
      const speed = ratio >= INTAKE_TARGET.ratio;
      lines.push(
        `${head}: diag ${what.padEnd(8)} ${m.wall.toFixed(2).padStart(6)} s wall (${rate(m.wall).toFixed(1)} MB/s, ${Math.round(n / m.wall).toLocaleString('en')} rows/s), cpu ${m.cpu.toFixed(2)} s, peak RSS ${m.peakMB.toFixed(0)} MB — ` +
          `rate / papaparse ${ratio.toFixed(2)} (by cpu ${cpuRatio.toFixed(2)}): ${speed ? 'PASS' : 'FAIL'}; ≤ ${INTAKE_TARGET.peakMB} MB: ${memory ? 'PASS' : 'FAIL'}`,
      );
    }
  }
  lines.push(...linearity(measured));
  return lines;
}

/** Time against respondents, largest size against smallest: linear is ×(size ratio); the target allows 10 % more (×11 for ×10). */
function linearity(measured: Map<number, { validate: Measure; import: Measure }>): string[] {
  const ns = [...measured.keys()].sort((a, b) => a - b);
  const [small, large] = [ns[0], ns.at(-1)];
  if (small === undefined || large === undefined || large <= small) return [];
  const grown = large / small;
  const allowed = 1.1 * grown;
  const parts: string[] = [];
  for (const what of ['validate', 'import'] as const) {
    const a = measured.get(small)![what];
    const b = measured.get(large)![what];
    if (!a.ok || !b.ok) continue;
    const wall = b.wall / a.wall;
    const cpu = b.cpu / a.cpu;
    parts.push(`diag ${what} wall ×${wall.toFixed(1)}, cpu ×${cpu.toFixed(1)}: ${wall <= allowed ? 'PASS' : 'FAIL'}`);
  }
  return parts.length ? [`import: ${large.toLocaleString('en')} / ${small.toLocaleString('en')} respondents = ×${grown.toFixed(0)} (linear: time ≤ ×${allowed.toFixed(0)}): ${parts.join('; ')}`] : [];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv[2] ? process.argv[2].split(',').map(Number) : undefined;
  for (const l of await benchIntake(sizes ? { sizes } : {})) console.log(l);
}
