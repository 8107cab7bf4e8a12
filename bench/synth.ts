/**
 * `diag synth` as a user runs it: `node bin/diag.js synth --respondents N --seed bench --out FILE` in a child process,
 * wall clock from here, peak resident memory from the preload bench/peak-rss.mjs. It streams its CSV
 * (synth/write-csv.ts): the targets (issue 15) are ≤ 300 MB peak RSS at any size and time linear in respondents
 * (1,000,000 in ≤ 11× the time of 100,000). Default sizes 10,000 and 100,000; `npm run bench -- synth --sizes
 * 100000,1000000` for the million (a file of about 1 GB, deleted afterwards).
 */
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'diag.js');
const preload = join(import.meta.dirname, 'peak-rss.mjs');
const CEILING_MB = 300;

interface SynthRun {
  respondents: number;
  ok: boolean;
  seconds: number;
  peakMb: number;
  /** CPU time of the child (user + system), which a busy machine disturbs less than the wall clock */
  cpuSeconds: number;
  fileMb: number;
  stderr: string;
}

function runSynth(respondents: number): SynthRun {
  const out = join(tmpdir(), `diag-bench-synth-${process.pid}-${respondents}.csv`);
  try {
    const t0 = performance.now();
    const child = spawnSync(process.execPath, ['--import', preload, bin, 'synth', '--respondents', String(respondents), '--seed', 'bench', '--out', out], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const seconds = (performance.now() - t0) / 1000;
    const rss = /^bench: peak RSS (\d+) KB$/m.exec(child.stderr ?? '');
    let fileMb = NaN;
    try {
      fileMb = statSync(out).size / 1e6;
    } catch {
      // no file: the run failed
    }
    const cpu = /^bench: cpu (\d+(?:\.\d+)?) s$/m.exec(child.stderr ?? '');
    return { respondents, ok: child.status === 0, seconds, peakMb: rss ? Number(rss[1]) / 1024 : NaN, cpuSeconds: cpu ? Number(cpu[1]) : NaN, fileMb, stderr: child.stderr ?? '' };
  } finally {
    rmSync(out, { force: true });
  }
}

export function benchSynth(sizes: number[] = [10_000, 100_000]): string[] {
  const lines = [`synth: \`node bin/diag.js synth --respondents N --out FILE\` as a child process; ceiling ${CEILING_MB} MB peak RSS at any size, time linear in respondents`];
  const runs: SynthRun[] = [];
  for (const n of sizes) {
    const run = runSynth(n);
    runs.push(run);
    const label = `synth: ${n.toLocaleString('en')} respondents`;
    if (!run.ok) {
      lines.push(`${label}: FAILED after ${run.seconds.toFixed(1)} s`, run.stderr.slice(-1500));
      continue;
    }
    lines.push(`${label}: ${run.seconds.toFixed(2)} s wall (CPU ${run.cpuSeconds.toFixed(2)} s), ${run.fileMb.toFixed(0)} MB of CSV, peak RSS ${run.peakMb.toFixed(0)} MB (ceiling ${CEILING_MB} MB): ${run.peakMb <= CEILING_MB ? 'PASS' : 'FAIL'}`);
  }
  const ok = runs.filter((r) => r.ok);
  if (ok.length >= 2) {
    const [small, large] = [ok[0]!, ok.at(-1)!];
    const factor = large.respondents / small.respondents;
    const grew = large.seconds / small.seconds;
    const grewCpu = large.cpuSeconds / small.cpuSeconds;
    const allowed = factor * 1.1;
    lines.push(`synth: ${large.respondents.toLocaleString('en')} / ${small.respondents.toLocaleString('en')} respondents = ×${factor.toFixed(0)}: wall ×${grew.toFixed(1)}, CPU ×${grewCpu.toFixed(1)} (linear: ≤ ×${allowed.toFixed(0)}: wall ${grew <= allowed ? 'PASS' : 'FAIL'}, CPU ${grewCpu <= allowed ? 'PASS' : 'FAIL'}), peak RSS ×${(large.peakMb / small.peakMb).toFixed(2)}`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv[2] ? process.argv[2].split(',').map(Number) : undefined;
  for (const l of benchSynth(sizes)) console.log(l);
}
