/**
 * `diag analyze` on 10,000 and 100,000 synthetic respondents, measured as a user waits for it: the command
 * `node bin/diag.js analyze --data … --frame … --out … --date 2026-11-24` run as a child process, timed from
 * here (Node start-up, module loading, reading, validating, analysing, writing, exit), with the child's
 * peak resident memory (printed by the preload bench/peak-rss.mjs as it exits).
 *
 * The steps come from the CLI's stderr stamps `analyze: <what was done> (t s)`, parsed as they come: each
 * step is the time from the stamp before to the one naming it. "start-up + exit" is the wall time less the
 * last stamp (Node and the CLI's own modules before the first stamp's clock starts, and the exit after the last);
 * the questionnaire, readers and analysis modules load after it starts (while the responses file is read ahead),
 * so "questionnaire loaded" includes them;
 * the header says whether the modules came from the prebuilt bundle or through tsx (src/runtime/load.js).
 *
 * The target (issue: 100,000 respondents in ≤ 3 s and ≤ 1 GB, with cost linear in respondents) is printed
 * beside the figures, and so is the ceiling where R and its survey package are installed: R working out the
 * estimates diag publishes for the areas and items from the same respondents and weights, compared number by number
 * (bench/r-survey.ts; up to 100,000 respondents); at 1,000,000 respondents (`npm run bench -- analyze --sizes 100000,1000000`, not run by
 * default) the 1 GB ceiling and the time against 100,000's (≤ 11×). A benchmark never fails on a slow machine.
 *
 * The inputs are made by `diag synth` in a child process (so this process holds none of them) and kept in
 * $TMPDIR/diag-bench-inputs/, made again when the questionnaire or the code that writes them changes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadingFrom } from '../src/runtime/load.js';
import { rSurveyCeiling } from './r-survey.ts';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'diag.js');
const preload = join(import.meta.dirname, 'peak-rss.mjs');

export const TARGET = { respondents: 100_000, seconds: 3, gigabytes: 1 };
/** The ceiling, R `survey` working out the same estimates (bench/r-survey.ts), up to this many respondents (R needs minutes at 100,000). */
const R_SURVEY_UP_TO = 100_000;
/** At a national scale (issue 15; `--sizes 1000000`): peak RSS ≤ 1 GB, and time linear: ≤ 11× that of 100,000. */
export const LARGE = { respondents: 1_000_000, gigabytes: 1, timeFactor: 11 };

export interface AnalyzeBenchOptions {
  /** false: leave out the ceiling, R survey working out the same estimates (default: where R is installed) */
  withR?: boolean;
  /** respondent counts (default 10,000 and 100,000) */
  sizes?: number[];
  /** runs per size; the fastest is reported in detail, with every run's wall time (default 3) */
  runs?: number;
}

export interface Step {
  what: string;
  seconds: number;
}

export interface Run {
  respondents: number;
  ok: boolean;
  wallSeconds: number;
  peakRssBytes: number;
  /** the CLI's stamps, in order: what was reached and when (s since the command's clock started) */
  stamps: { what: string; t: number }[];
  stderr: string;
}

