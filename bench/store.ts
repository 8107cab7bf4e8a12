/**
 * Store throughput: validated web submissions (each with its invitation slot) stored durably, one at a time and
 * with many in flight as a busy server would have them, on SQLite (WAL, synchronous = FULL, group commit) and, when
 * it can be reached, on PostgreSQL (TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test, in a
 * throw-away schema). Latency is per submission, from the call to the durable acknowledgement. On PostgreSQL each run
 * also counts its statements: submissions that arrive together share one (group commit, postgres-submit.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadQuestionnaire } from '../src/questionnaire/load.ts';
import type { SurveyResponse } from '../src/questionnaire/response.ts';
import type { Questionnaire } from '../src/questionnaire/types.ts';
import { validateResponse } from '../src/questionnaire/validate.ts';
import { openStore } from '../src/responses/store/open.ts';
import { hashToken } from '../src/responses/store/tokens.ts';
import type { NewInvitation, Store } from '../src/responses/store/types.ts';
import { generateSynthetic } from '../src/synth/generate.ts';
import { countStatements } from './pg-statements.ts';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

interface Run {
  label: string;
  n: number;
  ms: number;
  latencies: number[];
  /** statements sent to PostgreSQL during the run */
  statements?: number;
}

/** A wave with one invitation (3 slots) per 3 responses; returns the token hash of each response. */
async function prepare(store: Store, n: number): Promise<string[]> {
  const { frame } = await store.importFrame({ name: 'bench', version: '1', source: 'bench' }, [{ teryt: '0201011', name: 'x', kind: 'urban', voivodeship: '02', county: '0201', synthetic: true }]);
  const invitations: NewInvitation[] = Array.from({ length: Math.ceil(n / 3) }, (_, i) => ({
    teryt: String(1_000_000 + i),
    tokenHash: hashToken(`bench-token-${i}`),
    slots: 3,
    stratum: 'all',
    inclusionProbability: 1,
    baseWeight: 1,
  }));
  await store.createWave({ name: 'bench', frameId: frame.id, sampleSize: invitations.length, strata: [], allocation: 'proportional', seed: 'bench', slots: 3, allocationTable: [], secretFingerprint: '0'.repeat(16) }, invitations);
  // Respondents of one JST rarely submit in the same millisecond: spread consecutive submissions over the invitations.
  return Array.from({ length: n }, (_, i) => invitations[i % invitations.length]!.tokenHash);
}

/** Validates and stores responses[from, from+count) with at most `inFlight` submissions pending at once. */
async function submitAll(q: Questionnaire, store: Store, responses: SurveyResponse[], tokens: string[], from: number, count: number, inFlight: number, label: string): Promise<Run> {
  const latencies: number[] = [];
  let next = from;
  const t0 = performance.now();
  const worker = async () => {
    while (next < from + count) {
      const i = next++;
      const r = responses[i % responses.length]!;
      const start = performance.now();
      if (!validateResponse(q, r).ok) throw new Error(`bench response ${r.id} is invalid`);
      await store.submitResponse({ id: `b${i}`, data: r.data, meta: r.meta, tokenHash: tokens[i]! });
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { label, n: count, ms: performance.now() - t0, latencies };
}

/** Open loop, as a server sees traffic: submissions arrive at `rate` per second whatever the store does; latency counts from arrival. */
async function submitAtRate(q: Questionnaire, store: Store, responses: SurveyResponse[], tokens: string[], from: number, count: number, rate: number): Promise<Run> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const interval = 1000 / rate;
  const t0 = performance.now();
  let i = 0;
  while (i < count) {
    const now = performance.now();
    for (; i < count && t0 + i * interval <= now; i++) {
      const arrival = t0 + i * interval;
      const k = from + i;
      const r = responses[k % responses.length]!;
      pending.push(
        (async () => {
          if (!validateResponse(q, r).ok) throw new Error(`bench response ${r.id} is invalid`);
          await store.submitResponse({ id: `b${k}`, data: r.data, meta: r.meta, tokenHash: tokens[k]! });
          latencies.push(performance.now() - arrival);
        })(),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  return { label: `open loop at ${rate.toLocaleString('en')}/s`, n: count, ms: performance.now() - t0, latencies };
}

/** Runs `fn` and adds the statements it sent to PostgreSQL to its run. */
async function counted(fn: () => Promise<Run>): Promise<Run> {
  const { value, statements } = await countStatements(fn);
  return { ...value, statements };
}

function describe(backend: string, run: Run): string {
  const sorted = run.latencies.slice().sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2);
  const rate = Math.round(run.n / (run.ms / 1000)).toLocaleString('en');
  const trips = run.statements === undefined ? '' : `; ${(run.statements / run.n).toFixed(2)} statements (round trips) per submission`;
  return `store ${backend}: ${run.label}: ${run.n.toLocaleString('en')} validated submissions in ${(run.ms / 1000).toFixed(2)} s — ${rate}/s; latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${pct(1)} ms${trips}`;
}

async function benchBackend(q: Questionnaire, backend: string, store: Store, responses: SurveyResponse[]): Promise<string[]> {
  const sequential = 1_000;
  const open = 10_000;
  const concurrent = 20_000;
  const tokens = await prepare(store, sequential + open + concurrent);
  const measure = backend === 'postgres' ? counted : (fn: () => Promise<Run>) => fn();
  const lines = [
    describe(backend, await measure(() => submitAll(q, store, responses, tokens, 0, sequential, 1, 'one at a time'))),
    describe(backend, await measure(() => submitAtRate(q, store, responses, tokens, sequential, open, 2_000))),
    describe(backend, await measure(() => submitAll(q, store, responses, tokens, sequential + open, concurrent, 256, 'closed loop, 256 in flight'))),
  ];
  lines.push(`store ${backend}: ${(await store.countResponses()).toLocaleString('en')} responses stored`);
  return lines;
}

export async function benchStore(): Promise<string[]> {
  const q = loadQuestionnaire();
  const { responses } = generateSynthetic(q, { respondents: 2_000, seed: 'bench-store' });
  const valid = responses.filter((r) => validateResponse(q, r).ok);
  const lines: string[] = [];

  const dir = mkdtempSync(join(tmpdir(), 'diag-bench-store-'));
  const sqlite = await openStore({ dataDir: dir, databaseUrl: '' });
  try {
    lines.push(...(await benchBackend(q, 'sqlite', sqlite, valid)));
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const schema = `diag_bench_${randomBytes(4).toString('hex')}`;
  let postgres: Store | undefined;
  try {
    postgres = await openStore({ databaseUrl: PG_URL, pgSchema: schema, poolSize: 16 });
  } catch (e) {
    lines.push(`store postgres: skipped, ${PG_URL.replace(/:[^:@/]+@/, ':***@')} not reachable (${(e as Error).message})`);
  }
  if (postgres) {
    try {
      lines.push(...(await benchBackend(q, 'postgres', postgres, valid)));
    } finally {
      await postgres.close();
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await benchStore()) console.log(line);
