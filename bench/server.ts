/**
 * The web server under load: autocannon against real servers on 127.0.0.1, each in its own process, each run
 * bounded to a few seconds.
 *
 * 1. ceiling: a bare Fastify route that parses the same JSON bodies and stores nothing (bench/server-bare.ts);
 * 2. `diag serve` on a real SQLite store (WAL, synchronous = FULL, group commit) in a temporary data folder, rate
 *    limit off, log level warn: POST /api/s/<token>/responses with complete, valid synthetic questionnaires, each
 *    request with its own draft id (so its own respondent id) spread over the invitations of a wave with enough
 *    slots — every 201 is a validated, durably stored response. First as fast as it goes (closed loop), then at a
 *    fixed 2,000 requests/s (open loop: latency as respondents would see it at that load).
 * Afterwards the store is opened again and must hold exactly the responses acknowledged with 201.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadQuestionnaire } from '../src/questionnaire/load.ts';
import { validateResponse } from '../src/questionnaire/validate.ts';
import { openStore } from '../src/responses/store/open.ts';
import { hashToken } from '../src/responses/store/tokens.ts';
import type { NewInvitation } from '../src/responses/store/types.ts';
import { generateSynthetic } from '../src/synth/generate.ts';

const ROOT = join(import.meta.dirname, '..');
const DURATION_SEC = 8;
const CONNECTIONS = 32;

interface Target {
  url: string;
  child: ChildProcess;
}

/** Starts a server process and waits for its "listening on URL" line (at most 30 s). */
function startChild(args: string[], env: Record<string, string>): Promise<Target> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start: ${err}`)); }, 30_000);
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child });
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${err}`)); });
  });
}

async function stopChild(t: Target): Promise<void> {
  if (t.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => t.child.once('exit', () => resolve()));
  t.child.kill('SIGTERM');
  const timer = setTimeout(() => t.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** `DIAG_BENCH_PROFILE=DIR`: the servers under test write a V8 CPU profile there (`node --cpu-prof`) when they stop. */
function profileFlags(name: string): string[] {
  const dir = process.env.DIAG_BENCH_PROFILE;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `server-${name}-${Date.now()}.cpuprofile`] : [];
}

interface Load {
  tokens: string[];
  /** JSON of the answers of each token's respondents */
  bodies: string[][];
}

/** A frame, a wave over the synthetic sample with 500 slots per JST, and each JST's valid synthetic answers. */
async function prepare(dataDir: string): Promise<Load> {
  const q = loadQuestionnaire();
  const synth = generateSynthetic(q, { respondents: 2_000, seed: 'bench-server' });
  const byJst = new Map<string, string[]>();
  for (const r of synth.responses) {
    if (!validateResponse(q, r).ok) continue;
    const teryt = String(r.data[q.roles.teryt]);
    byJst.set(teryt, [...(byJst.get(teryt) ?? []), JSON.stringify(r.data)]);
  }
  const units = synth.sampled.filter((u) => byJst.has(u.teryt));
  const tokens = units.map((_, i) => `bench-token-${String(i).padStart(6, '0')}-0123456789`);
  const store = await openStore({ dataDir, databaseUrl: '' });
  try {
    const { frame } = await store.importFrame({ name: 'bench', version: '1', source: 'bench' }, synth.frame);
    const invitations: NewInvitation[] = units.map((u, i) => ({ teryt: u.teryt, tokenHash: hashToken(tokens[i]!), slots: 500, stratum: u.kind, inclusionProbability: 1, baseWeight: 1 }));
    await store.createWave({ name: 'bench', frameId: frame.id, sampleSize: units.length, strata: ['kind'], allocation: 'equal', seed: 'bench', slots: 500, allocationTable: [], secretFingerprint: '0'.repeat(16) }, invitations);
  } finally {
    await store.close();
  }
  return { tokens, bodies: units.map((u) => byJst.get(u.teryt)!) };
}

interface Outcome {
  ok: number;
  other: number;
  errors: number;
  perSec: number;
  p50: number;
  p99: number;
  max: number;
}

/** One autocannon run: each request a fresh draft id, round robin over the invitations. */
async function run(url: string, load: Load, prefix: string, options: { overallRate?: number; expect: number }): Promise<Outcome> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_SEC,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => {
        const i = n++;
        const k = i % load.tokens.length;
        const answers = load.bodies[k]!;
        return {
          ...req,
          path: `/api/s/${load.tokens[k]}/responses`,
          body: `{"draftId":"${prefix}${String(i).padStart(16, '0')}","data":${answers[Math.floor(i / load.tokens.length) % answers.length]}}`,
        };
      },
    }],
  });
  const codes = (result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats ?? {};
  const ok = codes[String(options.expect)]?.count ?? 0;
  const all = Object.values(codes).reduce((a, c) => a + c.count, 0);
  return { ok, other: all - ok, errors: result.errors + result.timeouts, perSec: ok / DURATION_SEC, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max };
}

function line(label: string, o: Outcome): string {
  const rate = Math.round(o.perSec).toLocaleString('en');
  return `${label}: ${rate}/s accepted (${o.ok.toLocaleString('en')} in ${DURATION_SEC} s${o.other ? `, ${o.other} other statuses` : ''}${o.errors ? `, ${o.errors} errors` : ''}); latency p50 ${o.p50} ms, p99 ${o.p99} ms, max ${o.max} ms`;
}

export async function benchServer(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'diag-bench-server-'));
  const lines: string[] = [`server: ${CONNECTIONS} connections, ${DURATION_SEC} s per run, ~10 KB JSON bodies, server and autocannon in separate processes`];
  try {
    const load = await prepare(dir);
    const bare = await startChild(['--import', 'tsx', join('bench', 'server-bare.ts')], {});
    try {
      lines.push(line('server ceiling (bare Fastify route, JSON parsed, nothing stored)', await run(bare.url, load, 'c', { expect: 201 })));
    } finally {
      await stopChild(bare);
    }
    const app = await startChild([...profileFlags('sqlite'), join('bin', 'diag.js'), 'serve', '--port', '0', '--rate-limit', 'off', '--log-level', 'warn'], { DIAG_DATA_DIR: dir, DATABASE_URL: '' });
    let acknowledged = 0;
    try {
      const closed = await run(app.url, load, 'a', { expect: 201 });
      acknowledged += closed.ok;
      lines.push(line('server sqlite: validated durable submissions, closed loop', closed));
      const open = await run(app.url, load, 'b', { overallRate: 2_000, expect: 201 });
      acknowledged += open.ok;
      lines.push(line('server sqlite: validated durable submissions at 2,000/s offered', open));
    } finally {
      await stopChild(app);
    }
    const store = await openStore({ dataDir: dir, databaseUrl: '' });
    try {
      const stored = await store.countResponses();
      // autocannon stops counting at the deadline: up to one request per connection and run is still in flight then,
      // stored (and acknowledged) after autocannon stopped listening
      const inFlight = stored - acknowledged;
      const ok = inFlight >= 0 && inFlight <= 2 * CONNECTIONS;
      lines.push(`server sqlite: ${stored.toLocaleString('en')} responses in the store after the runs: ${acknowledged.toLocaleString('en')} acknowledged with 201 within the runs, ${inFlight} still in flight at their deadlines${ok ? '' : ' — MISMATCH: the store and the acknowledgements disagree'}`);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await benchServer()) console.log(l);
}