export async function benchAnalyze(options: AnalyzeBenchOptions = {}): Promise<string[]> {
  const sizes = options.sizes ?? [10_000, TARGET.respondents];
  const runs = Math.max(1, options.runs ?? 3);
  const from = loadingFrom();
  const lines: string[] = [
    `analyze: \`node bin/diag.js analyze --data … --frame … --out …\` as a child process, wall clock from the parent, best of ${runs}; target at ${TARGET.respondents.toLocaleString('en')} respondents ≤ ${TARGET.seconds} s and ≤ ${TARGET.gigabytes} GB peak RSS; each step runs from the CLI's stamp before to the one naming it`,
    `analyze: modules loaded ${from.bundle ? 'from the prebuilt bundle (dist/)' : `through tsx: ${from.why}`}`,
  ];
  const out = join(tmpdir(), `diag-bench-results-${process.pid}.json`);
  const best = new Map<number, Run>();
  try {
    for (const n of sizes) {
      const { data, frame } = inputs(n);
      let fastest: Run | undefined;
      const walls: number[] = [];
      const loadBefore = loadavg()[0]!;
      for (let i = 0; i < runs; i++) {
        const run = runAnalyze(n, data, frame, out);
        walls.push(run.wallSeconds);
        if (!fastest || (run.ok && (!fastest.ok || run.wallSeconds < fastest.wallSeconds))) fastest = run;
      }
      best.set(n, fastest!);
      lines.push(...describeRun(fastest!, walls, [loadBefore, loadavg()[0]!]));
      if (options.withR !== false && fastest!.ok && n <= R_SURVEY_UP_TO) lines.push(...rSurveyCeiling(n, data, frame, fastest!.wallSeconds));
    }
  } finally {
    rmSync(out, { force: true });
  }
  const [small, large] = [sizes[0], sizes.at(-1)].map((n) => best.get(n!));
  if (small && large && large.respondents > small.respondents && small.ok && large.ok) {
    const r = (a: number, b: number) => `×${(a / b).toFixed(1)}`;
    const last = (run: Run) => run.stamps.at(-1)?.t ?? NaN;
    lines.push(
      `analyze: ${large.respondents.toLocaleString('en')} / ${small.respondents.toLocaleString('en')} respondents = ${r(large.respondents, small.respondents)} (what a cost linear in respondents would grow by): ` +
        `wall ${r(large.wallSeconds, small.wallSeconds)}, after start-up ${r(last(large), last(small))}, peak RSS ${r(large.peakRssBytes, small.peakRssBytes)}`,
    );
    const hundred = best.get(TARGET.respondents);
    if (large.respondents >= LARGE.respondents && hundred?.ok && large.respondents > hundred.respondents) {
      const allowed = LARGE.timeFactor * (large.respondents / LARGE.respondents);
      const grew = large.wallSeconds / hundred.wallSeconds;
      lines.push(`analyze: ${large.respondents.toLocaleString('en')} respondents took ×${grew.toFixed(1)} the time of 100,000 (linear: ≤ ×${allowed.toFixed(0)}): ${grew <= allowed ? 'PASS' : 'FAIL'}`);
    }
  }
  return lines;
}

/** Runs the command once, as a user would, and reads what it printed. */
export function runAnalyze(respondents: number, data: string, frame: string, out: string): Run {
  const args = ['--import', preload, bin, 'analyze', '--data', data, '--frame', frame, '--out', out, '--date', '2026-11-24'];
  const t0 = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, NODE_OPTIONS: '' } });
  const wallSeconds = (performance.now() - t0) / 1000;
  const stderr = child.stderr ?? '';
  const rss = /^bench: peak RSS (\d+) KB$/m.exec(stderr);
  return { respondents, ok: child.status === 0, wallSeconds, peakRssBytes: rss ? Number(rss[1]) * 1024 : NaN, stamps: parseStamps(stderr), stderr };
}

/** `analyze: <what> (t s)` lines, in order. */
export function parseStamps(stderr: string): { what: string; t: number }[] {
  const stamps: { what: string; t: number }[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^analyze: (.*) \((\d+(?:\.\d+)?) s\)$/.exec(line.trimEnd());
    if (m) stamps.push({ what: m[1]!, t: Number(m[2]) });
  }
  return stamps;
}

/** The time from each stamp to the next, named by the stamp reached; "start-up + exit" is the rest of the wall time. */
export function steps(run: Pick<Run, 'stamps' | 'wallSeconds'>): Step[] {
  const out: Step[] = [];
  let before = 0;
  for (const s of run.stamps) {
    out.push({ what: shortName(s.what), seconds: s.t - before });
    before = s.t;
  }
  out.unshift({ what: 'start-up + exit', seconds: run.wallSeconds - before });
  return out;
}

