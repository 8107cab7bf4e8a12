/**
 * The web server under load: autocannon against real servers on 127.0.0.1, each in its own process, each run
 * bounded to a few seconds.
 *
 * 1. ceiling: a bare Fastify route that parses the same JSON bodies and stores nothing (bench/server-bare.ts);
 * 2. `diag serve` on a real SQLite store (WAL, every acknowledgement fsynced, group commit) in a temporary data
 *    folder, rate limit off, log level warn: POST /api/s/<token>/responses with complete, valid synthetic
 *    questionnaires, each request with its own draft id (so its own respondent id) spread over the invitations of a
 *    wave with enough slots — every 201 is a validated, durably stored response. First as fast as it goes (closed
 *    loop), then at a fixed 2,000 requests/s (open loop: latency as respondents would see it at that load);
 * 3. the same on PostgreSQL (127.0.0.1:5432, `DIAG_BENCH_DATABASE_URL` or TEST_DATABASE_URL's default), in a schema
 *    of its own, dropped afterwards; skipped with a message when PostgreSQL cannot be reached.
 * Afterwards each store must hold exactly the responses acknowledged with 201. Printed beside the targets of issue 15:
 * SQLite ≥ 0.4× the bare route's rate and p99 ≤ 50 ms at 2,000/s offered; PostgreSQL ≥ 0.25× and one round trip per
 * submission (counted on the store's client).
 *
 * `DIAG_BENCH_PROFILE=DIR` makes the servers under test write a V8 CPU profile there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadQuestionnaire } from '../src/questionnaire/load.ts';
import { validateResponse } from '../src/questionnaire/validate.ts';
import { openStore, type StoreOptions } from '../src/responses/store/open.ts';
import { hashToken } from '../src/responses/store/tokens.ts';
import type { NewInvitation } from '../src/responses/store/types.ts';
import { generateSynthetic } from '../src/synth/generate.ts';
import { countStatements } from './pg-statements.ts';

const ROOT = join(import.meta.dirname, '..');
const DURATION_SEC = 8;
const CONNECTIONS = 32;

interface Target {
  url: string;
  child: ChildProcess;
  /** CPU time the server has used so far, in µs (see bench/cpu-report.mjs) */
  cpu(): Promise<number>;
}

const CPU_REPORT = join(import.meta.dirname, 'cpu-report.mjs');