/** "read 1500 responses, validated" → "read 1500 responses, validated"; the last stamp, "… results written to FILE" → "results written". */
function shortName(what: string): string {
  return what.includes('results written') ? 'results written' : what.trim();
}

/** `load` is the 1-minute load average before the runs of a size and after them (on the machine's `cpus().length` cores). */
function describeRun(run: Run, walls: number[], load: [number, number]): string[] {
  const n = run.respondents.toLocaleString('en');
  const gb = run.peakRssBytes / 1e9; // decimal GB (10⁹ bytes), the stricter reading of the 1 GB ceiling
  if (!run.ok) return [`analyze: ${n} respondents: FAILED after ${run.wallSeconds.toFixed(2)} s`, run.stderr.slice(-2000)];
  let verdict = '';
  const memory = `≤ ${TARGET.gigabytes} GB: ${gb <= TARGET.gigabytes ? 'PASS' : 'FAIL'}`;
  if (run.respondents === TARGET.respondents) {
    const time = run.wallSeconds <= TARGET.seconds;
    verdict = ` — target ≤ ${TARGET.seconds} s: ${time ? 'PASS' : 'FAIL'}, ${memory}`;
  } else if (run.respondents >= LARGE.respondents) {
    verdict = ` — ceiling ${memory}`;
  }
  const width = Math.max(...steps(run).map((s) => s.what.length));
  const cpu = /^bench: cpu (\d+(?:\.\d+)?) s$/m.exec(run.stderr)?.[1];
  return [
    `analyze: ${n} respondents: ${run.wallSeconds.toFixed(2)} s wall${cpu ? ` (CPU ${Number(cpu).toFixed(2)} s)` : ''}, peak RSS ${gb.toFixed(2)} GB${verdict}${walls.length > 1 ? ` (runs: ${walls.map((w) => w.toFixed(2)).join(', ')} s)` : ''}; load average ${load[0].toFixed(1)} before, ${load[1].toFixed(1)} after, on ${cpus().length} cores`,
    ...steps(run).map((s) => `    ${s.what.padEnd(width)}  ${s.seconds.toFixed(2).padStart(6)} s`),
  ];
}

/** The synthetic responses and frame for n respondents: made once by `diag synth`, then reused while nothing they depend on changes. */
export function inputs(n: number): { data: string; frame: string } {
  const key = inputsKey();
  const base = join(tmpdir(), 'diag-bench-inputs');
  const dir = join(base, key);
  const data = join(dir, `responses-${n}.csv`);
  const frame = join(dir, `frame-${n}.csv`);
  if (existsSync(data) && existsSync(frame)) return { data, frame };
  if (existsSync(base)) for (const old of readdirSync(base)) if (old !== key) rmSync(join(base, old), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const partial = `${data}.part`;
  const t0 = performance.now();
  const synth = spawnSync(process.execPath, [bin, 'synth', '--respondents', String(n), '--seed', 'bench', '--out', partial, '--frame-out', frame], { cwd: root, encoding: 'utf8' });
  if (synth.status !== 0) throw new Error(`diag synth failed:\n${synth.stderr}`);
  renameSync(partial, data);
  process.stderr.write(`analyze bench: made ${n.toLocaleString('en')} synthetic respondents in ${((performance.now() - t0) / 1000).toFixed(1)} s (kept in ${dir})\n`);
  return { data, frame };
}

/** A hash of everything the synthetic inputs depend on: the questionnaire and the code that generates and writes them. */
function inputsKey(): string {
  const hash = createHash('sha256');
  const add = (path: string): void => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
    else hash.update(path.slice(root.length)).update(readFileSync(path));
  };
  for (const p of ['surveys', 'src/synth', 'src/questionnaire', 'src/responses/csv.ts', 'src/sampling', 'src/domain']) add(join(root, p));
  return hash.digest('hex').slice(0, 16);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv[2] ? process.argv[2].split(',').map(Number) : undefined;
  for (const l of await benchAnalyze(sizes ? { sizes } : {})) console.log(l);
}