/** Starts a server process and waits for its "listening on URL" line (at most 30 s). */
function startChild(args: string[], env: Record<string, string>): Promise<Target> {
  const child = spawn(process.execPath, ['--import', CPU_REPORT, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let waiting: ((us: number) => void)[] = [];
  const cpu = () => new Promise<number>((resolve) => {
    waiting.push(resolve);
    child.kill('SIGUSR2');
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start: ${err}`)); }, 30_000);
    child.stderr!.on('data', (b: Buffer) => {
      const text = b.toString();
      for (const m of text.matchAll(/^bench-cpu (\d+)$/gm)) {
        const settle = waiting;
        waiting = [];
        for (const f of settle) f(Number(m[1]));
      }
      err += text.replace(/^bench-cpu \d+\n?/gm, '');
    });
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child, cpu });
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
async function prepare(storeOptions: StoreOptions): Promise<Load> {
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
  const store = await openStore(storeOptions);
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
  /** server CPU time per accepted request, µs */
  cpuPerOk: number;
  ok: number;
  other: number;
  errors: number;
  perSec: number;
  p50: number;
  p99: number;
  max: number;
}

/** One autocannon run: each request a fresh draft id, round robin over the invitations. */
async function run(target: Target, load: Load, prefix: string, options: { overallRate?: number; expect: number }): Promise<Outcome> {
  let n = 0;
  const cpuBefore = await target.cpu();
  const result = await autocannon({
    url: target.url,
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
  const cpuUsed = (await target.cpu()) - cpuBefore;
  return { cpuPerOk: ok ? cpuUsed / ok : NaN, ok, other: all - ok, errors: result.errors + result.timeouts, perSec: ok / DURATION_SEC, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max };
}

function line(label: string, o: Outcome): string {
  const rate = Math.round(o.perSec).toLocaleString('en');
  return `${label}: ${rate}/s accepted (${o.ok.toLocaleString('en')} in ${DURATION_SEC} s${o.other ? `, ${o.other} other statuses` : ''}${o.errors ? `, ${o.errors} errors` : ''}); latency p50 ${o.p50} ms, p99 ${o.p99} ms, max ${o.max} ms; server CPU ${Math.round(o.cpuPerOk)} µs per accepted request`;
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** Bytes of the request bodies sent: smallest, median, largest. */
function bodySizes(load: Load): string {
  const sizes = load.bodies.flat().map((b) => Buffer.byteLength(b) + 40).sort((a, b) => a - b);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return `JSON bodies of ${kb(sizes[0]!)}–${kb(sizes[sizes.length - 1]!)} (median ${kb(sizes[Math.floor(sizes.length / 2)]!)})`;
}

interface BackendRun {
  closed: Outcome;
  open: Outcome;
  lines: string[];
}

/** `diag serve` on one back end: closed loop, 2,000/s offered, and the store checked against the acknowledgements. */
async function runBackend(name: 'sqlite' | 'postgres', load: Load, env: Record<string, string>, storeOptions: StoreOptions): Promise<BackendRun> {
  const lines: string[] = [];
  const app = await startChild([...profileFlags(name), join('bin', 'diag.js'), 'serve', '--port', '0', '--rate-limit', 'off', '--log-level', 'warn'], env);
  let acknowledged = 0;
  let closed: Outcome;
  let open: Outcome;
  try {
    closed = await run(app, load, `${name[0]}a`, { expect: 201 });
    acknowledged += closed.ok;
    lines.push(line(`server ${name}: validated durable submissions, closed loop`, closed));
    open = await run(app, load, `${name[0]}b`, { overallRate: 2_000, expect: 201 });
    acknowledged += open.ok;
    lines.push(line(`server ${name}: validated durable submissions at 2,000/s offered`, open));
  } finally {
    await stopChild(app);
  }
  const store = await openStore(storeOptions);
  try {
    const stored = await store.countResponses();
    // autocannon stops counting at the deadline: up to one request per connection and run is still in flight then,
    // stored (and acknowledged) after autocannon stopped listening
    const inFlight = stored - acknowledged;
    const ok = inFlight >= 0 && inFlight <= 2 * CONNECTIONS;
    lines.push(`server ${name}: ${stored.toLocaleString('en')} responses in the store after the runs: ${acknowledged.toLocaleString('en')} acknowledged with 201 within the runs, ${inFlight} still in flight at their deadlines${ok ? '' : ' — MISMATCH: the store and the acknowledgements disagree'}`);
  } finally {
    await store.close();
  }
  return { closed, open, lines };
}

/** Statements the PostgreSQL store sends for one fresh submission through an invitation (each one round trip). */
async function roundTripsPerSubmission(storeOptions: StoreOptions, load: Load): Promise<number> {
  const store = await openStore(storeOptions);
  try {
    const data = JSON.parse(load.bodies[0]![0]!) as Record<string, unknown>;
    const submit = () => store.submitResponse({ id: `rt${randomBytes(6).toString('hex')}`, data, meta: { source: 'web' }, tokenHash: hashToken(load.tokens[0]!), clientDraftId: 'round-trips' });
    return (await countStatements(submit)).statements;
  } finally {
    await store.close();
  }
}

const PG_URL = process.env.DIAG_BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function benchServer(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'diag-bench-server-'));
  const lines: string[] = [];
  const summary: string[] = [];
  try {
    const sqliteStore: StoreOptions = { dataDir: dir, databaseUrl: '' };
    const load = await prepare(sqliteStore);
    lines.push(`server: ${CONNECTIONS} connections, ${DURATION_SEC} s per run, ${bodySizes(load)}, server and autocannon in separate processes`);
    const bare = await startChild([...profileFlags('bare'), '--import', 'tsx', join('bench', 'server-bare.ts')], {});
    let ceiling: Outcome;
    try {
      ceiling = await run(bare, load, 'c', { expect: 201 });
      lines.push(line('server ceiling (bare Fastify route, JSON parsed, nothing stored)', ceiling));
    } finally {
      await stopChild(bare);
    }

    const sqlite = await runBackend('sqlite', load, { DIAG_DATA_DIR: dir, DATABASE_URL: '' }, sqliteStore);
    lines.push(...sqlite.lines);
    const ratio = sqlite.closed.perSec / ceiling.perSec;
    summary.push(`server sqlite: ${ratio.toFixed(2)}× the bare route's rate (target ≥ 0.40×): ${verdict(ratio >= 0.4)}; by server CPU per request ${(ceiling.cpuPerOk / sqlite.closed.cpuPerOk).toFixed(2)}×`);
    const steady = sqlite.open.perSec >= 0.95 * 2_000;
    summary.push(`server sqlite: at 2,000/s offered ${Math.round(sqlite.open.perSec).toLocaleString('en')}/s accepted, p99 ${sqlite.open.p99} ms (target ≤ 50 ms, all accepted): ${verdict(steady && sqlite.open.p99 <= 50)}`);

    const unreachable = await postgresReachable();
    if (unreachable) {
      lines.push(`server postgres: skipped, ${PG_URL} is not reachable (${unreachable})`);
    } else {
      const schema = `diag_bench_${randomBytes(6).toString('hex')}`;
      const url = new URL(PG_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const pgStore: StoreOptions = { databaseUrl: PG_URL, pgSchema: schema };
      try {
        const pgLoad = await prepare(pgStore);
        const postgres = await runBackend('postgres', pgLoad, { DIAG_DATA_DIR: dir, DATABASE_URL: url.toString() }, pgStore);
        lines.push(...postgres.lines);
        const pgRatio = postgres.closed.perSec / ceiling.perSec;
        const trips = await roundTripsPerSubmission(pgStore, pgLoad);
        summary.push(`server postgres: ${pgRatio.toFixed(2)}× the bare route's rate (target ≥ 0.25×): ${verdict(pgRatio >= 0.25)}; by server CPU per request ${(ceiling.cpuPerOk / postgres.closed.cpuPerOk).toFixed(2)}× (PostgreSQL's own CPU not counted)`);
        summary.push(`server postgres: ${trips} round trip${trips === 1 ? '' : 's'} for a submission alone (target 1; under load submissions share them, see npm run bench -- store): ${verdict(trips === 1)}`);
      } finally {
        const admin = new pg.Client({ connectionString: PG_URL });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.end();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [...lines, ...summary];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await benchServer()) console.log(l);
}
